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

extension PermitRules {
    /// R-PERMIT-20: the proposed end after works start late within the validity period,
    /// or `nil` when it does not move.
    ///
    /// When the UK local date of `actualStart` is after that of `proposedStart` and on or before
    /// `validityPeriodEndDate`, the end moves so the works keep their original working-day
    /// duration (R-TIME-09), counted from the actual start date, or from the next working day
    /// when the works start on a non-working day; the end keeps its UK wall-clock time. Works
    /// planned with no working day at all keep their calendar-day length instead.
    /// Otherwise (no validity period, a start on or before the proposed start date, or after the
    /// period) the end does not move.
    ///
    /// - Parameters:
    ///   - proposedEnd: the end as applied for (before any slide).
    ///   - validityPeriodEndDate: from `validityPeriodEndDate(category:...)` (or `timings(...)`) at
    ///     submission; `nil` when no validity period applies.
    public static func slidProposedEnd(
        proposedStart: Date,
        proposedEnd: Date,
        actualStart: Date,
        validityPeriodEndDate: LocalDate?,
        calendar: WorkingDayCalendar = .englandAndWales
    ) -> Date? {
        guard let validityPeriodEndDate else { return nil }
        let startDate = UKTime.localDate(of: proposedStart)
        let endDate = UKTime.localDate(of: proposedEnd)
        let actualDate = UKTime.localDate(of: actualStart)
        guard actualDate > startDate, actualDate <= validityPeriodEndDate, endDate >= startDate else { return nil }
        let workingDays = calendar.workingDays(from: startDate, through: endDate)
        let newEndDate =
            workingDays > 0
            ? calendar.addingWorkingDays(workingDays - 1, to: calendar.workingDayOnOrAfter(actualDate))
            : endDate.adding(days: startDate.days(until: actualDate))
        guard newEndDate != endDate else { return nil }
        return UKTime.instant(newEndDate, atLocalTimeOf: proposedEnd)
    }
}

extension PermitRules {
    /// R-PERMIT-21: the works count as traffic-sensitive, so no validity period applies
    /// (R-PERMIT-20): the street has a traffic-sensitive designation (code 2) and the promoter
    /// selected at least one of them for the works.
    ///
    /// A street with no traffic-sensitive designation, or whose traffic-sensitive designations
    /// the promoter did not select, is non-traffic-sensitive. A selection counts only when it
    /// identifies one of the street's designations (``DesignationSelection/identifies(_:)``,
    /// R-VAL-13). The gazetteer's blanket traffic-sensitive flag is itself a code-2
    /// designation of the whole street (``Street/isTrafficSensitive``), selected or not like
    /// any other. Pass the result as `isTrafficSensitive` to `timings(...)` or
    /// `validityPeriodEndDate(category:...)`.
    public static func isTrafficSensitive(street: Street, selectedDesignations: [DesignationSelection]) -> Bool {
        street.designations.contains { designation in
            designation.code == SpecialDesignation.trafficSensitive
                && selectedDesignations.contains { $0.identifies(designation) }
        }
    }
}
