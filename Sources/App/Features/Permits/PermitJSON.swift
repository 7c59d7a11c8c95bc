import Contract
import Domain
import Foundation
import Store

/// `GET /works/{wrn}/permits/{prn}` written straight to JSON (D-DIRECT): the same answer as
/// `PermitResponse.init(_:on:names:)`, which a test holds it to.
enum PermitJSON {
    /// Application fields the response repeats as submitted (`PermitCreateRequest` ∩
    /// `PermitResponse`, same shape on both sides).
    static let repeatedKeys = [
        "secondary_contact", "secondary_contact_number", "secondary_contact_email", "proposed_start_time",
        "proposed_end_time", "description_of_work", "excavation", "project_reference_number",
        "traffic_management_plan", "lane_rental_applicable", "works_location_description", "collaborative_working",
        "collaboration_details", "collaborative_works", "activity_type", "traffic_management_type",
        "application_type", "location_types", "is_ttro_required", "immediate_risk", "early_start_pre_approval",
        "pre_approval_details", "pre_approval_authoriser", "early_start_reason", "additional_info", "close_footway",
        "close_footpath", "additional_contact", "additional_contact_number", "additional_contact_email",
        "hs2_in_act_limits", "hs2_consultation_requested_response_date", "hs2_highway_exemption",
        "hs2_highway_emails", "hs2_additional_usrns", "emergency_contact_name", "emergency_contact_number",
        "is_primary_promoter", "collaboration_types", "primary_promoter_permit_reference_number",
        "collaboration_contact_name", "collaboration_contact_email", "collaboration_contact_phone_number",
        "estimated_number_of_network_days_saved", "others_can_collaborate_on_work", "reason_for_non_collaboration",
        "can_collaborate_on_work_additional_details", "collaboration_type",
    ]
    /// Application enums the response names again in a `*_string` twin (D-WORKS).
    static let labelledKeys = [
        "activity_type", "traffic_management_type", "application_type", "close_footway", "close_footpath",
        "hs2_highway_exemption", "collaboration_type", "location_types", "collaboration_types",
    ]

    static func permit(wrn: String, prn: String, database: any SQLExecutor) async throws -> JSONValue {
        guard
            let (work, permit) = try await PermitRepository(database).permit(prn.uppercased(), ofWork: wrn.uppercased())
        else { throw AppError.notFound("Permit") }
        let names = try await OrganisationNames.shared.names(
            [work.promoterSWACode, work.highwayAuthoritySWACode], database: database)
        return .object(object(permit, on: work, names: names))
    }

    /// The permit with every key of `PermitResponse` it has.
    static func object(_ p: PermitRow, on work: WorkRow, names: [String: String]) -> JSONObject {
        let application = JSONValue.storedObject(p.payload)
        // Room for every member at once: growing the table as members arrive rehashed it often.
        var object: JSONObject = [:]
        object.reserveCapacity(128)
        for key in repeatedKeys { object[key] = application[key] }
        for key in labelledKeys { if let value = application[key] { object["\(key)_string"] = value } }
        if case .array(let conditions)? = application["permit_conditions"] {
            object["permit_conditions"] = .array(
                conditions.map { condition in
                    guard case .object(var c) = condition else { return condition }
                    c["condition_string"] = c["condition"]
                    return .object(c)
                })
        }
        object["permit_asds"] = .array(
            (application["permit_asds"]?.arrayValue ?? []).map { asd in
                guard case .object(var d) = asd else { return asd }
                if let code = d["street_special_desig_code"]?.intValue {
                    d["street_special_desig_code_string"] = .string(StreetCodeNames.designation(code) ?? String(code))
                }
                if let code = d["special_desig_periodicity_code"]?.intValue {
                    d["special_desig_periodicity_code_string"] = .string(
                        StreetCodeNames.periodicity(code) ?? String(code))
                }
                return .object(d)
            })
        object["permit_not_selected_asds"] =
            p.notSelectedASDs == "[]" ? .array([]) : (try? JSONValue.parse(p.notSelectedASDs)) ?? .array([])
        let promoter = names[p.promoterSWACode] ?? p.promoterSWACode
        let computed: JSONObject = [
            "permit_reference_number": .string(p.permitReferenceNumber),
            "work_reference_number": .string(p.workReferenceNumber),
            "proposed_start_date": .instant(p.proposedStartDate), "proposed_end_date": .instant(p.proposedEndDate),
            "actual_start_date": .instant(p.actualStartDate), "actual_stop_date": .instant(p.actualStopDate),
            "permit_status": .string(p.permitStatus.rawValue), "permit_status_string": .string(p.permitStatus.rawValue),
            "assessment_status": .text(p.assessmentStatus?.rawValue),
            "assessment_status_string": .text(p.assessmentStatus?.rawValue),
            "work_category": .string(p.workCategory.rawValue), "work_category_string": .string(p.workCategory.rawValue),
            "work_type": .string(p.workType.rawValue), "work_type_string": .string(p.workType.rawValue),
            "work_status": .string(work.workStatus.rawValue), "work_status_string": .string(work.workStatus.rawValue),
            "promoter_organisation": .string(promoter), "promoter_swa_code": .string(p.promoterSWACode),
            "promoter_contact_details": .string(promoter),
            "highway_authority": .string(names[p.highwayAuthoritySWACode] ?? p.highwayAuthoritySWACode),
            "highway_authority_swa_code": .string(p.highwayAuthoritySWACode),
            "street_name": .string(work.streetName), "town": .text(work.town), "area_name": .text(work.areaName),
            "usrn": .int(work.usrn), "road_category": .int(work.roadCategory),
            "works_coordinates": application["works_coordinates"] ?? (try? JSONValue.parse(work.worksCoordinates))
                ?? .null,
            "workstream_prefix": .string(p.workstreamPrefix),
            "calendar_day_duration": .int(p.calendarDayDuration), "working_day_duration": .int(p.workingDayDuration),
            "deadline_date": .day(p.deadlineDate), "reasonable_period_end_date": .instant(p.proposedEndDate),
            "validity_period_end_date": p.validityPeriodEndDate.map { .day($0) } ?? .instant(p.proposedStartDate),
            "sliding_end_date_candidate": .bool(p.validityPeriodEndDate != nil),
            "is_early_start": .bool(p.isEarlyStart), "is_deemed": .bool(p.isDeemed),
            "ever_modification_requested": .bool(p.everModificationRequested),
            "final_reinstatement": .bool(work.finalReinstatement), "is_lane_rental": .bool(p.laneRentalApplicable),
            "excavation_carried_out": .bool(p.excavation),
            "date_created": .instant(p.dateCreated), "date_modified": .instant(p.dateModified),
        ]
        for (key, value) in computed { object[key] = value }
        let assessment = JSONValue.storedObject(p.assessment)
        if !assessment.isEmpty {
            object["assessment_comments"] = assessment["additional_comments"]
            object["reasons_for_refusal"] = assessment["reasons_for_refusal"]
            object["reasons_for_refusal_string"] = assessment["reasons_for_refusal"]
            object["assessment_discount"] = assessment["assessment_discount"]
            object["revoke_reason"] = assessment["revoke_reason"]
            object["pending_change_details"] = assessment["pending_change_details"]
            object["is_duration_challenged"] = assessment["is_duration_challenged"]
            if let end = assessment["reasonable_period_end_date"] { object["reasonable_period_end_date"] = end }
        }
        let cancellation = JSONValue.storedObject(p.cancellation)
        if !cancellation.isEmpty {
            object["permit_cancellation_reason"] = cancellation["permit_cancellation_reason"]
            object["permit_cancellation_reason_string"] = cancellation["permit_cancellation_reason"]
            object["permit_cancellation_reason_other"] = cancellation["permit_cancellation_reason_other"]
        }
        return object.withoutNulls
    }
}
