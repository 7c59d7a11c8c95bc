import Foundation

/// Pure timing and categorisation rules for PAAs and PAs (business rules §1–§4, R-PERMIT-20).
///
/// Every function is deterministic: instants come in as arguments and bank holidays come from
/// the ``WorkingDayCalendar`` passed in (England and Wales by default).
public enum PermitRules {}

/// A length of time counted in working days or in calendar days.
public enum DayPeriod: Sendable, Hashable, CustomStringConvertible {
    case workingDays(Int)
    case calendarDays(Int)

    public var count: Int {
        switch self {
        case .workingDays(let days), .calendarDays(let days): days
        }
    }

    public var description: String {
        switch self {
        case .workingDays(let days): "\(days) WD"
        case .calendarDays(let days): "\(days) calendar days"
        }
    }
}
