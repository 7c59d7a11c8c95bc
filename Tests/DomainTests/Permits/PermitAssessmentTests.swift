import Domain
import Foundation
import Testing

@Suite("R-PERMIT-03/04/07/08: assessment transitions")
struct PermitAssessmentTests {
    // MARK: Allowed

    @Test("R-PERMIT-03 T1: the HA grants a submitted PA")
    func t1Grant() throws {
        let next = try PermitLifecycle.assess(.grant, permit: Fixture.permit(.submitted))
        #expect(next.rule == "R-PERMIT-03 T1")
        #expect(next.status == .granted)
        #expect(next.assessmentStatus == .granted)
        #expect(!next.isDeemed)
        #expect(next.workStatus == .planned)
    }

    @Test("R-PERMIT-03 T1: the system deems a submitted PA at its deadline")
    func t1Deem() throws {
        let next = try PermitLifecycle.deem(permit: Fixture.permit(.submitted))
        #expect(next.rule == "R-PERMIT-03 T1")
        #expect(next.status == .granted)
        #expect(next.assessmentStatus == nil)
        #expect(next.isDeemed)
    }

    @Test("R-RESP-09: the HA marks a submitted PA under assessment, which can still be granted or deemed (Q-04)")
    func underAssessment() throws {
        let marked = try PermitLifecycle.markUnderAssessment(permit: Fixture.permit(.submitted))
        #expect(marked.status == .underAssessment)
        let permit = Fixture.permit(.underAssessment)
        #expect(try PermitLifecycle.assess(.grant, permit: permit).status == .granted)
        #expect(try PermitLifecycle.deem(permit: permit).isDeemed)
        #expect(throws: LifecycleError.notAwaitingAssessment(.markUnderAssessment, .underAssessment)) {
            try PermitLifecycle.markUnderAssessment(permit: permit)
        }
    }

    @Test(
        "R-FEE-05, R-LR-04: the discount changes on a granted, deemed or closed permit only, never on HS2 highway works"
    )
    func discount() throws {
        for status in PermitStatus.allCases {
            let permit = Fixture.permit(status)
            if status == .granted || status == .closed {
                let next = try PermitLifecycle.changeDiscount(permit: permit)
                #expect(next.status == status && next.rule == "R-FEE-05")
            } else {
                #expect(throws: LifecycleError.discountNeedsGrant(status)) {
                    try PermitLifecycle.changeDiscount(permit: permit)
                }
            }
        }
        #expect(throws: LifecycleError.noDiscountOnHS2HighwayWorks) {
            try PermitLifecycle.changeDiscount(permit: Fixture.permit(.granted, workType: .hs2HighwayWorks))
        }
    }

    @Test("R-PERMIT-23: the current traffic management is recorded on a live PA only")
    func currentTrafficManagement() throws {
        #expect(try PermitLifecycle.recordCurrentTrafficManagement(permit: Fixture.permit(.granted)).status == .granted)
        let immediate = Fixture.permit(
            .submitted, category: .immediateEmergency, workType: .immediate, workStatus: .inProgress)
        #expect(try PermitLifecycle.recordCurrentTrafficManagement(permit: immediate).status == .submitted)
        for permit in [
            Fixture.permit(.submitted), Fixture.permit(.closed, workStatus: .completed), Fixture.permit(.cancelled),
            Fixture.permit(.refused), Fixture.permit(.revoked), Fixture.permit(.granted, isActivePermit: false),
            Fixture.permit(.granted, category: .paa),
        ] {
            #expect(throws: LifecycleError.notLive(permit.status)) {
                try PermitLifecycle.recordCurrentTrafficManagement(permit: permit)
            }
        }
    }

    @Test("R-PERMIT-03 T2: the HA refuses a submitted PA")
    func t2Refuse() throws {
        let next = try PermitLifecycle.assess(.refuse, permit: Fixture.permit(.submitted))
        #expect(next.rule == "R-PERMIT-03 T2")
        #expect(next.status == .refused)
        #expect(next.assessmentStatus == .refused)
    }

    @Test("R-PERMIT-03 T3: the HA sends a submitted PA back with a modification request")
    func t3ModificationRequest() throws {
        let permit = Fixture.permit(.submitted)
        let next = try PermitLifecycle.assess(.modificationRequest, permit: permit)
        #expect(next.rule == "R-PERMIT-03 T3")
        #expect(next.status == .permitModificationRequest)
        #expect(next.assessmentStatus == .permitModificationRequest)
        #expect(permit.applying(next).hasHadModificationRequest)
    }

    @Test("R-PERMIT-03 T5: the HA grants a PA in modification request")
    func t5Grant() throws {
        let next = try PermitLifecycle.assess(
            .grant, permit: Fixture.permit(.permitModificationRequest, assessment: .permitModificationRequest))
        #expect(next.rule == "R-PERMIT-03 T5")
        #expect(next.status == .granted)
        #expect(next.assessmentStatus == .granted)
    }

    @Test("R-PERMIT-03 T6: the HA refuses a PA in modification request")
    func t6Refuse() throws {
        let next = try PermitLifecycle.assess(
            .refuse, permit: Fixture.permit(.permitModificationRequest, assessment: .permitModificationRequest))
        #expect(next.rule == "R-PERMIT-03 T6")
        #expect(next.status == .refused)
        #expect(next.assessmentStatus == .refused)
    }

    @Test("R-PERMIT-03 T9: the HA revokes a granted PA")
    func t9Revoke() throws {
        let next = try PermitLifecycle.assess(.revoke, permit: Fixture.permit(.granted, assessment: .granted))
        #expect(next.rule == "R-PERMIT-03 T9")
        #expect(next.status == .revoked)
        #expect(next.assessmentStatus == .revoked)
        #expect(next.workStatus == .planned)
    }

    @Test("R-PERMIT-15: the HA may revoke a granted PA whose works are in progress")
    func revokeInProgress() throws {
        let permit = Fixture.permit(
            .granted, assessment: .granted, workStatus: .inProgress, actualStart: Fixture.started)
        let next = try PermitLifecycle.assess(.revoke, permit: permit)
        #expect(next.status == .revoked)
        #expect(next.workStatus == .inProgress)
        #expect(next.actualStart == Fixture.started)
    }

    @Test("R-PERMIT-08: a planned PA may be assessed after works start")
    func assessAfterStart() throws {
        let permit = Fixture.permit(.submitted, workStatus: .inProgress, actualStart: Fixture.started)
        let next = try PermitLifecycle.assess(.grant, permit: permit)
        #expect(next.status == .granted)
        #expect(next.workStatus == .inProgress)
    }

    @Test("R-IMM-05: an immediate PA may be granted with a duration challenge")
    func durationChallenge() throws {
        let next = try PermitLifecycle.assess(.grantWithDurationChallenge, permit: Fixture.immediate(.submitted))
        #expect(next.status == .granted)
        #expect(next.assessmentStatus == .granted)
        #expect(next.workStatus == .inProgress)
    }

    @Test("R-PERMIT-04: the HA grants a submitted PAA")
    func paaGrant() throws {
        let next = try PermitLifecycle.assess(.grant, permit: Fixture.paa(.submitted))
        #expect(next.rule == "R-PERMIT-04")
        #expect(next.status == .granted)
    }

    @Test("R-PERMIT-04: the system deems a submitted PAA")
    func paaDeem() throws {
        let next = try PermitLifecycle.deem(permit: Fixture.paa(.submitted))
        #expect(next.rule == "R-PERMIT-04")
        #expect(next.status == .granted)
        #expect(next.isDeemed)
    }

    @Test("R-PERMIT-04: the HA refuses a submitted PAA")
    func paaRefuse() throws {
        let next = try PermitLifecycle.assess(.refuse, permit: Fixture.paa(.submitted))
        #expect(next.status == .refused)
        #expect(next.assessmentStatus == .refused)
    }

    @Test("R-PERMIT-04: a submitted PAA is progressed")
    func paaProgressSubmitted() throws {
        let next = try PermitLifecycle.progress(paa: Fixture.paa(.submitted))
        #expect(next.status == .progressed)
        #expect(next.workStatus == .planned)
    }

    @Test("R-PERMIT-04: a granted PAA is progressed")
    func paaProgressGranted() throws {
        let next = try PermitLifecycle.progress(paa: Fixture.paa(.granted, assessment: .granted))
        #expect(next.status == .progressed)
        #expect(next.assessmentStatus == .granted)
    }

    @Test("R-PERMIT-05: the HA may revoke a granted PAA (Q-24)")
    func paaRevoke() throws {
        let next = try PermitLifecycle.assess(.revoke, permit: Fixture.paa(.granted, assessment: .granted))
        #expect(next.rule == "R-PERMIT-05")
        #expect(next.status == .revoked)
    }

    @Test("R-PERMIT-11: an unassessed progressed PAA takes the major PA's decision")
    func paaAutoDecision() {
        let paa = Fixture.paa(.progressed)
        #expect(PermitLifecycle.autoAssess(paa: paa, after: .grant)?.assessmentStatus == .grantedAuto)
        #expect(PermitLifecycle.autoAssess(paa: paa, after: .refuse)?.assessmentStatus == .refusedAuto)
        #expect(PermitLifecycle.autoAssess(paa: paa, after: .grant)?.status == .progressed)
        #expect(PermitLifecycle.autoAssess(paa: Fixture.paa(.progressed, assessment: .granted), after: .grant) == nil)
        #expect(PermitLifecycle.autoAssess(paa: Fixture.permit(.submitted), after: .grant) == nil)
    }

    // MARK: Forbidden

    @Test("R-PERMIT-08: a permit that has been granted cannot be assessed again")
    func grantedNotReassessed() {
        let permit = Fixture.permit(.granted, assessment: .granted)
        for decision in [AssessmentDecision.grant, .refuse, .modificationRequest] {
            #expect(throws: LifecycleError.alreadyAssessed(.granted)) {
                try PermitLifecycle.assess(decision, permit: permit)
            }
        }
        #expect(
            LifecycleError.alreadyAssessed(.granted).message
                .hasPrefix("R-PERMIT-08: a permit that has been granted cannot be assessed again"))
    }

    @Test("R-PERMIT-08: a refused permit cannot be assessed again")
    func refusedNotReassessed() {
        #expect(throws: LifecycleError.alreadyAssessed(.refused)) {
            try PermitLifecycle.assess(.grant, permit: Fixture.permit(.refused, assessment: .refused))
        }
    }

    @Test("R-PERMIT-08: cancelled, closed, revoked and progressed permits cannot be assessed")
    func finishedNotAssessed() {
        for status in [PermitStatus.cancelled, .closed, .revoked, .progressed] {
            #expect(throws: LifecycleError.notAssessable(status)) {
                try PermitLifecycle.assess(.grant, permit: Fixture.permit(status))
            }
        }
    }

    @Test("R-PERMIT-07: a PAA cannot receive a modification request")
    func paaNoModificationRequest() {
        #expect(throws: LifecycleError.decisionNotForPAA(.modificationRequest)) {
            try PermitLifecycle.assess(.modificationRequest, permit: Fixture.paa(.submitted))
        }
    }

    @Test("R-PERMIT-07: only immediate PAs can be granted with a duration challenge")
    func durationChallengeOnlyImmediate() {
        #expect(throws: LifecycleError.durationChallengeOnlyForImmediate) {
            try PermitLifecycle.assess(.grantWithDurationChallenge, permit: Fixture.permit(.submitted))
        }
        #expect(throws: LifecycleError.decisionNotForPAA(.grantWithDurationChallenge)) {
            try PermitLifecycle.assess(.grantWithDurationChallenge, permit: Fixture.paa(.submitted))
        }
    }

    @Test("R-PERMIT-03 T3: a modification request can be made only once per PA")
    func secondModificationRequest() {
        #expect(throws: LifecycleError.modificationRequestAlreadyMade) {
            try PermitLifecycle.assess(
                .modificationRequest, permit: Fixture.permit(.submitted, hasHadModificationRequest: true))
        }
        #expect(throws: LifecycleError.modificationRequestAlreadyMade) {
            try PermitLifecycle.assess(.modificationRequest, permit: Fixture.permit(.permitModificationRequest))
        }
    }

    @Test("R-PERMIT-03 T5/T6: no grant or refusal while a change request awaits assessment")
    func changeRequestBlocksDecision() {
        let permit = Fixture.permit(.permitModificationRequest, hasChangeRequestAwaitingAssessment: true)
        for decision in [AssessmentDecision.grant, .refuse] {
            #expect(throws: LifecycleError.changeRequestAwaitingAssessment) {
                try PermitLifecycle.assess(decision, permit: permit)
            }
        }
    }

    @Test("R-PERMIT-15: only a granted permit can be revoked")
    func revokeNeedsGrant() {
        for status in [PermitStatus.submitted, .permitModificationRequest, .refused, .closed, .cancelled] {
            #expect(throws: LifecycleError.revokeNeedsGrantedPermit(status)) {
                try PermitLifecycle.assess(.revoke, permit: Fixture.permit(status))
            }
        }
    }

    @Test("R-RESP-05: a permit in modification request or already decided does not deem")
    func noDeemWhenNotAwaiting() {
        for status in [PermitStatus.permitModificationRequest, .granted, .refused, .cancelled] {
            #expect(throws: LifecycleError.notAwaitingAssessment(.deem, status)) {
                try PermitLifecycle.deem(permit: Fixture.permit(status))
            }
        }
    }

    @Test("R-PERMIT-04: a PAA cannot be progressed once refused, cancelled or progressed")
    func paaProgressForbidden() {
        for status in [PermitStatus.refused, .cancelled, .progressed, .revoked] {
            #expect(throws: LifecycleError.cannotProgress(status)) {
                try PermitLifecycle.progress(paa: Fixture.paa(status))
            }
        }
        #expect(throws: LifecycleError.onlyPAACanBeProgressed) {
            try PermitLifecycle.progress(paa: Fixture.permit(.granted))
        }
    }
}
