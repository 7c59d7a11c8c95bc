import Domain
import Foundation
import Testing

@Suite("R-PERMIT-20/18: the proposed end slides with a late start, and back on revert")
struct ValiditySlideTests {
    private func slid(
        _ start: Date, _ end: Date, actual: Date, validityEnd: LocalDate?,
        calendar: WorkingDayCalendar = .englandAndWales
    ) -> Date? {
        PermitRules.slidProposedEnd(
            proposedStart: start, proposedEnd: end, actualStart: actual, validityPeriodEndDate: validityEnd,
            calendar: calendar)
    }

    // MARK: The pure rule

    @Test("R-PERMIT-20: a minor PA started on day 2 of its validity period ends a working day later")
    func minorLateStart() {
        // Wednesday 7 – Thursday 8 January 2026 (2 WD); valid Wednesday and Thursday.
        let start = Fixture.uk("2026-01-07", 9)
        let validity = PermitRules.validityPeriodEndDate(
            category: .minor, workType: .planned, proposedStart: start, roadCategory: 3, isTrafficSensitive: false)
        #expect(validity == Fixture.day("2026-01-08"))
        #expect(
            slid(start, Fixture.uk("2026-01-08", 17), actual: Fixture.uk("2026-01-08", 10), validityEnd: validity)
                == Fixture.uk("2026-01-09", 17))
    }

    @Test("R-PERMIT-20 (Q-06): the working-day duration is kept, not the calendar-day one")
    func keepsWorkingDays() throws {
        // Monday 12 – Friday 16 January 2026 (5 WD, 5 calendar days), started Wednesday 14:
        // 5 WD from Wednesday end on Tuesday 20 (a calendar-day slide would end on Sunday 18).
        let end = try #require(
            slid(
                Fixture.uk("2026-01-12", 8), Fixture.uk("2026-01-16", 18), actual: Fixture.uk("2026-01-14", 7, 30),
                validityEnd: Fixture.day("2026-01-16")))
        #expect(end == Fixture.uk("2026-01-20", 18))
        #expect(
            PermitRules.workingDayDuration(proposedStart: Fixture.uk("2026-01-14", 7, 30), proposedEnd: end) == 5)
    }

    @Test("R-PERMIT-20: the slid end skips bank holidays (Easter 2027)")
    func skipsHolidays() {
        // Thursday 18 – Wednesday 24 March 2027 (5 WD), started Monday 22: Tuesday 23,
        // Wednesday 24, Thursday 25, then Good Friday and Easter Monday, so Tuesday 30.
        #expect(
            slid(
                Fixture.uk("2027-03-18", 8), Fixture.uk("2027-03-24", 16), actual: Fixture.uk("2027-03-22", 9),
                validityEnd: Fixture.day("2027-03-24")) == Fixture.uk("2027-03-30", 16))
    }

    @Test("R-PERMIT-20: a start at a weekend inside the period counts from the next working day")
    func weekendStart() {
        // Friday 9 – Monday 12 January 2026 (2 WD), valid Friday and Monday, started Saturday.
        #expect(
            slid(
                Fixture.uk("2026-01-09", 9), Fixture.uk("2026-01-12", 17), actual: Fixture.uk("2026-01-10", 11),
                validityEnd: Fixture.day("2026-01-12")) == Fixture.uk("2026-01-13", 17))
    }

    @Test("R-PERMIT-20: the end keeps its UK wall-clock time across the clock change")
    func wallClockTime() {
        // Thursday 26 – Friday 27 March 2026 17:00 GMT; started Friday, ends Monday 30 at 17:00 BST.
        let end = slid(
            Fixture.uk("2026-03-26", 9), Fixture.utc("2026-03-27", 17, 0, 0).addingTimeInterval(0.25),
            actual: Fixture.uk("2026-03-27", 8), validityEnd: Fixture.day("2026-03-27"))
        #expect(end == Fixture.utc("2026-03-30", 16).addingTimeInterval(0.25))
    }

    @Test("R-PERMIT-20 (Q-05): works with no working day keep their calendar-day length")
    func noWorkingDays() {
        // Saturday 10 – Sunday 11 January 2026; day 1 of the period is Monday 12.
        #expect(
            slid(
                Fixture.uk("2026-01-10", 9), Fixture.uk("2026-01-11", 17), actual: Fixture.uk("2026-01-12", 9),
                validityEnd: Fixture.day("2026-01-13")) == Fixture.uk("2026-01-13", 17))
    }

    @Test("R-PERMIT-20: the end does not move for a start on or before the proposed start date")
    func onTimeOrEarly() {
        let start = Fixture.uk("2026-01-07", 9)
        let end = Fixture.uk("2026-01-08", 17)
        let validity = Fixture.day("2026-01-08")
        // Same UK date, later in the day; and a 23:30Z instant that is still 7 January in winter.
        #expect(slid(start, end, actual: Fixture.uk("2026-01-07", 15), validityEnd: validity) == nil)
        #expect(slid(start, end, actual: Fixture.utc("2026-01-07", 23, 30), validityEnd: validity) == nil)
        #expect(slid(start, end, actual: Fixture.uk("2026-01-06", 15), validityEnd: validity) == nil)
    }

    @Test("R-PERMIT-20: the end does not move for a start after the validity period")
    func afterPeriod() {
        #expect(
            slid(
                Fixture.uk("2026-01-07", 9), Fixture.uk("2026-01-08", 17), actual: Fixture.uk("2026-01-09", 8),
                validityEnd: Fixture.day("2026-01-08")) == nil)
    }

    @Test("R-PERMIT-20: the end does not move when no validity period applies")
    func noPeriod() {
        #expect(
            slid(
                Fixture.uk("2026-01-07", 9), Fixture.uk("2026-01-08", 17), actual: Fixture.uk("2026-01-08", 8),
                validityEnd: nil) == nil)
    }

    @Test("R-PERMIT-20: the end does not move when the late start still reaches the same end")
    func sameEnd() {
        // Saturday 10 – Monday 12 January (1 WD), started Sunday: 1 WD from Monday is Monday.
        #expect(
            slid(
                Fixture.uk("2026-01-10", 9), Fixture.uk("2026-01-12", 17), actual: Fixture.uk("2026-01-11", 9),
                validityEnd: Fixture.day("2026-01-13")) == nil)
    }

    // MARK: Carried by the lifecycle

    /// A granted standard PA, Monday 20 – Friday 24 July 2026 17:00 (5 WD), category 3 street.
    private func permit(originalEnd: Date? = nil, proposedEnd: Date = Fixture.uk("2026-07-24", 17)) -> PermitState {
        let start = Fixture.uk("2026-07-20", 9)
        return PermitState(
            status: .granted, assessmentStatus: .granted, category: .standard, workType: .planned,
            workStatus: .planned, proposedStart: start, proposedEnd: proposedEnd,
            validityPeriodEndDate: PermitRules.validityPeriodEndDate(
                category: .standard, workType: .planned, proposedStart: start, roadCategory: 3,
                isTrafficSensitive: false),
            originalProposedEnd: originalEnd)
    }

    private let now = Fixture.uk("2026-07-27", 12)

    @Test("R-PERMIT-20: works start on day 3 of the period moves the proposed end and keeps the original")
    func startMovesEnd() throws {
        let before = permit()
        #expect(before.validityPeriodEndDate == Fixture.day("2026-07-24"))
        let next = try PermitLifecycle.startWorks(permit: before, at: Fixture.uk("2026-07-22", 8), now: now)
        #expect(next.rule == "R-PERMIT-16")
        #expect(next.workStatus == .inProgress)
        #expect(next.proposedEnd == Fixture.uk("2026-07-28", 17))
        #expect(next.originalProposedEnd == Fixture.uk("2026-07-24", 17))
        let after = before.applying(next)
        #expect(after.proposedEnd == Fixture.uk("2026-07-28", 17))
        #expect(after.originalProposedEnd == Fixture.uk("2026-07-24", 17))
    }

    @Test("R-PERMIT-20: works start on the proposed start date or after the period leaves the end")
    func startLeavesEnd() throws {
        for start in [Fixture.uk("2026-07-20", 16), Fixture.uk("2026-07-25", 8), Fixture.uk("2026-07-27", 8)] {
            let next = try PermitLifecycle.startWorks(permit: permit(), at: start, now: now)
            #expect(next.proposedEnd == Fixture.uk("2026-07-24", 17), "\(start)")
            #expect(next.originalProposedEnd == nil, "\(start)")
        }
    }

    @Test("R-PERMIT-20: a permit with no validity period or no known end moves nothing")
    func startWithoutPeriod() throws {
        var noPeriod = permit()
        noPeriod.validityPeriodEndDate = nil
        let next = try PermitLifecycle.startWorks(permit: noPeriod, at: Fixture.uk("2026-07-22", 8), now: now)
        #expect(next.proposedEnd == Fixture.uk("2026-07-24", 17) && next.originalProposedEnd == nil)
        let unknown = try PermitLifecycle.startWorks(
            permit: Fixture.permit(.granted), at: Fixture.started, now: Fixture.now)
        #expect(unknown.proposedEnd == nil && unknown.originalProposedEnd == nil)
    }

    @Test("R-PERMIT-20: stopping the works keeps the moved end")
    func stopKeepsEnd() throws {
        let started = permit().applying(
            try PermitLifecycle.startWorks(permit: permit(), at: Fixture.uk("2026-07-22", 8), now: now))
        let stopped = try PermitLifecycle.stopWorks(permit: started, at: Fixture.uk("2026-07-27", 10), now: now)
        #expect(stopped.proposedEnd == Fixture.uk("2026-07-28", 17))
        #expect(stopped.originalProposedEnd == Fixture.uk("2026-07-24", 17))
    }

    @Test("R-PERMIT-18: reverting works start puts the original proposed end back")
    func revertRestoresEnd() throws {
        let start = try PermitLifecycle.startWorks(permit: permit(), at: Fixture.uk("2026-07-22", 8), now: now)
        let started = permit().applying(start)
        let revert = try PermitLifecycle.revertStart(permit: started)
        #expect(revert.rule == "R-PERMIT-18")
        #expect(revert.workStatus == .planned)
        #expect(revert.actualStart == nil)
        #expect(revert.proposedEnd == Fixture.uk("2026-07-24", 17))
        #expect(revert.originalProposedEnd == nil)
        // A new start slides from the original end again, not from the moved one.
        let again = try PermitLifecycle.startWorks(
            permit: started.applying(revert), at: Fixture.uk("2026-07-23", 8), now: now)
        #expect(again.proposedEnd == Fixture.uk("2026-07-29", 17))
        #expect(again.originalProposedEnd == Fixture.uk("2026-07-24", 17))
    }

    @Test("R-PERMIT-18: reverting a start that moved nothing leaves the proposed end")
    func revertWithoutSlide() throws {
        let started = permit().applying(
            try PermitLifecycle.startWorks(permit: permit(), at: Fixture.uk("2026-07-20", 9), now: now))
        let revert = try PermitLifecycle.revertStart(permit: started)
        #expect(revert.proposedEnd == Fixture.uk("2026-07-24", 17))
        #expect(revert.originalProposedEnd == nil)
    }
}
