import Domain
import ExportAPI
import Foundation
import Store

/// `POST /export/fixed-penalty-notices/csv`: the notices list as CSV (docs/exports.md).
extension FpnsFeature {
    static let fpnsExport = CSVResource(
        type: .fpn, name: "fixed_penalty_notices", source: FPNRow.list,
        columns: [
            CSVColumn("fpn_reference_number", "f.fpn_reference_number"),
            CSVColumn("work_reference_number", "f.work_reference_number"),
            CSVColumn("permit_reference_number", "f.permit_reference_number"),
            CSVColumn("promoter_swa_code", "f.promoter_swa_code"),
            CSVColumn("promoter", "f.promoter_swa_code", .organisationName),
            CSVColumn("highway_authority_swa_code", "f.highway_authority_swa_code"),
            CSVColumn("highway_authority", "f.highway_authority_swa_code", .organisationName),
            CSVColumn("workstream_prefix", "f.workstream_prefix"),
            CSVColumn("street_name", "f.street_name"), CSVColumn("usrn", "f.usrn", .integer),
            CSVColumn("location", "f.location"),
            CSVColumn("offence_code", "f.offence_code"),
            CSVColumn("offence_date", "f.offence_date", .instant),
            CSVColumn("offence_details", "f.offence_details"),
            CSVColumn("authorised_officer", "f.authorised_officer"),
            CSVColumn("officer_contact_details", "f.officer_contact_details"),
            CSVColumn("officer_address", "f.officer_address"),
            CSVColumn("representations_contact", "f.representations_contact"),
            CSVColumn("representations_contact_address", "f.representations_contact_address"),
            CSVColumn("payment_methods", "f.payment_methods"),
            CSVColumn("fpn_evidence", "f.fpn_evidence", .boolean),
            CSVColumn("status", "f.fpn_status"), CSVColumn("status_reason", "f.status_reason"),
            CSVColumn("issue_date", "f.issue_date_time", .instant),
            CSVColumn("status_changed_date", "f.status_changed_date", .instant),
        ])
}

/// Export API: queuing the fixed penalty notices export.
extension ExportAPIHandler {
    func generateFpnsCsv(_ input: Operations.GenerateFpnsCsv.Input) async throws
        -> Operations.GenerateFpnsCsv.Output
    {
        let body = RequestScope.current?.body?.objectValue ?? [:]
        try FpnsFeature.checkWindows(
            [("start_date", "end_date"), ("status_changed_date_from", "status_changed_date_to")]
        ) { body[$0]?.stringValue.flatMap(ISO8601.parse) }
        return .ok(.init(body: .json(.init(csvId: Double(try await CSVExports(services: services).enqueue(.fpn))))))
    }
}
