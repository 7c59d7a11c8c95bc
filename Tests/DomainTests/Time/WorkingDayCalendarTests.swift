import Domain
import Foundation
import Testing

@Suite("R-TIME-04/06/07: working days and the 16:30 cut-off")
struct WorkingDayCalendarTests {
    let calendar = Fixture.calendar

    @Test("R-TIME-04: weekends and bank holidays are not working days (Christmas 2026)")
    func christmas2026() {
        let working = [
            "2026-12-24": true, "2026-12-25": false, "2026-12-26": false, "2026-12-27": false,
            "2026-12-28": false, "2026-12-29": true, "2027-01-01": false, "2027-01-04": true,
        ]
        for (iso, expected) in working {
            #expect(calendar.isWorkingDay(Fixture.day(iso)) == expected, "\(iso)")
        }
    }

    @Test("R-TIME-04: Good Friday and Easter Monday 2027 are not working days")
    func easter2027() {
        #expect(calendar.isWorkingDay(Fixture.day("2027-03-25")))
        #expect(!calendar.isWorkingDay(Fixture.day("2027-03-26")))
        #expect(!calendar.isWorkingDay(Fixture.day("2027-03-29")))
        #expect(calendar.nextWorkingDay(after: Fixture.day("2027-03-25")) == Fixture.day("2027-03-30"))
    }

    @Test("R-TIME-04: a calendar without holidays only skips weekends")
    func weekendsOnly() {
        #expect(WorkingDayCalendar.weekendsOnly.isWorkingDay(Fixture.day("2026-12-25")))
        #expect(!WorkingDayCalendar.weekendsOnly.isWorkingDay(Fixture.day("2026-12-26")))
        let custom = WorkingDayCalendar(holidays: [Fixture.day("2026-07-15")])
        #expect(!custom.isWorkingDay(Fixture.day("2026-07-15")))
    }

    @Test("R-TIME-04: next working day skips weekends and holidays")
    func nextWorkingDay() {
        #expect(calendar.nextWorkingDay(after: Fixture.day("2026-01-09")) == Fixture.day("2026-01-12"))
        #expect(calendar.nextWorkingDay(after: Fixture.day("2026-01-12")) == Fixture.day("2026-01-13"))
        #expect(calendar.nextWorkingDay(after: Fixture.day("2026-12-24")) == Fixture.day("2026-12-29"))
        #expect(calendar.nextWorkingDay(after: Fixture.day("2026-12-31")) == Fixture.day("2027-01-04"))
    }

    @Test("R-TIME-11: adding working days counts from the day after")
    func addingWorkingDays() {
        #expect(calendar.addingWorkingDays(0, to: Fixture.day("2026-01-10")) == Fixture.day("2026-01-10"))
        #expect(calendar.addingWorkingDays(5, to: Fixture.day("2026-01-09")) == Fixture.day("2026-01-16"))
        #expect(calendar.addingWorkingDays(2, to: Fixture.day("2026-12-23")) == Fixture.day("2026-12-29"))
        #expect(calendar.addingWorkingDays(2, to: Fixture.day("2027-03-25")) == Fixture.day("2027-03-31"))
        #expect(calendar.addingWorkingDays(-1, to: Fixture.day("2026-12-29")) == Fixture.day("2026-12-24"))
    }

    @Test("R-TIME-09: working days between two dates count both ends")
    func workingDaysInclusive() {
        #expect(calendar.workingDays(from: Fixture.day("2026-01-05"), through: Fixture.day("2026-01-09")) == 5)
        #expect(calendar.workingDays(from: Fixture.day("2026-01-05"), through: Fixture.day("2026-01-11")) == 5)
        #expect(calendar.workingDays(from: Fixture.day("2026-01-05"), through: Fixture.day("2026-01-05")) == 1)
        #expect(calendar.workingDays(from: Fixture.day("2026-01-10"), through: Fixture.day("2026-01-11")) == 0)
        #expect(calendar.workingDays(from: Fixture.day("2026-01-09"), through: Fixture.day("2026-01-05")) == 0)
        // 21–24 Dec, 29–31 Dec; 25, 28 Dec and 1 Jan are holidays.
        #expect(calendar.workingDays(from: Fixture.day("2026-12-21"), through: Fixture.day("2027-01-01")) == 7)
    }

    @Test("R-TIME-09: the working-day count agrees with counting day by day")
    func workingDaysMatchesNaiveCount() {
        // 2017–2031 (past the old 2030 horizon) and 2095–2105.
        let starts =
            stride(from: 0, to: 4_900, by: 13).map { Fixture.day("2017-12-20").adding(days: $0) }
            + stride(from: 0, to: 3_700, by: 29).map { Fixture.day("2095-01-03").adding(days: $0) }
        var mismatches: [String] = []
        for start in starts {
            for length in [0, 1, 2, 5, 6, 7, 8, 13, 30, 95, 400] {
                let end = start.adding(days: length)
                var naive = 0
                var day = start
                while day <= end {
                    if calendar.isWorkingDay(day) { naive += 1 }
                    day = day.adding(days: 1)
                }
                if calendar.workingDays(from: start, through: end) != naive { mismatches.append("\(start)…\(end)") }
            }
        }
        #expect(mismatches.isEmpty)
        // Dates before 1970 (negative day numbers) too.
        let old = WorkingDayCalendar.weekendsOnly
        #expect(old.workingDays(from: Fixture.day("1969-12-29"), through: Fixture.day("1970-01-04")) == 5)
        #expect(old.workingDays(from: Fixture.day("1969-12-27"), through: Fixture.day("1969-12-28")) == 0)
    }

    @Test("R-TIME-07: calendar days count every date touched")
    func calendarDays() {
        #expect(calendar.calendarDays(from: Fixture.day("2026-01-05"), through: Fixture.day("2026-01-06")) == 2)
        #expect(calendar.calendarDays(from: Fixture.day("2026-01-05"), through: Fixture.day("2026-01-05")) == 1)
        #expect(calendar.calendarDays(from: Fixture.day("2026-01-06"), through: Fixture.day("2026-01-05")) == 0)
    }

    // MARK: R-TIME-06

    @Test("R-TIME-06: an application at 16:30:00 exactly counts that day (Q-01)")
    func exactlyCutOff() {
        #expect(calendar.effectiveSubmissionDay(for: Fixture.uk("2026-01-14", 16, 30)) == Fixture.day("2026-01-14"))
    }

    @Test("R-TIME-06: an application a moment after 16:30:00 counts from the next working day (Q-01)")
    func justAfterCutOff() {
        #expect(calendar.effectiveSubmissionDay(for: Fixture.uk("2026-01-14", 16, 30, 1)) == Fixture.day("2026-01-15"))
        let fraction = Fixture.uk("2026-01-14", 16, 30).addingTimeInterval(0.001)
        #expect(calendar.effectiveSubmissionDay(for: fraction) == Fixture.day("2026-01-15"))
        #expect(calendar.effectiveSubmissionDay(for: Fixture.uk("2026-01-14", 16, 29, 59)) == Fixture.day("2026-01-14"))
    }

    @Test("R-TIME-06: an application at 16:31 on a Friday counts from Monday")
    func fridayAfterCutOff() {
        #expect(calendar.effectiveSubmissionDay(for: Fixture.uk("2026-01-09", 16, 31)) == Fixture.day("2026-01-12"))
    }

    @Test("R-TIME-06: an application at any time at a weekend counts from Monday")
    func weekend() {
        #expect(calendar.effectiveSubmissionDay(for: Fixture.uk("2026-01-10", 9)) == Fixture.day("2026-01-12"))
        #expect(calendar.effectiveSubmissionDay(for: Fixture.uk("2026-01-11", 0, 5)) == Fixture.day("2026-01-12"))
    }

    @Test("R-TIME-06: in BST 15:45Z is 16:45 local, so it counts from the next day")
    func bstAfterCutOff() {
        #expect(calendar.effectiveSubmissionDay(for: Fixture.utc("2026-07-15", 15, 45)) == Fixture.day("2026-07-16"))
        #expect(calendar.effectiveSubmissionDay(for: Fixture.utc("2026-07-15", 15, 30)) == Fixture.day("2026-07-15"))
    }

    @Test("R-TIME-06: in winter 15:45Z is 15:45 local, so it counts that day")
    func winterBeforeCutOff() {
        #expect(calendar.effectiveSubmissionDay(for: Fixture.utc("2026-01-14", 15, 45)) == Fixture.day("2026-01-14"))
        #expect(calendar.effectiveSubmissionDay(for: Fixture.utc("2026-01-14", 16, 45)) == Fixture.day("2026-01-15"))
    }

    @Test("R-TIME-06: a 23:30Z instant in BST is the next UK day before 16:30")
    func bstAfterMidnight() {
        #expect(calendar.effectiveSubmissionDay(for: Fixture.utc("2026-07-15", 23, 30)) == Fixture.day("2026-07-16"))
    }

    @Test("R-TIME-06: after 16:30 on Christmas Eve 2026 counts from Tuesday 29 December")
    func christmasEve() {
        #expect(calendar.effectiveSubmissionDay(for: Fixture.uk("2026-12-24", 17)) == Fixture.day("2026-12-29"))
        #expect(calendar.effectiveSubmissionDay(for: Fixture.uk("2026-12-25", 10)) == Fixture.day("2026-12-29"))
        #expect(calendar.effectiveSubmissionDay(for: Fixture.uk("2026-12-28", 10)) == Fixture.day("2026-12-29"))
    }

    @Test("R-TIME-06: after 16:30 on the Thursday before Easter 2027 counts from Easter Tuesday")
    func easterThursday() {
        #expect(calendar.effectiveSubmissionDay(for: Fixture.uk("2027-03-25", 16, 45)) == Fixture.day("2027-03-30"))
        #expect(calendar.effectiveSubmissionDay(for: Fixture.uk("2027-03-26", 10)) == Fixture.day("2027-03-30"))
        #expect(calendar.effectiveSubmissionDay(for: Fixture.uk("2027-03-25", 16)) == Fixture.day("2027-03-25"))
    }
}
