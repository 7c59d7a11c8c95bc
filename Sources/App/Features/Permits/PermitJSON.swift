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

    /// `activity_type` → `activity_type_string`, and so on.
    static let labelledTwins = labelledKeys.map { ($0, $0 + "_string") }

    static func permit(wrn: String, prn: String, database: any SQLExecutor) async throws -> JSONBytes {
        guard
            let (work, permit, changeRequests, ancillaryInfo) = try await PermitRepository(database).permitWithChildren(
                prn.uppercased(), ofWork: wrn.uppercased())
        else { throw AppError.notFound("Permit") }
        let names = try await OrganisationNames.shared.names(
            [work.promoterSWACode, work.highwayAuthoritySWACode], database: database)
        var out = JSONBytes(capacity: 4096)
        write(
            permit, on: work, names: names, changeRequests: changeRequests, ancillaryInfo: ancillaryInfo, into: &out)
        return out
    }

    /// The permit with every key of `PermitResponse` it has, written member by member: the
    /// application's members the response repeats, then what the permit's columns say.
    static func write(
        _ p: PermitRow, on work: WorkRow, names: [String: String], changeRequests: [ChangeRequestRow] = [],
        ancillaryInfo: [AncillaryInfoRow] = [], into out: inout JSONBytes
    ) {
        let application = JSONValue.storedObject(p.payload)
        out.openObject()
        for key in repeatedKeys { out.member(named: key, application[key]) }
        for (key, twin) in labelledTwins { out.member(named: twin, application[key]) }
        if case .array(let conditions)? = application["permit_conditions"] {
            out.key("permit_conditions")
            out.openArray()
            for condition in conditions {
                out.element()
                guard case .object(let c) = condition else {
                    out.value(condition)
                    continue
                }
                // Each condition with its `condition_string` twin.
                out.openObject()
                for (key, value) in c where key != "condition_string" {
                    out.member(named: key, value, keepingNull: true)
                }
                if let code = c["condition"] { out.member(named: "condition_string", code, keepingNull: true) }
                out.closeObject()
            }
            out.closeArray()
        }
        out.key("permit_asds")
        out.openArray()
        for asd in application["permit_asds"]?.arrayValue ?? [] {
            out.element()
            guard case .object(let d) = asd else {
                out.value(asd)
                continue
            }
            // Each designation with its codes named (`*_string`).
            let designation = d["street_special_desig_code"]?.intValue
            let periodicity = d["special_desig_periodicity_code"]?.intValue
            out.openObject()
            for (key, value) in d {
                if designation != nil && key == "street_special_desig_code_string" { continue }
                if periodicity != nil && key == "special_desig_periodicity_code_string" { continue }
                out.member(named: key, value, keepingNull: true)
            }
            if let designation {
                out.member(
                    "street_special_desig_code_string", StreetCodeNames.designation(designation) ?? String(designation))
            }
            if let periodicity {
                out.member(
                    "special_desig_periodicity_code_string",
                    StreetCodeNames.periodicity(periodicity) ?? String(periodicity))
            }
            out.closeObject()
        }
        out.closeArray()
        out.key("permit_not_selected_asds")
        if p.notSelectedASDs == "[]" {
            out.value(.array([]))
        } else {
            out.value((try? JSONValue.parse(p.notSelectedASDs)) ?? .array([]))
        }

        let promoter = names[p.promoterSWACode] ?? p.promoterSWACode
        out.member("permit_reference_number", p.permitReferenceNumber)
        out.member("work_reference_number", p.workReferenceNumber)
        out.member("proposed_start_date", instant: p.proposedStartDate)
        out.member("proposed_end_date", instant: p.proposedEndDate)
        out.member("actual_start_date", instant: p.actualStartDate)
        out.member("actual_stop_date", instant: p.actualStopDate)
        out.member("permit_status", p.permitStatus.rawValue)
        out.member("permit_status_string", p.permitStatus.rawValue)
        out.member("assessment_status", p.assessmentStatus?.rawValue)
        out.member("assessment_status_string", p.assessmentStatus?.rawValue)
        out.member("work_category", p.workCategory.rawValue)
        out.member("work_category_string", p.workCategory.rawValue)
        out.member("work_type", p.workType.rawValue)
        out.member("work_type_string", p.workType.rawValue)
        out.member("work_status", work.workStatus.rawValue)
        out.member("work_status_string", work.workStatus.rawValue)
        out.member("promoter_organisation", promoter)
        out.member("promoter_swa_code", p.promoterSWACode)
        out.member("promoter_contact_details", promoter)
        out.member("highway_authority", names[p.highwayAuthoritySWACode] ?? p.highwayAuthoritySWACode)
        out.member("highway_authority_swa_code", p.highwayAuthoritySWACode)
        out.member("street_name", work.streetName)
        out.member("town", work.town)
        out.member("area_name", work.areaName)
        out.member("usrn", work.usrn)
        out.member("road_category", work.roadCategory)
        out.member(
            "works_coordinates", application["works_coordinates"] ?? (try? JSONValue.parse(work.worksCoordinates)))
        out.member("workstream_prefix", p.workstreamPrefix)
        out.member("calendar_day_duration", p.calendarDayDuration)
        out.member("working_day_duration", p.workingDayDuration)
        out.member("deadline_date", day: p.deadlineDate)
        if let validity = p.validityPeriodEndDate {
            out.member("validity_period_end_date", day: validity)
        } else {
            out.member("validity_period_end_date", instant: p.proposedStartDate)
        }
        out.member("sliding_end_date_candidate", p.validityPeriodEndDate != nil)
        out.member("is_early_start", p.isEarlyStart)
        out.member("is_deemed", p.isDeemed)
        out.member("ever_modification_requested", p.everModificationRequested)
        out.member("final_reinstatement", work.finalReinstatement)
        out.member("is_lane_rental", p.laneRentalApplicable)
        out.member("excavation_carried_out", p.excavation)
        out.member("date_created", instant: p.dateCreated)
        out.member("date_modified", instant: p.dateModified)

        let assessment = JSONValue.storedObject(p.assessment)
        // The assessment's end of the reasonable period, where it set one (a stored `null`
        // leaves the key out), else the proposed end.
        if let end = p.reasonablePeriodEndDate {
            out.member("reasonable_period_end_date", instant: end)
        } else if let end = assessment["reasonable_period_end_date"] {
            out.member("reasonable_period_end_date", end)
        } else {
            out.member("reasonable_period_end_date", instant: p.proposedEndDate)
        }
        out.member("assessment_comments", assessment["additional_comments"])
        out.member("reasons_for_refusal", assessment["reasons_for_refusal"])
        out.member("reasons_for_refusal_string", assessment["reasons_for_refusal"])
        out.member("assessment_discount", p.assessmentDiscount)
        out.member("assessment_discount_reason", p.assessmentDiscountReason)
        out.member("current_traffic_management_type", p.currentTrafficManagementType)
        out.member("current_traffic_management_type_string", p.currentTrafficManagementType)
        out.member("current_traffic_management_update_date", instant: p.currentTrafficManagementUpdateDate)
        out.member(
            "current_traffic_management_emergency_contact_name", p.currentTrafficManagementEmergencyContactName)
        out.member(
            "current_traffic_management_emergency_contact_number", p.currentTrafficManagementEmergencyContactNumber)
        out.member("revoke_reason", assessment["revoke_reason"])
        out.member("pending_change_details", assessment["pending_change_details"])
        if p.isDurationChallenged {
            out.member("is_duration_challenged", true)
        } else {
            out.member("is_duration_challenged", assessment["is_duration_challenged"])
        }
        if let review = p.durationChallenge {
            out.member("duration_challenge_review_status", review.reviewStatus)
            out.member("duration_challenge_review_status_string", review.reviewStatus)
            out.member("duration_challenge_reason_for_non_acceptance", review.reasonForNonAcceptance)
            out.member("duration_challenge_review_update_date", instant: review.reviewUpdateDate)
            out.member("duration_challenge_non_acceptance_response_status", review.responseStatus)
            out.member("duration_challenge_non_acceptance_response_status_string", review.responseStatus)
            out.member("duration_challenge_non_acceptance_response_details", review.responseDetails)
            out.member("duration_challenge_non_acceptance_response_update_date", instant: review.responseUpdateDate)
            out.member(
                "duration_challenge_non_acceptance_response_new_reasonable_period_end_date",
                instant: review.newReasonablePeriodEndDate)
            out.member(
                "duration_challenge_non_acceptance_response_old_reasonable_period_end_date",
                instant: review.oldReasonablePeriodEndDate)
        }
        if p.isDurationChallenged {
            out.member("duration_challenge_follow_up_review_complete", p.durationChallenge?.isFollowUpComplete ?? false)
        }
        let laneRental = JSONValue.storedObject(p.laneRentalAssessment)
        out.member("lane_rental_assessment_outcome", p.laneRentalAssessmentOutcome)
        out.member("lane_rental_assessment_outcome_string", p.laneRentalAssessmentOutcome)
        out.member("lane_rental_assessment_additional_details", laneRental["additional_details"])
        out.member("lane_rental_assessment_charge_band", laneRental["charge_band"])
        out.member("lane_rental_assessment_charge_band_string", laneRental["charge_band"])
        out.member("lane_rental_assessment_chargeable_days", laneRental["chargeable_days"])
        out.member("lane_rental_assessment_charges_agreed", laneRental["charges_agreed"])
        if let acknowledged = p.hs2AcknowledgedAt {
            out.member("hs2_acknowledged", true)
            out.member("hs2_acknowledged_date_time", instant: acknowledged)
        } else if p.hs2Route(
            inActLimits: application["hs2_in_act_limits"]?.boolValue,
            highwayExemption: application["hs2_highway_exemption"]?.stringValue) == .consultation
        {
            out.member("hs2_acknowledged", false)
        }
        let cancellation = JSONValue.storedObject(p.cancellation)
        out.member("permit_cancellation_reason", cancellation["permit_cancellation_reason"])
        out.member("permit_cancellation_reason_string", cancellation["permit_cancellation_reason"])
        out.member("permit_cancellation_reason_other", cancellation["permit_cancellation_reason_other"])
        if !changeRequests.isEmpty {
            // R-CR: the permit's changes, in both of the contract's shapes.
            out.key("permit_alterations")
            out.openArray()
            for cr in changeRequests {
                out.element()
                out.openObject()
                out.member("permit_alteration_reference_number", cr.reference)
                out.member("date_created", instant: cr.dateCreated)
                out.member("deadline_date", day: cr.deadlineDate)
                out.member("alteration_status", cr.status.rawValue)
                out.member("alteration_status_string", cr.status.rawValue)
                out.member("alteration_type", cr.type.rawValue)
                out.member("alteration_type_string", cr.type.rawValue)
                out.closeObject()
            }
            out.closeArray()
            out.key("change_requests")
            out.openArray()
            for cr in changeRequests {
                out.element()
                out.openObject()
                out.member("change_request_reference_number", cr.reference)
                out.member("date_created", instant: cr.dateCreated)
                out.member("deadline_date", day: cr.deadlineDate)
                out.member("change_request_status", cr.status.rawValue)
                out.member("change_request_status_string", cr.status.rawValue)
                out.member("change_request_type", cr.type.rawValue)
                out.member("change_request_type_string", cr.type.rawValue)
                out.closeObject()
            }
            out.closeArray()
        }
        if !ancillaryInfo.isEmpty {
            // R-PERMIT-24: the permit's latest ancillary information, removed items included.
            out.key("ancillary_informations")
            out.openArray()
            for item in ancillaryInfo {
                out.element()
                AncillaryInfoJSON.write(item, into: &out)
            }
            out.closeArray()
        }
        out.closeObject()
    }
}
