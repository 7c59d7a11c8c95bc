import Foundation

extension PermitRules {
    /// R-IMM-05: the earliest reasonable period end of an immediate PA granted with a duration
    /// challenge: the UK date two working days after the works start (it may be in the past).
    public static func earliestReasonablePeriodEnd(
        worksStart start: Date, calendar: WorkingDayCalendar = .englandAndWales
    ) -> LocalDate {
        calendar.addingWorkingDays(2, to: UKTime.localDate(of: start))
    }

    /// R-VAL-06, R-TIME-10: the UK local calendar date of `date` is before the UK local date of
    /// `now`, i.e. a date-only value is "in the past". A value later today, at any time, is not:
    /// 2026-06-01T23:30Z (00:30 on 2 June, BST) is not in the past at 2026-06-02T10:00Z.
    public static func isBeforeToday(_ date: Date, now: Date) -> Bool {
        UKTime.localDate(of: date) < UKTime.localDate(of: now)
    }

    /// R-VAL-06: planned works span more than five years: `end` is later than the same UK local
    /// date and wall-clock time five calendar years after `start` (29 February gives 28 February).
    /// An end exactly five years on is allowed.
    public static func exceedsFiveYears(start: Date, end: Date) -> Bool {
        end > fiveYearsAfter(start)
    }

    /// The instant UK clocks show the wall-clock time of `start` on the same date five calendar
    /// years later, or on 28 February for a start on 29 February.
    static func fiveYearsAfter(_ start: Date) -> Date {
        let date = UKTime.localDate(of: start)
        let year = date.year + 5
        let day = min(date.day, LocalDate.daysInMonth(year: year, month: date.month))
        return UKTime.instant(LocalDate(year: year, month: date.month, day: day), atLocalTimeOf: start)
    }
}
