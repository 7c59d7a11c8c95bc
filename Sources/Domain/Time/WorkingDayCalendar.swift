import Foundation

/// Working days (R-TIME-04): every day except Saturdays, Sundays and the calendar's holidays.
public struct WorkingDayCalendar: Sendable, Hashable {
    private enum Holidays: Sendable, Hashable {
        /// Exactly these dates (custom calendars, tests).
        case listed(Set<LocalDate>)
        /// ``BankHolidays/englandAndWales(year:)`` for every year (R-TIME-05, Q-08).
        case englandAndWales
    }

    private let source: Holidays

    /// A calendar whose only holidays are `holidays`.
    public init(holidays: Set<LocalDate>) {
        source = .listed(holidays)
    }

    private init(source: Holidays) {
        self.source = source
    }

    /// England-and-Wales bank holidays of every year, computed by rule with the published
    /// one-off changes (R-TIME-05, Q-08).
    public static let englandAndWales = WorkingDayCalendar(source: .englandAndWales)

    /// No holidays at all: only weekends are non-working.
    public static let weekendsOnly = WorkingDayCalendar(holidays: [])

    /// The holidays of `year` this calendar observes, ascending.
    public func holidays(in year: Int) -> [LocalDate] {
        switch source {
        case .listed(let dates): dates.filter { $0.year == year }.sorted()
        case .englandAndWales: BankHolidays.englandAndWales(year: year)
        }
    }

    /// `date` is one of the calendar's holidays (whatever its weekday).
    public func isHoliday(_ date: LocalDate) -> Bool {
        switch source {
        case .listed(let dates): !dates.isEmpty && dates.contains(date)
        case .englandAndWales: BankHolidays.isEnglandAndWalesBankHoliday(date)
        }
    }

    /// The 16:30 UK-local cut-off of R-TIME-06.
    public static let cutOff = LocalTime(hour: 16, minute: 30)

    /// R-TIME-04: not a Saturday, Sunday or holiday.
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        !date.isWeekend && !isHoliday(date)
    }

    /// The first working day strictly after `date`.
    public func nextWorkingDay(after date: LocalDate) -> LocalDate {
        var day = date.adding(days: 1)
        while !isWorkingDay(day) { day = day.adding(days: 1) }
        return day
    }

    /// `date` itself if it is a working day, otherwise the next working day.
    public func workingDayOnOrAfter(_ date: LocalDate) -> LocalDate {
        isWorkingDay(date) ? date : nextWorkingDay(after: date)
    }

    /// The `count`-th working day after `date`, not counting `date` itself (R-TIME-11: day 1 is
    /// the first working day after the start). `0` gives `date`; a negative count goes back.
    public func addingWorkingDays(_ count: Int, to date: LocalDate) -> LocalDate {
        var day = date
        var remaining = abs(count)
        let step = count < 0 ? -1 : 1
        while remaining > 0 {
            day = day.adding(days: step)
            if isWorkingDay(day) { remaining -= 1 }
        }
        return day
    }

    /// The number of working days from `start` through `end`, both included; 0 when `end` is
    /// before `start` (R-TIME-09).
    public func workingDays(from start: LocalDate, through end: LocalDate) -> Int {
        guard start <= end else { return 0 }
        let first = start.dayNumber
        let last = end.dayNumber
        // Weekdays in [first, last]: count Monday-based weeks arithmetically.
        func weekdaysBefore(_ dayNumber: Int) -> Int {
            // Days in [epochMonday, dayNumber) that are Monday–Friday; 1970-01-05 was a Monday.
            let offset = dayNumber - 4
            let weeks = offset >= 0 ? offset / 7 : (offset - 6) / 7
            let rest = offset - weeks * 7
            return weeks * 5 + min(rest, 5)
        }
        let weekdays = weekdaysBefore(last + 1) - weekdaysBefore(first)
        func counted(_ holiday: LocalDate) -> Bool { holiday >= start && holiday <= end && !holiday.isWeekend }
        let holidaysOnWeekdays: Int
        switch source {
        case .listed(let dates):
            holidaysOnWeekdays = dates.count(where: counted)
        case .englandAndWales:
            holidaysOnWeekdays = (start.year...end.year).reduce(0) { total, year in
                total + BankHolidays.englandAndWales(year: year).count(where: counted)
            }
        }
        return weekdays - holidaysOnWeekdays
    }

    /// R-TIME-07: calendar days touched from `start` through `end`, both included (Monday to
    /// Tuesday is 2); 0 when `end` is before `start`.
    public func calendarDays(from start: LocalDate, through end: LocalDate) -> Int {
        max(0, start.days(until: end) + 1)
    }

    /// R-TIME-06: the day an application made at `instant` counts as given.
    ///
    /// On a working day, up to and including 16:30:00.000 UK local time counts that day; any
    /// later instant that day, or any time on a non-working day, counts as the next working
    /// day. Q-01: 16:30:00 exactly is on time; 16:30:00.001 is late.
    public func effectiveSubmissionDay(for instant: Date) -> LocalDate {
        let date = UKTime.localDate(of: instant)
        guard isWorkingDay(date) else { return nextWorkingDay(after: date) }
        let cutOffInstant = UKTime.instant(date, Self.cutOff)
        return instant <= cutOffInstant ? date : nextWorkingDay(after: date)
    }
}
