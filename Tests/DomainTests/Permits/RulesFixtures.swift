import Domain
import Foundation

/// Dates and instants for the rules tests.
enum Fixture {
    /// A date from `YYYY-MM-DD`.
    static func day(_ iso: String) -> LocalDate {
        guard let date = LocalDate(iso: iso) else { preconditionFailure("bad test date \(iso)") }
        return date
    }

    /// The instant UK clocks show `hour:minute:second` on `iso`.
    static func uk(_ iso: String, _ hour: Int, _ minute: Int = 0, _ second: Int = 0) -> Date {
        UKTime.instant(day(iso), LocalTime(hour: hour, minute: minute, second: second))
    }

    /// The instant `hour:minute:second` UTC on `iso` (computed without Foundation calendars).
    static func utc(_ iso: String, _ hour: Int, _ minute: Int = 0, _ second: Int = 0) -> Date {
        let seconds = day(iso).dayNumber * 86_400 + hour * 3600 + minute * 60 + second
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    static let calendar = WorkingDayCalendar.englandAndWales

    /// A permit in `status` for the lifecycle tests (planned standard PA, proposed start
    /// 2026-07-20 09:00 UK, works planned, active).
    static func permit(
        _ status: PermitStatus,
        assessment: AssessmentStatus? = nil,
        category: WorkCategory = .standard,
        workType: WorkType = .planned,
        workStatus: WorkStatus = .planned,
        actualStart: Date? = nil,
        actualStop: Date? = nil,
        isActivePermit: Bool = true,
        hasHadModificationRequest: Bool = false,
        hasChangeRequestAwaitingAssessment: Bool = false,
        hasReinstatement: Bool = false,
        isFinalSiteRegistered: Bool = false
    ) -> PermitState {
        PermitState(
            status: status, assessmentStatus: assessment, category: category, workType: workType,
            workStatus: workStatus, proposedStart: uk("2026-07-20", 9), actualStart: actualStart,
            actualStop: actualStop, isActivePermit: isActivePermit,
            hasHadModificationRequest: hasHadModificationRequest,
            hasChangeRequestAwaitingAssessment: hasChangeRequestAwaitingAssessment,
            hasReinstatement: hasReinstatement, isFinalSiteRegistered: isFinalSiteRegistered)
    }

    /// A PAA in `status`.
    static func paa(_ status: PermitStatus, assessment: AssessmentStatus? = nil) -> PermitState {
        permit(status, assessment: assessment, category: .paa)
    }

    /// An immediate PA whose works are in progress (started 2026-07-14 08:00 UK).
    static func immediate(
        _ status: PermitStatus, assessment: AssessmentStatus? = nil, workStatus: WorkStatus = .inProgress,
        actualStart: Date? = uk("2026-07-14", 8), actualStop: Date? = nil, hasReinstatement: Bool = false
    ) -> PermitState {
        permit(
            status, assessment: assessment, category: .immediateUrgent, workType: .immediate, workStatus: workStatus,
            actualStart: actualStart, actualStop: actualStop, hasReinstatement: hasReinstatement)
    }

    /// "Now" in the lifecycle tests: 2026-07-15 12:00 UK.
    static let now = uk("2026-07-15", 12)
    /// A works start before `now`.
    static let started = uk("2026-07-14", 8)
    /// A works stop before `now`, after `started`.
    static let stopped = uk("2026-07-15", 10)
}
