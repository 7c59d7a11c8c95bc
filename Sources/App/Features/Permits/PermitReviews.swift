import Contract
import Domain
import Foundation
import Store
import WorkAPI

/// What the two sides record on a permit after its assessment: the promoter's review of a
/// duration challenge and the HA's answer (R-CR-16, R-PERMIT-15), the HA's lane rental
/// assessment (R-LR-02, R-LR-04) and its acknowledgement of an HS2 application (R-HS2-02).
extension WorkAPIHandler {
    /// The promoter accepts or does not accept the duration challenge of a permit granted with
    /// one, once (R-CR-16).
    func updatePermitDurationChallengeReview(_ input: Operations.UpdatePermitDurationChallengeReview.Input)
        async throws -> Operations.UpdatePermitDurationChallengeReview.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let reason = try DurationChallengeInput.reason(
            status: request.reviewStatus.rawValue, reason: request.reasonForNonAcceptance)
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            var permit = try await change.permit(input.path.permitReferenceNumber)
            let review = try changeRequestRule { () throws(ChangeRequestError) in
                try DurationChallengeReview.review(
                    permit.durationChallenge, isChallenged: permit.isDurationChallenged,
                    status: request.reviewStatus.rawValue, reason: reason, at: change.at)
            }
            permit.durationChallenge = review
            try await change.permits.updateReviews(permit)
            let accepted = review.reviewStatus == DurationChallengeReview.accepted
            change.record(
                accepted ? .permitDurationChallengeAccepted : .permitDurationChallengeNotAccepted, object: .permit,
                reference: permit.permitReferenceNumber, permit: permit.permitReferenceNumber,
                details:
                    "Duration challenge of permit \(permit.permitReferenceNumber) \(accepted ? "accepted" : "not accepted")"
            )
        }
        return .noContent(.init())
    }

    /// The HA answers the promoter's non-acceptance, once, changing the end of the reasonable
    /// period or not (R-CR-16).
    func updatePermitDurationChallengeNonAcceptanceResponse(
        _ input: Operations.UpdatePermitDurationChallengeNonAcceptanceResponse.Input
    ) async throws -> Operations.UpdatePermitDurationChallengeNonAcceptanceResponse.Output {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let status = request.nonAcceptanceResponseStatus.rawValue
        try DurationChallengeInput.checkAnswer(status: status, newEnd: request.newReasonablePeriodEndDate)
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            var permit = try await change.permit(input.path.permitReferenceNumber)
            let answered = try changeRequestRule { () throws(ChangeRequestError) in
                try DurationChallengeReview.answer(
                    permit.durationChallenge, isChallenged: permit.isDurationChallenged, status: status,
                    details: request.nonAcceptanceResponseDetails, newEnd: request.newReasonablePeriodEndDate,
                    currentEnd: permit.reasonablePeriodEndDate ?? permit.proposedEndDate, at: change.at)
            }
            permit.durationChallenge = answered
            try await change.permits.updateReviews(permit)
            if let end = answered.newReasonablePeriodEndDate {
                permit.reasonablePeriodEndDate = end
                permit.dateModified = change.at
                try await change.permits.update(permit)
            }
            change.record(
                .permitDurationChallengeNonAcceptanceResponse, object: .permit,
                reference: permit.permitReferenceNumber, permit: permit.permitReferenceNumber,
                details: DurationChallengeInput.answerDetails(of: "permit \(permit.permitReferenceNumber)", answered))
        }
        return .noContent(.init())
    }

    /// R-LR-02: the HA adds or changes the lane rental assessment of a PA at any time; a
    /// chargeable outcome says whether the charges are agreed. R-LR-04: never on HS2 highway
    /// works or HS2 works within Act limits.
    func updatePermitLaneRentalAssessment(_ input: Operations.UpdatePermitLaneRentalAssessment.Input) async throws
        -> Operations.UpdatePermitLaneRentalAssessment.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        if request.outcome == .chargeable, request.chargesAgreed == nil {
            throw AppError.invalid(field: "charges_agreed", "is required when outcome is chargeable (R-LR-02)")
        }
        if let days = request.chargeableDays, !(1...10_000).contains(days) {
            throw AppError.invalid(field: "chargeable_days", "must be a whole number from 1 to 10000 (R-LR-02)")
        }
        let assessment = String(decoding: try PermitSubmission.encoder.encode(request), as: UTF8.self)
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            var permit = try await change.permit(input.path.permitReferenceNumber)
            if permit.isPAA {
                throw AppError.preconditionFailed("R-LR-02: a lane rental assessment is made on a PA, not a PAA")
            }
            if permit.isHS2Protected {
                throw AppError.preconditionFailed(
                    "R-LR-04: no lane rental charges on HS2 highway works or HS2 works within Act limits")
            }
            permit.laneRentalAssessmentOutcome = request.outcome.rawValue
            permit.laneRentalChargesNotAgreed = request.outcome == .chargeable && request.chargesAgreed == false
            permit.laneRentalAssessment = assessment
            permit.dateModified = change.at
            try await change.permits.update(permit)
            try await change.permits.updateReviews(permit)
            change.record(
                .laneRentalAssessed, object: .permit, reference: permit.permitReferenceNumber,
                permit: permit.permitReferenceNumber,
                details:
                    "Lane rental assessment of permit \(permit.permitReferenceNumber): \(request.outcome.rawValue.replacingOccurrences(of: "_", with: " "))"
            )
        }
        return .noContent(.init())
    }

    /// R-HS2-02: the HA acknowledges an HS2 application granted automatically (within Act
    /// limits); once.
    func acknowledgeHs2Permit(_ input: Operations.AcknowledgeHs2Permit.Input) async throws
        -> Operations.AcknowledgeHs2Permit.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        guard request.hs2Acknowledged else {
            throw AppError.invalid(field: "hs2_acknowledged", "must be true (R-HS2-02)")
        }
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            var permit = try await change.permit(input.path.permitReferenceNumber)
            guard permit.hs2Route == .consultation else {
                throw AppError.preconditionFailed(
                    "R-HS2-02: only HS2 applications within Act limits granted on submission are acknowledged; this one is assessed"
                )
            }
            guard permit.hs2AcknowledgedAt == nil else {
                throw AppError.preconditionFailed(
                    "R-HS2-02: permit \(permit.permitReferenceNumber) is already acknowledged")
            }
            permit.hs2AcknowledgedAt = change.at
            try await change.permits.updateReviews(permit)
            change.record(
                .permitHs2Acknowledged, object: .permit, reference: permit.permitReferenceNumber,
                permit: permit.permitReferenceNumber, details: "HS2 permit \(permit.permitReferenceNumber) acknowledged"
            )
        }
        return .noContent(.init())
    }
}
