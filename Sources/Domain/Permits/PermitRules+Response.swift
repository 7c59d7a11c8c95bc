import Foundation

extension PermitRules {
    /// R-RESP-01: the HA's response period for a promoter's reply to a PMR.
    public static let modifiedPermitResponsePeriod = DayPeriod.workingDays(2)
    /// R-RESP-01, R-RESP-08: the HA's response period for a change request or works extension.
    public static let changeRequestResponsePeriod = DayPeriod.workingDays(2)

    /// R-RESP-01: how long the HA has to decide before the application deems.
    ///
    /// PAA 28 calendar days; major and standard 5 WD; minor and immediate 2 WD; HS2 highway
    /// 28 calendar days (42 when the HA is Transport for London).
    public static func responsePeriod(_ category: WorkCategory, highwayAuthorityIsTfL: Bool = false) -> DayPeriod {
        switch category {
        case .paa: .calendarDays(28)
        case .major, .standard: .workingDays(5)
        case .minor, .immediateUrgent, .immediateEmergency: .workingDays(2)
        case .hs2Highway: .calendarDays(highwayAuthorityIsTfL ? 42 : 28)
        }
    }

    /// R-RESP-02, R-TIME-06, R-TIME-11: the last day of `period` counted from an application
    /// made at `submittedAt`.
    ///
    /// Working-day periods: day 1 is the first working day after the effective submission day
    /// and the deadline is the N-th. Calendar-day periods: the effective submission day plus N,
    /// which may be a weekend or holiday.
    public static func deadlineDate(
        period: DayPeriod, submittedAt: Date, calendar: WorkingDayCalendar = .englandAndWales
    ) -> LocalDate {
        let effective = calendar.effectiveSubmissionDay(for: submittedAt)
        switch period {
        case .workingDays(let days): return calendar.addingWorkingDays(days, to: effective)
        case .calendarDays(let days): return effective.adding(days: days)
        }
    }

    /// R-RESP-02: the deadline of an application of `category` made at `submittedAt`.
    public static func deadlineDate(
        category: WorkCategory, submittedAt: Date, highwayAuthorityIsTfL: Bool = false,
        calendar: WorkingDayCalendar = .englandAndWales
    ) -> LocalDate {
        deadlineDate(
            period: responsePeriod(category, highwayAuthorityIsTfL: highwayAuthorityIsTfL),
            submittedAt: submittedAt, calendar: calendar)
    }

    /// R-RESP-07: a PA made by progressing a PAA keeps the later of its own deadline and the
    /// PAA's.
    public static func progressedDeadlineDate(ownDeadline: LocalDate, paaDeadline: LocalDate) -> LocalDate {
        max(ownDeadline, paaDeadline)
    }

    /// R-RESP-03, R-RESP-04: an application still awaiting assessment deems at the end
    /// of its deadline date, i.e. at 00:00 UK local time on the following day.
    public static func deemingInstant(deadline: LocalDate) -> Date {
        UKTime.startOfDay(deadline.adding(days: 1))
    }

    /// R-RESP-03, R-RESP-04, R-RESP-05, R-RESP-09: whether an application in `status`
    /// with `deadline` has deemed by `now`. Only `submitted` and `under_assessment` deem; a PMR
    /// waits for the promoter.
    public static func isDeemed(status: PermitStatus, deadline: LocalDate, at now: Date) -> Bool {
        status.isAwaitingAssessment && now >= deemingInstant(deadline: deadline)
    }
}
