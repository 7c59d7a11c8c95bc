import Domain
import Foundation

/// Where a works record is, for the lists: its street, town and area, and the location of its
/// active permit (or of its historic record, R-INSP-14).
public struct WorkPlace: Sendable, Hashable {
    public var streetName: String
    public var town: String?
    public var areaName: String?
    public var locationDescription: String

    init(row: SQLRow) throws {
        streetName = try row.requireString("street_name")
        town = row.string("town")
        areaName = row.string("area_name")
        locationDescription = row.string("location_description") ?? ""
    }

    /// The joins (`w` the works record) and columns that give it.
    static let joins = """
        JOIN works w ON w.work_reference_number = X.work_reference_number \
        LEFT JOIN permits p ON p.permit_reference_number = w.active_permit_reference_number \
        LEFT JOIN historic_works h ON h.work_reference_number = w.work_reference_number
        """
    static let columns =
        "w.street_name, w.town, w.area_name, COALESCE(p.works_location_description, h.works_location_description, '') AS location_description"

    /// Filters every list of this feature shares.
    static func filters(_ alias: String) -> [ListFilter] {
        [
            ListFilter("street_descriptor", "w.street_name", .contains),
            ListFilter("usrn", "w.usrn", .equals, .integer),
            ListFilter(
                "organisation", "",
                .condition("(\(alias).promoter_swa_code = ? OR \(alias).highway_authority_swa_code = ?)", uses: 2)),
            ListFilter(
                "geographical_area_reference_number", "",
                .unsupported("geographical areas (R-VAL-14) are not built yet")),
        ]
    }
}

/// One row of `GET /reporting/inspections` and the inspections export.
public struct InspectionSummaryRow: Sendable, Hashable {
    public var inspection: InspectionRow
    public var place: WorkPlace

    init(row: SQLRow) throws {
        inspection = try InspectionRepository.row(from: row)
        place = try WorkPlace(row: row)
    }

    /// `GET /reporting/inspections` (R-INSP, R-DATA-01): every filter of the contract's
    /// operation; an unanswered outcome is `no_response` on either side.
    public static let list = ListDescription<InspectionSummaryRow>(
        from: "inspections i " + WorkPlace.joins.replacingOccurrences(of: "X.", with: "i."),
        columns: InspectionRepository.columns(as: "i") + ", " + WorkPlace.columns,
        filters: WorkPlace.filters("i") + [
            ListFilter("start_date", "i.inspection_start_date", .from, .instant),
            ListFilter("end_date", "i.inspection_start_date", .to, .instant),
            ListFilter("inspection_type", "i.inspection_type", .anyOf),
            ListFilter("inspection_outcome", "i.inspection_outcome", .anyOf),
            ListFilter("inspection_category", "i.inspection_category", .anyOf),
            ListFilter("start_date_created", "i.date_created", .from, .instant),
            ListFilter("end_date_created", "i.date_created", .to, .instant),
            ListFilter("work_reference_number", "i.work_reference_number", .equals, .upperText),
            ListFilter("promoter_outcome_status", "COALESCE(i.promoter_response_status, 'no_response')", .anyOf),
            ListFilter("ha_outcome_status", "COALESCE(i.ha_response_status, 'no_response')", .anyOf),
            ListFilter("is_auto_accepted", "i.is_auto_accepted", .flag),
        ],
        sorts: ["inspection_date": "i.inspection_start_date"], defaultSort: "i.inspection_start_date",
        tieBreaker: "i.inspection_reference_number", promoterColumn: "i.promoter_swa_code",
        highwayAuthorityColumn: "i.highway_authority_swa_code", workstreamColumn: "i.workstream_prefix",
        decode: InspectionSummaryRow.init(row:))
}

/// One row of `GET /reporting/reinspections` and the reinspections export: a works record's
/// scheduled inspection (R-INSP-10).
public struct ReinspectionSummaryRow: Sendable, Hashable {
    public var scheduled: ScheduledInspectionRow
    public var place: WorkPlace

    init(row: SQLRow) throws {
        scheduled = try InspectionRepository.scheduled(from: row)
        place = try WorkPlace(row: row)
    }

    public static let list = ListDescription<ReinspectionSummaryRow>(
        from: "scheduled_inspections s " + WorkPlace.joins.replacingOccurrences(of: "X.", with: "s."),
        columns: InspectionRepository.scheduledColumns.split(separator: ",").map {
            "s." + $0.trimmingCharacters(in: .whitespaces)
        }.joined(separator: ", ") + ", " + WorkPlace.columns,
        filters: WorkPlace.filters("s") + [
            ListFilter("start_date", "s.scheduled_date", .from, .instant),
            ListFilter("end_date", "s.scheduled_date", .to, .instant),
            ListFilter("inspection_type", "s.inspection_type", .anyOf),
            ListFilter("inspection_category", "s.inspection_category", .anyOf),
            ListFilter("work_reference_number", "s.work_reference_number", .equals, .upperText),
        ],
        sorts: ["reinspection_date": "s.scheduled_date"], defaultSort: "s.scheduled_date",
        tieBreaker: "s.work_reference_number", promoterColumn: "s.promoter_swa_code",
        highwayAuthorityColumn: "s.highway_authority_swa_code", workstreamColumn: "s.workstream_prefix",
        decode: ReinspectionSummaryRow.init(row:))
}

/// One row of `GET /reporting/non-compliances` and its export: a non-compliance with how many
/// inspections it has and its most recent one (R-NC-01).
public struct NonComplianceSummaryRow: Sendable, Hashable {
    public var nonCompliance: NonComplianceRow
    public var place: WorkPlace
    public var associatedInspections: Int
    public var latestType: InspectionType
    public var latestOutcome: InspectionOutcome
    public var latestPromoterResponse: InspectionOutcomeStatus?
    public var latestHAResponse: InspectionOutcomeStatus?

    init(row: SQLRow) throws {
        nonCompliance = try InspectionRepository.nonCompliance(from: row)
        place = try WorkPlace(row: row)
        associatedInspections = try row.requireInt("associated_inspections")
        latestType = try row.value("latest_inspection_type")
        latestOutcome = try row.value("latest_inspection_outcome")
        latestPromoterResponse = try row.optionalValue("latest_promoter_response_status")
        latestHAResponse = try row.optionalValue("latest_ha_response_status")
    }

    /// The most recent inspection of the non-compliance `n`.
    static let latest =
        "(SELECT MAX(sequence) FROM inspections WHERE non_compliance_reference_number = n.non_compliance_reference_number)"

    public static let list = ListDescription<NonComplianceSummaryRow>(
        from: """
            non_compliances n \(WorkPlace.joins.replacingOccurrences(of: "X.", with: "n.")) \
            JOIN inspections li ON li.work_reference_number = n.work_reference_number AND li.sequence = \(latest)
            """,
        columns: InspectionRepository.nonComplianceColumns(as: "n") + ", " + WorkPlace.columns + """
            , (SELECT COUNT(*) FROM inspections ai WHERE ai.non_compliance_reference_number = n.non_compliance_reference_number) AS associated_inspections, \
            li.inspection_type AS latest_inspection_type, li.inspection_outcome AS latest_inspection_outcome, \
            li.promoter_response_status AS latest_promoter_response_status, li.ha_response_status AS latest_ha_response_status
            """,
        filters: WorkPlace.filters("n") + [
            ListFilter("non_compliance_date_created_from", "n.date_created", .from, .instant),
            ListFilter("non_compliance_date_created_to", "n.date_created", .to, .instant),
            ListFilter("non_compliance_reference_number", "n.non_compliance_reference_number", .equals, .upperText),
            ListFilter("non_compliance_status", "n.non_compliance_status", .anyOf),
            ListFilter("ha_response_status", "n.ha_response_status", .anyOf),
            ListFilter("promoter_response_status", "n.promoter_response_status", .anyOf),
            ListFilter("most_recent_inspection_type", "li.inspection_type", .anyOf),
            ListFilter("most_recent_inspection_outcome", "li.inspection_outcome", .anyOf),
            ListFilter(
                "most_recent_inspection_promoter_response_status",
                "COALESCE(li.promoter_response_status, 'no_response')", .anyOf),
            ListFilter(
                "most_recent_inspection_ha_response_status", "COALESCE(li.ha_response_status, 'no_response')", .anyOf),
        ],
        sorts: ["date_created": "n.date_created"], defaultSort: "n.date_created",
        tieBreaker: "n.non_compliance_reference_number", promoterColumn: "n.promoter_swa_code",
        highwayAuthorityColumn: "n.highway_authority_swa_code", workstreamColumn: "n.workstream_prefix",
        decode: NonComplianceSummaryRow.init(row:))
}
