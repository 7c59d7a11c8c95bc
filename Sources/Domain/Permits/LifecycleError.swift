import Foundation

/// Why a lifecycle step is not allowed. `message` names the rule first.
public enum LifecycleError: Error, Sendable, Hashable, CustomStringConvertible {
    // Assessment
    case alreadyAssessed(PermitStatus)
    case notAssessable(PermitStatus)
    case decisionNotForPAA(AssessmentDecision)
    case durationChallengeOnlyForImmediate
    case modificationRequestAlreadyMade
    case changeRequestAwaitingAssessment
    case revokeNeedsGrantedPermit(PermitStatus)
    case revokeAfterWorksStop
    case notAwaitingAssessment(LifecycleAction, PermitStatus)
    // Creation and PAAs
    case noApplicationOnSection81
    case liveApplicationInProgress
    case onlyPAACanBeProgressed
    case cannotProgress(PermitStatus)
    case notForPAA(LifecycleAction)
    case notActivePermit(LifecycleAction)
    // Cancel
    case cannotCancel(PermitStatus)
    case cannotCancelRevoked
    case cannotCancelAfterWorksStart
    case cannotCancelAfterWorksStop
    case cannotCancelWithReinstatement
    // Start and stop
    case cannotStartWorks(PermitStatus)
    case revokedBeforeWorksStart
    case worksAlreadyStarted
    case startInFuture
    case startTooLongBeforeProposedStart
    case worksNotInProgress
    case cannotStopWorks(PermitStatus)
    case stopInFuture
    case stopBeforeStart
    // Reverts
    case immediateStartCannotBeReverted
    case noStartToRevert
    case revertStartAfterStop
    case revertStartOnRevoked
    case revertStartWithReinstatement
    case revertStartWithFinalSite
    case noStopToRevert
    case laterPermitAdded
    // Fees
    case discountNeedsGrant(PermitStatus)
    case noDiscountOnHS2HighwayWorks
    // Works in progress
    case notLive(PermitStatus)

    /// The rule id that forbids the step.
    public var rule: String {
        switch self {
        case .alreadyAssessed, .notAssessable: "R-PERMIT-08"
        case .decisionNotForPAA, .durationChallengeOnlyForImmediate: "R-PERMIT-07"
        case .modificationRequestAlreadyMade, .changeRequestAwaitingAssessment, .cannotStopWorks: "R-PERMIT-03"
        case .revokeNeedsGrantedPermit, .revokeAfterWorksStop, .revokedBeforeWorksStart: "R-PERMIT-15"
        case .notAwaitingAssessment(let action, _): action == .markUnderAssessment ? "R-RESP-09" : "R-RESP-03"
        case .noApplicationOnSection81: "R-WORK-04"
        case .liveApplicationInProgress: "R-WORK-05"
        case .onlyPAACanBeProgressed, .cannotProgress, .notForPAA: "R-PERMIT-04"
        case .notActivePermit(let action):
            switch action {
            case .startWorks: "R-PERMIT-16"
            case .revertStart: "R-PERMIT-18"
            case .progress: "R-PERMIT-04"
            default: "R-PERMIT-12"
            }
        case .cannotCancel, .cannotCancelRevoked, .cannotCancelAfterWorksStart: "R-PERMIT-12"
        case .cannotCancelAfterWorksStop, .cannotCancelWithReinstatement: "R-IMM-07"
        case .cannotStartWorks, .worksAlreadyStarted, .startInFuture, .startTooLongBeforeProposedStart: "R-PERMIT-16"
        case .worksNotInProgress, .stopInFuture, .stopBeforeStart: "R-PERMIT-17"
        case .immediateStartCannotBeReverted: "R-IMM-08"
        case .noStartToRevert, .revertStartAfterStop, .revertStartOnRevoked, .revertStartWithReinstatement,
            .revertStartWithFinalSite:
            "R-PERMIT-18"
        case .noStopToRevert, .laterPermitAdded: "R-PERMIT-19"
        case .discountNeedsGrant: "R-FEE-05"
        case .noDiscountOnHS2HighwayWorks: "R-LR-04"
        case .notLive: "R-PERMIT-23"
        }
    }

    /// A sentence for the caller, starting with the rule id.
    public var message: String { "\(rule): \(reason)" }

    public var description: String { message }

    private var reason: String {
        switch self {
        case .alreadyAssessed(let status):
            status == .granted
                ? "a permit that has been granted cannot be assessed again; the only decision left is revoke"
                : "a permit that has been \(status.rawValue) cannot be assessed again"
        case .notAssessable(let status): "a permit that is \(status.rawValue) cannot be assessed"
        case .decisionNotForPAA(let decision):
            decision == .modificationRequest
                ? "a permit modification request can be made on a PA only, not on a PAA"
                : "a PAA cannot be granted with a duration challenge"
        case .durationChallengeOnlyForImmediate: "only an immediate PA can be granted with a duration challenge"
        case .modificationRequestAlreadyMade: "a permit modification request can be made only once per PA"
        case .changeRequestAwaitingAssessment:
            "a permit in modification request cannot be granted or refused while a change request awaits assessment"
        case .revokeNeedsGrantedPermit(let status):
            "only a granted permit can be revoked, this one is \(status.rawValue)"
        case .revokeAfterWorksStop: "a permit cannot be revoked once works stop has been logged"
        case .notAwaitingAssessment(let action, let status):
            action == .deem
                ? "only a permit awaiting assessment can be deemed, this one is \(status.rawValue)"
                : "only a submitted permit can be marked as under assessment, this one is \(status.rawValue)"
        case .noApplicationOnSection81: "no PAA or PA can be added to a section 81 works record"
        case .liveApplicationInProgress: "a new application cannot be added while the works are in progress"
        case .onlyPAACanBeProgressed: "only a PAA can be progressed to a PA"
        case .cannotProgress(let status):
            "only a submitted or granted PAA can be progressed, this one is \(status.rawValue)"
        case .notForPAA(let action): "cannot \(action.rawValue) on a PAA"
        case .notActivePermit(let action):
            action == .cancel
                ? "only the active (latest) permit on the works record can be cancelled"
                : "only the active (latest) permit on the works record can \(action.rawValue)"
        case .cannotCancel(let status): "a permit that is \(status.rawValue) cannot be cancelled"
        case .cannotCancelRevoked: "a revoked permit cannot be cancelled"
        case .cannotCancelAfterWorksStart: "a planned permit cannot be cancelled once works start has been logged"
        case .cannotCancelAfterWorksStop: "an immediate permit cannot be cancelled once works stop has been logged"
        case .cannotCancelWithReinstatement: "an immediate permit cannot be cancelled once a reinstatement is recorded"
        case .cannotStartWorks(let status):
            "works start can be logged only on a submitted, granted or modification-requested permit, "
                + "this one is \(status.rawValue)"
        case .revokedBeforeWorksStart: "a permit revoked before works start is final; works cannot start"
        case .worksAlreadyStarted: "works start has already been logged; revert it before logging another"
        case .startInFuture: "the works start date-time cannot be in the future"
        case .startTooLongBeforeProposedStart: "the works start cannot be more than 5 years before the proposed start"
        case .worksNotInProgress: "works stop can be logged only while the works are in progress"
        case .cannotStopWorks(let status): "works stop cannot be logged on a permit that is \(status.rawValue)"
        case .stopInFuture: "the works stop date-time cannot be in the future"
        case .stopBeforeStart: "the works stop cannot be before the actual start"
        case .immediateStartCannotBeReverted: "works start on immediate works cannot be reverted"
        case .noStartToRevert: "there is no works start to revert"
        case .revertStartAfterStop: "works start cannot be reverted once works stop has been logged"
        case .revertStartOnRevoked: "works start cannot be reverted on a revoked permit"
        case .revertStartWithReinstatement:
            "works start cannot be reverted once a reinstatement is recorded for the permit"
        case .revertStartWithFinalSite: "works start cannot be reverted once the final site is registered"
        case .noStopToRevert: "there is no works stop to revert"
        case .laterPermitAdded: "works stop cannot be reverted once a later permit has been added to the works record"
        case .discountNeedsGrant(let status):
            "the discount can be changed only on a granted (or deemed) or closed permit, this one is \(status.rawValue)"
        case .noDiscountOnHS2HighwayWorks: "HS2 highway works carry no permit discount"
        case .notLive(let status):
            "the current traffic management can be recorded only on the active permit once it is granted or its "
                + "works are in progress, this one is \(status.rawValue)"
        }
    }
}
