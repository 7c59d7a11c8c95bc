import Foundation

/// R-FEE-02, R-FEE-04, R-PAA-05: the kinds of chargeable transaction (the `transaction_type`
/// column of the fees export).
public enum FeeTransactionType: String, Sendable, Hashable, CaseIterable {
    /// The highway authority grants a PAA or PA, with or without a duration challenge.
    case grant
    /// R-FEE-04: the application deems: granted because the authority did not answer in time.
    case deemedGrant = "deemed_grant"
    /// `granted_auto`: immediate works stopped before any decision (R-IMM-06), or a progressed PAA
    /// decided with its major PA (R-PERMIT-11).
    case automaticGrant = "automatic_grant"
    /// R-PAA-05: a major PA progressing a PAA, charged when it is received, not when granted.
    case paaProgression = "paa_progression"
    /// R-CR-12: the authority grants a change request (or works extension).
    case changeRequestGrant = "change_request_grant"
    /// R-FEE-04 (inferred for change requests as for permits): a change request deems (R-RESP-08).
    case changeRequestDeemedGrant = "change_request_deemed_grant"
    /// R-FEE-02, R-CAT-11/12: a change re-categorised the permit.
    case worksCategoryChange = "works_category_change"
}

/// A history event of a works command, as far as charging reads it.
public struct FeeEvent: Sendable, Hashable {
    public var event: AuditEvent
    public var objectType: AuditObjectType
    public var objectReference: String?
    public var permitReferenceNumber: String?

    public init(
        event: AuditEvent, objectType: AuditObjectType, objectReference: String?, permitReferenceNumber: String?
    ) {
        self.event = event
        self.objectType = objectType
        self.objectReference = objectReference
        self.permitReferenceNumber = permitReferenceNumber
    }
}

/// What charging needs to know of a permit the events are about, as it is when the works
/// command ends.
public struct FeePermitFacts: Sendable, Hashable {
    public var permitReferenceNumber: String
    public var category: WorkCategory
    public var assessmentStatus: AssessmentStatus?
    /// R-HS2-02, R-LR-04: HS2 highway works, or HS2 street works within the Act limits.
    public var isHS2Protected: Bool
    /// The PAA this PA progressed (R-PAA-02), when it did.
    public var progressedPAA: String?
    /// The category of the permit's latest charge; nil when it was never charged.
    public var chargedCategory: WorkCategory?

    public init(
        permitReferenceNumber: String, category: WorkCategory, assessmentStatus: AssessmentStatus?,
        isHS2Protected: Bool = false, progressedPAA: String? = nil, chargedCategory: WorkCategory? = nil
    ) {
        self.permitReferenceNumber = permitReferenceNumber
        self.category = category
        self.assessmentStatus = assessmentStatus
        self.isHS2Protected = isHS2Protected
        self.progressedPAA = progressedPAA
        self.chargedCategory = chargedCategory
    }
}

/// One chargeable transaction, as recorded (the fee amount is not: R-FEE-07, Q-14).
public struct ChargeableTransaction: Sendable, Hashable {
    public var type: FeeTransactionType
    public var permitReferenceNumber: String
    public var changeRequestReferenceNumber: String?
    /// For a PAA progression: the PAA the PA progressed.
    public var progressedPAAReferenceNumber: String?
    /// The permit's category when the transaction arose.
    public var category: WorkCategory
    /// For a works category change: the category charged before.
    public var previousCategory: WorkCategory?

    public init(
        type: FeeTransactionType, permitReferenceNumber: String, changeRequestReferenceNumber: String? = nil,
        progressedPAAReferenceNumber: String? = nil, category: WorkCategory, previousCategory: WorkCategory? = nil
    ) {
        self.type = type
        self.permitReferenceNumber = permitReferenceNumber
        self.changeRequestReferenceNumber = changeRequestReferenceNumber
        self.progressedPAAReferenceNumber = progressedPAAReferenceNumber
        self.category = category
        self.previousCategory = previousCategory
    }

    /// What makes a charge once only (with the permit's reference): a permit's own fee arises
    /// once, whether by grant, deeming, automatic grant or receipt after a PAA (R-PAA-05; a works
    /// stop reverted and logged again does not charge twice); each change request's once; each
    /// re-categorisation once, by the change that caused it.
    public var chargeKey: String {
        switch type {
        case .grant, .deemedGrant, .automaticGrant, .paaProgression: "permit"
        case .changeRequestGrant, .changeRequestDeemedGrant: "change_request:\(changeRequestReferenceNumber ?? "")"
        case .worksCategoryChange:
            "category:\(changeRequestReferenceNumber ?? ""):\(previousCategory?.rawValue ?? "")>\(category.rawValue)"
        }
    }
}

/// R-FEE-02 … R-FEE-04, R-PAA-05, R-CR-12: which events of a works command are chargeable.
///
/// Chargeable: the grant of a PAA or PA by the highway authority (with a duration challenge
/// too); its deemed grant (R-FEE-04); its automatic grant (`granted_auto`: immediate works
/// stopped before a decision, R-IMM-06, or a progressed PAA decided with its PA, R-PERMIT-11),
/// charged as a grant the authority did not give, as R-FEE-04 charges a deemed one; a PA
/// progressing a PAA, when it is received (R-PAA-05), which is then not charged again when
/// granted; the grant or deemed grant of a change request; and a change of works category that
/// comes with a granted change (R-CAT-11/12).
///
/// Not chargeable (R-FEE-02, R-CR-12): refusals, cancellations (a charge already made stays,
/// R-FEE-03), revocations, modification requests, imposed changes and modified-permit replies
/// (`alteration_applied_auto`), inspections, and anything on HS2 highway works or HS2 street works
/// within the Act limits, which the authority neither assesses nor discounts (R-HS2-02, R-LR-04).
public enum FeeRules {
    /// Whether `event` can make a charge: only then are the permit's facts read.
    public static func mayCharge(_ event: AuditEvent) -> Bool {
        permitEvents.contains(event) || changeRequestEvents[event] != nil || event == .permitSubmitted
            || event == .workStopLogged
    }

    /// A decision on the permit itself (its assessment status tells an automatic grant).
    static let permitEvents: Set<AuditEvent> = [
        .permitGranted, .paaGranted, .permitGrantedWithDurationChallenge, .permitDeemed, .paaDeemed,
    ]

    /// Decisions on a change request; both families of the contract (the project records the
    /// `alteration_*` ones, D-CHANGE-REQUESTS).
    static let changeRequestEvents: [AuditEvent: FeeTransactionType] = [
        .alterationGranted: .changeRequestGrant, .alterationGrantedWithDurationChallenge: .changeRequestGrant,
        .changeRequestGranted: .changeRequestGrant, .changeRequestGrantedWithDurationChallenge: .changeRequestGrant,
        .alterationDeemed: .changeRequestDeemedGrant, .changeRequestDeemed: .changeRequestDeemedGrant,
    ]

    /// The chargeable transactions of `events`, in their order, given the facts of the permits
    /// they are about (by reference). An event about a permit with no facts charges nothing.
    public static func transactions(for events: [FeeEvent], permits: [String: FeePermitFacts])
        -> [ChargeableTransaction]
    {
        var found: [ChargeableTransaction] = []
        for event in events {
            guard let reference = event.permitReferenceNumber ?? event.objectReference,
                let permit = permits[reference], !permit.isHS2Protected
            else { continue }
            if let type = changeRequestEvents[event.event] {
                guard event.objectType == .changeRequest, let cr = event.objectReference else { continue }
                found.append(
                    ChargeableTransaction(
                        type: type, permitReferenceNumber: reference, changeRequestReferenceNumber: cr,
                        category: permit.category))
                // R-CAT-11/12: the change moved the permit to another category than it was charged at.
                if let charged = permit.chargedCategory, charged != permit.category {
                    found.append(
                        ChargeableTransaction(
                            type: .worksCategoryChange, permitReferenceNumber: reference,
                            changeRequestReferenceNumber: cr, category: permit.category, previousCategory: charged))
                }
                continue
            }
            guard event.objectType == .permit || event.objectType == .paa else { continue }
            switch event.event {
            case .permitSubmitted:
                // R-PAA-05: the PA that progresses a PAA is charged on receipt.
                guard let paa = permit.progressedPAA else { continue }
                found.append(
                    ChargeableTransaction(
                        type: .paaProgression, permitReferenceNumber: reference, progressedPAAReferenceNumber: paa,
                        category: permit.category))
            case .workStopLogged:
                // R-IMM-06: immediate works stopped before a decision are granted automatically.
                guard permit.category.isImmediate, permit.assessmentStatus == .grantedAuto else { continue }
                found.append(
                    ChargeableTransaction(
                        type: .automaticGrant, permitReferenceNumber: reference, category: permit.category))
            case .permitGranted, .paaGranted, .permitGrantedWithDurationChallenge:
                // Charged on receipt already (R-PAA-05).
                guard permit.progressedPAA == nil else { continue }
                found.append(
                    ChargeableTransaction(
                        type: permit.assessmentStatus == .grantedAuto ? .automaticGrant : .grant,
                        permitReferenceNumber: reference, category: permit.category))
            case .permitDeemed, .paaDeemed:
                guard permit.progressedPAA == nil else { continue }
                found.append(
                    ChargeableTransaction(
                        type: .deemedGrant, permitReferenceNumber: reference, category: permit.category))
            default:
                continue
            }
        }
        return found
    }
}
