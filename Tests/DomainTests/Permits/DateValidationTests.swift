import Domain
import Foundation
import Testing

@Suite("R-VAL-06: proposed dates in the past and the five-year limit, in UK local time")
struct DateValidationTests {
    // MARK: In the past

    @Test("R-VAL-06: 23:30Z on 1 June is 2 June in BST, so not in the past on 2 June")
    func bstAfterMidnight() {
        #expect(!PermitRules.isBeforeToday(Fixture.utc("2026-06-01", 23, 30), now: Fixture.utc("2026-06-02", 10)))
        #expect(!PermitRules.isBeforeToday(Fixture.utc("2026-06-01", 23), now: Fixture.utc("2026-06-02", 22, 59)))
    }

    @Test("R-VAL-06: 22:59Z on 1 June is still 1 June in BST, so in the past on 2 June")
    func bstBeforeMidnight() {
        #expect(PermitRules.isBeforeToday(Fixture.utc("2026-06-01", 22, 59, 59), now: Fixture.utc("2026-06-02", 10)))
        // Just after UK midnight (23:00Z): the evening before is yesterday.
        #expect(PermitRules.isBeforeToday(Fixture.utc("2026-06-01", 22), now: Fixture.utc("2026-06-01", 23)))
    }

    @Test("R-VAL-06: in winter UK dates are UTC dates")
    func winter() {
        #expect(PermitRules.isBeforeToday(Fixture.utc("2026-01-14", 23, 30), now: Fixture.utc("2026-01-15", 0)))
        #expect(!PermitRules.isBeforeToday(Fixture.utc("2026-01-15", 0), now: Fixture.utc("2026-01-15", 23, 59, 59)))
    }

    @Test("R-VAL-06: earlier today, now and later are not in the past")
    func today() {
        let now = Fixture.uk("2026-07-15", 12)
        #expect(!PermitRules.isBeforeToday(Fixture.uk("2026-07-15", 0), now: now))
        #expect(!PermitRules.isBeforeToday(now, now: now))
        #expect(!PermitRules.isBeforeToday(Fixture.uk("2026-07-16", 9), now: now))
        #expect(PermitRules.isBeforeToday(Fixture.uk("2026-07-14", 23, 59, 59), now: now))
    }

    @Test("R-VAL-06: the night the clocks go forward")
    func clockChange() {
        // 00:30Z on 29 March 2026 is 00:30 GMT; 01:30Z is 02:30 BST, the same UK day.
        #expect(PermitRules.isBeforeToday(Fixture.utc("2026-03-28", 23, 59), now: Fixture.utc("2026-03-29", 0, 30)))
        #expect(!PermitRules.isBeforeToday(Fixture.utc("2026-03-29", 0, 30), now: Fixture.utc("2026-03-29", 1, 30)))
    }

    // MARK: Five years

    @Test("R-VAL-06: an end exactly five calendar years after the start is allowed, a moment later is not")
    func exactlyFiveYears() {
        let start = Fixture.uk("2026-03-01", 10)
        #expect(!PermitRules.exceedsFiveYears(start: start, end: Fixture.uk("2031-03-01", 10)))
        #expect(PermitRules.exceedsFiveYears(start: start, end: Fixture.uk("2031-03-01", 10).addingTimeInterval(0.001)))
        #expect(!PermitRules.exceedsFiveYears(start: start, end: Fixture.uk("2028-02-29", 10)))
        #expect(!PermitRules.exceedsFiveYears(start: start, end: start.addingTimeInterval(-86_400)))
    }

    @Test("R-VAL-06: five years from 29 February ends on 28 February")
    func leapDay() {
        let start = Fixture.uk("2028-02-29", 9)
        #expect(!PermitRules.exceedsFiveYears(start: start, end: Fixture.uk("2033-02-28", 9)))
        #expect(PermitRules.exceedsFiveYears(start: start, end: Fixture.uk("2033-02-28", 9, 0, 1)))
        #expect(PermitRules.exceedsFiveYears(start: start, end: Fixture.uk("2033-03-01", 0)))
        // 28 February to 28 February and 1 March to 1 March across the leap day are five years too.
        #expect(!PermitRules.exceedsFiveYears(start: Fixture.uk("2027-02-28", 9), end: Fixture.uk("2032-02-28", 9)))
        #expect(PermitRules.exceedsFiveYears(start: Fixture.uk("2027-02-28", 9), end: Fixture.uk("2032-02-29", 9)))
        #expect(!PermitRules.exceedsFiveYears(start: Fixture.uk("2027-03-01", 9), end: Fixture.uk("2032-03-01", 9)))
    }

    @Test("R-VAL-06: the limit is the UK wall-clock time, whatever the UTC offset on either date")
    func wallClock() {
        // 25 October 2026 12:00 is GMT (clocks went back that morning); 25 October 2031 is still
        // BST (they go back on the 26th), so the limit is 11:00Z, not 12:00Z.
        let autumn = Fixture.utc("2026-10-25", 12)
        #expect(!PermitRules.exceedsFiveYears(start: autumn, end: Fixture.utc("2031-10-25", 11)))
        #expect(PermitRules.exceedsFiveYears(start: autumn, end: Fixture.utc("2031-10-25", 11, 0, 1)))
        #expect(PermitRules.exceedsFiveYears(start: autumn, end: Fixture.utc("2031-10-25", 12)))
        // 29 March 2026 12:00 is BST (11:00Z); 29 March 2031 is GMT, so the limit is 12:00Z.
        let spring = Fixture.utc("2026-03-29", 11)
        #expect(!PermitRules.exceedsFiveYears(start: spring, end: Fixture.utc("2031-03-29", 12)))
        #expect(PermitRules.exceedsFiveYears(start: spring, end: Fixture.utc("2031-03-29", 12, 0, 1)))
    }

    @Test("R-VAL-06: a start just after UK midnight in BST keeps its UK date and fraction of a second")
    func bstMidnightStart() {
        // 23:30Z on 1 June 2026 is 00:30 BST on 2 June: the limit is 00:30 BST on 2 June 2031.
        let start = Fixture.utc("2026-06-01", 23, 30).addingTimeInterval(0.5)
        #expect(
            !PermitRules.exceedsFiveYears(start: start, end: Fixture.utc("2031-06-01", 23, 30).addingTimeInterval(0.5)))
        #expect(
            PermitRules.exceedsFiveYears(start: start, end: Fixture.utc("2031-06-01", 23, 30).addingTimeInterval(0.6)))
    }
}
