import Foundation

/// R-CR-01: the kinds of change to a permit (wire values of `ChangeRequestTypeResponse`, which
/// the contract also names `AlterationTypeResponse`).
public enum ChangeRequestType: String, Sendable, Hashable, Codable, CaseIterable {
    /// The promoter changes a PA still awaiting assessment: applied at once.
    case promoterImposedChange = "PROMOTER_IMPOSED_CHANGE"
    /// The promoter asks to change a granted PA: assessed by the HA.
    case promoterChangeRequest = "PROMOTER_CHANGE_REQUEST"
    /// On the roadmap of the real service; never raised here (R-CR-01).
    case haChangeRequest = "HA_CHANGE_REQUEST"
    /// The HA adds or removes conditions of a granted PA: applied at once (R-CR-11).
    case haImposedChange = "HA_IMPOSED_CHANGE"
    /// A change request that moves the proposed end of works in progress: assessed.
    case workExtension = "WORK_EXTENSION"
    /// An enum value only (R-CR-01).
    case durationChallenge = "DURATION_CHALLENGE"
    /// The promoter's reply to a permit modification request: applied at once (R-CR-15).
    case modifiedPermit = "MODIFIED_PERMIT"

    /// Whether the HA assesses it (R-CR-01); the others are applied when made.
    public var isAssessed: Bool { self == .promoterChangeRequest || self == .workExtension }

    /// R-CR-12: only assessed change requests the HA grants are chargeable.
    public var isChargeable: Bool { isAssessed }
}

/// R-CR-02: change request status (wire values of `ChangeRequestStatus` / `AlterationStatus`).
public enum ChangeRequestStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case submitted
    case granted
    case grantedWithDurationChallenge = "granted_with_duration_challenge"
    case refused
    case deemed
    case cancelled
    case revoked
    case autoApplied = "auto_applied"

    /// Every status but `submitted` is final (R-CR-02).
    public var isFinal: Bool { self != .submitted }

    /// The proposed values are now the permit's (R-CR-08, R-RESP-08, R-CR-01).
    public var appliesProposal: Bool {
        self == .granted || self == .grantedWithDurationChallenge || self == .deemed || self == .autoApplied
    }
}

/// R-CR-08, R-CR-09: the HA's decision on a change request.
public enum ChangeRequestDecision: String, Sendable, Hashable, CaseIterable {
    case grant = "granted"
    case grantWithDurationChallenge = "granted_with_duration_challenge"
    case refuse = "refused"

    public var status: ChangeRequestStatus {
        switch self {
        case .grant: .granted
        case .grantWithDurationChallenge: .grantedWithDurationChallenge
        case .refuse: .refused
        }
    }
}

/// Why a change request step is not allowed; `message` names the rule first.
public enum ChangeRequestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// R-CR-05: not on a PAA.
    case notOnPAA
    /// R-CR-05: not on a permit in this status (refused, closed, revoked before works start…).
    case permitNotChangeable(PermitStatus)
    /// R-CR-05: only on the works record's current permit.
    case notActivePermit
    /// R-CR-04: one change request awaiting assessment per permit.
    case alreadyAwaitingAssessment(String)
    /// R-CR-11: the HA imposes changes on granted PAs only.
    case imposeNeedsGrantedPermit(PermitStatus)
    /// R-CR-11: never on HS2 highway works or HS2 street works within Act limits.
    case noImposedChangeOnHS2
    /// R-CR-02: only a submitted change request is assessed.
    case notAwaitingAssessment(ChangeRequestStatus)
    /// R-CR-09: grant with duration challenge is for works extensions on works in progress.
    case durationChallengeOnlyForExtension
    /// R-CR-16: a duration challenge review needs a change request granted with one.
    case noDurationChallenge
    /// R-CR-16: the promoter's review is given once.
    case durationChallengeAlreadyReviewed
    /// R-CR-16: the HA answers only a non-acceptance, once.
    case noNonAcceptanceToAnswer
    case nonAcceptanceAlreadyAnswered

    public var rule: String {
        switch self {
        case .notOnPAA, .permitNotChangeable, .notActivePermit: "R-CR-05"
        case .alreadyAwaitingAssessment: "R-CR-04"
        case .imposeNeedsGrantedPermit, .noImposedChangeOnHS2: "R-CR-11"
        case .notAwaitingAssessment: "R-CR-02"
        case .durationChallengeOnlyForExtension: "R-CR-09"
        case .noDurationChallenge, .durationChallengeAlreadyReviewed, .noNonAcceptanceToAnswer,
            .nonAcceptanceAlreadyAnswered:
            "R-CR-16"
        }
    }

    public var message: String {
        let detail: String
        switch self {
        case .notOnPAA: detail = "a change request cannot be raised on a PAA"
        case .permitNotChangeable(let s):
            detail = "a change request cannot be raised on a permit that is \(s.rawValue)"
        case .notActivePermit: detail = "a change request can be raised only on the works record's current permit"
        case .alreadyAwaitingAssessment(let r):
            detail = "change request \(r) already awaits assessment on this permit"
        case .imposeNeedsGrantedPermit(let s):
            detail = "the highway authority can impose a change only on a granted permit, not one that is \(s.rawValue)"
        case .noImposedChangeOnHS2:
            detail = "the highway authority cannot impose changes on HS2 highway works or HS2 works within Act limits"
        case .notAwaitingAssessment(let s):
            detail = "only a submitted change request can be assessed; this one is \(s.rawValue)"
        case .durationChallengeOnlyForExtension:
            detail = "granted_with_duration_challenge is only for a works extension on works in progress"
        case .noDurationChallenge: detail = "this was not granted with a duration challenge"
        case .durationChallengeAlreadyReviewed: detail = "the duration challenge has already been reviewed"
        case .noNonAcceptanceToAnswer:
            detail = "the promoter has not recorded a non-acceptance of the duration challenge"
        case .nonAcceptanceAlreadyAnswered: detail = "the non-acceptance has already been answered"
        }
        return "\(rule): \(detail)"
    }

    public var description: String { message }

    /// A conflict with another change request (409) rather than a state the permit is in (412).
    public var isConflict: Bool {
        if case .alreadyAwaitingAssessment = self { return true }
        return false
    }
}

/// What the change request rules need to know about the permit and the request.
public struct ChangeRequestContext: Sendable, Hashable {
    public var permit: PermitState
    /// HS2 highway works, or HS2 street works within Act limits (R-CR-11, R-CR-14).
    public var isHS2Protected: Bool
    /// The reference of a change request of this permit still awaiting assessment.
    public var awaitingAssessment: String?

    public init(permit: PermitState, isHS2Protected: Bool = false, awaitingAssessment: String? = nil) {
        self.permit = permit
        self.isHS2Protected = isHS2Protected
        self.awaitingAssessment = awaitingAssessment
    }
}

/// The change request status machine (R-CR-01, R-CR-02, R-CR-04, R-CR-05, R-CR-09, R-CR-11,
/// R-CR-14, R-CR-15, R-RESP-08).
public enum ChangeRequestLifecycle {
    /// R-CR-01, R-CR-05, R-CR-04, R-CR-14: the kind of a promoter's change and the status it
    /// starts in.
    ///
    /// A PA awaiting assessment takes a promoter imposed change; one in modification request,
    /// the modified permit (R-CR-15); a granted PA (or one revoked after its works started,
    /// R-CR-05) a change request, or a works extension when its works are in progress and the
    /// proposed end moves (R-CR-01, R-CR-10). The imposed kinds, and any change on HS2
    /// protected works (R-CR-14), are applied at once; the others await assessment, one at a
    /// time per permit (R-CR-04).
    public static func raise(
        _ context: ChangeRequestContext, movesProposedEnd: Bool
    ) throws(ChangeRequestError) -> (type: ChangeRequestType, status: ChangeRequestStatus) {
        let permit = context.permit
        guard !permit.isPAA else { throw .notOnPAA }
        guard permit.isActivePermit else { throw .notActivePermit }
        let type: ChangeRequestType
        switch permit.status {
        case .submitted, .underAssessment:
            type = .promoterImposedChange
        case .permitModificationRequest:
            type = .modifiedPermit
        case .granted:
            type = permit.workStatus == .inProgress && movesProposedEnd ? .workExtension : .promoterChangeRequest
        case .revoked where permit.actualStart != nil && permit.actualStop == nil:
            type = movesProposedEnd ? .workExtension : .promoterChangeRequest
        default:
            throw .permitNotChangeable(permit.status)
        }
        if type.isAssessed, let pending = context.awaitingAssessment { throw .alreadyAwaitingAssessment(pending) }
        let status: ChangeRequestStatus = type.isAssessed && !context.isHS2Protected ? .submitted : .autoApplied
        return (type, status)
    }

    /// R-CR-11: the HA's imposed change (conditions only) on a granted PA, never on HS2
    /// protected works; applied at once.
    public static func impose(_ context: ChangeRequestContext) throws(ChangeRequestError) -> ChangeRequestStatus {
        let permit = context.permit
        guard !permit.isPAA else { throw .notOnPAA }
        guard permit.isActivePermit else { throw .notActivePermit }
        guard permit.status == .granted else { throw .imposeNeedsGrantedPermit(permit.status) }
        guard !context.isHS2Protected else { throw .noImposedChangeOnHS2 }
        return .autoApplied
    }

    /// R-CR-08, R-CR-09: the HA's decision on a submitted change request. A duration challenge
    /// is only for a works extension whose works are in progress.
    public static func assess(
        _ decision: ChangeRequestDecision, type: ChangeRequestType, status: ChangeRequestStatus,
        workStatus: WorkStatus
    ) throws(ChangeRequestError) -> ChangeRequestStatus {
        guard status == .submitted else { throw .notAwaitingAssessment(status) }
        if decision == .grantWithDurationChallenge, type != .workExtension || workStatus != .inProgress {
            throw .durationChallengeOnlyForExtension
        }
        return decision.status
    }

    /// R-RESP-08: a change request still submitted at its deadline deems; `nil` when it is no
    /// longer awaiting assessment.
    public static func deem(status: ChangeRequestStatus) -> ChangeRequestStatus? {
        status == .submitted ? .deemed : nil
    }

    /// R-CR-02: what happens to a change request awaiting assessment when its permit leaves the
    /// granted state: cancelled when the permit is cancelled or closed, revoked when it is
    /// revoked; `nil` when nothing changes.
    public static func follow(permitStatus: PermitStatus, status: ChangeRequestStatus) -> ChangeRequestStatus? {
        guard status == .submitted else { return nil }
        switch permitStatus {
        case .cancelled, .closed: return .cancelled
        case .revoked: return .revoked
        default: return nil
        }
    }

    /// R-CR-03: `{PRN}-CR-{NN}`, NN from 01, at least two digits.
    public static func reference(permit: String, sequence: Int) -> String {
        "\(permit)-CR-\(sequence < 10 ? "0" : "")\(sequence)"
    }
}
