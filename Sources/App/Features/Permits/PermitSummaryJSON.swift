import Contract
import Domain
import Foundation
import Store

/// The permits list written straight to JSON (D-DIRECT): the same answer as
/// `PermitSummaryResponse.init(_:names:)`, which a test holds it to.
enum PermitSummaryJSON {
    /// `GET /reporting/permits`: one page of the list (R-DATA-01).
    static func page(_ request: RawRequest, principal: Principal, database: any SQLExecutor) async throws -> JSONValue {
        let page = try await PermitSummaryRow.list.page(request, principal: principal, in: database)
        let names = try await names(of: page.rows, database: database)
        return [
            "pagination": ["has_next_page": .bool(page.hasNextPage), "total_rows": .int(page.totalRows)],
            "rows": .array(page.rows.map { row($0, names: names) }),
        ]
    }

    /// The names of the promoters and highway authorities of `rows`.
    static func names(of rows: [PermitSummaryRow], database: any SQLExecutor) async throws -> [String: String] {
        try await OrganisationNames.shared.names(
            Set(rows.flatMap { [$0.promoterSWACode, $0.highwayAuthoritySWACode] }), database: database)
    }

    static func row(_ r: PermitSummaryRow, names: [String: String]) -> JSONValue {
        let category = JSONValue.string(r.workCategory.rawValue)
        let status = JSONValue.string(r.permitStatus.rawValue)
        let workStatus = JSONValue.string(r.workStatus.rawValue)
        let trafficManagement = JSONValue.string(r.trafficManagementType)
        let activity = JSONValue.string(r.activityType)
        return .compact([
            "work_reference_number": .string(r.workReferenceNumber),
            "permit_reference_number": .string(r.permitReferenceNumber),
            "promoter_swa_code": .string(r.promoterSWACode),
            "promoter_organisation": .string(names[r.promoterSWACode] ?? r.promoterSWACode),
            "highway_authority": .string(names[r.highwayAuthoritySWACode] ?? r.highwayAuthoritySWACode),
            "works_coordinates": (try? JSONValue.parse(r.worksCoordinates)) ?? .object([:]),
            "location_description": .string(r.worksLocationDescription),
            "street": .string(r.streetName), "town": .string(r.town ?? ""), "area": .string(r.areaName ?? ""),
            "work_category": category, "work_category_string": category,
            "description_of_work": .string(r.descriptionOfWork),
            "traffic_management_type": trafficManagement, "traffic_management_type_string": trafficManagement,
            "proposed_start_date": .instant(r.proposedStartDate), "proposed_end_date": .instant(r.proposedEndDate),
            "status": status, "status_string": status, "work_status": workStatus, "work_status_string": workStatus,
            "deadline_date": .day(r.deadlineDate), "date_created": .instant(r.dateCreated),
            "status_changed_date": .instant(r.dateModified), "usrn": .int(r.usrn),
            "is_active_permit": .bool(r.isActivePermit), "road_category": .int(r.roadCategory),
            "is_traffic_sensitive": .bool(r.isTrafficSensitive),
            "has_no_final_reinstatement": .bool(!r.finalReinstatement), "is_deemed": .bool(r.isDeemed),
            "excavation_carried_out": .bool(r.excavation), "is_early_start": .bool(r.isEarlyStart),
            "is_high_impact_traffic_management": .bool(
                PermitRules.isHighImpact(trafficManagementType: r.trafficManagementType)),
            "is_lane_rental": .bool(r.laneRentalApplicable),
            "lane_rental_charges_not_agreed": .bool(r.laneRentalChargesNotAgreed),
            "lane_rental_assessment_outcome": .text(r.laneRentalAssessmentOutcome),
            "lane_rental_assessment_outcome_string": .text(r.laneRentalAssessmentOutcome),
            "lane_rental_charges_potentially_apply": .bool(r.laneRentalApplicable),
            "paa_to_pa_deadline_date": .day(r.paaToPADeadline),
            "activity_type": activity, "activity_type_string": activity,
            "assessment_status": .text(r.assessmentStatus?.rawValue),
            "assessment_status_string": .text(r.assessmentStatus?.rawValue),
            "actual_start_date": .instant(r.actualStartDate), "actual_end_date": .instant(r.actualStopDate),
            "proposed_start_time": .text(r.proposedStartTime), "proposed_end_time": .text(r.proposedEndTime),
            "reasonable_period_end_date": .instant(r.reasonablePeriodEndDate),
        ])
    }
}
