import Domain
import Foundation
import ReportingAPI
import Store

/// Reporting API: the workstreams list of the caller's organisation (R-SEC-13, R-SEC-17).
extension ReportingAPIHandler {
    func getWorkstreams(_ input: Operations.GetWorkstreams.Input) async throws -> Operations.GetWorkstreams.Output {
        let page = try await Workstream.list.page(
            try RawRequest.current(), principal: try RequestScope.principal(), in: services.database)
        return .ok(
            .init(
                body: .json(
                    .init(
                        pagination: .init(totalRows: Double(page.totalRows), hasNextPage: page.hasNextPage),
                        rows: try page.rows.map(Components.Schemas.WorkstreamSummaryResponse.init)))))
    }
}

extension Components.Schemas.WorkstreamSummaryResponse {
    init(_ w: Workstream) throws {
        self.init(
            prefix: w.prefix, name: w.name, description: w.description, status: try Wire.map(w.status),
            statusString: w.status, swaCode: w.organisationReference)
    }
}
