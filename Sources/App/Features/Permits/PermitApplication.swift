import Contract
import Domain
import Foundation
import WorkAPI

/// The fields a works application (`WorkCreateRequest`) and an additional permit
/// (`PermitCreateRequest`) share; both generated types conform as they are.
protocol PermitApplication: Encodable, Sendable {
    var proposedStartDate: Date { get }
    var proposedStartTime: Date? { get }
    var proposedEndDate: Date { get }
    var proposedEndTime: Date? { get }
    var workType: Components.Schemas.WorkType { get }
    var isTtroRequired: Bool? { get }
    var immediateRisk: Bool? { get }
    var earlyStartPreApproval: Bool? { get }
    var preApprovalDetails: String? { get }
    var preApprovalAuthoriser: String? { get }
    var earlyStartReason: String? { get }
    var collaborativeWorking: Bool { get }
    var collaborationDetails: String? { get }
    var collaborationTypes: [Components.Schemas.CollaborationType]? { get }
    var collaborationContactName: String? { get }
    var othersCanCollaborateOnWork: Bool? { get }
    var reasonForNonCollaboration: String? { get }
    var canCollaborateOnWorkAdditionalDetails: String? { get }
    var isPrimaryPromoter: Bool? { get }
    var primaryPromoterPermitReferenceNumber: String? { get }
    var estimatedNumberOfNetworkDaysSaved: Double? { get }
    var trafficManagementType: Components.Schemas.TrafficManagementType { get }
    var emergencyContactName: String? { get }
    var emergencyContactNumber: String? { get }
    var workstreamPrefix: String? { get }
    var descriptionOfWork: String { get }
    var internalUserIdentifier: String? { get }
    var internalUserName: String? { get }
    var permitAsds: [Components.Schemas.PermitASD]? { get }
    var activityType: Components.Schemas.ActivityType { get }
    var hs2InActLimits: Bool? { get }
    var permitConditions: [Components.Schemas.PermitCondition]? { get }
    var hs2HighwayExemption: Components.Schemas.HS2HighwayExemption? { get }
    var hs2ConsultationRequestedResponseDate: Date? { get }
    var worksLocationDescription: String { get }
    var excavation: Bool { get }
    var laneRentalApplicable: Bool { get }
}

extension Components.Schemas.WorkCreateRequest: PermitApplication {}
extension Components.Schemas.PermitCreateRequest: PermitApplication {}

extension PermitApplication {
    /// The kind of works, as the domain knows it (R-CAT-01).
    var kind: WorkType {
        get throws { try Wire.map(workType) }
    }

    /// The proposed start instant: the time field when given, else the date field.
    var proposedStart: Date { proposedStartTime ?? proposedStartDate }
    var proposedEnd: Date { proposedEndTime ?? proposedEndDate }

    /// The promoter's additional street data selection (R-PERMIT-21).
    var designationSelections: [DesignationSelection] {
        (permitAsds ?? []).map {
            DesignationSelection(
                code: $0.streetSpecialDesigCode.rawValue, locationText: $0.specialDesigLocationText,
                periodicityCode: $0.specialDesigPeriodicityCode?.rawValue,
                startTime: $0.specialDesigStartTime.map { Int($0) }, endTime: $0.specialDesigEndTime.map { Int($0) })
        }
    }

    /// The conditional rules of the contract (`x-rules`) that the schema cannot state, all at
    /// once. `isEarlyStart` comes from the timing rules (R-NOTICE-02).
    func ruleProblems(now: Date, isEarlyStart: Bool, promoter: String) throws -> [FieldError] {
        var errors: [FieldError] = []
        // R-CAT-01: HS2 highway works are for the HS2 promoter only.
        if let problem = PermitRules.workTypeProblem(try Wire.map(workType), promoterSWACode: promoter) {
            errors.append(FieldError(field: "work_type", message: problem))
        }
        func require(_ present: Bool, _ field: String, _ why: String) {
            if !present { errors.append(FieldError(field: field, message: "is required \(why)")) }
        }
        func present(_ s: String?) -> Bool { !(s ?? "").trimmingCharacters(in: .whitespaces).isEmpty }

        // R-VAL-06: dates; "in the past" compares UK local dates, the five-year limit is exact.
        if PermitRules.isBeforeToday(proposedStartDate, now: now), proposedStartTime == nil, workType != .immediate {
            errors.append(
                FieldError(field: "proposed_start_time", message: "is required when proposed_start_date is in the past")
            )
        }
        if workType == .immediate, proposedStartTime == nil {
            // R-IMM-01.
            errors.append(FieldError(field: "proposed_start_time", message: "is required for immediate works"))
        }
        if PermitRules.isBeforeToday(proposedEndDate, now: now), proposedEndTime == nil {
            errors.append(
                FieldError(field: "proposed_end_time", message: "is required when proposed_end_date is in the past"))
        }
        if UKTime.localDate(of: proposedEndDate) < UKTime.localDate(of: proposedStartDate) {
            errors.append(FieldError(field: "proposed_end_date", message: "must be on or after proposed_start_date"))
        } else if proposedStartTime != nil, proposedEndTime != nil, proposedEnd <= proposedStart {
            errors.append(FieldError(field: "proposed_end_time", message: "must be after proposed_start_time"))
        }
        if workType == .planned, PermitRules.exceedsFiveYears(start: proposedStart, end: proposedEnd) {
            errors.append(
                FieldError(field: "proposed_end_date", message: "must be at most 5 years after proposed_start_date"))
        }
        // R-HS2-01: the HS2 promoter says whether its works are within the Act limits.
        let kind = try self.kind
        errors += PermitRules.hs2Problems(
            workType: kind, promoterSWACode: promoter, inActLimits: hs2InActLimits,
            highwayExemption: hs2HighwayExemption?.rawValue
        ).map { FieldError(field: $0.field, message: $0.message) }
        // R-HS2-03: a requested response date is today or later; no street designations on HS2
        // highway works or HS2 works within Act limits.
        if let requested = hs2ConsultationRequestedResponseDate, PermitRules.isBeforeToday(requested, now: now) {
            errors.append(
                FieldError(
                    field: "hs2_consultation_requested_response_date", message: "must be today or later (R-HS2-03)"))
        }
        if promoter == PermitRules.hs2PromoterSWACode,
            PermitRules.isHS2Protected(workType: kind, inActLimits: hs2InActLimits)
        {
            for (field, present) in [
                ("permit_asds", !(permitAsds ?? []).isEmpty), ("permit_conditions", !(permitConditions ?? []).isEmpty),
            ] where present {
                errors.append(
                    FieldError(
                        field: field,
                        message: "are not used on HS2 highway works or HS2 works within Act limits (R-HS2-03)"))
            }
        }
        // R-CAT-03 / R-CAT-04.
        if workType == .planned { require(isTtroRequired != nil, "is_ttro_required", "when work_type is planned") }
        if workType == .immediate { require(immediateRisk != nil, "immediate_risk", "when work_type is immediate") }
        // R-NOTICE-04: an early start must be justified.
        if isEarlyStart {
            if let preApproved = earlyStartPreApproval {
                if preApproved {
                    require(
                        present(preApprovalDetails), "pre_approval_details", "when early_start_pre_approval is true")
                    require(
                        present(preApprovalAuthoriser), "pre_approval_authoriser",
                        "when early_start_pre_approval is true")
                } else {
                    require(present(earlyStartReason), "early_start_reason", "when early_start_pre_approval is false")
                }
            } else {
                errors.append(
                    FieldError(
                        field: "early_start_pre_approval",
                        message: "is required: the proposed start is inside the minimum notice period (early start)"))
            }
        }
        // R-VAL-11: collaboration.
        if collaborativeWorking {
            require(present(collaborationDetails), "collaboration_details", "when collaborative_working is true")
        } else {
            require(
                othersCanCollaborateOnWork != nil, "others_can_collaborate_on_work",
                "when collaborative_working is false")
            if othersCanCollaborateOnWork == false {
                require(
                    present(reasonForNonCollaboration), "reason_for_non_collaboration",
                    "when others_can_collaborate_on_work is false")
            }
            if othersCanCollaborateOnWork == true {
                require(
                    present(canCollaborateOnWorkAdditionalDetails), "can_collaborate_on_work_additional_details",
                    "when others_can_collaborate_on_work is true")
            }
        }
        if collaborativeWorking || othersCanCollaborateOnWork == true {
            require(!(collaborationTypes ?? []).isEmpty, "collaboration_types", "when collaborative working is offered")
            require(
                present(collaborationContactName), "collaboration_contact_name", "when collaborative working is offered"
            )
        }
        if isPrimaryPromoter == true {
            require(
                present(primaryPromoterPermitReferenceNumber), "primary_promoter_permit_reference_number",
                "when is_primary_promoter is true")
        }
        if isPrimaryPromoter == false {
            require(
                estimatedNumberOfNetworkDaysSaved != nil, "estimated_number_of_network_days_saved",
                "when is_primary_promoter is false")
        }
        // R-PERMIT-23: signals need an emergency contact.
        if trafficManagementType == .multiWaySignals || trafficManagementType == .twoWaySignals {
            require(present(emergencyContactName), "emergency_contact_name", "when traffic_management_type is signals")
            require(
                present(emergencyContactNumber), "emergency_contact_number", "when traffic_management_type is signals")
        }
        return errors
    }
}
