import Foundation

/// Why an inspection, scheduled inspection or non-compliance value or step is refused; the
/// message names the rule first. Bad input names the request field (`field`); a state rule of
/// the inspection, the non-compliance or the works record has none (a 412).
public struct InspectionProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var rule: String
    public var field: String?
    public var detail: String

    public init(_ rule: String, field: String?, _ detail: String) {
        self.rule = rule
        self.field = field
        self.detail = detail
    }

    public var message: String { "\(rule): \(detail)" }
    public var description: String { message }
}

/// What the highway authority sends to record an inspection: the values the rules look at.
public struct InspectionDraft: Sendable, Hashable {
    public var type: InspectionType
    public var category: InspectionCategory?
    public var outcome: InspectionOutcome
    public var startDate: Date
    public var failureReasons: [FailureReasonDetail]
    public var outcomeDetails: String?
    public var wasCallLogged: Bool?
    public var callLoggedTo: String?
    public var callLoggedReference: String?
    public var callLoggedSummary: String?
    public var defectFixedOnSite: DefectFixedOnSite?
    public var madeSafeByHA: Bool?
    public var evidence: Bool
    public var fileIDs: [Double]?
    public var reinspection: ScheduledInspectionDraft?
    public var nonComplianceReference: String?

    public init(
        type: InspectionType, category: InspectionCategory?, outcome: InspectionOutcome, startDate: Date,
        failureReasons: [FailureReasonDetail], outcomeDetails: String?, wasCallLogged: Bool?, callLoggedTo: String?,
        callLoggedReference: String?, callLoggedSummary: String?, defectFixedOnSite: DefectFixedOnSite?,
        madeSafeByHA: Bool?, evidence: Bool, fileIDs: [Double]?, reinspection: ScheduledInspectionDraft?,
        nonComplianceReference: String?
    ) {
        self.type = type
        self.category = category
        self.outcome = outcome
        self.startDate = startDate
        self.failureReasons = failureReasons
        self.outcomeDetails = outcomeDetails
        self.wasCallLogged = wasCallLogged
        self.callLoggedTo = callLoggedTo
        self.callLoggedReference = callLoggedReference
        self.callLoggedSummary = callLoggedSummary
        self.defectFixedOnSite = defectFixedOnSite
        self.madeSafeByHA = madeSafeByHA
        self.evidence = evidence
        self.fileIDs = fileIDs
        self.reinspection = reinspection
        self.nonComplianceReference = nonComplianceReference
    }

    /// R-NC-01 (D-NON-COMPLIANCES): a failed (high or low) inspection with non-compliant areas
    /// raises a non-compliance, unless it is linked to an existing one.
    public var raisesNonCompliance: Bool {
        outcome.isFailedHighOrLow && !failureReasons.isEmpty && nonComplianceReference == nil
    }
}

/// A scheduled inspection (reinspection placeholder) as asked for (R-INSP-10). `fieldPrefix`
/// names the request's fields: `scheduled_inspection` directly, `reinspection` with an inspection.
public struct ScheduledInspectionDraft: Sendable, Hashable {
    public var type: InspectionType
    public var category: InspectionCategory?
    public var date: Date
    public var dateTime: Date?

    public init(type: InspectionType, category: InspectionCategory?, date: Date, dateTime: Date?) {
        self.type = type
        self.category = category
        self.date = date
        self.dateTime = dateTime
    }
}

/// The value rules of inspections (R-INSP-03 … R-INSP-07, R-INSP-10, R-NC-02), all problems at
/// once.
public enum InspectionRules {
    /// R-INSP-07: at most 50 evidence files per inspection.
    public static let maximumFiles = 50
    /// R-INSP-06, R-INSP-09, R-INSP-13, R-NC-01: texts of 500 characters.
    public static let textLimit = 500
    /// D-INSPECTIONS: an outcome the promoter has not answered is accepted for it after 10
    /// working days (BR 2.00 Compliance §4.1.3: "If no response is given within 10 days").
    public static let autoAcceptanceWorkingDays = 10

    /// R-INSP-03: the categories of each type (section 81 has none).
    public static func categories(of type: InspectionType) -> Set<InspectionCategory> {
        switch type {
        case .liveSite: [.a, .siteOccupancy, .conditions, .thirdParty, .routine]
        case .reinstatement: [.b, .c, .thirdParty, .routine]
        case .nonComplianceFollowUp: [.jointSiteVisit, .followUp, .followUpCompletion]
        case .section81: []
        case .investigatoryWorks: [.coreSample, .skidResistance, .textureDepth, .surfaceRegularity, .trialHole]
        }
    }

    /// R-INSP-04 (D-INSPECTIONS for section 81 and investigatory works): the outcomes a type and
    /// category allow.
    public static func outcomes(of type: InspectionType, category: InspectionCategory?) -> [InspectionOutcome] {
        switch (type, category) {
        case (.liveSite, .siteOccupancy?):
            [
                .worksStoppedApparatusRemaining, .worksInProgressNoCarriagewayIncursion, .worksInProgress,
                .worksStopped, .unableToCompleteInspection,
            ]
        case (.liveSite, .conditions?): [.passed, .nonCompliantWithConditions, .unableToCompleteInspection]
        case (.nonComplianceFollowUp, .jointSiteVisit?):
            [.furtherInspectionsRequired, .agreedSiteCompliance, .unableToCompleteInspection]
        case (.section81, _): [.passed, .failed, .failedHigh, .failedLow, .unableToCompleteInspection]
        default: [.passed, .failedHigh, .failedLow, .unableToCompleteInspection]
        }
    }

    /// R-INSP-05: the failure-reason families a type's non-compliant areas come from.
    public static func failureFamilies(of type: InspectionType) -> Set<String> {
        switch type {
        case .liveSite: ["live"]
        case .reinstatement: ["reinstatement"]
        case .nonComplianceFollowUp: ["live", "reinstatement"]
        case .investigatoryWorks: ["investigatory"]
        case .section81: []
        }
    }

    /// R-INSP-03 … R-INSP-07, R-INSP-10, R-NC-02: every problem of a new inspection at `now`.
    public static func creationProblems(_ d: InspectionDraft, now: Date) -> [InspectionProblem] {
        var problems: [InspectionProblem] = []
        problems += categoryProblems(type: d.type, category: d.category, field: "inspection_category")
        if d.startDate >= now {
            problems.append(.init("R-INSP-06", field: "inspection_start_date", "must be in the past"))
        }
        let allowed = outcomes(of: d.type, category: d.category)
        if !allowed.contains(d.outcome) {
            problems.append(
                .init(
                    "R-INSP-04", field: "inspection_outcome",
                    "\(d.outcome.rawValue) is not an outcome of a \(d.type.rawValue)\(d.category.map { " \($0.rawValue)" } ?? "") inspection; allowed: \(allowed.map(\.rawValue).joined(separator: ", "))"
                ))
        }
        // R-INSP-05: non-compliant areas for a failed outcome, from the type's list.
        let families = failureFamilies(of: d.type)
        if d.outcome.isFailedHighOrLow, !families.isEmpty {
            if d.failureReasons.isEmpty {
                problems.append(
                    .init(
                        "R-INSP-05", field: "failure_reason_details",
                        "at least one non-compliant area is required for a failed \(d.type.rawValue) inspection"))
            }
        } else if !d.failureReasons.isEmpty {
            problems.append(
                .init(
                    "R-INSP-05", field: "failure_reason_details",
                    "non-compliant areas are given only with a failed (high or low) live site, reinstatement, non-compliance follow up or investigatory works outcome"
                ))
        }
        for (index, area) in d.failureReasons.enumerated() {
            if d.outcome.isFailedHighOrLow, !families.contains(area.failureReason.family) {
                problems.append(
                    .init(
                        "R-INSP-05", field: "failure_reason_details[\(index)].failure_reason",
                        "\(area.failureReason.rawValue) is not a failure reason of a \(d.type.rawValue) inspection"))
            }
            if isBlank(area.details) {
                problems.append(
                    .init("R-INSP-05", field: "failure_reason_details[\(index)].details", "is required"))
            }
        }
        // R-INSP-06: what a failed live site inspection, some outcomes and a failed S81 need.
        if d.type == .liveSite, d.outcome.isFailedHighOrLow {
            if d.wasCallLogged == nil {
                problems.append(
                    .init("R-INSP-06", field: "was_call_logged", "is required for a failed live site inspection"))
            }
            if d.defectFixedOnSite == nil {
                problems.append(
                    .init("R-INSP-06", field: "defect_fixed_on_site", "is required for a failed live site inspection"))
            }
        }
        if d.wasCallLogged == true {
            for (field, value) in [
                ("call_logged_to", d.callLoggedTo), ("call_logged_reference", d.callLoggedReference),
                ("call_logged_summary", d.callLoggedSummary),
            ] where isBlank(value ?? "") {
                problems.append(.init("R-INSP-06", field: field, "is required when was_call_logged is true"))
            }
        }
        if d.outcome == .unableToCompleteInspection || d.outcome == .nonCompliantWithConditions,
            isBlank(d.outcomeDetails ?? "")
        {
            problems.append(
                .init(
                    "R-INSP-06", field: "inspection_outcome_details",
                    "is required when inspection_outcome is \(d.outcome.rawValue)"))
        }
        if d.type == .section81, d.outcome == .failed || d.outcome.isFailedHighOrLow, d.madeSafeByHA == nil {
            problems.append(
                .init("R-INSP-06", field: "made_safe_by_ha", "is required for a failed section 81 inspection"))
        }
        problems += fileProblems(evidence: d.evidence, fileIDs: d.fileIDs)
        if let reinspection = d.reinspection {
            problems += scheduleProblems(reinspection, now: now, prefix: "reinspection")
        }
        // R-NC-02: only a reinstatement or follow up inspection links to a non-compliance.
        if d.nonComplianceReference != nil, d.type != .reinstatement, d.type != .nonComplianceFollowUp {
            problems.append(
                .init(
                    "R-NC-02", field: "non_compliance_reference_number",
                    "an inspection links to a non-compliance only when its type is reinstatement or non_compliance_follow_up"
                ))
        }
        return problems
    }

    /// R-INSP-03: the category belongs to the type; a type with categories needs one
    /// (D-INSPECTIONS), section 81 takes none.
    public static func categoryProblems(type: InspectionType, category: InspectionCategory?, field: String)
        -> [InspectionProblem]
    {
        let categories = categories(of: type)
        if let category {
            if !categories.contains(category) {
                return [
                    .init(
                        "R-INSP-03", field: field,
                        "\(category.rawValue) is not a category of \(type.rawValue) inspections\(categories.isEmpty ? " (they have none)" : "; allowed: \(categories.map(\.rawValue).sorted().joined(separator: ", "))")"
                    )
                ]
            }
        } else if !categories.isEmpty {
            return [.init("R-INSP-03", field: field, "is required for a \(type.rawValue) inspection")]
        }
        return []
    }

    /// R-INSP-07: evidence files are sent by id with `inspection_evidence` true: 1 to 50 distinct
    /// whole positive numbers.
    public static func fileProblems(evidence: Bool, fileIDs: [Double]?) -> [InspectionProblem] {
        let ids = fileIDs ?? []
        var problems: [InspectionProblem] = []
        if evidence, ids.isEmpty {
            problems.append(.init("R-INSP-07", field: "file_ids", "is required when inspection_evidence is true"))
        }
        if !evidence, !ids.isEmpty {
            problems.append(.init("R-INSP-07", field: "file_ids", "are sent only when inspection_evidence is true"))
        }
        if ids.count > maximumFiles {
            problems.append(
                .init("R-INSP-07", field: "file_ids", "must hold at most \(maximumFiles) files (\(ids.count) given)"))
        }
        for (index, id) in ids.enumerated() where wholeFileID(id) == nil {
            problems.append(.init("R-INSP-07", field: "file_ids[\(index)]", "must be a whole number above 0"))
        }
        return problems
    }

    /// A file id as a whole positive number.
    public static func wholeFileID(_ value: Double) -> Int? {
        guard value.isFinite, value.rounded() == value, value >= 1, value <= 9_007_199_254_740_991 else { return nil }
        return Int(value)
    }

    /// R-INSP-10: a scheduled date today or later (UK), a time on that date and in the future,
    /// a category of the type.
    public static func scheduleProblems(_ s: ScheduledInspectionDraft, now: Date, prefix: String)
        -> [InspectionProblem]
    {
        var problems = categoryProblems(type: s.type, category: s.category, field: "\(prefix)_category")
            .map { p -> InspectionProblem in
                var p = p
                p.rule = "R-INSP-10 (R-INSP-03)"
                return p
            }
        let today = UKTime.localDate(of: now)
        let day = UKTime.localDate(of: s.date)
        if day < today {
            problems.append(.init("R-INSP-10", field: "\(prefix)_date", "must be today or later"))
        }
        if let time = s.dateTime {
            if UKTime.localDate(of: time) != day {
                problems.append(
                    .init("R-INSP-10", field: "\(prefix)_date_time", "must be on the same date as \(prefix)_date"))
            } else if time <= now {
                problems.append(.init("R-INSP-10", field: "\(prefix)_date_time", "must be in the future"))
            }
        }
        return problems
    }

    /// R-INSP-09: a withdrawal needs details; a withdrawn inspection stays withdrawn.
    public static func withdrawalProblems(details: String, status: InspectionStatus, reference: String)
        -> [InspectionProblem]
    {
        if status == .withdrawn {
            return [.init("R-INSP-09", field: nil, "inspection \(reference) is already withdrawn")]
        }
        if isBlank(details) { return [.init("R-INSP-09", field: "withdrawal_details", "is required")] }
        return []
    }

    /// D-INSPECTIONS: `auto_acceptance_due_date`: the same UK time on the 10th working day after
    /// the inspection was recorded.
    public static func autoAcceptanceDue(recordedAt: Date, calendar: WorkingDayCalendar) -> Date {
        let day = calendar.addingWorkingDays(autoAcceptanceWorkingDays, to: UKTime.localDate(of: recordedAt))
        return UKTime.instant(day, UKTime.localTime(of: recordedAt))
    }

    /// R-INSP-01: `{WRN}-INSP-{NN}`, numbered per works record from 01.
    public static func reference(work: String, sequence: Int) -> String {
        "\(work)-INSP-\(sequence < 10 ? "0" : "")\(sequence)"
    }

    /// D-NON-COMPLIANCES: `{WRN}-NC-{NN}`, numbered per works record from 01.
    public static func nonComplianceReference(work: String, sequence: Int) -> String {
        "\(work)-NC-\(sequence < 10 ? "0" : "")\(sequence)"
    }

    static func isBlank(_ text: String) -> Bool { text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
}

/// Which side of a works record answers: the promoter (planners and contractors acting for it)
/// or the highway authority.
public enum ResponseSide: String, Sendable, Hashable {
    case promoter
    case highwayAuthority = "highway_authority"
}

/// R-INSP-13: the answers to an inspection outcome (D-INSPECTIONS).
public enum InspectionOutcomeResponses {
    /// The state of an inspection's answers.
    public struct State: Sendable, Hashable {
        public var status: InspectionStatus
        public var outcome: InspectionOutcome
        public var promoterStatus: InspectionOutcomeStatus?
        public var haStatus: InspectionOutcomeStatus?

        public init(
            status: InspectionStatus, outcome: InspectionOutcome, promoterStatus: InspectionOutcomeStatus?,
            haStatus: InspectionOutcomeStatus?
        ) {
            self.status = status
            self.outcome = outcome
            self.promoterStatus = promoterStatus
            self.haStatus = haStatus
        }
    }

    /// Whether `side` may give `answer` with `reason` now: bad input names the field, a state
    /// rule none. The promoter answers a recorded outcome that finds it at fault, until it has
    /// accepted it (or it was accepted for it); the highway authority answers a dispute or a
    /// request for a joint site meeting.
    public static func problems(
        _ answer: InspectionOutcomeStatus, reason: String?, by side: ResponseSide, state: State, reference: String
    ) -> [InspectionProblem] {
        let allowed =
            side == .promoter
            ? InspectionOutcomeStatus.promoterResponses : InspectionOutcomeStatus.highwayAuthorityResponses
        if !allowed.contains(answer) {
            return [
                .init(
                    "R-INSP-13", field: "inspection_response_type",
                    "\(answer.rawValue) is not a \(side == .promoter ? "promoter" : "highway authority") response; allowed: \(allowed.map(\.rawValue).sorted().joined(separator: ", "))"
                )
            ]
        }
        if answer.needsReason, InspectionRules.isBlank(reason ?? "") {
            return [
                .init(
                    "R-INSP-13", field: "inspection_response_reason",
                    "is required when inspection_response_type is \(answer.rawValue)")
            ]
        }
        if state.status != .recorded {
            return [.init("R-INSP-13", field: nil, "inspection \(reference) is withdrawn; its outcome is not answered")]
        }
        if !state.outcome.awaitsPromoterResponse {
            return [
                .init(
                    "R-INSP-13", field: nil,
                    "inspection \(reference) has outcome \(state.outcome.rawValue), which is not answered (only failed and non-compliant outcomes are)"
                )
            ]
        }
        if state.promoterStatus == .inspectionOutcomeAccepted
            || state.haStatus == .inspectionOutcomePromoterAcceptsFailedInspection
        {
            return [.init("R-INSP-13", field: nil, "the outcome of inspection \(reference) is already accepted")]
        }
        if side == .highwayAuthority, state.promoterStatus != .inspectionOutcomeDisputed,
            state.promoterStatus != .jointSiteMeetingNeeded
        {
            return [
                .init(
                    "R-INSP-13", field: nil,
                    "the highway authority answers a disputed outcome or a request for a joint site meeting; the promoter has \(state.promoterStatus.map { "answered \($0.rawValue)" } ?? "not answered")"
                )
            ]
        }
        return []
    }
}

/// R-NC-01: the answers to a non-compliance and what they change (D-NON-COMPLIANCES).
public enum NonComplianceLifecycle {
    public struct State: Sendable, Hashable {
        public var status: NonComplianceStatus
        public var jsmStatus: JointSiteMeetingStatus?
        /// The side that suggested the joint site meeting being agreed.
        public var jsmRequestedBy: ResponseSide?

        public init(status: NonComplianceStatus, jsmStatus: JointSiteMeetingStatus?, jsmRequestedBy: ResponseSide?) {
            self.status = status
            self.jsmStatus = jsmStatus
            self.jsmRequestedBy = jsmRequestedBy
        }
    }

    /// The answers only the highway authority gives (they end the non-compliance), and the one
    /// only the promoter gives.
    public static let highwayAuthorityOnly: Set<NonComplianceResponseStatus> = [.withdrawn, .worksCompletedAndPassed]
    public static let promoterOnly: Set<NonComplianceResponseStatus> = [.worksCompleteReadyForInspection]

    public static func problems(
        _ answer: NonComplianceResponseStatus, details: String?, jsmDate: Date?, by side: ResponseSide, state: State,
        now: Date, reference: String
    ) -> [InspectionProblem] {
        var problems: [InspectionProblem] = []
        let field = "non_compliance_response_status"
        if answer == .issued {
            problems.append(.init("R-NC-01", field: field, "issued is the status a non-compliance starts in"))
        } else if side == .promoter, highwayAuthorityOnly.contains(answer) {
            problems.append(.init("R-NC-01", field: field, "\(answer.rawValue) is a highway authority response"))
        } else if side == .highwayAuthority, promoterOnly.contains(answer) {
            problems.append(.init("R-NC-01", field: field, "\(answer.rawValue) is a promoter response"))
        }
        if answer == .withdrawn || answer == .jointSiteMeetingNotNeeded, InspectionRules.isBlank(details ?? "") {
            problems.append(
                .init("R-NC-01", field: "response_details", "is required when \(field) is \(answer.rawValue)"))
        }
        if answer == .jointSiteMeetingSuggested {
            if let jsmDate {
                if UKTime.localDate(of: jsmDate) < UKTime.localDate(of: now) {
                    problems.append(.init("R-NC-01", field: "jsm_suggested_date", "must be today or later"))
                }
            } else {
                problems.append(
                    .init(
                        "R-NC-01", field: "jsm_suggested_date",
                        "is required when \(field) is joint_site_meeting_suggested"))
            }
        }
        if !problems.isEmpty { return problems }
        if state.status != .issued {
            return [.init("R-NC-01", field: nil, "non-compliance \(reference) is \(state.status.rawValue)")]
        }
        if answer == .acceptSuggestion || answer == .willAttendJointSiteMeeting,
            state.jsmStatus != .awaitingAgreement || state.jsmRequestedBy == side
        {
            return [
                .init(
                    "R-NC-01", field: nil,
                    "\(answer.rawValue) answers a joint site meeting the other side suggested; none is awaiting agreement"
                )
            ]
        }
        return []
    }

    /// The status an answer leaves the non-compliance in.
    public static func status(after answer: NonComplianceResponseStatus, from status: NonComplianceStatus)
        -> NonComplianceStatus
    {
        switch answer {
        case .withdrawn: .withdrawn
        case .worksCompletedAndPassed: .resolved
        default: status
        }
    }

    /// Where the joint site meeting stands after an answer.
    public static func jsmStatus(after answer: NonComplianceResponseStatus, from status: JointSiteMeetingStatus?)
        -> JointSiteMeetingStatus?
    {
        switch answer {
        case .jointSiteMeetingSuggested: .awaitingAgreement
        case .acceptSuggestion, .willAttendJointSiteMeeting: .dateAndTimeAgreed
        case .jointSiteMeetingNotNeeded: .jsmNotNeeded
        default: status
        }
    }
}
