import Domain
import ExportAPI
import Store

/// `POST /export/permits/csv`: the permits list as CSV, one row per permit, the columns of the
/// reporting list (docs/exports.md).
extension PermitsFeature {
    static let permitsExport = CSVResource(
        type: .permit, name: "permits", source: PermitSummaryRow.list,
        columns: [
            CSVColumn("work_reference_number", "p.work_reference_number"),
            CSVColumn("permit_reference_number", "p.permit_reference_number"),
            CSVColumn("promoter_swa_code", "p.promoter_swa_code"),
            CSVColumn("promoter_organisation", "p.promoter_swa_code", .organisationName),
            CSVColumn("highway_authority_swa_code", "p.highway_authority_swa_code"),
            CSVColumn("highway_authority", "p.highway_authority_swa_code", .organisationName),
            CSVColumn("workstream_prefix", "p.workstream_prefix"),
            CSVColumn("street", "p.street_name"), CSVColumn("town", "w.town"), CSVColumn("area", "w.area_name"),
            CSVColumn("usrn", "p.usrn", .integer), CSVColumn("road_category", "w.road_category", .integer),
            CSVColumn("location_description", "p.works_location_description"),
            CSVColumn("description_of_work", "p.description_of_work"),
            CSVColumn("work_category", "p.work_category"), CSVColumn("activity_type", "p.activity_type"),
            CSVColumn("traffic_management_type", "p.traffic_management_type"),
            CSVColumn("status", "p.permit_status"), CSVColumn("assessment_status", "p.assessment_status"),
            CSVColumn("work_status", "w.work_status"),
            CSVColumn("proposed_start_date", "p.proposed_start_date", .instant),
            CSVColumn("proposed_end_date", "p.proposed_end_date", .instant),
            CSVColumn("proposed_start_time", "p.proposed_start_time"),
            CSVColumn("proposed_end_time", "p.proposed_end_time"),
            CSVColumn("actual_start_date", "p.actual_start_date", .instant),
            CSVColumn("actual_end_date", "p.actual_stop_date", .instant),
            CSVColumn("deadline_date", "p.deadline_date"),
            CSVColumn("date_created", "p.date_created", .instant),
            CSVColumn("status_changed_date", "p.date_modified", .instant),
            CSVColumn(
                "is_active_permit",
                "CASE WHEN w.active_permit_reference_number = p.permit_reference_number THEN 1 ELSE 0 END", .boolean),
            CSVColumn("is_traffic_sensitive", "p.is_traffic_sensitive", .boolean),
            CSVColumn(
                "is_high_impact_traffic_management",
                "CASE WHEN p.traffic_management_type IN ("
                    + PermitRules.highImpactTrafficManagement.sorted().map { "'\($0)'" }.joined(separator: ", ")
                    + ") THEN 1 ELSE 0 END", .boolean),
            CSVColumn("has_no_final_reinstatement", "w.final_reinstatement", .notBoolean),
            CSVColumn("is_deemed", "p.is_deemed", .boolean), CSVColumn("is_early_start", "p.is_early_start", .boolean),
            CSVColumn("excavation_carried_out", "p.excavation", .boolean),
            CSVColumn("is_lane_rental", "p.lane_rental_applicable", .boolean),
            CSVColumn("lane_rental_assessment_outcome", "p.lane_rental_assessment_outcome"),
            CSVColumn("lane_rental_charges_not_agreed", "p.lane_rental_charges_not_agreed", .boolean),
            CSVColumn("lane_rental_charges_potentially_apply", "p.lane_rental_applicable", .boolean),
            CSVColumn("is_duration_challenged", "p.is_duration_challenged", .boolean),
            CSVColumn("reasonable_period_end_date", PermitSummaryRow.reasonablePeriodEnd, .instant),
        ])
}

/// Export API: queuing the permits export.
extension ExportAPIHandler {
    func generatePermitsCsv(_ input: Operations.GeneratePermitsCsv.Input) async throws
        -> Operations.GeneratePermitsCsv.Output
    {
        .ok(.init(body: .json(.init(csvId: Double(try await CSVExports(services: services).enqueue(.permit))))))
    }
}
