import Contract
import Domain
import ExportAPI
import Foundation
import Store

/// `POST /export/forward-plans/csv`: the forward plans list as CSV, one row per plan
/// (docs/exports.md).
extension ForwardPlansFeature {
    static let forwardPlansExport = CSVResource(
        type: .forwardPlan, name: "forward_plans", source: ForwardPlanSummaryRow.list,
        columns: [
            CSVColumn("forward_plan_reference_number", "f.forward_plan_reference_number"),
            CSVColumn("work_reference_number", "f.work_reference_number"),
            CSVColumn("promoter_swa_code", "f.promoter_swa_code"),
            CSVColumn("promoter_organisation", "f.promoter_swa_code", .organisationName),
            CSVColumn("highway_authority_swa_code", "f.highway_authority_swa_code"),
            CSVColumn("highway_authority", "f.highway_authority_swa_code", .organisationName),
            CSVColumn("workstream_prefix", "f.workstream_prefix"),
            CSVColumn("street", "w.street_name"), CSVColumn("town", "w.town"), CSVColumn("area", "w.area_name"),
            CSVColumn("usrn", "w.usrn", .integer), CSVColumn("road_category", "w.road_category", .integer),
            CSVColumn("location_description", "f.works_location_description"),
            CSVColumn("description_of_work", "f.description_of_work"),
            CSVColumn("project_reference_number", "f.project_reference_number"),
            CSVColumn("traffic_management_type", "f.traffic_management_type"),
            CSVColumn("proposed_start_date", "f.start_date", .instant),
            CSVColumn("proposed_end_date", "f.end_date", .instant),
            CSVColumn("forward_plan_status", "f.forward_plan_status"),
            CSVColumn("cancelled_reason", "f.cancelled_reason"),
            CSVColumn("permit_reference_number", "f.permit_reference_number"),
            CSVColumn("date_created", "f.date_created", .instant),
            CSVColumn("date_modified", "f.date_modified", .instant),
        ])
}

/// Export API: queuing the forward plans export.
extension ExportAPIHandler {
    func generateForwardPlansCsv(_ input: Operations.GenerateForwardPlansCsv.Input) async throws
        -> Operations.GenerateForwardPlansCsv.Output
    {
        let body = RequestScope.current?.body?.objectValue ?? [:]
        try ForwardPlanFilters.checkRanges { name in body[name]?.stringValue.flatMap(ISO8601.parse) }
        return .ok(
            .init(body: .json(.init(csvId: Double(try await CSVExports(services: services).enqueue(.forwardPlan))))))
    }
}
