import Domain
import Foundation

/// One row of the permits list (`GET /reporting/permits`, `POST /event/permits/search`, and the
/// permit CSV export and map layers that follow): a permit with its works record.
public struct PermitSummaryRow: Sendable, Hashable {
    public var permitReferenceNumber: String
    public var workReferenceNumber: String
    public var promoterSWACode: String
    public var highwayAuthoritySWACode: String
    public var workstreamPrefix: String
    public var permitStatus: PermitStatus
    public var assessmentStatus: AssessmentStatus?
    public var workCategory: WorkCategory
    public var isDeemed: Bool
    public var isEarlyStart: Bool
    public var isTrafficSensitive: Bool
    public var laneRentalChargesNotAgreed: Bool
    public var laneRentalAssessmentOutcome: String?
    public var proposedStartDate: Date
    public var proposedEndDate: Date
    public var proposedStartTime: String?
    public var proposedEndTime: String?
    public var actualStartDate: Date?
    public var actualStopDate: Date?
    public var deadlineDate: LocalDate
    public var dateCreated: Date
    public var dateModified: Date
    public var descriptionOfWork: String
    public var activityType: String
    public var trafficManagementType: String
    public var worksLocationDescription: String
    public var excavation: Bool
    public var laneRentalApplicable: Bool
    public var streetName: String
    public var usrn: Int
    public var workStatus: WorkStatus
    public var town: String?
    public var areaName: String?
    public var roadCategory: Int
    /// GeoJSON geometry, as JSON text.
    public var worksCoordinates: String
    public var isActivePermit: Bool
    public var finalReinstatement: Bool
    /// R-CR-17: the end of the reasonable period (a duration challenge's, else the proposed end).
    public var reasonablePeriodEndDate: Date

    /// R-CR-17: a permit's end of the reasonable period, as the lists read it.
    public static let reasonablePeriodEnd = "COALESCE(p.reasonable_period_end_date, p.proposed_end_date)"

    init(row: SQLRow) throws {
        permitReferenceNumber = try row.requireString("permit_reference_number")
        workReferenceNumber = try row.requireString("work_reference_number")
        promoterSWACode = try row.requireString("promoter_swa_code")
        highwayAuthoritySWACode = try row.requireString("highway_authority_swa_code")
        workstreamPrefix = try row.requireString("workstream_prefix")
        permitStatus = try row.value("permit_status")
        assessmentStatus = try row.optionalValue("assessment_status")
        workCategory = try row.value("work_category")
        isDeemed = try row.requireBool("is_deemed")
        isEarlyStart = try row.requireBool("is_early_start")
        isTrafficSensitive = try row.requireBool("is_traffic_sensitive")
        laneRentalChargesNotAgreed = try row.requireBool("lane_rental_charges_not_agreed")
        laneRentalAssessmentOutcome = row.string("lane_rental_assessment_outcome")
        proposedStartDate = try row.requireInstant("proposed_start_date")
        proposedEndDate = try row.requireInstant("proposed_end_date")
        proposedStartTime = row.string("proposed_start_time")
        proposedEndTime = row.string("proposed_end_time")
        actualStartDate = row.instant("actual_start_date")
        actualStopDate = row.instant("actual_stop_date")
        deadlineDate = try row.localDate("deadline_date")
        dateCreated = try row.requireInstant("date_created")
        dateModified = try row.requireInstant("date_modified")
        descriptionOfWork = try row.requireString("description_of_work")
        activityType = try row.requireString("activity_type")
        trafficManagementType = try row.requireString("traffic_management_type")
        worksLocationDescription = try row.requireString("works_location_description")
        excavation = try row.requireBool("excavation")
        laneRentalApplicable = try row.requireBool("lane_rental_applicable")
        streetName = try row.requireString("street_name")
        usrn = try row.requireInt("usrn")
        workStatus = try row.value("work_status")
        town = row.string("town")
        areaName = row.string("area_name")
        roadCategory = try row.requireInt("road_category")
        worksCoordinates = try row.requireString("works_coordinates")
        isActivePermit = row.string("active_permit_reference_number") == permitReferenceNumber
        finalReinstatement = try row.requireBool("final_reinstatement")
        reasonablePeriodEndDate = try row.requireInstant("reasonable_period_end_date")
    }

    /// R-HS2-02: the HS2 promoter's permits that take the consent route (else the consultation
    /// one), read from the application as stored (a change request that alters it moves the
    /// permit), and with `unacknowledged` only those the highway authority has not acknowledged. The promoter's code narrows the rows
    /// before any application is read.
    static func hs2Condition(consent: Bool, unacknowledged: Bool = false) -> [SQLDialect: String] {
        /// `inActLimits`: the application says its works are within the Act limits;
        /// `exemption`: its protective provision, as text.
        func condition(inActLimits: String, exemption: String) -> String {
            let highway = "p.work_type = '\(WorkType.hs2HighwayWorks.rawValue)'"
            let routed =
                consent
                ? "AND \(highway) AND (\(exemption) IS NULL OR \(exemption) <> 'none_applicable')"
                : "AND (NOT \(highway) OR \(exemption) = 'none_applicable')"
            let acknowledged = unacknowledged ? " AND a.hs2_acknowledged_at IS NULL" : ""
            return """
                p.promoter_swa_code = '\(PermitRules.hs2PromoterSWACode)' AND EXISTS (SELECT 1 FROM permit_applications a \
                WHERE a.permit_reference_number = p.permit_reference_number AND \(inActLimits) \(routed)\(acknowledged))
                """
        }
        return [
            .sqlite: condition(
                inActLimits: "json_extract(a.payload, '$.hs2_in_act_limits') = 1",
                exemption: "json_extract(a.payload, '$.hs2_highway_exemption')"),
            .postgres: condition(
                inActLimits: "(a.payload::jsonb ->> 'hs2_in_act_limits') = 'true'",
                exemption: "(a.payload::jsonb ->> 'hs2_highway_exemption')"),
        ]
    }

    /// The permits list: each query parameter of `GET /reporting/permits` (and the work
    /// references of `POST /permits/search`) mapped to its column.
    public static let list: ListDescription<PermitSummaryRow> = {
        var list = ListDescription<PermitSummaryRow>(
            from: "permits p JOIN works w ON w.work_reference_number = p.work_reference_number",
            columns: """
                p.permit_reference_number, p.work_reference_number, p.promoter_swa_code, p.highway_authority_swa_code, \
                p.workstream_prefix, p.permit_status, p.assessment_status, p.work_category, p.is_deemed, p.is_early_start, \
                p.is_traffic_sensitive, p.lane_rental_charges_not_agreed, p.lane_rental_assessment_outcome, p.proposed_start_date, p.proposed_end_date, \
                p.proposed_start_time, p.proposed_end_time, p.actual_start_date, p.actual_stop_date, p.deadline_date, \
                p.date_created, p.date_modified, p.description_of_work, p.activity_type, p.traffic_management_type, \
                p.works_location_description, p.excavation, p.lane_rental_applicable, p.street_name, p.usrn, \
                w.work_status, w.town, w.area_name, w.road_category, w.works_coordinates, \
                w.active_permit_reference_number, w.final_reinstatement, \
                COALESCE(p.reasonable_period_end_date, p.proposed_end_date) AS reasonable_period_end_date
                """,
            filters: [
                ListFilter("status", "p.permit_status", .anyOf),
                ListFilter("work_status", "w.work_status", .anyOf),
                ListFilter("work_category", "p.work_category", .anyOf),
                ListFilter("is_early_start", "p.is_early_start", .flag),
                ListFilter("is_deemed", "p.is_deemed", .flag),
                ListFilter("ever_modification_requested", "p.ever_modification_requested", .flag),
                ListFilter(
                    "active_permit_only", "", .whenTrue("w.active_permit_reference_number = p.permit_reference_number")),
                // Proposed dates overlapping the window.
                ListFilter("start_date", "p.proposed_end_date", .from, .instant),
                ListFilter("end_date", "p.proposed_start_date", .to, .instant),
                ListFilter("work_start_date_from", "p.actual_start_date", .from, .instant),
                ListFilter("work_start_date_to", "p.actual_start_date", .to, .instant),
                ListFilter("work_end_date_from", "p.actual_stop_date", .from, .instant),
                ListFilter("work_end_date_to", "p.actual_stop_date", .to, .instant),
                ListFilter("start_date_created", "p.date_created", .from, .instant),
                ListFilter("end_date_created", "p.date_created", .to, .instant),
                ListFilter("reasonable_period_end_date_from", reasonablePeriodEnd, .from, .instant),
                ListFilter("reasonable_period_end_date_to", reasonablePeriodEnd, .to, .instant),
                ListFilter("usrn", "p.usrn", .equals, .integer),
                ListFilter("permit_reference_number", "p.permit_reference_number", .equals, .upperText),
                ListFilter("work_reference_number", "p.work_reference_number", .equals, .upperText),
                ListFilter("work_reference_numbers", "p.work_reference_number", .anyOf, .upperText),
                ListFilter("street_descriptor", "p.street_name", .contains),
                ListFilter(
                    "organisation", "",
                    .condition("(p.promoter_swa_code = ? OR p.highway_authority_swa_code = ?)", uses: 2)
                ),
                ListFilter("lane_rental_assessment_outcome", "p.lane_rental_assessment_outcome", .anyOf),
                ListFilter("is_traffic_sensitive", "p.is_traffic_sensitive", .flag),
                ListFilter(
                    "is_high_impact_traffic_management", "p.traffic_management_type",
                    .among(PermitRules.highImpactTrafficManagement.sorted())),
                ListFilter("has_no_final_registration", "w.final_reinstatement", .flagNot),
                ListFilter("has_excavation", "p.excavation", .flag),
                ListFilter("lane_rental_charges_not_agreed", "p.lane_rental_charges_not_agreed", .flag),
                ListFilter("lane_rental_charges_potentially_apply", "p.lane_rental_applicable", .flag),
                ListFilter("is_duration_challenged", "p.is_duration_challenged", .flag),
                ListFilter("hs2_works_only", "", .whenTrue("p.work_type = 'hs2_highway_works'")),
                ListFilter("consultation_works_only", "", .whenTrueIn(hs2Condition(consent: false))),
                ListFilter("consent_works_only", "", .whenTrueIn(hs2Condition(consent: true))),
                ListFilter(
                    "unacknowledged_by_ha_only", "", .whenTrueIn(hs2Condition(consent: false, unacknowledged: true))),
                ListFilter(
                    "geographical_area_reference_number", "",
                    .unsupported("geographical areas (R-VAL-14) are not built yet")),
            ],
            sorts: [
                "deadline_date": "p.deadline_date", "end_date": "p.proposed_end_date",
                "reasonable_period_end_date": reasonablePeriodEnd, "start_date": "p.proposed_start_date",
                "status_changed_date": "p.date_modified", "date_created": "p.date_created",
            ],
            defaultSort: "p.date_created", tieBreaker: "p.permit_reference_number",
            promoterColumn: "p.promoter_swa_code", highwayAuthorityColumn: "p.highway_authority_swa_code",
            workstreamColumn: "p.workstream_prefix", decode: PermitSummaryRow.init(row:))
        // An export reads every permit its owner sees, most of the table for a highway authority:
        // on SQLite in the table's storage order, page after page, rather than through an index
        // that fetches each row from a page of its own (D-EXPORTS).
        list.exportScans[.sqlite] = ExportScan(
            from: "permits p NOT INDEXED JOIN works w ON w.work_reference_number = p.work_reference_number",
            key: "p.rowid", keyBounds: "SELECT MIN(rowid) AS lo, MAX(rowid) AS hi FROM permits")
        return list
    }()

    /// The permits an organisation is an interested party of (`GET /reporting/interested-party-permits`,
    /// D-INTERESTED): those on streets where the NSG records its interest, of other highway
    /// authorities. The permits list's columns and sorts, with the filters of that operation.
    public static let interestedPartyList: ListDescription<PermitSummaryRow> = {
        var list = Self.list
        list.seesEverything = true
        list.restriction =
            "p.usrn IN (SELECT usrn FROM street_interests WHERE swa_code = ?) AND p.highway_authority_swa_code <> ?"
        let kept: Set<String> = [
            "street_descriptor", "permit_reference_number", "work_reference_number", "work_start_date_from",
            "work_start_date_to", "work_end_date_from", "work_end_date_to", "start_date_created", "end_date_created",
            "work_status", "work_category", "is_high_impact_traffic_management", "usrn",
            "geographical_area_reference_number",
        ]
        list.filters =
            list.filters.filter { kept.contains($0.parameter) } + [
                ListFilter(
                    "promoter_organisation_name",
                    "(SELECT name FROM organisations WHERE reference = p.promoter_swa_code)",
                    .contains),
                ListFilter(
                    "ha_organisation_name",
                    "(SELECT name FROM organisations WHERE reference = p.highway_authority_swa_code)",
                    .contains),
            ]
        return list
    }()
}

/// One row of `GET /reporting/permits/duration-challenges` (R-CR-16): a permit granted with a
/// duration challenge, with its review.
public struct PermitDurationChallengeRow: Sendable, Hashable {
    public var summary: PermitSummaryRow
    public var review: DurationChallengeReview?

    init(row: SQLRow) throws {
        summary = try PermitSummaryRow(row: row)
        review = row.string("duration_challenge").flatMap(DurationChallengeReview.init(stored:))
    }

    /// The permits list's columns and scope, restricted to permits granted with a duration
    /// challenge, with the review's filters.
    public static let list: ListDescription<PermitDurationChallengeRow> = {
        let permits = PermitSummaryRow.list
        var list = ListDescription<PermitDurationChallengeRow>(
            from: permits.from
                + " JOIN permit_applications a ON a.permit_reference_number = p.permit_reference_number",
            columns: permits.columns + ", a.duration_challenge",
            filters: permits.filters.filter {
                [
                    "work_status", "street_descriptor", "usrn", "permit_reference_number", "organisation",
                    "geographical_area_reference_number",
                ].contains($0.parameter)
            } + [
                ListFilter("duration_challenge_review_status", "a.duration_challenge_review_status", .anyOf),
                ListFilter(
                    "duration_challenge_non_acceptance_response_status",
                    "a.duration_challenge_non_acceptance_response_status", .anyOf),
            ],
            sorts: ["assessment_status_changed_date": "p.date_modified"], defaultSort: "p.date_modified",
            tieBreaker: "p.permit_reference_number", promoterColumn: "p.promoter_swa_code",
            highwayAuthorityColumn: "p.highway_authority_swa_code", workstreamColumn: "p.workstream_prefix",
            decode: PermitDurationChallengeRow.init(row:))
        list.restriction = "p.is_duration_challenged = 1"
        return list
    }()
}
