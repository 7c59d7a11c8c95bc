import Foundation

extension PermitRules {
    /// R-PERMIT-20: the validity period (allowed start slippage) for `category`: major and
    /// standard 5 WD, minor 2 WD; none for PAAs, immediate and HS2 highway works.
    public static func validityPeriod(_ category: WorkCategory) -> DayPeriod? {
        switch category {
        case .major, .standard: .workingDays(5)
        case .minor: .workingDays(2)
        case .paa, .immediateUrgent, .immediateEmergency, .hs2Highway: nil
        }
    }

    /// R-PERMIT-20, R-PERMIT-21: the last day on which works may start, or `nil` when no
    /// validity period applies.
    ///
    /// It applies only to planned minor, standard and major PAs on non-traffic-sensitive
    /// streets of road category 3 or 4. Day 1 is the UK local date of the original proposed
    /// start, or the next working day when that date is not a working day; e.g. a minor PA
    /// starting Wednesday may start on Wednesday or Thursday.
    public static func validityPeriodEndDate(
        category: WorkCategory,
        workType: WorkType,
        proposedStart: Date,
        roadCategory: Int?,
        isTrafficSensitive: Bool,
        calendar: WorkingDayCalendar = .englandAndWales
    ) -> LocalDate? {
        guard workType == .planned, let period = validityPeriod(category),
            let roadCategory, roadCategory == 3 || roadCategory == 4, !isTrafficSensitive
        else { return nil }
        let dayOne = calendar.workingDayOnOrAfter(UKTime.localDate(of: proposedStart))
        return calendar.addingWorkingDays(period.count - 1, to: dayOne)
    }
}
