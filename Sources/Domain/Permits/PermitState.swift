import Foundation

/// What the lifecycle rules need to know about one PAA/PA and its works record.
public struct PermitState: Sendable, Hashable {
    public var status: PermitStatus
    /// R-PERMIT-02: empty until assessed.
    public var assessmentStatus: AssessmentStatus?
    /// R-RESP-03: granted by deeming rather than by the HA.
    public var isDeemed: Bool
    public var category: WorkCategory
    public var workType: WorkType
    /// Status of the works record the permit belongs to (R-WORK-03).
    public var workStatus: WorkStatus
    public var proposedStart: Date
    /// The proposed end as it stands now (R-PERMIT-20: moved by a late works start). `nil` when
    /// not known; then a works start moves nothing.
    public var proposedEnd: Date?
    /// R-PERMIT-20: the last day works may start, as computed at submission
    /// (``PermitTimings/validityPeriodEndDate``); `nil` when no validity period applies.
    public var validityPeriodEndDate: LocalDate?
    /// R-PERMIT-18, R-PERMIT-20: the proposed end as applied for, kept while a late works start
    /// has moved ``proposedEnd``; `nil` when the end has not moved.
    public var originalProposedEnd: Date?
    public var actualStart: Date?
    public var actualStop: Date?
    /// The permit is the latest one on its works record (R-WORK-02, R-PERMIT-12, R-PERMIT-19).
    public var isActivePermit: Bool
    /// A permit modification request has already been made on this PA (R-PERMIT-03 T3).
    public var hasHadModificationRequest: Bool
    /// A change request on this permit awaits assessment (R-PERMIT-03 T5/T6).
    public var hasChangeRequestAwaitingAssessment: Bool
    /// A reinstatement is recorded for this permit (R-PERMIT-18, R-IMM-07).
    public var hasReinstatement: Bool
    /// "Final site registered" is set to Yes (R-PERMIT-18).
    public var isFinalSiteRegistered: Bool
    /// R-RESP-05, R-CR-15: a PA in modification request whose promoter has replied with the
    /// modified permit: the HA's new response period runs, and it deems at its end.
    public var hasModifiedPermitReply: Bool = false

    public init(
        status: PermitStatus,
        assessmentStatus: AssessmentStatus? = nil,
        isDeemed: Bool = false,
        category: WorkCategory,
        workType: WorkType,
        workStatus: WorkStatus,
        proposedStart: Date,
        actualStart: Date? = nil,
        actualStop: Date? = nil,
        isActivePermit: Bool = true,
        hasHadModificationRequest: Bool = false,
        hasChangeRequestAwaitingAssessment: Bool = false,
        hasReinstatement: Bool = false,
        isFinalSiteRegistered: Bool = false,
        proposedEnd: Date? = nil,
        validityPeriodEndDate: LocalDate? = nil,
        originalProposedEnd: Date? = nil
    ) {
        self.status = status
        self.assessmentStatus = assessmentStatus
        self.isDeemed = isDeemed
        self.category = category
        self.workType = workType
        self.workStatus = workStatus
        self.proposedStart = proposedStart
        self.actualStart = actualStart
        self.actualStop = actualStop
        self.isActivePermit = isActivePermit
        self.hasHadModificationRequest = hasHadModificationRequest
        self.hasChangeRequestAwaitingAssessment = hasChangeRequestAwaitingAssessment
        self.hasReinstatement = hasReinstatement
        self.isFinalSiteRegistered = isFinalSiteRegistered
        self.proposedEnd = proposedEnd
        self.validityPeriodEndDate = validityPeriodEndDate
        self.originalProposedEnd = originalProposedEnd
    }

    /// A provisional advance authorisation rather than a permit application.
    public var isPAA: Bool { category == .paa }

    /// Immediate (urgent or emergency) works.
    public var isImmediate: Bool { workType == .immediate }

    /// This state after `transition`.
    public func applying(_ transition: PermitTransition) -> PermitState {
        var next = self
        next.status = transition.status
        next.assessmentStatus = transition.assessmentStatus
        next.isDeemed = transition.isDeemed
        next.workStatus = transition.workStatus
        next.actualStart = transition.actualStart
        next.actualStop = transition.actualStop
        next.proposedEnd = transition.proposedEnd
        next.originalProposedEnd = transition.originalProposedEnd
        if transition.assessmentStatus == .permitModificationRequest { next.hasHadModificationRequest = true }
        return next
    }
}

/// The outcome of an allowed lifecycle step: the permit's new status, assessment status,
/// deemed flag and proposed end, and the works record's new status and actual dates
/// (R-PERMIT-03, R-PERMIT-20, R-WORK-04).
public struct PermitTransition: Sendable, Hashable {
    /// Which rule allowed the step, e.g. `"R-PERMIT-03 T1"`.
    public var rule: String
    public var status: PermitStatus
    public var assessmentStatus: AssessmentStatus?
    public var isDeemed: Bool
    public var workStatus: WorkStatus
    public var actualStart: Date?
    public var actualStop: Date?
    /// The proposed end to store: moved by a late works start (R-PERMIT-20), put back by
    /// reverting it (R-PERMIT-18), otherwise ``PermitState/proposedEnd`` unchanged.
    public var proposedEnd: Date?
    /// The original proposed end to keep while the end is moved (R-PERMIT-20); `nil` once it is
    /// back or when it never moved.
    public var originalProposedEnd: Date?

    public init(
        rule: String, status: PermitStatus, assessmentStatus: AssessmentStatus?, isDeemed: Bool,
        workStatus: WorkStatus, actualStart: Date?, actualStop: Date?, proposedEnd: Date? = nil,
        originalProposedEnd: Date? = nil
    ) {
        self.rule = rule
        self.status = status
        self.assessmentStatus = assessmentStatus
        self.isDeemed = isDeemed
        self.workStatus = workStatus
        self.actualStart = actualStart
        self.actualStop = actualStop
        self.proposedEnd = proposedEnd
        self.originalProposedEnd = originalProposedEnd
    }

    /// The permit as it is, ready to change.
    init(unchanged permit: PermitState, rule: String) {
        self.init(
            rule: rule, status: permit.status, assessmentStatus: permit.assessmentStatus, isDeemed: permit.isDeemed,
            workStatus: permit.workStatus, actualStart: permit.actualStart, actualStop: permit.actualStop,
            proposedEnd: permit.proposedEnd, originalProposedEnd: permit.originalProposedEnd)
    }
}

/// R-PERMIT-07, R-PERMIT-09: the HA's decision on a PAA/PA.
public enum AssessmentDecision: String, Sendable, Hashable, CaseIterable {
    case grant
    /// Immediate PAs only (R-IMM-05).
    case grantWithDurationChallenge
    case refuse
    /// PAs only, once per PA (R-PERMIT-03 T3).
    case modificationRequest
    case revoke
}

/// The lifecycle step being attempted (names the step in error messages).
public enum LifecycleAction: String, Sendable, Hashable, CaseIterable {
    case create = "create an application"
    case assess = "assess"
    case deem = "deem"
    case markUnderAssessment = "mark as under assessment"
    case progress = "progress"
    case cancel = "cancel"
    case startWorks = "log works start"
    case stopWorks = "log works stop"
    case revertStart = "revert works start"
    case revertStop = "revert works stop"
}
