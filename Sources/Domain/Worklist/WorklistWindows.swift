import Foundation

/// R-RESP-10: the date windows of the worklists (D-WORKLIST). Every window is a run of whole UK
/// local days (R-TIME-10), given as the half-open range of instants from 00:00 UK time on its
/// first day to 00:00 UK time on the day after its last, so a list can compare stored instants
/// with it; the clock change days (23 and 25 hours long) are whole days like any other.
public enum WorklistWindows {
    /// The most entries a worklist answers (it has no paging, D-WORKLIST).
    public static let maximumEntries = 500

    /// Permits about to deem: those whose response period ends today. Unanswered, they are
    /// deemed at the end of it (R-RESP-03, `PermitRules.deemingInstant`).
    public static func deemingDeadline(at now: Date) -> LocalDate {
        UKTime.localDate(of: now)
    }

    /// Work starts due: a proposed start yesterday, today or tomorrow.
    public static func startsDue(at now: Date) -> Range<Date> {
        days(from: -1, through: 1, around: now)
    }

    /// Work stops due: a proposed end yesterday, today or tomorrow.
    public static func stopsDue(at now: Date) -> Range<Date> {
        days(from: -1, through: 1, around: now)
    }

    /// Potential works overrunning: a reasonable period that ended 1 to 7 days ago, i.e. on one
    /// of the seven days before today. One ending today is not overrunning yet: the works may
    /// still stop today.
    public static func overrunning(at now: Date) -> Range<Date> {
        days(from: -7, through: -1, around: now)
    }

    /// The UK days `first` … `last` days from today's (negative: before it), as instants.
    public static func days(from first: Int, through last: Int, around now: Date) -> Range<Date> {
        precondition(first <= last, "an empty window")
        let today = UKTime.localDate(of: now)
        return UKTime.startOfDay(today.adding(days: first))..<UKTime.startOfDay(today.adding(days: last + 1))
    }
}
