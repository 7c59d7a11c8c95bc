import Domain
import Foundation
import Testing

@Suite("R-PERMIT-12/14, R-IMM-07: cancelling")
struct PermitCancelTests {
    @Test("R-PERMIT-03 T4: the promoter cancels a submitted PA; the works are cancelled")
    func t4() throws {
        let next = try PermitLifecycle.cancel(permit: Fixture.permit(.submitted))
        #expect(next.rule == "R-PERMIT-03 T4")
        #expect(next.status == .cancelled)
        #expect(next.workStatus == .cancelled)
        #expect(try PermitLifecycle.cancel(permit: Fixture.permit(.underAssessment)).status == .cancelled)
    }

    @Test("R-PERMIT-03 T7: the promoter cancels a PA in modification request")
    func t7() throws {
        let next = try PermitLifecycle.cancel(permit: Fixture.permit(.permitModificationRequest))
        #expect(next.rule == "R-PERMIT-03 T7")
        #expect(next.status == .cancelled)
    }

    @Test("R-PERMIT-03 T8: the promoter cancels a granted PA before works start")
    func t8() throws {
        let next = try PermitLifecycle.cancel(permit: Fixture.permit(.granted, assessment: .granted))
        #expect(next.rule == "R-PERMIT-03 T8")
        #expect(next.status == .cancelled)
        #expect(next.assessmentStatus == .granted)
        #expect(next.workStatus == .cancelled)
    }

    @Test("R-PERMIT-03 T13: the promoter cancels a refused PA")
    func t13() throws {
        let next = try PermitLifecycle.cancel(permit: Fixture.permit(.refused, assessment: .refused))
        #expect(next.rule == "R-PERMIT-03 T13")
        #expect(next.status == .cancelled)
    }

    @Test("R-PERMIT-04: a submitted, granted or refused PAA can be cancelled")
    func paaCancel() throws {
        for status in [PermitStatus.submitted, .granted, .refused] {
            let next = try PermitLifecycle.cancel(permit: Fixture.paa(status))
            #expect(next.rule == "R-PERMIT-04")
            #expect(next.status == .cancelled)
            #expect(next.workStatus == .cancelled)
        }
    }

    @Test("R-IMM-07: an immediate PA may be cancelled while in progress")
    func immediateInProgress() throws {
        let next = try PermitLifecycle.cancel(permit: Fixture.immediate(.granted, assessment: .granted))
        #expect(next.status == .cancelled)
        #expect(next.workStatus == .cancelled)
    }

    @Test("R-PERMIT-12: a planned PA cannot be cancelled once works start is logged")
    func plannedAfterStart() {
        let permit = Fixture.permit(.granted, workStatus: .inProgress, actualStart: Fixture.started)
        #expect(throws: LifecycleError.cannotCancelAfterWorksStart) { try PermitLifecycle.cancel(permit: permit) }
    }

    @Test("R-PERMIT-12: only the active permit can be cancelled")
    func notActive() {
        #expect(throws: LifecycleError.notActivePermit(.cancel)) {
            try PermitLifecycle.cancel(permit: Fixture.permit(.granted, isActivePermit: false))
        }
    }

    @Test("R-PERMIT-12: closed, cancelled and progressed permits cannot be cancelled")
    func finished() {
        for status in [PermitStatus.closed, .cancelled, .progressed] {
            #expect(throws: LifecycleError.cannotCancel(status)) {
                try PermitLifecycle.cancel(permit: Fixture.permit(status))
            }
        }
    }

    @Test("R-PERMIT-12: a revoked permit cannot be cancelled (D-04)")
    func revoked() {
        #expect(throws: LifecycleError.cannotCancelRevoked) {
            try PermitLifecycle.cancel(permit: Fixture.permit(.revoked, assessment: .revoked))
        }
        #expect(throws: LifecycleError.cannotCancelRevoked) {
            try PermitLifecycle.cancel(permit: Fixture.immediate(.revoked, assessment: .revoked))
        }
    }

    @Test("R-IMM-07: an immediate PA cannot be cancelled once works stop is logged")
    func immediateAfterStop() {
        let permit = Fixture.immediate(.granted, workStatus: .completed, actualStop: Fixture.stopped)
        #expect(throws: LifecycleError.cannotCancelAfterWorksStop) { try PermitLifecycle.cancel(permit: permit) }
        #expect(throws: LifecycleError.cannotCancel(.closed)) {
            try PermitLifecycle.cancel(
                permit: Fixture.immediate(.closed, workStatus: .completed, actualStop: Fixture.stopped))
        }
    }

    @Test("R-IMM-07: an immediate PA cannot be cancelled once a reinstatement is recorded")
    func immediateWithReinstatement() {
        #expect(throws: LifecycleError.cannotCancelWithReinstatement) {
            try PermitLifecycle.cancel(permit: Fixture.immediate(.granted, hasReinstatement: true))
        }
    }
}
