import Foundation

extension PermitRules {
    /// R-NOTICE-01, R-TIME-08: minimum advance notice before the proposed start.
    ///
    /// PAA 84 calendar days (3 months); major and standard 10 WD; minor 3 WD; immediate none
    /// (R-NOTICE-06). HS2 highway works have no notice period in the sources: `nil`.
    public static func minimumNotice(_ category: WorkCategory) -> DayPeriod? {
        switch category {
        case .paa: .calendarDays(84)
        case .major, .standard: .workingDays(10)
        case .minor: .workingDays(3)
        case .immediateUrgent, .immediateEmergency, .hs2Highway: nil
        }
    }

    /// R-NOTICE-02, R-TIME-12: the notice given, counted from the effective submission
    /// day (R-TIME-06) inclusive up to but not including the UK local date of the proposed
    /// start: working days, or calendar days when `unit` is a calendar-day period. 0 when the
    /// start is on or before the effective day.
    public static func noticeGiven(
        in unit: DayPeriod, submittedAt: Date, proposedStart: Date, calendar: WorkingDayCalendar = .englandAndWales
    ) -> Int {
        let effective = calendar.effectiveSubmissionDay(for: submittedAt)
        let lastCounted = UKTime.localDate(of: proposedStart).adding(days: -1)
        switch unit {
        case .workingDays: return calendar.workingDays(from: effective, through: lastCounted)
        case .calendarDays: return calendar.calendarDays(from: effective, through: lastCounted)
        }
    }

    /// R-NOTICE-02: early start when the notice given (``noticeGiven(in:submittedAt:proposedStart:calendar:)``)
    /// is less than the minimum for the category. R-NOTICE-06: immediate works (and HS2
    /// highway works, which have no minimum) are never early starts.
    ///
    /// Example: a minor PA given Monday 10:00 with no holidays may start on Thursday (3 WD:
    /// Monday, Tuesday, Wednesday); a Wednesday start is early.
    public static func isEarlyStart(
        category: WorkCategory, submittedAt: Date, proposedStart: Date, calendar: WorkingDayCalendar = .englandAndWales
    ) -> Bool {
        guard let minimum = minimumNotice(category) else { return false }
        let given = noticeGiven(in: minimum, submittedAt: submittedAt, proposedStart: proposedStart, calendar: calendar)
        return given < minimum.count
    }

    /// R-PAA-07: the last day to progress a PAA into its PA so that the PA still gives the notice
    /// of major works (10 working days, R-NOTICE-01) before `proposedStart`: submitted on that day
    /// (before the day's cut-off, R-TIME-06) the PA is not an early start.
    public static func paaToPADeadline(
        proposedStart: Date, calendar: WorkingDayCalendar = .englandAndWales
    ) -> LocalDate {
        calendar.addingWorkingDays(-10, to: UKTime.localDate(of: proposedStart))
    }
}
