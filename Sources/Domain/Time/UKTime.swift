import Foundation

/// A wall-clock time of day (whole seconds).
public struct LocalTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int
    public let second: Int

    public init(hour: Int, minute: Int, second: Int = 0) {
        precondition((0...23).contains(hour) && (0...59).contains(minute) && (0...60).contains(second))
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    public var secondsSinceMidnight: Int { hour * 3600 + minute * 60 + second }

    public var description: String {
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(pad(hour)):\(pad(minute)):\(pad(second))"
    }

    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool {
        lhs.secondsSinceMidnight < rhs.secondsSinceMidnight
    }
}

/// UK local time (Europe/London: GMT in winter, BST in summer).
///
/// R-TIME-06 and R-TIME-10: the 16:30 cut-off and every date used for durations, deadlines,
/// notice and validity are taken in UK local time, while instants are stored in UTC (R-TIME-01).
public enum UKTime {
    public static let timeZone: TimeZone = {
        guard let zone = TimeZone(identifier: "Europe/London") else {
            fatalError("the Europe/London time zone is missing from this system's tz database")
        }
        return zone
    }()

    public static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }()

    /// The UK local calendar date on which `instant` falls (R-TIME-10).
    public static func localDate(of instant: Date) -> LocalDate {
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        guard let year = parts.year, let month = parts.month, let day = parts.day else {
            preconditionFailure("Gregorian calendar gave no date for \(instant)")
        }
        return LocalDate(year: year, month: month, day: day)
    }

    /// The UK local wall-clock time of `instant`, truncated to whole seconds.
    public static func localTime(of instant: Date) -> LocalTime {
        let parts = calendar.dateComponents([.hour, .minute, .second], from: instant)
        return LocalTime(hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0)
    }

    /// The instant of 00:00 UK local time on `date` (UK clocks change at 01:00 UTC, so
    /// midnight always exists exactly once).
    public static func startOfDay(_ date: LocalDate) -> Date {
        instant(date, LocalTime(hour: 0, minute: 0))
    }

    /// The instant at which UK clocks show on `date` the wall-clock time they show at `instant`,
    /// fractions of a second included (same skipped/repeated-hour handling as
    /// ``instant(_:_:)``).
    static func instant(_ date: LocalDate, atLocalTimeOf instant: Date) -> Date {
        let wholeSeconds = self.instant(localDate(of: instant), localTime(of: instant))
        // In the repeated autumn hour `wholeSeconds` is the first occurrence, an hour early: keep
        // only the fraction of a second.
        let offset = instant.timeIntervalSince(wholeSeconds)
        return self.instant(date, localTime(of: instant)).addingTimeInterval(offset - offset.rounded(.down))
    }

    /// The instant at which UK clocks show `time` on `date`.
    ///
    /// In the hour skipped when clocks go forward the time is moved forward; in the repeated
    /// hour when they go back the first (BST) occurrence is taken.
    public static func instant(_ date: LocalDate, _ time: LocalTime) -> Date {
        var parts = DateComponents()
        parts.year = date.year
        parts.month = date.month
        parts.day = date.day
        parts.hour = time.hour
        parts.minute = time.minute
        parts.second = time.second
        guard let instant = calendar.date(from: parts) else {
            preconditionFailure("no UK instant for \(date) \(time)")
        }
        return instant
    }
}
