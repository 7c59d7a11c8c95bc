import Domain
import ExportAPI
import Store

/// `POST /export/inspections/csv`, `/reinspections/csv` and `/non-compliances/csv`: the lists as
/// CSV (docs/exports.md).
extension InspectionsFeature {
    static let inspectionsExport = CSVResource(
        type: .inspection, name: "inspections", source: InspectionSummaryRow.list,
        columns: [
            CSVColumn("inspection_reference_number", "i.inspection_reference_number"),
            CSVColumn("work_reference_number", "i.work_reference_number"),
            CSVColumn("promoter_swa_code", "i.promoter_swa_code"),
            CSVColumn("promoter_organisation", "i.promoter_swa_code", .organisationName),
            CSVColumn("highway_authority_swa_code", "i.highway_authority_swa_code"),
            CSVColumn("highway_authority", "i.highway_authority_swa_code", .organisationName),
            CSVColumn("workstream_prefix", "i.workstream_prefix"), CSVColumn("street", "w.street_name"),
            CSVColumn("town", "w.town"), CSVColumn("area", "w.area_name"), CSVColumn("usrn", "w.usrn", .integer),
            CSVColumn(
                "location_description", "COALESCE(p.works_location_description, h.works_location_description)"),
            CSVColumn("inspection_type", "i.inspection_type"),
            CSVColumn("inspection_category", "i.inspection_category"),
            CSVColumn("inspection_outcome", "i.inspection_outcome"),
            CSVColumn("inspection_date", "i.inspection_start_date", .instant),
            CSVColumn("inspection_status", "i.inspection_status"), CSVColumn("inspector_name", "i.inspector_name"),
            CSVColumn("made_safe_by_ha", "i.made_safe_by_ha", .boolean),
            CSVColumn("was_call_logged", "i.was_call_logged", .boolean),
            CSVColumn("defect_fixed_on_site", "i.defect_fixed_on_site"),
            CSVColumn("inspection_outcome_details", "i.inspection_outcome_details"),
            CSVColumn("additional_comments", "i.additional_comments"),
            CSVColumn("reason_for_withdrawal", "i.reason_for_withdrawal"),
            CSVColumn("withdrawal_details", "i.withdrawal_details"),
            CSVColumn("promoter_response_status", "i.promoter_response_status"),
            CSVColumn("promoter_response_status_change_date", "i.promoter_response_status_change_date", .instant),
            CSVColumn("ha_response_status", "i.ha_response_status"),
            CSVColumn("ha_response_status_change_date", "i.ha_response_status_change_date", .instant),
            CSVColumn("auto_acceptance_due_date", "i.auto_acceptance_due_date", .instant),
            CSVColumn("is_auto_accepted", "i.is_auto_accepted", .boolean),
            CSVColumn("non_compliance_reference_number", "i.non_compliance_reference_number"),
            CSVColumn("date_created", "i.date_created", .instant),
            CSVColumn("date_modified", "i.date_modified", .instant),
        ])

    static let reinspectionsExport = CSVResource(
        type: .reinspection, name: "reinspections", source: ReinspectionSummaryRow.list,
        columns: [
            CSVColumn("work_reference_number", "s.work_reference_number"),
            CSVColumn("promoter_swa_code", "s.promoter_swa_code"),
            CSVColumn("promoter_organisation", "s.promoter_swa_code", .organisationName),
            CSVColumn("highway_authority_swa_code", "s.highway_authority_swa_code"),
            CSVColumn("highway_authority", "s.highway_authority_swa_code", .organisationName),
            CSVColumn("workstream_prefix", "s.workstream_prefix"), CSVColumn("street", "w.street_name"),
            CSVColumn("town", "w.town"), CSVColumn("area", "w.area_name"), CSVColumn("usrn", "w.usrn", .integer),
            CSVColumn(
                "location_description", "COALESCE(p.works_location_description, h.works_location_description)"),
            CSVColumn("inspection_type", "s.inspection_type"),
            CSVColumn("inspection_category", "s.inspection_category"),
            CSVColumn("reinspection_date", "s.scheduled_date", .instant),
            CSVColumn("reinspection_date_time", "s.scheduled_date_time", .instant),
            CSVColumn("date_created", "s.date_created", .instant),
        ])

    static let nonCompliancesExport = CSVResource(
        type: .nonCompliance, name: "non_compliances", source: NonComplianceSummaryRow.list,
        columns: [
            CSVColumn("non_compliance_reference_number", "n.non_compliance_reference_number"),
            CSVColumn("work_reference_number", "n.work_reference_number"),
            CSVColumn("promoter_swa_code", "n.promoter_swa_code"),
            CSVColumn("promoter_organisation", "n.promoter_swa_code", .organisationName),
            CSVColumn("highway_authority_swa_code", "n.highway_authority_swa_code"),
            CSVColumn("highway_authority", "n.highway_authority_swa_code", .organisationName),
            CSVColumn("workstream_prefix", "n.workstream_prefix"), CSVColumn("street", "w.street_name"),
            CSVColumn("town", "w.town"), CSVColumn("area", "w.area_name"), CSVColumn("usrn", "w.usrn", .integer),
            CSVColumn("non_compliance_status", "n.non_compliance_status"),
            CSVColumn("date_created", "n.date_created", .instant),
            CSVColumn(
                "associated_inspections",
                "(SELECT COUNT(*) FROM inspections ai WHERE ai.non_compliance_reference_number = n.non_compliance_reference_number)",
                .integer),
            CSVColumn("jsm_status", "n.jsm_status"), CSVColumn("jsm_suggested_time", "n.jsm_suggested_time", .instant),
            CSVColumn("latest_ha_response_status", "n.ha_response_status"),
            CSVColumn("latest_ha_response_date", "n.ha_response_update_date", .instant),
            CSVColumn("latest_promoter_response_status", "n.promoter_response_status"),
            CSVColumn("latest_promoter_response_date", "n.promoter_response_update_date", .instant),
            CSVColumn("most_recent_inspection_reference_number", "li.inspection_reference_number"),
            CSVColumn("most_recent_inspection_type", "li.inspection_type"),
            CSVColumn("most_recent_inspection_outcome", "li.inspection_outcome"),
            CSVColumn("most_recent_inspection_promoter_response_status", "li.promoter_response_status"),
            CSVColumn("most_recent_inspection_ha_response_status", "li.ha_response_status"),
        ])
}

/// Export API: queuing the inspections, reinspections and non-compliances exports.
extension ExportAPIHandler {
    func generateInspectionCsv(_ input: Operations.GenerateInspectionCsv.Input) async throws
        -> Operations.GenerateInspectionCsv.Output
    {
        .ok(.init(body: .json(.init(csvId: Double(try await CSVExports(services: services).enqueue(.inspection))))))
    }

    func generateReinspectionCsv(_ input: Operations.GenerateReinspectionCsv.Input) async throws
        -> Operations.GenerateReinspectionCsv.Output
    {
        .created(
            .init(body: .json(.init(csvId: Double(try await CSVExports(services: services).enqueue(.reinspection))))))
    }

    func generateNonCompliancesCsv(_ input: Operations.GenerateNonCompliancesCsv.Input) async throws
        -> Operations.GenerateNonCompliancesCsv.Output
    {
        .created(
            .init(body: .json(.init(csvId: Double(try await CSVExports(services: services).enqueue(.nonCompliance))))))
    }
}
