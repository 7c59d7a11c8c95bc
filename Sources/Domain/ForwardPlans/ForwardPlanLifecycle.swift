import Foundation

/// R-FP-01: forward plan status (wire values of `ForwardPlanStatus`; older documents called
/// `cancelled` "closed").
public enum ForwardPlanStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case raised
    case progressed
    case cancelled
}

/// R-FP-05: the kinds of works a forward plan is for (wire values of `ForwardPlanWorkType`).
public enum ForwardPlanWorkType: String, Sendable, Hashable, Codable, CaseIterable {
    case planned
    case hs2HighwayWorks = "hs2_highway_works"
}

/// What is done to a forward plan (for the messages of refused steps).
public enum ForwardPlanAction: String, Sendable, Hashable, CaseIterable {
    case edit = "edited"
    case cancel = "cancelled"
    case progress = "progressed"
}

/// Why a forward plan step or value is not allowed; `message` names the rule first. The date and
/// field problems are bad input (`field` names the offending field); the others are states.
public enum ForwardPlanError: Error, Sendable, Hashable, CustomStringConvertible {
    /// R-FP-02: the start date is before today (UK local dates, R-VAL-06).
    case startInPast
    /// R-FP-02: the end date is not in the future.
    case endNotInFuture
    /// R-FP-02: the end date is before the start date.
    case endBeforeStart
    /// R-FP-02: the start is more than five years before the end.
    case longerThanFiveYears
    /// R-FP-04: cancelling needs a reason.
    case reasonRequired
    /// R-FP-03: workstream, highway authority, USRN (and the promoter) never change.
    case cannotChange(String)
    /// R-FP-03: only a raised plan can be edited, cancelled or progressed.
    case notRaised(ForwardPlanAction, ForwardPlanStatus)
    /// R-FP-05 / R-CAT-01: the HS2 fields are for the HS2 promoter, and required from it.
    case hs2FieldRequired(String)
    case hs2FieldNotAllowed(String)
    case hs2ExemptionRequired
    case hs2ConsultationDateInPast

    public var rule: String {
        switch self {
        case .startInPast, .endNotInFuture, .endBeforeStart, .longerThanFiveYears: "R-FP-02"
        case .cannotChange, .notRaised: "R-FP-03"
        case .reasonRequired: "R-FP-04"
        case .hs2FieldRequired, .hs2FieldNotAllowed, .hs2ExemptionRequired, .hs2ConsultationDateInPast: "R-FP-05"
        }
    }

    /// The request field at fault, for bad input; nil for a state rule.
    public var field: String? {
        switch self {
        case .startInPast: "start_date"
        case .endNotInFuture, .endBeforeStart, .longerThanFiveYears: "end_date"
        case .reasonRequired: "cancelled_reason"
        case .cannotChange(let field), .hs2FieldRequired(let field), .hs2FieldNotAllowed(let field): field
        case .hs2ExemptionRequired: "hs2_highway_exemption"
        case .hs2ConsultationDateInPast: "hs2_consultation_requested_response_date"
        case .notRaised: nil
        }
    }

    public var message: String {
        let detail: String
        switch self {
        case .startInPast: detail = "must be today or later"
        case .endNotInFuture: detail = "must be in the future"
        case .endBeforeStart: detail = "must be on or after start_date"
        case .longerThanFiveYears: detail = "must be at most 5 years after start_date"
        case .reasonRequired: detail = "is required to cancel a forward plan"
        case .cannotChange(let field): detail = "\(field) of a forward plan cannot be changed"
        case .notRaised(let action, let status):
            detail = "only a raised forward plan can be \(action.rawValue); this one is \(status.rawValue)"
        case .hs2FieldRequired: detail = "is required when promoter_swa_code is \(ForwardPlanRules.hs2PromoterSWACode)"
        case .hs2FieldNotAllowed: detail = "is only for the HS2 promoter (\(ForwardPlanRules.hs2PromoterSWACode))"
        case .hs2ExemptionRequired:
            detail = "is required when hs2_work_type is hs2_highway_works and hs2_in_act_limits is true"
        case .hs2ConsultationDateInPast: detail = "must be today or later"
        }
        return "\(rule): \(detail)"
    }

    public var description: String { message }
}

/// The values of a forward plan the rules look at.
public struct ForwardPlanDates: Sendable, Hashable {
    public var start: Date
    public var end: Date

    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }
}

/// The HS2 fields of a forward plan (R-FP-05, R-CAT-01).
public struct ForwardPlanHS2: Sendable, Hashable {
    public var workType: ForwardPlanWorkType?
    public var inActLimits: Bool?
    public var hasHighwayExemption: Bool
    public var consultationRequestedResponseDate: Date?

    public init(
        workType: ForwardPlanWorkType?, inActLimits: Bool?, hasHighwayExemption: Bool,
        consultationRequestedResponseDate: Date?
    ) {
        self.workType = workType
        self.inActLimits = inActLimits
        self.hasHighwayExemption = hasHighwayExemption
        self.consultationRequestedResponseDate = consultationRequestedResponseDate
    }
}

/// The value rules of forward plans (R-FP-02, R-FP-04, R-FP-05), all problems at once.
public enum ForwardPlanRules {
    /// The HS2 promoter (R-HS2-01), the only one that sends the HS2 fields.
    public static let hs2PromoterSWACode = PermitRules.hs2PromoterSWACode

    /// R-FP-02, on creation: the start today or later, the end in the future (a later UK date
    /// than today: an end today is not "in the future" as a date, R-VAL-06), end ≥ start, and
    /// the start within five years of the end (exact, as R-VAL-06 reads five years).
    public static func creationProblems(_ dates: ForwardPlanDates, now: Date) -> [ForwardPlanError] {
        var problems: [ForwardPlanError] = []
        if PermitRules.isBeforeToday(dates.start, now: now) { problems.append(.startInPast) }
        if dates.end <= now { problems.append(.endNotInFuture) }
        problems += orderProblems(dates)
        return problems
    }

    /// R-FP-02 on an edit (D-FORWARD-PLANS): the order and five-year rules always; the
    /// today-or-later rules only for a date the edit moves, so a plan whose start has passed
    /// can still have its description corrected.
    public static func editProblems(_ dates: ForwardPlanDates, was old: ForwardPlanDates, now: Date)
        -> [ForwardPlanError]
    {
        var problems: [ForwardPlanError] = []
        if dates.start != old.start, PermitRules.isBeforeToday(dates.start, now: now) {
            problems.append(.startInPast)
        }
        if dates.end != old.end, dates.end <= now { problems.append(.endNotInFuture) }
        problems += orderProblems(dates)
        return problems
    }

    static func orderProblems(_ dates: ForwardPlanDates) -> [ForwardPlanError] {
        if dates.end < dates.start { return [.endBeforeStart] }
        if PermitRules.exceedsFiveYears(start: dates.start, end: dates.end) { return [.longerThanFiveYears] }
        return []
    }

    /// R-FP-05 (the contract's `x-rules`): the HS2 promoter states the kind of works and whether
    /// they are within the Act limits, and an exemption for highway works within them; other
    /// promoters send none of these. A requested consultation response date is today or later.
    public static func hs2Problems(_ hs2: ForwardPlanHS2, promoter: String, now: Date) -> [ForwardPlanError] {
        var problems: [ForwardPlanError] = []
        if promoter == hs2PromoterSWACode {
            if hs2.workType == nil { problems.append(.hs2FieldRequired("hs2_work_type")) }
            if hs2.inActLimits == nil { problems.append(.hs2FieldRequired("hs2_in_act_limits")) }
            if hs2.workType == .hs2HighwayWorks, hs2.inActLimits == true, !hs2.hasHighwayExemption {
                problems.append(.hs2ExemptionRequired)
            }
        } else {
            if hs2.workType != nil { problems.append(.hs2FieldNotAllowed("hs2_work_type")) }
            if hs2.inActLimits != nil { problems.append(.hs2FieldNotAllowed("hs2_in_act_limits")) }
            if hs2.hasHighwayExemption { problems.append(.hs2FieldNotAllowed("hs2_highway_exemption")) }
            if hs2.consultationRequestedResponseDate != nil {
                problems.append(.hs2FieldNotAllowed("hs2_consultation_requested_response_date"))
            }
        }
        if let date = hs2.consultationRequestedResponseDate, PermitRules.isBeforeToday(date, now: now) {
            problems.append(.hs2ConsultationDateInPast)
        }
        return problems
    }

    /// R-FP-04: a reason that says something.
    public static func cancellationProblems(reason: String) -> [ForwardPlanError] {
        reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? [.reasonRequired] : []
    }

    /// R-FP-03: a field that can never change, sent with another value than the plan's.
    public static func unchangeableProblems(sent: [String: String], stored: [String: String]) -> [ForwardPlanError] {
        sent.keys.sorted().compactMap { field in
            guard let value = sent[field], let current = stored[field], value != current else { return nil }
            return .cannotChange(field)
        }
    }
}

/// The forward plan status machine (R-FP-01, R-FP-03, R-FP-04, R-FP-05).
public enum ForwardPlanLifecycle {
    /// R-FP-05: a new plan is raised.
    public static func create() -> ForwardPlanStatus { .raised }

    /// R-FP-03: only a raised plan can be edited; it stays raised (edits overwrite).
    public static func edit(_ status: ForwardPlanStatus) throws(ForwardPlanError) -> ForwardPlanStatus {
        guard status == .raised else { throw .notRaised(.edit, status) }
        return .raised
    }

    /// R-FP-03, R-FP-04: only a raised plan can be cancelled (its works record is cancelled with it).
    public static func cancel(_ status: ForwardPlanStatus) throws(ForwardPlanError) -> ForwardPlanStatus {
        guard status == .raised else { throw .notRaised(.cancel, status) }
        return .cancelled
    }

    /// R-FP-03, R-FP-05: a raised plan becomes progressed when the first application is made on
    /// its works record.
    public static func progress(_ status: ForwardPlanStatus) throws(ForwardPlanError) -> ForwardPlanStatus {
        guard status == .raised else { throw .notRaised(.progress, status) }
        return .progressed
    }

    /// Q-12 (D-FORWARD-PLANS): `{WRN}-FP-{NN}`, as comments and change requests are numbered; a
    /// plan has a works record of its own, so it is always `-FP-01`.
    public static func reference(work: String, sequence: Int = 1) -> String {
        "\(work)-FP-\(sequence < 10 ? "0" : "")\(sequence)"
    }
}
