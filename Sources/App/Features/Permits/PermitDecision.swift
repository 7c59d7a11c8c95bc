import Contract
import Domain
import Foundation
import Store
import WorkAPI

/// The fields an assessment or a cancellation must carry (R-PERMIT-07 … -09, -14, -15), and the
/// history event each decision records.
enum PermitDecision {
    /// The decision of an assessment request, once its conditional fields are all present.
    static func assessment(_ request: Components.Schemas.PermitAssessmentUpdateRequest, of permit: PermitRow) throws
        -> AssessmentDecision
    {
        var errors: [FieldError] = []
        func require(_ ok: Bool, _ field: String, _ why: String) {
            if !ok { errors.append(FieldError(field: field, message: "is required \(why)")) }
        }
        func present(_ s: String?) -> Bool { !(s ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
        let decision: AssessmentDecision
        switch request.assessmentStatus {
        case .granted:
            decision = request.isDurationChallenged == true ? .grantWithDurationChallenge : .grant
            if permit.workCategory != .hs2Highway {
                require(request.assessmentDiscount != nil, "assessment_discount", "when granting")
            }
            if let discount = request.assessmentDiscount,
                !(0...100).contains(discount) || discount.rounded() != discount
            {
                errors.append(
                    FieldError(field: "assessment_discount", message: "must be a whole number between 0 and 100"))
            }
            if decision == .grantWithDurationChallenge {
                require(
                    request.reasonablePeriodEndDate != nil, "reasonable_period_end_date",
                    "when is_duration_challenged is true")
                require(
                    present(request.additionalComments), "additional_comments", "when is_duration_challenged is true")
                // R-IMM-05 (the contract's ">= start date + 2 working days"); only immediate PAs
                // take a duration challenge, which the lifecycle answers for the others.
                if let end = request.reasonablePeriodEndDate, permit.workType == .immediate {
                    let earliest = PermitRules.earliestReasonablePeriodEnd(
                        worksStart: permit.actualStartDate ?? permit.proposedStartDate)
                    if UKTime.localDate(of: end) < earliest {
                        errors.append(
                            FieldError(
                                field: "reasonable_period_end_date",
                                message:
                                    "must be on or after \(earliest), 2 working days after the works start (R-IMM-05)"))
                    }
                }
            }
        case .refused:
            decision = .refuse
            if (request.reasonsForRefusal ?? []).isEmpty {
                errors.append(
                    FieldError(field: "reasons_for_refusal", message: "is required when refusing (1 to 5 reasons)"))
            }
            require(present(request.additionalComments), "additional_comments", "when assessment_status is refused")
        case .permitModificationRequest:
            decision = .modificationRequest
            require(
                present(request.pendingChangeDetails), "pending_change_details",
                "when assessment_status is permit_modification_request")
        case .revoked:
            decision = .revoke
            require(present(request.revokeReason), "revoke_reason", "when assessment_status is revoked")
        case .grantedAuto, .refusedAuto:
            throw AppError.invalid(
                field: "assessment_status", "must be one of: granted, refused, permit_modification_request, revoked")
        }
        if !errors.isEmpty { throw AppError.invalid(errors) }
        return decision
    }

    /// The history event of `decision` on `permit`.
    static func event(_ decision: AssessmentDecision, of permit: PermitRow) -> AuditEvent {
        switch decision {
        case .grant: permit.isPAA ? .paaGranted : .permitGranted
        case .grantWithDurationChallenge: .permitGrantedWithDurationChallenge
        case .refuse: permit.isPAA ? .paaRefused : .permitRefused
        case .modificationRequest: .permitModificationRequest
        case .revoke: permit.isPAA ? .paaRevoked : .permitRevoked
        }
    }

    /// R-PERMIT-12, -14: the promoter may only cancel, with a reason (and its details for "other").
    static func checkCancellation(_ request: Components.Schemas.PermitStatusUpdateRequest) throws {
        guard request.permitStatus == .cancelled else {
            throw AppError.invalid(field: "permit_status", "must be cancelled (the only status a promoter may set)")
        }
        if request.permitCancellationReason == .other,
            (request.permitCancellationReasonOther ?? "").trimmingCharacters(in: .whitespaces).isEmpty
        {
            throw AppError.invalid(
                field: "permit_cancellation_reason_other", "is required when permit_cancellation_reason is other")
        }
    }
}
