import Foundation
import Synchronization

/// England-and-Wales bank holidays for any year (R-TIME-04, R-TIME-05; Q-08).
///
/// Computed from the rules that fix them (``standardRule(year:)``), then corrected by the
/// published one-off changes, which are data (the `oneOffChanges` table), not code. Nothing depends on a
/// network feed and no year is left without holidays: unlike the service's gov.uk feed, which
/// stops at the end of the following year, every year is covered (Q-08 in `docs/decisions.md`).
public enum BankHolidays {
    /// A published change to one year's bank holidays, made by royal proclamation: days added,
    /// and regular days of ``standardRule(year:)`` that were moved away (removed).
    struct OneOffChange: Sendable, Hashable {
        let added: [LocalDate]
        let removed: [LocalDate]
        let reason: String
    }

    /// The published one-off changes in England and Wales since 1978, the first year of the
    /// current pattern (the early May bank holiday). Add a row when a new one is proclaimed.
    static let oneOffChanges: [Int: OneOffChange] = [
        1981: change(added: ["1981-07-29"], reason: "wedding of the Prince of Wales"),
        1995: change(added: ["1995-05-08"], removed: ["1995-05-01"], reason: "VE Day, early May holiday moved"),
        1999: change(added: ["1999-12-31"], reason: "millennium"),
        2002: change(
            added: ["2002-06-03", "2002-06-04"], removed: ["2002-05-27"],
            reason: "Golden Jubilee; spring holiday moved to 4 June"),
        2011: change(added: ["2011-04-29"], reason: "royal wedding"),
        2012: change(
            added: ["2012-06-04", "2012-06-05"], removed: ["2012-05-28"],
            reason: "Diamond Jubilee; spring holiday moved to 4 June"),
        2020: change(added: ["2020-05-08"], removed: ["2020-05-04"], reason: "VE Day, early May holiday moved"),
        2022: change(
            added: ["2022-06-02", "2022-06-03", "2022-09-19"], removed: ["2022-05-30"],
            reason: "Platinum Jubilee, spring holiday moved to 2 June; state funeral"),
        2023: change(added: ["2023-05-08"], reason: "coronation"),
    ]

    private static func change(added: [String], removed: [String] = [], reason: String) -> OneOffChange {
        func dates(_ texts: [String]) -> [LocalDate] {
            texts.map { text in
                guard let date = LocalDate(iso: text) else { preconditionFailure("bad bank holiday \(text)") }
                return date
            }
        }
        return OneOffChange(added: dates(added), removed: dates(removed), reason: reason)
    }

    /// R-TIME-05: the England-and-Wales bank holidays of `year`, ascending:
    /// ``standardRule(year:)`` with the year's published one-off changes applied.
    ///
    /// The pattern is the one in force since 1978; it is applied to every year from 1583 (the
    /// first Gregorian year, where the Easter computus holds), so years before 1978 are only
    /// approximate. Earlier years have none. Results are cached per year.
    public static func englandAndWales(year: Int) -> [LocalDate] {
        if let cached = cache.withLock({ $0[year] }) { return cached }
        let days = computeEnglandAndWales(year: year)
        cache.withLock { $0[year] = days }
        return days
    }

    /// R-TIME-04, R-TIME-05: `date` is an England-and-Wales bank holiday.
    public static func isEnglandAndWalesBankHoliday(_ date: LocalDate) -> Bool {
        englandAndWales(year: date.year).contains(date)
    }

    /// Years already computed. Holidays never change while the process runs, so entries are
    /// never evicted; a year is at most ten dates.
    private static let cache = Mutex<[Int: [LocalDate]]>([:])

    private static func computeEnglandAndWales(year: Int) -> [LocalDate] {
        guard year >= 1583 else { return [] }
        var days = Set(standardRule(year: year))
        if let change = oneOffChanges[year] {
            days.subtract(change.removed)
            days.formUnion(change.added)
        }
        return days.sorted()
    }

    /// The usual England-and-Wales pattern for `year`, ascending: New Year's Day, Good Friday,
    /// Easter Monday, early May (first Monday), spring (last Monday in May), summer (last Monday
    /// in August), Christmas Day and Boxing Day. A fixed-date holiday on a Saturday or Sunday is
    /// replaced by the next weekday that is not already a holiday (Christmas on a Saturday gives
    /// Monday 27 and, for Boxing Day, Tuesday 28 December). One-off proclamations are not
    /// included; ``englandAndWales(year:)`` applies them.
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

    /// Western (Gregorian) Easter Sunday, by the anonymous Gregorian algorithm (`year` ≥ 1583).
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
