import Foundation

/// Everything `GET /permits/category` computes for an application (R-CAT-13), plus its
/// deadline and deeming instant (R-RESP-02, R-RESP-04).
public struct PermitTimings: Sendable, Hashable {
    public var category: WorkCategory
    public var calendarDayDuration: Int
    public var workingDayDuration: Int
    public var isEarlyStart: Bool
    public var deadlineDate: LocalDate
    public var deemingInstant: Date
    public var validityPeriodEndDate: LocalDate?

    public init(
        category: WorkCategory, calendarDayDuration: Int, workingDayDuration: Int, isEarlyStart: Bool,
        deadlineDate: LocalDate, deemingInstant: Date, validityPeriodEndDate: LocalDate?
    ) {
        self.category = category
        self.calendarDayDuration = calendarDayDuration
        self.workingDayDuration = workingDayDuration
        self.isEarlyStart = isEarlyStart
        self.deadlineDate = deadlineDate
        self.deemingInstant = deemingInstant
        self.validityPeriodEndDate = validityPeriodEndDate
    }
}

extension PermitRules {
    /// All timings of an application made at `submittedAt` (R-CAT-03…R-CAT-10, R-TIME-06…11,
    /// R-NOTICE-02, R-RESP-01/02/04/07, R-PERMIT-20).
    ///
    /// - Parameter progressedPAADeadline: when the PA progresses a PAA, that PAA's deadline
    ///   (R-RESP-07: the later deadline wins).
    public static func timings(
        workType: WorkType,
        isTTRORequired: Bool,
        immediateRisk: Bool,
        proposedStart: Date,
        proposedEnd: Date,
        submittedAt: Date,
        priorApplications: [PermitStatus] = [],
        progressingPAA: Bool = false,
        progressedPAADeadline: LocalDate? = nil,
        roadCategory: Int? = nil,
        isTrafficSensitive: Bool = false,
        highwayAuthorityIsTfL: Bool = false,
        calendar: WorkingDayCalendar = .englandAndWales
    ) -> PermitTimings {
        let workingDays = workingDayDuration(proposedStart: proposedStart, proposedEnd: proposedEnd, calendar: calendar)
        let workCategory = category(
            workType: workType, isTTRORequired: isTTRORequired, immediateRisk: immediateRisk,
            workingDayDuration: workingDays, priorApplications: priorApplications, progressingPAA: progressingPAA)
        var deadline = deadlineDate(
            category: workCategory, submittedAt: submittedAt, highwayAuthorityIsTfL: highwayAuthorityIsTfL,
            calendar: calendar)
        if let progressedPAADeadline {
            deadline = progressedDeadlineDate(ownDeadline: deadline, paaDeadline: progressedPAADeadline)
        }
        return PermitTimings(
            category: workCategory,
            calendarDayDuration: calendarDayDuration(
                proposedStart: proposedStart, proposedEnd: proposedEnd, calendar: calendar),
            workingDayDuration: workingDays,
            isEarlyStart: isEarlyStart(
                category: workCategory, submittedAt: submittedAt, proposedStart: proposedStart, calendar: calendar),
            deadlineDate: deadline,
            deemingInstant: deemingInstant(deadline: deadline),
            validityPeriodEndDate: validityPeriodEndDate(
                category: workCategory, workType: workType, proposedStart: proposedStart, roadCategory: roadCategory,
                isTrafficSensitive: isTrafficSensitive, calendar: calendar)
        )
    }
}
