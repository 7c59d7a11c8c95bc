import Domain
import ExportAPI
import Foundation
import Store

/// The sampling exports (docs/exports.md).
extension SamplingFeature {
    /// `POST /export/pbi-sample-inspection-targets/csv`: the targets active at some time in the
    /// window, closed ones included.
    static let targetsExport = CSVResource(
        type: .pbiSampleInspectionTarget, name: "pbi_sample_inspection_targets",
        source: SamplingRepository.targetExportList,
        columns: [
            CSVColumn("sample_inspection_target_reference_number", "t.sample_inspection_target_reference_number"),
            CSVColumn("highway_authority_swa_code", "t.highway_authority_swa_code"),
            CSVColumn("highway_authority", "t.highway_authority_swa_code", .organisationName),
            CSVColumn("org_ref", "t.promoter_swa_code"),
            CSVColumn("organisation_name", "t.promoter_swa_code", .organisationName),
            CSVColumn("target_status", "t.target_status"),
            CSVColumn("inspection_units", "t.inspection_units"),
            CSVColumn("inspection_rate", "t.inspection_rate"),
            CSVColumn("is_inspection_rate_auto_updated", "t.is_inspection_rate_auto_updated", .boolean),
            CSVColumn("target_a", "t.target_a", .integer), CSVColumn("target_b", "t.target_b", .integer),
            CSVColumn("target_c", "t.target_c", .integer), CSVColumn("completed_a", "t.completed_a", .integer),
            CSVColumn("completed_b", "t.completed_b", .integer), CSVColumn("completed_c", "t.completed_c", .integer),
            CSVColumn("generated_a", "t.generated_a", .integer), CSVColumn("generated_b", "t.generated_b", .integer),
            CSVColumn("generated_c", "t.generated_c", .integer),
            CSVColumn("start_date", "t.quarter_start", .instant), CSVColumn("end_date", "t.quarter_end", .instant),
            CSVColumn("date_created", "t.date_created", .instant), CSVColumn("closed_at", "t.closed_at", .instant),
        ])

    /// `POST /export/pbi-sample-inspections-due/csv`: the sample inspections list (active samples).
    static let samplesDueExport = CSVResource(
        type: .pbiSampleInspectionsDue, name: "pbi_sample_inspections_due", source: SamplingRepository.sampleList,
        columns: [
            CSVColumn("pbi_sample_inspection_reference_number", "s.sample_inspection_reference_number"),
            CSVColumn("work_reference_number", "s.work_reference_number"),
            CSVColumn("street", "w.street_name"), CSVColumn("town", "w.town"), CSVColumn("area", "w.area_name"),
            CSVColumn("usrn", "w.usrn", .integer),
            CSVColumn("location_description", "p.works_location_description"),
            CSVColumn("promoter_swa_code", "s.promoter_swa_code"),
            CSVColumn("promoter_organisation", "s.promoter_swa_code", .organisationName),
            CSVColumn("inspection_category", "s.inspection_category"),
            CSVColumn("sample_expiry_date", "s.sample_expiry_date", .instant),
            CSVColumn("date_created", "s.date_created", .instant),
        ])
}

/// Export API: queuing the sampling exports.
extension ExportAPIHandler {
    func generatePbiSampleInspectionTargetsCsv(_ input: Operations.GeneratePbiSampleInspectionTargetsCsv.Input)
        async throws -> Operations.GeneratePbiSampleInspectionTargetsCsv.Output
    {
        let body = RequestScope.current?.body?.objectValue ?? [:]
        if let from = body["date_from"]?.stringValue.flatMap(ISO8601.parse),
            let to = body["date_to"]?.stringValue.flatMap(ISO8601.parse), to < from
        {
            throw AppError.invalid(field: "date_to", "must not be before date_from")
        }
        return .created(
            .init(
                body: .json(
                    .init(
                        csvId: Double(try await CSVExports(services: services).enqueue(.pbiSampleInspectionTarget))))))
    }

    func generatePbiSampleInspectionsDueCsv(_ input: Operations.GeneratePbiSampleInspectionsDueCsv.Input)
        async throws -> Operations.GeneratePbiSampleInspectionsDueCsv.Output
    {
        let body = RequestScope.current?.body?.objectValue ?? [:]
        try SampleInspectionFilters.checkRange { name in body[name]?.stringValue.flatMap(ISO8601.parse) }
        return .created(
            .init(
                body: .json(
                    .init(csvId: Double(try await CSVExports(services: services).enqueue(.pbiSampleInspectionsDue))))))
    }
}
