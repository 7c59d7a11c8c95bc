import Domain
import Foundation
import Testing

@Suite("R-NOTICE: notice periods and early start")
struct NoticeRulesTests {
    private func early(_ category: WorkCategory, _ submitted: Date, _ start: Date) -> Bool {
        PermitRules.isEarlyStart(category: category, submittedAt: submitted, proposedStart: start)
    }

    /// Monday 5 January 2026, 10:00 (no holidays in the following weeks).
    private let monday = Fixture.uk("2026-01-05", 10)

    @Test("R-NOTICE-01: a major PAA needs 84 calendar days (3 months)")
    func paaRow() {
        #expect(PermitRules.minimumNotice(.paa) == .calendarDays(84))
        // 5 January … 29 March inclusive is 84 days.
        #expect(!early(.paa, monday, Fixture.uk("2026-03-30", 8)))
        #expect(early(.paa, monday, Fixture.uk("2026-03-29", 8)))
    }

    @Test("R-NOTICE-01: a major PA needs 10 working days")
    func majorRow() {
        #expect(PermitRules.minimumNotice(.major) == .workingDays(10))
        // 5–9 and 12–16 January are 10 working days.
        #expect(!early(.major, monday, Fixture.uk("2026-01-19", 8)))
        #expect(early(.major, monday, Fixture.uk("2026-01-16", 8)))
    }

    @Test("R-NOTICE-01: a standard PA needs 10 working days")
    func standardRow() {
        #expect(PermitRules.minimumNotice(.standard) == .workingDays(10))
        #expect(!early(.standard, monday, Fixture.uk("2026-01-19", 8)))
        #expect(early(.standard, monday, Fixture.uk("2026-01-16", 8)))
    }

    @Test("R-NOTICE-01: a minor PA needs 3 working days")
    func minorRow() {
        #expect(PermitRules.minimumNotice(.minor) == .workingDays(3))
        #expect(!early(.minor, monday, Fixture.uk("2026-01-08", 8)))
        #expect(early(.minor, monday, Fixture.uk("2026-01-07", 8)))
    }

    @Test("R-NOTICE-01: immediate works need no notice")
    func immediateRow() {
        #expect(PermitRules.minimumNotice(.immediateUrgent) == nil)
        #expect(PermitRules.minimumNotice(.immediateEmergency) == nil)
        #expect(PermitRules.minimumNotice(.hs2Highway) == nil)
    }

    @Test("R-NOTICE-06: immediate works are never early starts, even starting in the past")
    func immediateNeverEarly() {
        #expect(!early(.immediateUrgent, monday, Fixture.uk("2026-01-05", 6)))
        #expect(!early(.immediateEmergency, monday, Fixture.uk("2026-01-04", 6)))
    }

    @Test("R-NOTICE-02: minor given Monday 10:00 may start Thursday; Wednesday is early")
    func workedExample() {
        #expect(!early(.minor, monday, Fixture.uk("2026-01-08", 7, 30)))
        #expect(early(.minor, monday, Fixture.uk("2026-01-07", 7, 30)))
        let given = PermitRules.noticeGiven(
            in: .workingDays(3), submittedAt: monday, proposedStart: Fixture.uk("2026-01-08", 7, 30))
        #expect(given == 3)
    }

    @Test("R-NOTICE-02: given after 16:30 the notice counts from the next working day (Q-02)")
    func afterCutOff() {
        let late = Fixture.uk("2026-01-05", 16, 31)
        #expect(early(.minor, late, Fixture.uk("2026-01-08", 8)))
        #expect(!early(.minor, late, Fixture.uk("2026-01-09", 8)))
    }

    @Test("R-NOTICE-02: bank holidays do not count as notice (Christmas 2026)")
    func christmas() {
        // Wednesday 23, Thursday 24 and Tuesday 29 December are the 3 working days.
        let given = Fixture.uk("2026-12-23", 10)
        #expect(early(.minor, given, Fixture.uk("2026-12-29", 8)))
        #expect(!early(.minor, given, Fixture.uk("2026-12-30", 8)))
    }

    @Test("R-NOTICE-02: PAA notice counts calendar days, weekends and holidays included")
    func paaCalendarDays() {
        let given = PermitRules.noticeGiven(
            in: .calendarDays(84), submittedAt: Fixture.uk("2026-12-24", 17), proposedStart: Fixture.uk("2027-01-05", 8)
        )
        // Effective Tuesday 29 December; 29 December … 4 January is 7 days.
        #expect(given == 7)
    }

    @Test("R-NOTICE-02: a proposed start on or before the submission day is early")
    func startInPast() {
        #expect(early(.minor, monday, Fixture.uk("2026-01-05", 12)))
        #expect(early(.standard, monday, Fixture.uk("2026-01-01", 12)))
    }

    @Test("R-NOTICE-02: the proposed start is taken as a UK local date")
    func startUKDate() {
        let summerMonday = Fixture.uk("2026-07-06", 10)
        // Wednesday 8 July 23:30Z is Thursday 9 July 00:30 BST: Mon, Tue, Wed = 3 WD.
        #expect(!early(.minor, summerMonday, Fixture.utc("2026-07-08", 23, 30)))
        #expect(early(.minor, summerMonday, Fixture.utc("2026-07-08", 22, 30)))
    }
}
