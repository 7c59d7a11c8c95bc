import Foundation

/// R-CR-16: after a grant with duration challenge (of a PA, R-PERMIT-15, or of a works extension,
/// R-CR-09), the promoter's review of the challenge and the HA's answer to a non-acceptance. The
/// same for permits and change requests.
public struct DurationChallengeReview: Sendable, Hashable, Codable {
    /// Wire values of `DurationChallengeReviewStatus`.
    public static let accepted = "duration_challenge_accepted"
    public static let notAccepted = "duration_challenge_not_accepted"
    /// Wire value of `DurationChallengeNonAcceptanceResponseStatus` that moves the end.
    public static let endChanged = "reasonable_period_end_date_changed"

    public var reviewStatus: String
    public var reasonForNonAcceptance: String?
    public var reviewUpdateDate: Date
    public var responseStatus: String?
    public var responseDetails: String?
    public var responseUpdateDate: Date?
    public var newReasonablePeriodEndDate: Date?
    public var oldReasonablePeriodEndDate: Date?

    public init(
        reviewStatus: String, reasonForNonAcceptance: String?, reviewUpdateDate: Date, responseStatus: String? = nil,
        responseDetails: String? = nil, responseUpdateDate: Date? = nil, newReasonablePeriodEndDate: Date? = nil,
        oldReasonablePeriodEndDate: Date? = nil
    ) {
        self.reviewStatus = reviewStatus
        self.reasonForNonAcceptance = reasonForNonAcceptance
        self.reviewUpdateDate = reviewUpdateDate
        self.responseStatus = responseStatus
        self.responseDetails = responseDetails
        self.responseUpdateDate = responseUpdateDate
        self.newReasonablePeriodEndDate = newReasonablePeriodEndDate
        self.oldReasonablePeriodEndDate = oldReasonablePeriodEndDate
    }

    /// The follow-up is complete once the promoter accepted or the HA answered.
    public var isFollowUpComplete: Bool { reviewStatus == Self.accepted || responseStatus != nil }

    /// R-CR-16: the promoter's review, once, of something granted with a duration challenge. The
    /// caller has checked the reason is given for a non-acceptance.
    public static func review(
        _ existing: DurationChallengeReview?, isChallenged: Bool, status: String, reason: String?, at now: Date
    ) throws(ChangeRequestError) -> DurationChallengeReview {
        guard isChallenged else { throw .noDurationChallenge }
        guard existing == nil else { throw .durationChallengeAlreadyReviewed }
        return DurationChallengeReview(
            reviewStatus: status, reasonForNonAcceptance: status == accepted ? nil : reason, reviewUpdateDate: now)
    }

    /// R-CR-16: the HA's answer, once, to a non-acceptance; `currentEnd` is the end of the
    /// reasonable period it answers about.
    public static func answer(
        _ existing: DurationChallengeReview?, isChallenged: Bool, status: String, details: String, newEnd: Date?,
        currentEnd: Date, at now: Date
    ) throws(ChangeRequestError) -> DurationChallengeReview {
        guard isChallenged else { throw .noDurationChallenge }
        guard var review = existing, review.reviewStatus == notAccepted else { throw .noNonAcceptanceToAnswer }
        guard review.responseStatus == nil else { throw .nonAcceptanceAlreadyAnswered }
        review.responseStatus = status
        review.responseDetails = details
        review.responseUpdateDate = now
        review.oldReasonablePeriodEndDate = currentEnd
        review.newReasonablePeriodEndDate = status == endChanged ? newEnd : nil
        return review
    }
}
