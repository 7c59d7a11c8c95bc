import Foundation

extension PermitRules {
    /// R-TIME-07, R-TIME-09, R-TIME-10: calendar days from the UK local date of the proposed
    /// start through the UK local date of the proposed end, both counted (0 if the end is
    /// before the start).
    public static func calendarDayDuration(
        proposedStart: Date, proposedEnd: Date, calendar: WorkingDayCalendar = .englandAndWales
    ) -> Int {
        calendar.calendarDays(from: UKTime.localDate(of: proposedStart), through: UKTime.localDate(of: proposedEnd))
    }

    /// R-TIME-09, R-TIME-10: working days from the UK local date of the proposed start through
    /// the UK local date of the proposed end, both counted.
    ///
    /// non-working days inside the range are simply not counted, so works lasting only
    /// a weekend or holiday have 0 working days (and are minor, R-CAT-05).
    public static func workingDayDuration(
        proposedStart: Date, proposedEnd: Date, calendar: WorkingDayCalendar = .englandAndWales
    ) -> Int {
        calendar.workingDays(from: UKTime.localDate(of: proposedStart), through: UKTime.localDate(of: proposedEnd))
    }
}
