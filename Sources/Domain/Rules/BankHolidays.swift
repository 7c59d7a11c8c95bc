import Foundation

/// England-and-Wales bank holidays (R-TIME-04, R-TIME-05; Q-08).
///
/// The list is bundled as data so deadlines never depend on a network feed. 2018–2026 are the
/// published gov.uk dates, including the one-off changes (2020-05-08 VE Day in place of
/// 2020-05-04; 2022-06-02 and 2022-06-03 for the Platinum Jubilee in place of 2022-05-30;
/// 2022-09-19 state funeral; 2023-05-08 coronation). 2027–2030 are written out from
/// ``standardRule(year:)``; a test checks them against it. Dates after ``lastYear`` are
/// treated as having no bank holidays, as the service does beyond its feed horizon (R-TIME-05).
public enum BankHolidays {
    public static let firstYear = 2018
    public static let lastYear = 2030

    /// The bundled list, ascending, as `YYYY-MM-DD`.
    public static let englandAndWalesISO: [String] = [
        // 2018
        "2018-01-01", "2018-03-30", "2018-04-02", "2018-05-07", "2018-05-28", "2018-08-27",
        "2018-12-25", "2018-12-26",
        // 2019
        "2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06", "2019-05-27", "2019-08-26",
        "2019-12-25", "2019-12-26",
        // 2020 (early May bank holiday moved to Friday 8 May for VE Day; Boxing Day substitute)
        "2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31",
        "2020-12-25", "2020-12-28",
        // 2021 (Christmas and Boxing Day substitutes)
        "2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30",
        "2021-12-27", "2021-12-28",
        // 2022 (spring bank holiday moved to 2 June, Platinum Jubilee 3 June, state funeral 19 September)
        "2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03",
        "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27",
        // 2023 (coronation 8 May)
        "2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29",
        "2023-08-28", "2023-12-25", "2023-12-26",
        // 2024
        "2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26",
        "2024-12-25", "2024-12-26",
        // 2025
        "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25",
        "2025-12-25", "2025-12-26",
        // 2026 (Boxing Day substitute)
        "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31",
        "2026-12-25", "2026-12-28",
        // 2027 (computed; Christmas and Boxing Day substitutes)
        "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30",
        "2027-12-27", "2027-12-28",
        // 2028 (computed; New Year's Day substitute)
        "2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28",
        "2028-12-25", "2028-12-26",
        // 2029 (computed)
        "2029-01-01", "2029-03-30", "2029-04-02", "2029-05-07", "2029-05-28", "2029-08-27",
        "2029-12-25", "2029-12-26",
        // 2030 (computed)
        "2030-01-01", "2030-04-19", "2030-04-22", "2030-05-06", "2030-05-27", "2030-08-26",
        "2030-12-25", "2030-12-26",
    ]

    /// The bundled list as dates.
    public static let englandAndWales: [LocalDate] = englandAndWalesISO.map { text in
        guard let date = LocalDate(iso: text) else { preconditionFailure("bad bank holiday \(text)") }
        return date
    }

    /// The usual England-and-Wales pattern for `year`, ascending: New Year's Day, Good Friday,
    /// Easter Monday, early May (first Monday), spring (last Monday in May), summer (last Monday
    /// in August), Christmas Day and Boxing Day. A fixed-date holiday on a Saturday or Sunday is
    /// replaced by the next weekday that is not already a holiday. One-off proclamations are
    /// not predictable and are not included.
    public static func standardRule(year: Int) -> [LocalDate] {
        let easter = easterSunday(year: year)
        var days: Set<LocalDate> = [
            easter.adding(days: -2),
            easter.adding(days: 1),
            firstMonday(year: year, month: 5),
            lastMonday(year: year, month: 5),
            lastMonday(year: year, month: 8),
        ]
        func addSubstituting(_ date: LocalDate) {
            var day = date
            while day.isWeekend || days.contains(day) { day = day.adding(days: 1) }
            days.insert(day)
        }
        addSubstituting(LocalDate(year: year, month: 1, day: 1))
        addSubstituting(LocalDate(year: year, month: 12, day: 25))
        addSubstituting(LocalDate(year: year, month: 12, day: 26))
        return days.sorted()
    }

    /// Western (Gregorian) Easter Sunday, by the anonymous Gregorian algorithm.
    public static func easterSunday(year: Int) -> LocalDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: year, month: month, day: day)
    }

    static func firstMonday(year: Int, month: Int) -> LocalDate {
        let first = LocalDate(year: year, month: month, day: 1)
        let offset = (Weekday.monday.rawValue - first.weekday.rawValue + 7) % 7
        return first.adding(days: offset)
    }

    static func lastMonday(year: Int, month: Int) -> LocalDate {
        let last = LocalDate(year: year, month: month, day: LocalDate.daysInMonth(year: year, month: month))
        let offset = (last.weekday.rawValue - Weekday.monday.rawValue + 7) % 7
        return last.adding(days: -offset)
    }
}
