import Domain
import ExportAPI
import Store

/// `POST /export/alterations/csv`: the alterations list as CSV (docs/exports.md).
extension ChangeRequestsFeature {
    static let alterationsExport = CSVResource(
        type: .permitAlteration, name: "alterations", source: ChangeRequestSummaryRow.list,
        columns: [
            CSVColumn("work_reference_number", "c.work_reference_number"),
            CSVColumn("permit_reference_number", "c.permit_reference_number"),
            CSVColumn("alteration_reference_number", "c.change_request_reference_number"),
            CSVColumn("promoter_swa_code", "c.promoter_swa_code"),
            CSVColumn("promoter", "c.promoter_swa_code", .organisationName),
            CSVColumn("highway_authority_swa_code", "c.highway_authority_swa_code"),
            CSVColumn("highway_authority", "c.highway_authority_swa_code", .organisationName),
            CSVColumn("workstream_prefix", "c.workstream_prefix"),
            CSVColumn("street", "p.street_name"), CSVColumn("town", "w.town"), CSVColumn("area", "w.area_name"),
            CSVColumn("usrn", "p.usrn", .integer), CSVColumn("location_description", "p.works_location_description"),
            CSVColumn("work_status", "w.work_status"), CSVColumn("work_category", "p.work_category"),
            CSVColumn("alteration_type", "c.change_request_type"),
            CSVColumn("alteration_status", "c.change_request_status"),
            CSVColumn("alteration_reason", "c.change_request_reason"),
            CSVColumn("proposed_start_date", "c.proposed_start_date", .instant),
            CSVColumn("proposed_end_date", "c.proposed_end_date", .instant),
            CSVColumn("original_proposed_start_date", "c.original_proposed_start_date", .instant),
            CSVColumn("original_proposed_end_date", "c.original_proposed_end_date", .instant),
            CSVColumn("date_created", "c.date_created", .instant), CSVColumn("deadline_date", "c.deadline_date"),
            CSVColumn("status_changed_date", "c.date_modified", .instant),
            CSVColumn("assessment_discount", "c.assessment_discount", .integer),
            CSVColumn("assessment_comments", "c.assessment_comments"),
            CSVColumn("reasonable_period_end_date", "c.reasonable_period_end_date", .instant),
            CSVColumn("lane_rental_assessment_outcome", "p.lane_rental_assessment_outcome"),
            CSVColumn("lane_rental_charges_not_agreed", "p.lane_rental_charges_not_agreed", .boolean),
            CSVColumn("lane_rental_charges_potentially_apply", "p.lane_rental_applicable", .boolean),
        ])
}

/// Export API: queuing the alterations export.
extension ExportAPIHandler {
    func generatePermitAlterationsCsv(_ input: Operations.GeneratePermitAlterationsCsv.Input) async throws
        -> Operations.GeneratePermitAlterationsCsv.Output
    {
        .ok(
            .init(
                body: .json(.init(csvId: Double(try await CSVExports(services: services).enqueue(.permitAlteration))))))
    }
}
