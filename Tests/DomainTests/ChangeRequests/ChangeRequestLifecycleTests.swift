import Domain
import Foundation
import Testing

@Suite("Change request lifecycle (R-CR)")
struct ChangeRequestLifecycleTests {
    func raise(_ permit: PermitState, hs2: Bool = false, pending: String? = nil, movesEnd: Bool = false)
        throws(ChangeRequestError) -> (ChangeRequestType, ChangeRequestStatus)
    {
        let raised = try ChangeRequestLifecycle.raise(
            ChangeRequestContext(permit: permit, isHS2Protected: hs2, awaitingAssessment: pending),
            movesProposedEnd: movesEnd)
        return (raised.type, raised.status)
    }

    @Test("R-CR-01: the type follows the permit; imposed kinds apply at once, the others await assessment")
    func types() throws {
        #expect(try raise(Fixture.permit(.submitted)) == (.promoterImposedChange, .autoApplied))
        #expect(try raise(Fixture.permit(.underAssessment)) == (.promoterImposedChange, .autoApplied))
        #expect(try raise(Fixture.permit(.permitModificationRequest)) == (.modifiedPermit, .autoApplied))
        #expect(try raise(Fixture.permit(.granted)) == (.promoterChangeRequest, .submitted))
        #expect(try raise(Fixture.permit(.granted), movesEnd: true) == (.promoterChangeRequest, .submitted))
        let live = Fixture.permit(.granted, workStatus: .inProgress, actualStart: Date())
        #expect(try raise(live, movesEnd: true) == (.workExtension, .submitted))
        #expect(try raise(live) == (.promoterChangeRequest, .submitted))
    }

    @Test("R-CR-14: on HS2 protected works a change request is applied at once")
    func hs2() throws {
        #expect(try raise(Fixture.permit(.granted), hs2: true) == (.promoterChangeRequest, .autoApplied))
        #expect(throws: ChangeRequestError.noImposedChangeOnHS2) {
            try ChangeRequestLifecycle.impose(
                ChangeRequestContext(permit: Fixture.permit(.granted), isHS2Protected: true))
        }
    }

    @Test("R-CR-04: one awaiting assessment per permit; imposed kinds are not held back")
    func oneAwaiting() throws {
        #expect(throws: ChangeRequestError.alreadyAwaitingAssessment("P-CR-01")) {
            try raise(Fixture.permit(.granted), pending: "P-CR-01")
        }
        #expect(try raise(Fixture.permit(.submitted), pending: "P-CR-01").1 == .autoApplied)
        #expect(ChangeRequestError.alreadyAwaitingAssessment("x").isConflict)
    }

    @Test("R-CR-05: not on a PAA, a refused, closed or cancelled permit, or one revoked before works start")
    func whereNot() throws {
        #expect(throws: ChangeRequestError.notOnPAA) { try raise(Fixture.permit(.granted, category: .paa)) }
        for status in [PermitStatus.refused, .closed, .cancelled, .revoked, .progressed] {
            #expect(throws: ChangeRequestError.permitNotChangeable(status)) { try raise(Fixture.permit(status)) }
        }
        #expect(throws: ChangeRequestError.notActivePermit) {
            try raise(Fixture.permit(.granted, isActivePermit: false))
        }
        let revokedLive = Fixture.permit(.revoked, workStatus: .inProgress, actualStart: Date())
        #expect(try raise(revokedLive, movesEnd: true) == (.workExtension, .submitted))
    }

    @Test("R-CR-11: the HA imposes changes on a granted permit only")
    func impose() throws {
        #expect(
            try ChangeRequestLifecycle.impose(ChangeRequestContext(permit: Fixture.permit(.granted))) == .autoApplied)
        #expect(throws: ChangeRequestError.imposeNeedsGrantedPermit(.submitted)) {
            try ChangeRequestLifecycle.impose(ChangeRequestContext(permit: Fixture.permit(.submitted)))
        }
    }

    @Test("R-CR-02, R-CR-08, R-CR-09: decisions on a submitted change; duration challenge for extensions in progress")
    func assess() throws {
        #expect(
            try ChangeRequestLifecycle.assess(
                .grant, type: .promoterChangeRequest, status: .submitted, workStatus: .planned) == .granted)
        #expect(
            try ChangeRequestLifecycle.assess(
                .refuse, type: .workExtension, status: .submitted, workStatus: .inProgress) == .refused)
        #expect(
            try ChangeRequestLifecycle.assess(
                .grantWithDurationChallenge, type: .workExtension, status: .submitted, workStatus: .inProgress)
                == .grantedWithDurationChallenge)
        #expect(throws: ChangeRequestError.durationChallengeOnlyForExtension) {
            try ChangeRequestLifecycle.assess(
                .grantWithDurationChallenge, type: .promoterChangeRequest, status: .submitted, workStatus: .inProgress)
        }
        for final in ChangeRequestStatus.allCases where final.isFinal {
            #expect(throws: ChangeRequestError.notAwaitingAssessment(final)) {
                try ChangeRequestLifecycle.assess(
                    .grant, type: .promoterChangeRequest, status: final, workStatus: .planned)
            }
        }
    }

    @Test("R-RESP-08, R-CR-02: a submitted change deems; one awaiting follows its permit out")
    func systemSteps() {
        #expect(ChangeRequestLifecycle.deem(status: .submitted) == .deemed)
        #expect(ChangeRequestLifecycle.deem(status: .granted) == nil)
        #expect(ChangeRequestLifecycle.follow(permitStatus: .cancelled, status: .submitted) == .cancelled)
        #expect(ChangeRequestLifecycle.follow(permitStatus: .closed, status: .submitted) == .cancelled)
        #expect(ChangeRequestLifecycle.follow(permitStatus: .revoked, status: .submitted) == .revoked)
        #expect(ChangeRequestLifecycle.follow(permitStatus: .granted, status: .submitted) == nil)
        #expect(ChangeRequestLifecycle.follow(permitStatus: .cancelled, status: .granted) == nil)
    }

    @Test("R-CR-03: references {PRN}-CR-NN, at least two digits")
    func references() {
        #expect(ChangeRequestLifecycle.reference(permit: "AW01-01", sequence: 1) == "AW01-01-CR-01")
        #expect(ChangeRequestLifecycle.reference(permit: "AW01-01", sequence: 123) == "AW01-01-CR-123")
    }

    @Test("R-RESP-05, R-CR-15: a modification request deems only after the promoter's modified permit")
    func modifiedPermitDeems() throws {
        var permit = Fixture.permit(.permitModificationRequest)
        #expect(throws: LifecycleError.notAwaitingAssessment(.deem, .permitModificationRequest)) {
            try PermitLifecycle.deem(permit: permit)
        }
        permit.hasModifiedPermitReply = true
        let deemed = try PermitLifecycle.deem(permit: permit)
        #expect(deemed.status == .granted && deemed.isDeemed)
    }
}

@Suite("Duration challenge reviews (R-CR-16)")
struct DurationChallengeReviewTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let end = Date(timeIntervalSince1970: 1_800_500_000)

    @Test("R-CR-16: the promoter reviews once, only something granted with a duration challenge")
    func review() throws {
        #expect(throws: ChangeRequestError.noDurationChallenge) {
            try DurationChallengeReview.review(
                nil, isChallenged: false, status: DurationChallengeReview.accepted, reason: nil, at: now)
        }
        let accepted = try DurationChallengeReview.review(
            nil, isChallenged: true, status: DurationChallengeReview.accepted, reason: "ignored", at: now)
        #expect(accepted.reasonForNonAcceptance == nil && accepted.isFollowUpComplete)
        #expect(throws: ChangeRequestError.durationChallengeAlreadyReviewed) {
            try DurationChallengeReview.review(
                accepted, isChallenged: true, status: DurationChallengeReview.notAccepted, reason: "x", at: now)
        }
    }

    @Test("R-CR-16: the HA answers only a non-acceptance, once; a changed end carries the new date")
    func answer() throws {
        let accepted = try DurationChallengeReview.review(
            nil, isChallenged: true, status: DurationChallengeReview.accepted, reason: nil, at: now)
        #expect(throws: ChangeRequestError.noNonAcceptanceToAnswer) {
            try DurationChallengeReview.answer(
                accepted, isChallenged: true, status: DurationChallengeReview.endChanged, details: "x", newEnd: end,
                currentEnd: now, at: now)
        }
        let notAccepted = try DurationChallengeReview.review(
            nil, isChallenged: true, status: DurationChallengeReview.notAccepted, reason: "Rock", at: now)
        #expect(!notAccepted.isFollowUpComplete)
        let kept = try DurationChallengeReview.answer(
            notAccepted, isChallenged: true, status: "reasonable_period_end_date_not_changed", details: "No",
            newEnd: end, currentEnd: now, at: now)
        #expect(kept.newReasonablePeriodEndDate == nil && kept.oldReasonablePeriodEndDate == now)
        let moved = try DurationChallengeReview.answer(
            notAccepted, isChallenged: true, status: DurationChallengeReview.endChanged, details: "Fair",
            newEnd: end, currentEnd: now, at: now)
        #expect(moved.newReasonablePeriodEndDate == end && moved.isFollowUpComplete)
        #expect(throws: ChangeRequestError.nonAcceptanceAlreadyAnswered) {
            try DurationChallengeReview.answer(
                moved, isChallenged: true, status: DurationChallengeReview.endChanged, details: "Again", newEnd: end,
                currentEnd: now, at: now)
        }
    }
}
