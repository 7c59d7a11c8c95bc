import Contract
import Domain
import Foundation
import Store
import WorkAPI

extension WorkService {
    /// A permit and its works record, locked for one command.
    struct Subject {
        var work: WorkRow
        var permit: PermitRow
        var isActive: Bool { work.activePermitReferenceNumber == permit.permitReferenceNumber }

        var state: PermitState {
            PermitState(
                status: PermitStatus(rawValue: permit.permitStatus) ?? .submitted,
                assessmentStatus: permit.assessmentStatus.flatMap(AssessmentStatus.init(rawValue:)),
                isDeemed: permit.isDeemed, category: WorkCategory(rawValue: permit.workCategory) ?? .minor,
                workType: WorkType(rawValue: permit.workType) ?? .planned,
                workStatus: WorkStatus(rawValue: work.workStatus) ?? .planned, proposedStart: permit.proposedStartDate,
                actualStart: permit.actualStartDate, actualStop: permit.actualStopDate, isActivePermit: isActive,
                hasHadModificationRequest: permit.everModificationRequested)
        }
    }

    /// Runs one command on a permit in a transaction: loads and locks it, lets `decide` compute
    /// the transition, writes permit, works record and history together.
    func command(
        wrn rawWRN: String, prn: String?, principal: Principal?,
        decide:
            @Sendable (Subject) throws -> (
                transition: PermitTransition, event: String, details: String, update: (inout PermitRow) -> Void
            )
    ) async throws {
        let wrn = rawWRN.uppercased()
        let at = now
        try await database.transaction { tx in
            let works = WorkRepository(tx)
            guard let work = try await works.work(wrn, forUpdate: true) else { throw AppError.notFound("Work") }
            let reference = prn?.uppercased() ?? work.activePermitReferenceNumber ?? ""
            guard let permit = try await works.permit(reference), permit.workReferenceNumber == wrn else {
                throw AppError.notFound("Permit")
            }
            let subject = Subject(work: work, permit: permit)
            let decision = try decide(subject)
            var updated = permit
            let t = decision.transition
            updated.permitStatus = t.status.rawValue
            updated.assessmentStatus = t.assessmentStatus?.rawValue
            updated.isDeemed = t.isDeemed
            updated.actualStartDate = t.actualStart
            updated.actualStopDate = t.actualStop
            if t.assessmentStatus == .permitModificationRequest { updated.everModificationRequested = true }
            // Only an application awaiting assessment can be deemed (R-RESP-03, R-RESP-05).
            if !t.status.isAwaitingAssessment { updated.deemAt = nil }
            updated.dateModified = at
            decision.update(&updated)
            try await works.update(updated)
            if t.workStatus.rawValue != work.workStatus {
                try await works.updateWork(
                    wrn, status: t.workStatus.rawValue, activePermit: work.activePermitReferenceNumber,
                    permitCount: work.permitCount, at: at)
            }
            try await HistoryWriter(
                works: works, wrn: wrn, promoter: work.promoterSWACode, authority: work.highwayAuthoritySWACode,
                principal: principal, internalUser: (nil, nil), at: at
            ).append(
                event: decision.event, topic: "Permit", details: decision.details, object: permit.permitReferenceNumber,
                type: "PERMIT", permit: permit.permitReferenceNumber)
        }
    }

    /// R-PERMIT-06: only the highway authority named on the permit assesses it.
    func requireHighwayAuthority(_ principal: Principal, of subject: Subject) throws {
        guard principal.organisationReference == subject.permit.highwayAuthoritySWACode,
            principal.has(.highwayAuthority)
        else { throw AppError.accessRestricted }
    }

    /// R-PERMIT-22: promoter actions are for the permit's promoter (or its contractor).
    func requirePromoter(_ principal: Principal, of subject: Subject) throws {
        guard principal.mayActFor(subject.permit.promoterSWACode) else { throw AppError.accessRestricted }
    }

    // MARK: assessment (R-PERMIT-03, -07, -08, -09, -15)

    func assess(
        wrn: String, prn: String, _ request: Components.Schemas.PermitAssessmentUpdateRequest, principal: Principal
    ) async throws {
        try await command(wrn: wrn, prn: prn, principal: principal) { subject in
            try requireHighwayAuthority(principal, of: subject)
            var errors: [FieldError] = []
            func require(_ ok: Bool, _ field: String, _ why: String) {
                if !ok { errors.append(FieldError(field: field, message: "is required \(why)")) }
            }
            func present(_ s: String?) -> Bool { !(s ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
            let decision: AssessmentDecision
            let isPAA = subject.permit.workCategory == WorkCategory.paa.rawValue
            switch request.assessmentStatus {
            case .granted:
                decision = request.isDurationChallenged == true ? .grantWithDurationChallenge : .grant
                if subject.permit.workCategory != WorkCategory.hs2Highway.rawValue {
                    require(request.assessmentDiscount != nil, "assessment_discount", "when granting")
                }
                if let discount = request.assessmentDiscount,
                    !(0...100).contains(discount) || discount.rounded() != discount
                {
                    errors.append(
                        FieldError(field: "assessment_discount", message: "must be a whole number between 0 and 100"))
                }
                if decision == .grantWithDurationChallenge {
                    require(
                        request.reasonablePeriodEndDate != nil, "reasonable_period_end_date",
                        "when is_duration_challenged is true")
                    require(
                        present(request.additionalComments), "additional_comments",
                        "when is_duration_challenged is true")
                }
            case .refused:
                decision = .refuse
                let reasons = request.reasonsForRefusal ?? []
                if reasons.isEmpty {
                    errors.append(
                        FieldError(field: "reasons_for_refusal", message: "is required when refusing (1 to 5 reasons)"))
                }
                require(present(request.additionalComments), "additional_comments", "when assessment_status is refused")
            case .permitModificationRequest:
                decision = .modificationRequest
                require(
                    present(request.pendingChangeDetails), "pending_change_details",
                    "when assessment_status is permit_modification_request")
            case .revoked:
                decision = .revoke
                require(present(request.revokeReason), "revoke_reason", "when assessment_status is revoked")
            case .grantedAuto, .refusedAuto:
                throw AppError.invalid(
                    field: "assessment_status", "must be one of: granted, refused, permit_modification_request, revoked"
                )
            }
            if !errors.isEmpty { throw AppError.invalid(errors) }
            let transition = try lifecycle { () throws(LifecycleError) in
                try PermitLifecycle.assess(decision, permit: subject.state)
            }
            let noun = isPAA ? "paa" : "permit"
            let event: String =
                switch decision {
                case .grant: "\(noun)_granted"
                case .grantWithDurationChallenge: "permit_granted_with_duration_challenge"
                case .refuse: "\(noun)_refused"
                case .modificationRequest: "permit_modification_request"
                case .revoke: "\(noun)_revoked"
                }
            let assessment = try? String(decoding: WorkService.encoder.encode(request), as: UTF8.self)
            return (
                transition, event,
                "\(isPAA ? "PAA" : "Permit") \(subject.permit.permitReferenceNumber) \(request.assessmentStatus.rawValue.replacingOccurrences(of: "_", with: " "))",
                { $0.assessment = assessment }
            )
        }
    }

    // MARK: cancelling (R-PERMIT-12, -14)

    func updateStatus(
        wrn: String, prn: String, _ request: Components.Schemas.PermitStatusUpdateRequest, principal: Principal
    ) async throws {
        guard request.permitStatus == .cancelled else {
            throw AppError.invalid(field: "permit_status", "must be cancelled (the only status a promoter may set)")
        }
        if request.permitCancellationReason == .other,
            (request.permitCancellationReasonOther ?? "").trimmingCharacters(in: .whitespaces).isEmpty
        {
            throw AppError.invalid(
                field: "permit_cancellation_reason_other", "is required when permit_cancellation_reason is other")
        }
        try await command(wrn: wrn, prn: prn, principal: principal) { subject in
            try requirePromoter(principal, of: subject)
            let transition = try lifecycle { () throws(LifecycleError) in
                try PermitLifecycle.cancel(permit: subject.state)
            }
            let isPAA = subject.permit.workCategory == WorkCategory.paa.rawValue
            let cancellation = try? String(decoding: WorkService.encoder.encode(request), as: UTF8.self)
            return (
                transition, isPAA ? "paa_cancelled" : "permit_cancelled",
                "\(isPAA ? "PAA" : "Permit") \(subject.permit.permitReferenceNumber) cancelled",
                { $0.cancellation = cancellation }
            )
        }
    }

    // MARK: on site (R-PERMIT-16 … -19, R-IMM-07/08)

    func start(wrn: String, at start: Date, principal: Principal) async throws {
        let now = self.now
        try await command(wrn: wrn, prn: nil, principal: principal) { subject in
            try requirePromoter(principal, of: subject)
            let transition = try lifecycle { () throws(LifecycleError) in
                try PermitLifecycle.startWorks(permit: subject.state, at: start, now: now)
            }
            return (transition, "work_start_logged", "Works start logged for \(ISO8601.format(start))", { _ in })
        }
    }

    func stop(wrn: String, at stop: Date, principal: Principal) async throws {
        let now = self.now
        try await command(wrn: wrn, prn: nil, principal: principal) { subject in
            try requirePromoter(principal, of: subject)
            let transition = try lifecycle { () throws(LifecycleError) in
                try PermitLifecycle.stopWorks(permit: subject.state, at: stop, now: now)
            }
            return (transition, "work_stop_logged", "Works stop logged for \(ISO8601.format(stop))", { _ in })
        }
    }

    func revertStart(wrn: String, reason: String, principal: Principal) async throws {
        try await command(wrn: wrn, prn: nil, principal: principal) { subject in
            try requirePromoter(principal, of: subject)
            let transition = try lifecycle { () throws(LifecycleError) in
                try PermitLifecycle.revertStart(permit: subject.state)
            }
            return (transition, "work_start_reverted", "Works start reverted: \(reason)", { _ in })
        }
    }

    func revertStop(wrn: String, reason: String, principal: Principal) async throws {
        try await command(wrn: wrn, prn: nil, principal: principal) { subject in
            try requirePromoter(principal, of: subject)
            let transition = try lifecycle { () throws(LifecycleError) in
                try PermitLifecycle.revertStop(permit: subject.state)
            }
            return (transition, "work_stop_reverted", "Works stop reverted: \(reason)", { _ in })
        }
    }
}
