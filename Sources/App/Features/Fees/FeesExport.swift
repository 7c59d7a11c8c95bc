import Contract
import Domain
import ExportAPI
import Foundation
import Store

/// `POST /export/fees/csv`: the fee report (R-FEE-07), one row per chargeable transaction dated
/// in the range, oldest first, with the permit and works record as they are when the report
/// runs; no fee amounts (docs/exports.md).
extension FeesFeature {
    static let feesExport = CSVResource(
        type: .fee, name: "fees", source: FeeTransactionRow.report,
        columns: [
            CSVColumn("transaction_date", "f.transaction_date", .instant),
            CSVColumn("transaction_type", "f.transaction_type"),
            CSVColumn("work_reference_number", "f.work_reference_number"),
            CSVColumn("permit_reference_number", "f.permit_reference_number"),
            CSVColumn("change_request_reference_number", "f.change_request_reference_number"),
            CSVColumn("progressed_paa_reference_number", "f.progressed_paa_reference_number"),
            CSVColumn("promoter_swa_code", "f.promoter_swa_code"),
            CSVColumn("promoter_organisation", "f.promoter_swa_code", .organisationName),
            CSVColumn("highway_authority_swa_code", "f.highway_authority_swa_code"),
            CSVColumn("highway_authority", "f.highway_authority_swa_code", .organisationName),
            CSVColumn("workstream_prefix", "f.workstream_prefix"),
            CSVColumn("usrn", "p.usrn", .integer), CSVColumn("street", "p.street_name"),
            CSVColumn("road_category", "w.road_category", .integer),
            CSVColumn("is_street_traffic_sensitive", "f.is_street_traffic_sensitive", .boolean),
            CSVColumn("is_works_traffic_sensitive", "f.is_works_traffic_sensitive", .boolean),
            CSVColumn("work_category", "p.work_category"),
            CSVColumn("previous_work_category", "f.previous_work_category"),
            CSVColumn("work_type", "p.work_type"), CSVColumn("activity_type", "p.activity_type"),
            CSVColumn(
                "assessment_discount",
                "CASE WHEN f.change_request_reference_number IS NULL THEN p.assessment_discount ELSE cr.assessment_discount END",
                .integer),
        ],
        split: CSVSplit(
            parameter: "fee_report_format", value: FeeReportFormat.allOrganisationsMultipleCSVs.rawValue,
            parts: { visibility in
                // One file per organisation on the other side: a highway authority's promoters, a
                // promoter's highway authorities.
                if case .highwayAuthority = visibility {
                    return ("f.promoter_swa_code", "promoter_swa_code_filter")
                }
                return ("f.highway_authority_swa_code", "highway_authority_swa_code_filter")
            }, fileName: { "fees_\($0).csv" }))
}

/// Export API: queuing the fee report.
extension ExportAPIHandler {
    /// R-FEE-07: the range (both ends required, the end on or after the start, the start within
    /// 30 days of the end), the format, and for one organisation its SWA code, checked now (400s
    /// naming each field); the rows are those the caller sees, as for every export: a highway
    /// authority's on its streets, a promoter's (or the one a contractor names with `swa_code`)
    /// within its workstream grants.
    func generateFeesCsv(_ input: Operations.GenerateFeesCsv.Input) async throws
        -> Operations.GenerateFeesCsv.Output
    {
        var request: Components.Schemas.FeesCSVExportRequest? = nil
        if case .json(let body)? = input.body { request = body }
        let principal = try RequestScope.principal()
        // An empty filter is none.
        let organisation = request?.swaCodeFilter.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
            .flatMap { $0.isEmpty ? nil : $0 }
        let report = FeeReportRequest(
            start: request?.startDate, end: request?.endDate,
            format: request.flatMap { FeeReportFormat(rawValue: $0.feeReportFormat.rawValue) },
            organisation: organisation)
        var errors = FeeReportRules.problems(report).map { FieldError(field: $0.field, message: $0.message) }
        // R-SEC-12: a contractor says which promoter it acts for (the request's x-rules).
        if principal.organisation.type == .contractor, (request?.swaCode ?? "").isEmpty {
            errors.append(FieldError(field: "swa_code", message: "is required when the caller is a contractor"))
        }
        if let organisation, try await IdentityRepository(services.database).organisation(organisation) == nil {
            errors.append(FieldError(field: "swa_code_filter", message: "names no organisation"))
        }
        if !errors.isEmpty { throw AppError.invalid(errors) }
        guard let start = report.start, let end = report.end, let format = report.format else {
            throw AppError.invalid(field: "body", "is required")
        }
        var filters = [
            "start_date": [ISO8601.format(start)], "end_date": [ISO8601.format(end)],
            "fee_report_format": [format.rawValue],
        ]
        if let organisation, format == .singleOrganisationOneCSV {
            // The other side of the caller's transactions.
            let side =
                principal.organisation.type == .highwayAuthority
                ? "promoter_swa_code_filter" : "highway_authority_swa_code_filter"
            filters[side] = [organisation]
        }
        let id = try await CSVExports(services: services).enqueue(.fee, filters: filters)
        return .ok(.init(body: .json(.init(csvId: Double(id)))))
    }
}
