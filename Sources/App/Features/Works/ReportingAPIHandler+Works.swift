import Foundation
import ReportingAPI
import Store

/// Reporting API: the works list.
extension ReportingAPIHandler {
    /// Works records visible to the caller whose reference starts with the one given, newest
    /// first, one page of 25 (R-DATA-01).
    func getWorks(_ input: Operations.GetWorks.Input) async throws -> Operations.GetWorks.Output {
        let page = try await WorkSummaryRow.list.page(
            try RawRequest.current(), principal: try RequestScope.principal(), in: services.database)
        return .ok(.init(body: .json(.init(rows: try page.rows.map(Components.Schemas.WorkSearchResponse.init)))))
    }
}

extension Components.Schemas.WorkSearchResponse {
    init(_ r: WorkSummaryRow) throws {
        let start = r.actualStartDate ?? r.proposedStartDate ?? r.createdAt
        self.init(
            workReferenceNumber: r.workReferenceNumber, locationDescription: r.worksLocationDescription ?? "",
            street: r.streetName, town: r.town ?? "", area: r.areaName ?? "", workStatus: try Wire.map(r.workStatus),
            workStatusString: r.workStatus.rawValue, workStartDate: start,
            workEndDate: r.actualStopDate ?? r.proposedEndDate ?? start)
    }
}
