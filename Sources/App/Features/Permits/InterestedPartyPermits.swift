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
        .ok(.init(body: .json(try await permitsPage(PermitSummaryRow.interestedPartyList))))
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
