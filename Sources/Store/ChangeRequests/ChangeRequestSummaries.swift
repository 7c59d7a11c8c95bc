import Domain
import Foundation

/// One row of the alterations lists (`GET /reporting/alterations`, its duration challenges and
/// the alterations export): a change request with its permit and works record.
public struct ChangeRequestSummaryRow: Sendable, Hashable {
    public var changeRequest: ChangeRequestRow
    public var streetName: String
    public var usrn: Int
    public var town: String?
    public var areaName: String?
    public var worksLocationDescription: String
    public var workStatus: WorkStatus
    public var workCategory: WorkCategory
    public var proposedStartTime: String?
    public var proposedEndTime: String?
    public var actualStartDate: Date?
    public var actualStopDate: Date?
    public var laneRentalAssessmentOutcome: String?
    public var laneRentalChargesNotAgreed: Bool
    public var laneRentalApplicable: Bool

    init(row: SQLRow) throws {
        changeRequest = try ChangeRequestRepository.row(from: row)
        streetName = try row.requireString("street_name")
        usrn = try row.requireInt("usrn")
        town = row.string("town")
        areaName = row.string("area_name")
        worksLocationDescription = try row.requireString("works_location_description")
        workStatus = try row.value("work_status")
        workCategory = try row.value("work_category")
        proposedStartTime = row.string("proposed_start_time")
        proposedEndTime = row.string("proposed_end_time")
        actualStartDate = row.instant("actual_start_date")
        actualStopDate = row.instant("actual_stop_date")
        laneRentalAssessmentOutcome = row.string("lane_rental_assessment_outcome")
        laneRentalChargesNotAgreed = try row.requireBool("lane_rental_charges_not_agreed")
        laneRentalApplicable = try row.requireBool("lane_rental_applicable")
    }

    static let from = """
        change_requests c JOIN permits p ON p.permit_reference_number = c.permit_reference_number \
        JOIN works w ON w.work_reference_number = c.work_reference_number
        """

    static let columns =
        ChangeRequestRepository.columns(as: "c") + """
            , p.street_name, p.usrn, w.town, w.area_name, p.works_location_description, w.work_status, \
            p.work_category, p.proposed_start_time, p.proposed_end_time, p.actual_start_date, p.actual_stop_date, \
            p.lane_rental_assessment_outcome, p.lane_rental_charges_not_agreed, p.lane_rental_applicable
            """

    /// Filters both alterations lists share.
    static let commonFilters: [ListFilter] = [
        ListFilter("work_status", "w.work_status", .anyOf),
        ListFilter("street_descriptor", "p.street_name", .contains),
        ListFilter("usrn", "p.usrn", .equals, .integer),
        ListFilter("permit_alteration_reference_number", "c.change_request_reference_number", .equals, .upperText),
        ListFilter(
            "organisation", "", .condition("(c.promoter_swa_code = ? OR c.highway_authority_swa_code = ?)", uses: 2)),
        ListFilter(
            "geographical_area_reference_number", "",
            .unsupported("geographical areas (R-VAL-14) are not built yet")),
    ]

    /// `GET /reporting/alterations` (R-CR, R-DATA-01): every filter of the contract's operation.
    public static let list = ListDescription<ChangeRequestSummaryRow>(
        from: from, columns: columns,
        filters: commonFilters + [
            ListFilter("alteration_status", "c.change_request_status", .anyOf),
            ListFilter("alteration_type", "c.change_request_type", .anyOf),
            ListFilter("work_category", "p.work_category", .anyOf),
            ListFilter("lane_rental_assessment_outcome", "p.lane_rental_assessment_outcome", .anyOf),
            ListFilter("start_date_created", "c.date_created", .from, .instant),
            ListFilter("end_date_created", "c.date_created", .to, .instant),
            ListFilter("status_update_date_from", "c.date_modified", .from, .instant),
            ListFilter("status_update_date_to", "c.date_modified", .to, .instant),
            ListFilter("is_traffic_sensitive", "p.is_traffic_sensitive", .flag),
            ListFilter(
                "is_high_impact_traffic_management", "p.traffic_management_type",
                .among(PermitRules.highImpactTrafficManagement.sorted())),
            ListFilter(
                "is_duration_extension", "CASE WHEN c.change_request_type = 'WORK_EXTENSION' THEN 1 ELSE 0 END",
                .flag),
            ListFilter("is_early_start", "p.is_early_start", .flag),
            ListFilter("is_deemed", "CASE WHEN c.change_request_status = 'deemed' THEN 1 ELSE 0 END", .flag),
            ListFilter("lane_rental_charges_not_agreed", "p.lane_rental_charges_not_agreed", .flag),
            ListFilter("lane_rental_charges_potentially_apply", "p.lane_rental_applicable", .flag),
        ],
        sorts: [
            "date_created": "c.date_created", "proposed_start_date": "c.proposed_start_date",
            "proposed_end_date": "c.proposed_end_date", "status_changed_date": "c.date_modified",
        ],
        defaultSort: "c.date_created", tieBreaker: "c.change_request_reference_number",
        promoterColumn: "c.promoter_swa_code", highwayAuthorityColumn: "c.highway_authority_swa_code",
        workstreamColumn: "c.workstream_prefix", decode: ChangeRequestSummaryRow.init(row:))

    /// `GET /reporting/alterations/duration-challenges` (R-CR-16): the changes granted with a
    /// duration challenge, with their review and its answer.
    public static let durationChallenges: ListDescription<ChangeRequestSummaryRow> = {
        var list = ListDescription<ChangeRequestSummaryRow>(
            from: from, columns: columns,
            filters: commonFilters + [
                ListFilter("duration_challenge_review_status", "c.duration_challenge_review_status", .anyOf),
                ListFilter(
                    "duration_challenge_non_acceptance_response_status",
                    "c.duration_challenge_non_acceptance_response_status", .anyOf),
            ],
            sorts: ["status_changed_date": "c.date_modified"], defaultSort: "c.date_modified",
            tieBreaker: "c.change_request_reference_number", promoterColumn: "c.promoter_swa_code",
            highwayAuthorityColumn: "c.highway_authority_swa_code", workstreamColumn: "c.workstream_prefix",
            decode: ChangeRequestSummaryRow.init(row:))
        list.restriction = "c.change_request_status = 'granted_with_duration_challenge'"
        return list
    }()
}
