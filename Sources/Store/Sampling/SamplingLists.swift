import Domain
import Foundation

/// One row of the sample inspections list (`GET /reporting/pbi-sample-inspections`) and its
/// export: an active sample with its works record and the works' active permit.
public struct SampleInspectionSummaryRow: Sendable, Hashable {
    public var sample: SampleInspectionRow
    public var streetName: String
    public var town: String?
    public var areaName: String?
    public var usrn: Int
    public var locationDescription: String?

    init(row: SQLRow) throws {
        sample = try SamplingRepository.sample(from: row)
        streetName = try row.requireString("street_name")
        town = row.string("town")
        areaName = row.string("area_name")
        usrn = try row.requireInt("usrn")
        locationDescription = row.string("works_location_description")
    }
}

extension SamplingRepository {
    /// R-SAMP-08 (R-DATA-01): the active samples (issued: not completed, not expired) of the
    /// works in the caller's area, soonest expiry first.
    public static let sampleList = ListDescription<SampleInspectionSummaryRow>(
        from: """
            sample_inspections s JOIN works w ON w.work_reference_number = s.work_reference_number \
            LEFT JOIN permits p ON p.permit_reference_number = w.active_permit_reference_number
            """,
        columns: sampleColumns(as: "s")
            + ", w.street_name, w.town, w.area_name, w.usrn, p.works_location_description",
        filters: [
            ListFilter("work_reference_number", "s.work_reference_number", .equals, .upperText),
            ListFilter("street_descriptor", "w.street_name", .contains),
            ListFilter("usrn", "w.usrn", .equals, .integer),
            ListFilter(
                "organisation", "",
                .condition("(s.promoter_swa_code = ? OR s.highway_authority_swa_code = ?)", uses: 2)),
            ListFilter("sample_expiry_date_from", "s.sample_expiry_date", .from, .instant),
            ListFilter("sample_expiry_date_to", "s.sample_expiry_date", .to, .instant),
            ListFilter(
                "geographical_area_reference_number", "",
                .unsupported("geographical areas (R-VAL-14) are not built yet")),
        ],
        sorts: [
            "sample_expiry_date": "s.sample_expiry_date",
            "work_end_date": "COALESCE(p.actual_stop_date, p.proposed_end_date)",
        ],
        defaultSort: "s.sample_expiry_date", tieBreaker: "s.sample_inspection_reference_number",
        promoterColumn: "s.promoter_swa_code", highwayAuthorityColumn: "s.highway_authority_swa_code",
        workstreamColumn: "s.workstream_prefix", restriction: "s.sample_status = 'issued'",
        defaultAscending: true, decode: SampleInspectionSummaryRow.init(row:))

    /// R-SAMP-07 (R-DATA-01): the active targets the caller sees (an authority its own, a
    /// promoter those set for it); `quarter_start_date` keeps the targets of the quarter holding
    /// that instant.
    public static let targetList = ListDescription<SampleInspectionTargetRow>(
        from: "sample_inspection_targets t", columns: targetColumns(as: "t"),
        filters: [
            ListFilter(
                "quarter_start_date", "", .condition("(t.quarter_start <= ? AND t.quarter_end > ?)", uses: 2), .instant)
        ],
        sorts: ["is_inspection_rate_auto_updated": "t.is_inspection_rate_auto_updated"],
        defaultSort: "t.date_created", tieBreaker: "t.sample_inspection_target_reference_number",
        promoterColumn: "t.promoter_swa_code", highwayAuthorityColumn: "t.highway_authority_swa_code",
        workstreamColumn: nil, restriction: "t.target_status = 'active'", decode: target(from:))

    /// The targets export (`POST /export/pbi-sample-inspection-targets/csv`): every target, active
    /// or closed, that was active at some time between `date_from` and `date_to`.
    public static let targetExportList = ListDescription<SampleInspectionTargetRow>(
        from: "sample_inspection_targets t", columns: targetColumns(as: "t"),
        filters: [
            ListFilter("date_from", "", .condition("(t.closed_at IS NULL OR t.closed_at >= ?)", uses: 1), .instant),
            ListFilter("date_to", "", .condition("t.date_created <= ?", uses: 1), .instant),
        ],
        sorts: [:], defaultSort: "t.date_created", tieBreaker: "t.sample_inspection_target_reference_number",
        promoterColumn: "t.promoter_swa_code", highwayAuthorityColumn: "t.highway_authority_swa_code",
        workstreamColumn: nil, decode: target(from:))

    /// R-SAMP-04 (R-DATA-01): the generation jobs of the caller's highway authority, newest
    /// first (a promoter has none).
    public static let jobList = ListDescription<SampleGenerationJobRow>(
        from: "sample_generation_jobs j",
        columns: jobColumns.split(separator: ",").map { "j.\($0.trimmingCharacters(in: .whitespaces))" }.joined(
            separator: ", "),
        filters: [], sorts: [:], defaultSort: "j.sample_generation_job_id",
        tieBreaker: "j.sample_generation_job_id", promoterColumn: "j.highway_authority_swa_code",
        highwayAuthorityColumn: "j.highway_authority_swa_code", workstreamColumn: nil, decode: job(from:))
}
