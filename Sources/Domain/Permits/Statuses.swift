import Foundation

/// R-PERMIT-01: permit status (wire values of `PermitStatus`).
public enum PermitStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case submitted
    case underAssessment = "under_assessment"
    case granted
    case permitModificationRequest = "permit_modification_request"
    case refused
    case closed
    case cancelled
    case revoked
    case progressed

    /// Submitted and not yet decided (R-RESP-09, Q-04: `under_assessment` still awaits a decision).
    public var isAwaitingAssessment: Bool { self == .submitted || self == .underAssessment }

    /// R-CAT-07: an earlier application in one of these states does not count, so a major works
    /// needs a PAA again.
    public var voidsEarlierApplication: Bool { self == .cancelled || self == .revoked || self == .refused }
}

/// R-PERMIT-02: the HA's (or the system's) decision, held apart from the permit status
/// (wire values of `AssessmentStatus`).
public enum AssessmentStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case granted
    case grantedAuto = "granted_auto"
    case refused
    case refusedAuto = "refused_auto"
    case permitModificationRequest = "permit_modification_request"
    case revoked
}

/// R-WORK-03: status of the works record (wire values of `WorkStatusResponse`).
public enum WorkStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case planned
    case inProgress = "in_progress"
    case completed
    case cancelled
    case unattributable
    case historical
    case nonNotifiable = "non_notifiable"
    case section81 = "section_81"
}
