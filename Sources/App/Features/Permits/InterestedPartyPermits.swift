import Domain
import ExportAPI
import Foundation
import ReportingAPI
import Store

/// Permits of other highway authorities on streets where the NSG records the caller's
/// organisation as an interested party (D-INTERESTED): a list and an export.
extension PermitsFeature {
    static let interestedPartyPermitsExport = CSVResource(
        type: .interestedPartyPermit, name: "interested_party_permits", source: PermitSummaryRow.interestedPartyList,
        columns: permitsExport.columns)
}

extension ReportingAPIHandler {
    func getInterestedPartyPermits(_ input: ReportingAPI.Operations.GetInterestedPartyPermits.Input) async throws
        -> ReportingAPI.Operations.GetInterestedPartyPermits.Output
    {
        let page = try await PermitSummaryRow.interestedPartyList.page(
            try RawRequest.current(), principal: try RequestScope.principal(), in: services.database)
        let names = try await PermitSummaryJSON.names(of: page.rows, database: services.database)
        return .ok(
            .init(
                body: .json(
                    .init(
                        pagination: .init(totalRows: Double(page.totalRows), hasNextPage: page.hasNextPage),
                        rows: try page.rows.map { try .init($0, names: names) }))))
    }
}

extension ExportAPIHandler {
    func generateInterestedPartyPermits(_ input: ExportAPI.Operations.GenerateInterestedPartyPermits.Input)
        async throws -> ExportAPI.Operations.GenerateInterestedPartyPermits.Output
    {
        .created(
            .init(
                body: .json(
                    .init(csvId: Double(try await CSVExports(services: services).enqueue(.interestedPartyPermit))))))
    }
}
