import Foundation

/// The allowed status changes of PAAs and PAs (R-PERMIT-03 T1–T13, R-PERMIT-04) and the works
/// record status changes they cause (R-WORK-04). Each step returns the new state or throws a
/// ``LifecycleError`` naming the rule that forbids it. Who may act (promoter or HA, R-PERMIT-06,
/// R-PERMIT-13) and payload fields (R-PERMIT-09, reasons) are checked by the caller.
public enum PermitLifecycle {
    /// R-WORK-04, R-IMM-02: a new PAA/PA is `submitted`; the works are `planned`, or
    /// `in_progress` straight away for immediate works, whose works start is logged at their
    /// proposed start, or now if that is later (D-IMMEDIATE-START: the works are under way when
    /// they are reported; §26 Q-10).
    ///
    /// - Parameter existingWorkStatus: the works record's status when the application is added
    ///   to an existing record (`nil` for a new record). No application can be added to a
    ///   section 81 record (R-WORK-04) or while the works are in progress (R-WORK-05).
    ///
    /// R-HS2-02: an application on the consultation route (`hs2Route`) is granted on submission,
    /// with the assessment status `granted_auto`; the highway authority only acknowledges it.
    public static func create(
        workType: WorkType, existingWorkStatus: WorkStatus? = nil, proposedStart: Date, now: Date,
        hs2Route: HS2Route = .assessed
    ) throws(LifecycleError) -> PermitTransition {
        switch existingWorkStatus {
        case .section81: throw .noApplicationOnSection81
        case .inProgress: throw .liveApplicationInProgress
        default: break
        }
        let immediate = workType == .immediate
        let granted = hs2Route == .consultation
        return PermitTransition(
            rule: granted ? "R-HS2-02" : immediate ? "R-IMM-02" : "R-WORK-04", status: granted ? .granted : .submitted,
            assessmentStatus: granted ? .grantedAuto : nil, isDeemed: false,
            workStatus: immediate ? .inProgress : .planned, actualStart: immediate ? min(proposedStart, now) : nil,
            actualStop: nil)
    }

    /// The HA's decision (R-PERMIT-03 T1–T3, T5, T6, T9; R-PERMIT-04; R-PERMIT-05; R-PERMIT-07;
    /// R-PERMIT-08; R-PERMIT-15).
    ///
    /// A permit awaiting assessment (`submitted` or `under_assessment`) may be granted, refused
    /// or sent back with a modification request (PA only, once); one in
    /// `permit_modification_request` may be granted or refused while no change request awaits
    /// assessment. A granted or refused permit cannot be assessed again; a granted one may
    /// only be revoked, and not after works stop. Works may already have started (R-PERMIT-08).
    public static func assess(
        _ decision: AssessmentDecision, permit: PermitState
    ) throws(LifecycleError) -> PermitTransition {
        if permit.isPAA, decision == .modificationRequest || decision == .grantWithDurationChallenge {
            throw .decisionNotForPAA(decision)
        }
        if decision == .grantWithDurationChallenge, !permit.isImmediate { throw .durationChallengeOnlyForImmediate }

        var next = PermitTransition(unchanged: permit, rule: "")
        if decision == .revoke {
            guard permit.status == .granted else { throw .revokeNeedsGrantedPermit(permit.status) }
            guard permit.actualStop == nil else { throw .revokeAfterWorksStop }
            next.rule = permit.isPAA ? "R-PERMIT-05" : "R-PERMIT-03 T9"
            next.status = .revoked
            next.assessmentStatus = .revoked
            return next
        }

        switch permit.status {
        case .submitted, .underAssessment:
            switch decision {
            case .grant, .grantWithDurationChallenge:
                next.rule = permit.isPAA ? "R-PERMIT-04" : "R-PERMIT-03 T1"
                next.status = .granted
                next.assessmentStatus = .granted
            case .refuse:
                next.rule = permit.isPAA ? "R-PERMIT-04" : "R-PERMIT-03 T2"
                next.status = .refused
                next.assessmentStatus = .refused
            case .modificationRequest:
                guard !permit.hasHadModificationRequest else { throw .modificationRequestAlreadyMade }
                next.rule = "R-PERMIT-03 T3"
                next.status = .permitModificationRequest
                next.assessmentStatus = .permitModificationRequest
            case .revoke:
                preconditionFailure("handled above")
            }
        case .permitModificationRequest:
            if decision == .modificationRequest { throw .modificationRequestAlreadyMade }
            guard !permit.hasChangeRequestAwaitingAssessment else { throw .changeRequestAwaitingAssessment }
            if decision == .refuse {
                next.rule = "R-PERMIT-03 T6"
                next.status = .refused
                next.assessmentStatus = .refused
            } else {
                next.rule = "R-PERMIT-03 T5"
                next.status = .granted
                next.assessmentStatus = .granted
            }
        case .granted, .refused:
            throw .alreadyAssessed(permit.status)
        case .closed, .cancelled, .revoked, .progressed:
            throw .notAssessable(permit.status)
        }
        next.isDeemed = false
        return next
    }

    /// R-RESP-03, R-PERMIT-03 T1, R-PERMIT-04: the system grants an application still awaiting
    /// assessment when its deadline passes; `is_deemed` is set and the assessment status stays
    /// empty. Q-04: `under_assessment` deems too. R-RESP-05: a PMR deems only once the promoter
    /// has replied with the modified permit (``PermitState/hasModifiedPermitReply``); the caller
    /// deems only permits whose deeming time has come.
    public static func deem(permit: PermitState) throws(LifecycleError) -> PermitTransition {
        let repliedTo = permit.status == .permitModificationRequest && permit.hasModifiedPermitReply
        guard permit.status.isAwaitingAssessment || repliedTo else {
            throw .notAwaitingAssessment(.deem, permit.status)
        }
        var next = PermitTransition(unchanged: permit, rule: permit.isPAA ? "R-PERMIT-04" : "R-PERMIT-03 T1")
        next.status = .granted
        next.isDeemed = true
        return next
    }

    /// R-RESP-09: the HA marks a submitted application as under assessment (Q-04: the deadline
    /// is unchanged).
    public static func markUnderAssessment(permit: PermitState) throws(LifecycleError) -> PermitTransition {
        guard permit.status == .submitted else { throw .notAwaitingAssessment(.markUnderAssessment, permit.status) }
        var next = PermitTransition(unchanged: permit, rule: "R-RESP-09")
        next.status = .underAssessment
        return next
    }

    /// R-FEE-05: the HA changes the discount on the fee of a granted (or deemed) or closed PAA or
    /// PA: the fee arises with the grant (R-FEE-02/04). R-LR-04: never on HS2 highway works. The
    /// statuses stay as they are.
    public static func changeDiscount(permit: PermitState) throws(LifecycleError) -> PermitTransition {
        guard permit.workType != .hs2HighwayWorks else { throw .noDiscountOnHS2HighwayWorks }
        guard permit.status == .granted || permit.status == .closed else { throw .discountNeedsGrant(permit.status) }
        return PermitTransition(unchanged: permit, rule: "R-FEE-05")
    }

    /// R-PERMIT-23: the promoter records the traffic management in place on a live permit: the
    /// active PA, granted, or still awaiting its assessment (or a modification) while its works
    /// are in progress (immediate works start first). The statuses stay as they are.
    public static func recordCurrentTrafficManagement(permit: PermitState) throws(LifecycleError) -> PermitTransition {
        let inProgress =
            permit.workStatus == .inProgress
            && (permit.status.isAwaitingAssessment || permit.status == .permitModificationRequest)
        guard permit.isActivePermit, !permit.isPAA, permit.status == .granted || inProgress else {
            throw .notLive(permit.status)
        }
        return PermitTransition(unchanged: permit, rule: "R-PERMIT-23")
    }

    /// R-PERMIT-04, R-CAT-08: a submitted (or under assessment) or granted PAA is progressed
    /// into a major PA; the PAA becomes `progressed`.
    public static func progress(paa: PermitState) throws(LifecycleError) -> PermitTransition {
        guard paa.isPAA else { throw .onlyPAACanBeProgressed }
        guard paa.isActivePermit else { throw .notActivePermit(.progress) }
        switch paa.status {
        case .submitted, .underAssessment, .granted:
            var next = PermitTransition(unchanged: paa, rule: "R-PERMIT-04")
            next.status = .progressed
            return next
        default:
            throw .cannotProgress(paa.status)
        }
    }

    /// R-PERMIT-11: when the major PA progressed from a PAA is granted or refused, a PAA that
    /// was never assessed takes the matching automatic decision. `nil` when nothing changes.
    public static func autoAssess(paa: PermitState, after decision: AssessmentDecision) -> PermitTransition? {
        guard paa.isPAA, paa.assessmentStatus == nil else { return nil }
        var next = PermitTransition(unchanged: paa, rule: "R-PERMIT-11")
        switch decision {
        case .grant: next.assessmentStatus = .grantedAuto
        case .refuse: next.assessmentStatus = .refusedAuto
        default: return nil
        }
        return next
    }

    /// The promoter cancels (R-PERMIT-03 T4, T7, T8, T13; R-PERMIT-04; R-PERMIT-12; R-PERMIT-14;
    /// R-IMM-07).
    ///
    /// Only the active permit, when submitted, under assessment, granted, refused or in
    /// modification request. A PAA or planned PA only before works start; an immediate PA also
    /// while in progress, but not after works stop or once a reinstatement is recorded. A
    /// revoked permit cannot be cancelled (D-04). The works become `cancelled`.
    public static func cancel(permit: PermitState) throws(LifecycleError) -> PermitTransition {
        guard permit.isActivePermit else { throw .notActivePermit(.cancel) }
        let rule: String
        switch permit.status {
        case .submitted, .underAssessment: rule = "R-PERMIT-03 T4"
        case .permitModificationRequest: rule = "R-PERMIT-03 T7"
        case .granted: rule = "R-PERMIT-03 T8"
        case .refused: rule = "R-PERMIT-03 T13"
        case .revoked: throw .cannotCancelRevoked
        case .closed, .cancelled, .progressed: throw .cannotCancel(permit.status)
        }
        if permit.isImmediate {
            guard permit.actualStop == nil else { throw .cannotCancelAfterWorksStop }
            guard !permit.hasReinstatement else { throw .cannotCancelWithReinstatement }
        } else {
            guard permit.actualStart == nil else { throw .cannotCancelAfterWorksStart }
        }
        var next = PermitTransition(unchanged: permit, rule: permit.isPAA ? "R-PERMIT-04" : rule)
        next.status = .cancelled
        next.workStatus = .cancelled
        return next
    }

    /// The promoter logs works start (R-PERMIT-16, R-PERMIT-04, R-PERMIT-15, R-WORK-04).
    ///
    /// Only on the active PA (never a PAA) when submitted, under assessment, granted or in
    /// modification request, once; `at` must not be after `now` nor more than 5 years before
    /// the proposed start. The permit status is unchanged; the works go `in_progress`.
    ///
    /// R-PERMIT-20: a start after the proposed start date but within the validity period moves
    /// the proposed end (`PermitRules.slidProposedEnd`, from the permit's
    /// ``PermitState/proposedEnd`` and ``PermitState/validityPeriodEndDate``); the transition then
    /// carries the new ``PermitTransition/proposedEnd`` and the
    /// ``PermitTransition/originalProposedEnd`` to keep for a revert.
    public static func startWorks(
        permit: PermitState, at start: Date, now: Date, calendar: WorkingDayCalendar = .englandAndWales
    ) throws(LifecycleError) -> PermitTransition {
        guard !permit.isPAA else { throw .notForPAA(.startWorks) }
        guard permit.isActivePermit else { throw .notActivePermit(.startWorks) }
        guard permit.actualStart == nil else { throw .worksAlreadyStarted }
        switch permit.status {
        case .submitted, .underAssessment, .granted, .permitModificationRequest: break
        case .revoked: throw .revokedBeforeWorksStart
        default: throw .cannotStartWorks(permit.status)
        }
        guard start <= now else { throw .startInFuture }
        if let earliest = UKTime.calendar.date(byAdding: .year, value: -5, to: permit.proposedStart), start < earliest {
            throw .startTooLongBeforeProposedStart
        }
        var next = PermitTransition(unchanged: permit, rule: "R-PERMIT-16")
        next.workStatus = .inProgress
        next.actualStart = start
        if let original = permit.originalProposedEnd ?? permit.proposedEnd {
            let slid = PermitRules.slidProposedEnd(
                proposedStart: permit.proposedStart, proposedEnd: original, actualStart: start,
                validityPeriodEndDate: permit.validityPeriodEndDate, calendar: calendar)
            next.proposedEnd = slid ?? original
            next.originalProposedEnd = slid == nil ? nil : original
        }
        return next
    }

    /// The promoter logs works stop (R-PERMIT-17; R-PERMIT-03 T10, T11; R-IMM-06).
    ///
    /// The works must be in progress; `at` must not be after `now` nor before the actual start.
    /// A granted or revoked permit becomes `closed`; an immediate PA still awaiting assessment
    /// is closed with `granted_auto`. The works become `completed`.
    public static func stopWorks(permit: PermitState, at stop: Date, now: Date) throws(LifecycleError)
        -> PermitTransition
    {
        guard !permit.isPAA else { throw .notForPAA(.stopWorks) }
        guard permit.workStatus == .inProgress, permit.actualStop == nil,
            permit.actualStart != nil || permit.isImmediate
        else { throw .worksNotInProgress }
        guard stop <= now else { throw .stopInFuture }
        if let start = permit.actualStart, stop < start { throw .stopBeforeStart }
        var next = PermitTransition(unchanged: permit, rule: "")
        switch permit.status {
        case .granted:
            next.rule = "R-PERMIT-03 T10"
        case .revoked:
            next.rule = "R-PERMIT-03 T11"
        case .submitted where permit.isImmediate, .underAssessment where permit.isImmediate:
            next.rule = "R-IMM-06"
            next.assessmentStatus = .grantedAuto
        default:
            throw .cannotStopWorks(permit.status)
        }
        next.status = .closed
        next.workStatus = .completed
        next.actualStop = stop
        return next
    }

    /// The promoter reverts works start (R-PERMIT-18, R-IMM-08, R-WORK-04).
    ///
    /// Planned PAs only, on the active permit, with a start and no stop logged, not revoked,
    /// no reinstatement and final site not registered. Clears the actual start; works go back
    /// to `planned`; a proposed end moved by the start (R-PERMIT-20) goes back to the original.
    public static func revertStart(permit: PermitState) throws(LifecycleError) -> PermitTransition {
        guard !permit.isPAA else { throw .notForPAA(.revertStart) }
        guard !permit.isImmediate else { throw .immediateStartCannotBeReverted }
        guard permit.isActivePermit else { throw .notActivePermit(.revertStart) }
        guard permit.actualStop == nil else { throw .revertStartAfterStop }
        guard permit.actualStart != nil, permit.workStatus == .inProgress else { throw .noStartToRevert }
        guard permit.status != .revoked else { throw .revertStartOnRevoked }
        guard !permit.hasReinstatement else { throw .revertStartWithReinstatement }
        guard !permit.isFinalSiteRegistered else { throw .revertStartWithFinalSite }
        var next = PermitTransition(unchanged: permit, rule: "R-PERMIT-18")
        next.workStatus = .planned
        next.actualStart = nil
        if let original = permit.originalProposedEnd {
            next.proposedEnd = original
            next.originalProposedEnd = nil
        }
        return next
    }

    /// The promoter reverts works stop (R-PERMIT-19, R-PERMIT-03 T12, R-WORK-04).
    ///
    /// Only a closed permit that is still the latest on its works record. The permit goes
    /// back to `granted` (or `revoked` when it had been revoked before the stop, T11); the works
    /// go back to `in_progress` and the actual stop is cleared.
    public static func revertStop(permit: PermitState) throws(LifecycleError) -> PermitTransition {
        guard !permit.isPAA else { throw .notForPAA(.revertStop) }
        guard permit.status == .closed, permit.actualStop != nil else { throw .noStopToRevert }
        guard permit.isActivePermit else { throw .laterPermitAdded }
        var next = PermitTransition(unchanged: permit, rule: "R-PERMIT-03 T12")
        next.status = permit.assessmentStatus == .revoked ? .revoked : .granted
        next.workStatus = .inProgress
        next.actualStop = nil
        return next
    }
}
