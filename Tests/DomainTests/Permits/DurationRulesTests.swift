import Domain
import Foundation
import Testing

@Suite("R-TIME-07/09/10: durations")
struct DurationRulesTests {
    private func durations(_ start: Date, _ end: Date) -> (calendar: Int, working: Int) {
        (
            PermitRules.calendarDayDuration(proposedStart: start, proposedEnd: end),
            PermitRules.workingDayDuration(proposedStart: start, proposedEnd: end)
        )
    }

    @Test("R-TIME-07: Monday 01:00 to Tuesday 23:00 is 2 calendar days")
    func mondayToTuesday() {
        let result = durations(Fixture.uk("2026-01-05", 1), Fixture.uk("2026-01-06", 23))
        #expect(result.calendar == 2)
        #expect(result.working == 2)
    }

    @Test("R-TIME-09: works starting and ending on one day last 1 day")
    func sameDay() {
        let result = durations(Fixture.uk("2026-01-05", 9), Fixture.uk("2026-01-05", 17))
        #expect(result.calendar == 1)
        #expect(result.working == 1)
    }

    @Test("R-TIME-09: a Monday-to-Sunday week is 7 calendar days and 5 working days")
    func week() {
        let result = durations(Fixture.uk("2026-01-05", 9), Fixture.uk("2026-01-11", 17))
        #expect(result.calendar == 7)
        #expect(result.working == 5)
    }

    @Test("R-TIME-09: bank holidays are not working days (Easter 2027)")
    func easter() {
        // Thursday 25 March to Wednesday 31 March 2027: Thu, Tue, Wed.
        let result = durations(Fixture.uk("2027-03-25", 9), Fixture.uk("2027-03-31", 17))
        #expect(result.calendar == 7)
        #expect(result.working == 3)
    }

    @Test("R-TIME-10: durations use UK local dates (23:30Z in BST is the next day)")
    func ukLocalDates() {
        // Sunday 12 July 23:30Z is Monday 13 July 00:30 BST.
        let result = durations(Fixture.utc("2026-07-12", 23, 30), Fixture.utc("2026-07-13", 10))
        #expect(result.calendar == 1)
        #expect(result.working == 1)
    }

    @Test("R-TIME-09: works only at a weekend have 0 working days (Q-05)")
    func weekendOnly() {
        let result = durations(Fixture.uk("2026-01-10", 8), Fixture.uk("2026-01-11", 18))
        #expect(result.calendar == 2)
        #expect(result.working == 0)
    }

    @Test("R-TIME-09: works only over Christmas 2026 have 0 working days (Q-05)")
    func christmasOnly() {
        let result = durations(Fixture.uk("2026-12-25", 8), Fixture.uk("2026-12-28", 18))
        #expect(result.calendar == 4)
        #expect(result.working == 0)
    }

    @Test("R-TIME-09: an end before the start gives 0")
    func endBeforeStart() {
        let result = durations(Fixture.uk("2026-01-06", 8), Fixture.uk("2026-01-05", 18))
        #expect(result.calendar == 0)
        #expect(result.working == 0)
    }
}
