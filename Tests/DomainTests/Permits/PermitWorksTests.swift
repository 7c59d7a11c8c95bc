import Domain
import Foundation
import Testing

@Suite("R-PERMIT-16…19, R-IMM, R-WORK-04: works start, stop and reverts")
struct PermitWorksTests {
    // MARK: Creation

    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    @Test("R-WORK-04: a new planned PAA/PA is submitted with works planned")
    func createPlanned() throws {
        let next = try PermitLifecycle.create(workType: .planned, proposedStart: Self.now + 86_400, now: Self.now)
        #expect(next.status == .submitted)
        #expect(next.assessmentStatus == nil)
        #expect(next.workStatus == .planned)
        #expect(next.actualStart == nil)
    }

    @Test("R-IMM-02: an immediate PA's works are in progress on creation, started at the proposed start")
    func createImmediate() throws {
        let next = try PermitLifecycle.create(workType: .immediate, proposedStart: Self.now - 3_600, now: Self.now)
        #expect(next.rule == "R-IMM-02")
        #expect(next.status == .submitted)
        #expect(next.workStatus == .inProgress)
        #expect(next.actualStart == Self.now - 3_600)
    }

    @Test("R-IMM-02, D-IMMEDIATE-START: immediate works reported before their proposed start are started now")
    func createImmediateAhead() throws {
        let next = try PermitLifecycle.create(workType: .immediate, proposedStart: Self.now + 3_600, now: Self.now)
        #expect(next.actualStart == Self.now)
    }

    @Test("R-WORK-04: a new PA on a completed, cancelled, historical or non-notifiable record makes it planned")
    func createOnExistingRecord() throws {
        for status in [WorkStatus.completed, .cancelled, .historical, .nonNotifiable, .planned] {
            #expect(
                try PermitLifecycle.create(
                    workType: .planned, existingWorkStatus: status, proposedStart: Self.now, now: Self.now
                ).workStatus == .planned)
        }
    }

    @Test("R-WORK-04: no PAA or PA can be added to a section 81 record")
    func createOnSection81() {
        #expect(throws: LifecycleError.noApplicationOnSection81) {
            try PermitLifecycle.create(
                workType: .planned, existingWorkStatus: .section81, proposedStart: Self.now, now: Self.now)
        }
    }

    @Test("R-WORK-05: no new application while the works are in progress")
    func createWhileInProgress() {
        #expect(throws: LifecycleError.liveApplicationInProgress) {
            try PermitLifecycle.create(
                workType: .immediate, existingWorkStatus: .inProgress, proposedStart: Self.now, now: Self.now)
        }
    }

    // MARK: Start

    @Test("R-PERMIT-16: works start on a granted PA sets the actual start; works in progress")
    func startGranted() throws {
        let next = try PermitLifecycle.startWorks(
            permit: Fixture.permit(.granted, assessment: .granted), at: Fixture.started, now: Fixture.now)
        #expect(next.rule == "R-PERMIT-16")
        #expect(next.status == .granted)
        #expect(next.workStatus == .inProgress)
        #expect(next.actualStart == Fixture.started)
    }

    @Test("R-PERMIT-16: works may start on a submitted or modification-requested PA without changing its status")
    func startUnassessed() throws {
        for status in [PermitStatus.submitted, .underAssessment, .permitModificationRequest] {
            let next = try PermitLifecycle.startWorks(permit: Fixture.permit(status), at: Fixture.now, now: Fixture.now)
            #expect(next.status == status)
            #expect(next.workStatus == .inProgress)
        }
    }

    @Test("R-PERMIT-16: a start exactly 5 years before the proposed start is allowed, earlier is not")
    func fiveYearLimit() throws {
        let permit = Fixture.permit(.granted)
        let fiveYears = Fixture.uk("2021-07-20", 9)
        #expect(
            try PermitLifecycle.startWorks(permit: permit, at: fiveYears, now: Fixture.now).actualStart == fiveYears)
        #expect(throws: LifecycleError.startTooLongBeforeProposedStart) {
            try PermitLifecycle.startWorks(permit: permit, at: fiveYears.addingTimeInterval(-1), now: Fixture.now)
        }
    }

    @Test("R-PERMIT-16: works start cannot be in the future")
    func startInFuture() {
        #expect(throws: LifecycleError.startInFuture) {
            try PermitLifecycle.startWorks(
                permit: Fixture.permit(.granted), at: Fixture.now.addingTimeInterval(1), now: Fixture.now)
        }
    }

    @Test("R-PERMIT-16: works start can be logged only once")
    func startTwice() {
        let permit = Fixture.permit(.granted, workStatus: .inProgress, actualStart: Fixture.started)
        #expect(throws: LifecycleError.worksAlreadyStarted) {
            try PermitLifecycle.startWorks(permit: permit, at: Fixture.now, now: Fixture.now)
        }
    }

    @Test("R-PERMIT-16: works cannot start on a refused, cancelled or closed PA")
    func startWrongStatus() {
        for status in [PermitStatus.refused, .cancelled, .closed, .progressed] {
            #expect(throws: LifecycleError.cannotStartWorks(status)) {
                try PermitLifecycle.startWorks(permit: Fixture.permit(status), at: Fixture.now, now: Fixture.now)
            }
        }
    }

    @Test("R-PERMIT-16: works start only on the active permit")
    func startNotActive() {
        #expect(throws: LifecycleError.notActivePermit(.startWorks)) {
            try PermitLifecycle.startWorks(
                permit: Fixture.permit(.granted, isActivePermit: false), at: Fixture.now, now: Fixture.now)
        }
    }

    @Test("R-PERMIT-15: a permit revoked before works start is final")
    func startRevoked() {
        #expect(throws: LifecycleError.revokedBeforeWorksStart) {
            try PermitLifecycle.startWorks(
                permit: Fixture.permit(.revoked, assessment: .revoked), at: Fixture.now, now: Fixture.now)
        }
    }

    @Test("R-PERMIT-04: works start and stop cannot be logged on a PAA")
    func paaNoWorks() {
        #expect(throws: LifecycleError.notForPAA(.startWorks)) {
            try PermitLifecycle.startWorks(permit: Fixture.paa(.granted), at: Fixture.now, now: Fixture.now)
        }
        #expect(throws: LifecycleError.notForPAA(.stopWorks)) {
            try PermitLifecycle.stopWorks(permit: Fixture.paa(.granted), at: Fixture.now, now: Fixture.now)
        }
    }

    // MARK: Stop

    @Test("R-PERMIT-03 T10: works stop closes a granted PA; works completed")
    func t10() throws {
        let permit = Fixture.permit(
            .granted, assessment: .granted, workStatus: .inProgress, actualStart: Fixture.started)
        let next = try PermitLifecycle.stopWorks(permit: permit, at: Fixture.stopped, now: Fixture.now)
        #expect(next.rule == "R-PERMIT-03 T10")
        #expect(next.status == .closed)
        #expect(next.assessmentStatus == .granted)
        #expect(next.workStatus == .completed)
        #expect(next.actualStop == Fixture.stopped)
    }

    @Test("R-PERMIT-03 T11: works stop closes a PA revoked while works were in progress")
    func t11() throws {
        let permit = Fixture.permit(
            .revoked, assessment: .revoked, workStatus: .inProgress, actualStart: Fixture.started)
        let next = try PermitLifecycle.stopWorks(permit: permit, at: Fixture.stopped, now: Fixture.now)
        #expect(next.rule == "R-PERMIT-03 T11")
        #expect(next.status == .closed)
        #expect(next.workStatus == .completed)
    }

    @Test("R-IMM-06: an immediate PA stopped before any decision is closed with granted_auto")
    func immediateAutoGrant() throws {
        let next = try PermitLifecycle.stopWorks(
            permit: Fixture.immediate(.submitted), at: Fixture.stopped, now: Fixture.now)
        #expect(next.rule == "R-IMM-06")
        #expect(next.status == .closed)
        #expect(next.assessmentStatus == .grantedAuto)
        #expect(next.workStatus == .completed)
    }

    @Test("R-PERMIT-17: works stop may equal the actual start")
    func stopAtStart() throws {
        let permit = Fixture.permit(.granted, workStatus: .inProgress, actualStart: Fixture.started)
        #expect(try PermitLifecycle.stopWorks(permit: permit, at: Fixture.started, now: Fixture.now).status == .closed)
    }

    @Test("R-PERMIT-17: works stop cannot be before the actual start")
    func stopBeforeStart() {
        let permit = Fixture.permit(.granted, workStatus: .inProgress, actualStart: Fixture.started)
        #expect(throws: LifecycleError.stopBeforeStart) {
            try PermitLifecycle.stopWorks(permit: permit, at: Fixture.started.addingTimeInterval(-1), now: Fixture.now)
        }
    }

    @Test("R-PERMIT-17: works stop cannot be in the future")
    func stopInFuture() {
        let permit = Fixture.permit(.granted, workStatus: .inProgress, actualStart: Fixture.started)
        #expect(throws: LifecycleError.stopInFuture) {
            try PermitLifecycle.stopWorks(permit: permit, at: Fixture.now.addingTimeInterval(60), now: Fixture.now)
        }
    }

    @Test("R-PERMIT-17: works stop needs works in progress")
    func stopNotStarted() {
        #expect(throws: LifecycleError.worksNotInProgress) {
            try PermitLifecycle.stopWorks(permit: Fixture.permit(.granted), at: Fixture.now, now: Fixture.now)
        }
        let closed = Fixture.permit(
            .closed, workStatus: .completed, actualStart: Fixture.started, actualStop: Fixture.stopped)
        #expect(throws: LifecycleError.worksNotInProgress) {
            try PermitLifecycle.stopWorks(permit: closed, at: Fixture.now, now: Fixture.now)
        }
    }

    @Test("R-PERMIT-03: works stop cannot close an unassessed planned PA")
    func stopUnassessedPlanned() {
        let permit = Fixture.permit(.submitted, workStatus: .inProgress, actualStart: Fixture.started)
        #expect(throws: LifecycleError.cannotStopWorks(.submitted)) {
            try PermitLifecycle.stopWorks(permit: permit, at: Fixture.stopped, now: Fixture.now)
        }
    }

    // MARK: Revert start

    @Test("R-PERMIT-18: reverting works start clears the start; works back to planned")
    func revertStart() throws {
        let permit = Fixture.permit(
            .granted, assessment: .granted, workStatus: .inProgress, actualStart: Fixture.started)
        let next = try PermitLifecycle.revertStart(permit: permit)
        #expect(next.rule == "R-PERMIT-18")
        #expect(next.status == .granted)
        #expect(next.workStatus == .planned)
        #expect(next.actualStart == nil)
    }

    @Test("R-IMM-08: works start on immediate works cannot be reverted")
    func revertStartImmediate() {
        #expect(throws: LifecycleError.immediateStartCannotBeReverted) {
            try PermitLifecycle.revertStart(permit: Fixture.immediate(.granted))
        }
    }

    @Test("R-PERMIT-18: works start cannot be reverted after works stop")
    func revertStartAfterStop() {
        let permit = Fixture.permit(
            .closed, workStatus: .completed, actualStart: Fixture.started, actualStop: Fixture.stopped)
        #expect(throws: LifecycleError.revertStartAfterStop) { try PermitLifecycle.revertStart(permit: permit) }
    }

    @Test("R-PERMIT-18: works start cannot be reverted with a reinstatement or final site registered")
    func revertStartWithSites() {
        var permit = Fixture.permit(.granted, workStatus: .inProgress, actualStart: Fixture.started)
        permit.hasReinstatement = true
        #expect(throws: LifecycleError.revertStartWithReinstatement) { try PermitLifecycle.revertStart(permit: permit) }
        permit.hasReinstatement = false
        permit.isFinalSiteRegistered = true
        #expect(throws: LifecycleError.revertStartWithFinalSite) { try PermitLifecycle.revertStart(permit: permit) }
    }

    @Test("R-PERMIT-18: works start cannot be reverted on a revoked PA")
    func revertStartRevoked() {
        let permit = Fixture.permit(
            .revoked, assessment: .revoked, workStatus: .inProgress, actualStart: Fixture.started)
        #expect(throws: LifecycleError.revertStartOnRevoked) { try PermitLifecycle.revertStart(permit: permit) }
    }

    @Test("R-PERMIT-18: there must be a works start to revert")
    func revertStartNothing() {
        #expect(throws: LifecycleError.noStartToRevert) {
            try PermitLifecycle.revertStart(permit: Fixture.permit(.granted))
        }
    }

    // MARK: Revert stop

    @Test("R-PERMIT-03 T12: reverting works stop puts a closed PA back to granted; works in progress")
    func t12() throws {
        let permit = Fixture.permit(
            .closed, assessment: .granted, workStatus: .completed, actualStart: Fixture.started,
            actualStop: Fixture.stopped)
        let next = try PermitLifecycle.revertStop(permit: permit)
        #expect(next.rule == "R-PERMIT-03 T12")
        #expect(next.status == .granted)
        #expect(next.workStatus == .inProgress)
        #expect(next.actualStop == nil)
        #expect(next.actualStart == Fixture.started)
    }

    @Test("R-PERMIT-19: reverting the stop of a revoked PA puts it back to revoked")
    func revertStopRevoked() throws {
        let permit = Fixture.permit(
            .closed, assessment: .revoked, workStatus: .completed, actualStart: Fixture.started,
            actualStop: Fixture.stopped)
        #expect(try PermitLifecycle.revertStop(permit: permit).status == .revoked)
    }

    @Test("R-PERMIT-19: works stop cannot be reverted once a later PA is added")
    func revertStopLaterPermit() {
        let permit = Fixture.permit(
            .closed, workStatus: .completed, actualStart: Fixture.started, actualStop: Fixture.stopped,
            isActivePermit: false)
        #expect(throws: LifecycleError.laterPermitAdded) { try PermitLifecycle.revertStop(permit: permit) }
    }

    @Test("R-PERMIT-19: only a closed PA has a works stop to revert")
    func revertStopNotClosed() {
        #expect(throws: LifecycleError.noStopToRevert) {
            try PermitLifecycle.revertStop(
                permit: Fixture.permit(.granted, workStatus: .inProgress, actualStart: Fixture.started))
        }
    }

    @Test("R-WORK-04: start, revert start, start, stop, revert stop, stop walks the works statuses")
    func roundTrip() throws {
        var permit = Fixture.permit(.granted, assessment: .granted)
        permit = permit.applying(try PermitLifecycle.startWorks(permit: permit, at: Fixture.started, now: Fixture.now))
        #expect(permit.workStatus == .inProgress)
        permit = permit.applying(try PermitLifecycle.revertStart(permit: permit))
        #expect(permit.workStatus == .planned)
        permit = permit.applying(try PermitLifecycle.startWorks(permit: permit, at: Fixture.started, now: Fixture.now))
        permit = permit.applying(try PermitLifecycle.stopWorks(permit: permit, at: Fixture.stopped, now: Fixture.now))
        #expect(permit.status == .closed && permit.workStatus == .completed)
        permit = permit.applying(try PermitLifecycle.revertStop(permit: permit))
        #expect(permit.status == .granted && permit.workStatus == .inProgress)
        permit = permit.applying(try PermitLifecycle.stopWorks(permit: permit, at: Fixture.now, now: Fixture.now))
        #expect(permit.status == .closed && permit.actualStop == Fixture.now)
    }

    @Test("R-PERMIT-03: every lifecycle error message starts with the rule it cites")
    func messagesNameRules() {
        let errors: [LifecycleError] = [
            .alreadyAssessed(.refused), .notAssessable(.closed), .decisionNotForPAA(.grantWithDurationChallenge),
            .durationChallengeOnlyForImmediate, .modificationRequestAlreadyMade, .changeRequestAwaitingAssessment,
            .revokeNeedsGrantedPermit(.submitted), .revokeAfterWorksStop, .notAwaitingAssessment(.deem, .granted),
            .notAwaitingAssessment(.markUnderAssessment, .granted), .noApplicationOnSection81,
            .discountNeedsGrant(.submitted), .noDiscountOnHS2HighwayWorks, .notLive(.closed),
            .liveApplicationInProgress, .onlyPAACanBeProgressed, .cannotProgress(.refused), .notForPAA(.revertStop),
            .notActivePermit(.cancel), .notActivePermit(.startWorks), .cannotCancel(.closed), .cannotCancelRevoked,
            .cannotCancelAfterWorksStart, .cannotCancelAfterWorksStop, .cannotCancelWithReinstatement,
            .cannotStartWorks(.refused), .revokedBeforeWorksStart, .worksAlreadyStarted, .startInFuture,
            .startTooLongBeforeProposedStart, .worksNotInProgress, .cannotStopWorks(.submitted), .stopInFuture,
            .stopBeforeStart, .immediateStartCannotBeReverted, .noStartToRevert, .revertStartAfterStop,
            .revertStartOnRevoked, .revertStartWithReinstatement, .revertStartWithFinalSite, .noStopToRevert,
            .laterPermitAdded,
        ]
        for error in errors {
            #expect(error.message.hasPrefix("\(error.rule): "), "\(error)")
            #expect(error.rule.hasPrefix("R-"))
            #expect(error.message.count > error.rule.count + 10)
        }
        #expect(LifecycleError.notActivePermit(.startWorks).rule == "R-PERMIT-16")
        #expect(LifecycleError.cannotCancelWithReinstatement.rule == "R-IMM-07")
        #expect(
            LifecycleError.immediateStartCannotBeReverted.message
                == "R-IMM-08: works start on immediate works cannot be reverted")
    }
}
