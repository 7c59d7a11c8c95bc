import Contract
import Domain
import Foundation
import Store
import WorkAPI

/// Change requests inside the works command: raising one, applying its proposal to the permit,
/// and the system's steps (R-CR-02, R-RESP-08).
extension WorksChange {
    var changeRequests: ChangeRequestRepository { ChangeRequestRepository(tx) }

    /// The change request `reference` of `permit`; 404 otherwise.
    func changeRequest(_ reference: String, of permit: PermitRow) async throws -> ChangeRequestRow {
        guard let cr = try await changeRequests.changeRequest(reference.uppercased()),
            cr.permitReferenceNumber == permit.permitReferenceNumber
        else { throw AppError.notFound("Permit alteration") }
        return cr
    }

    /// Stores a new change request of `permit` and, when it is applied at once, applies it;
    /// returns its reference (R-CR-01, R-CR-03, R-RESP-02).
    func raiseChangeRequest(
        on permit: PermitRow, type: ChangeRequestType, status: ChangeRequestStatus, reason: String,
        proposal: ChangeRequestProposal,
        merged: (text: String, application: Components.Schemas.PermitCreateRequest)? = nil
    ) async throws -> String {
        let existing = try await changeRequests.changeRequests(ofPermit: permit.permitReferenceNumber)
        let sequence = (existing.map(\.sequence).max() ?? 0) + 1
        let reference = ChangeRequestLifecycle.reference(permit: permit.permitReferenceNumber, sequence: sequence)
        let merged = try merged ?? proposal.merged(onto: permit.payload)
        let applied = ChangeRequestProposal.apply(merged, fields: proposal.fields, to: permit)
        let deadline = PermitRules.deadlineDate(period: PermitRules.changeRequestResponsePeriod, submittedAt: at)
        let cr = ChangeRequestRow(
            reference: reference, permitReferenceNumber: permit.permitReferenceNumber,
            workReferenceNumber: permit.workReferenceNumber, sequence: sequence,
            promoterSWACode: permit.promoterSWACode, highwayAuthoritySWACode: permit.highwayAuthoritySWACode,
            workstreamPrefix: permit.workstreamPrefix, type: type, status: status, reason: reason,
            proposal: proposal.text, originalPayload: permit.payload,
            originalProposedStartDate: permit.proposedStartDate, originalProposedEndDate: permit.proposedEndDate,
            proposedStartDate: applied.proposedStartDate, proposedEndDate: applied.proposedEndDate,
            deadlineDate: deadline,
            deemAt: status == .submitted ? PermitRules.deemingInstant(deadline: deadline) : nil, dateCreated: at,
            dateModified: at)
        try await changeRequests.insert(cr)
        if status == .autoApplied {
            var updated = applied
            if type == .modifiedPermit {
                // R-RESP-01, R-RESP-05: the HA has 2 WD to decide the modified permit, then it deems.
                let deadline = PermitRules.deadlineDate(
                    period: PermitRules.modifiedPermitResponsePeriod, submittedAt: at)
                updated.deadlineDate = deadline
                updated.deemAt = PermitRules.deemingInstant(deadline: deadline)
            }
            try await write(updated, from: permit, proposal: proposal)
            record(
                .alterationAppliedAuto, object: .changeRequest, reference: reference,
                permit: permit.permitReferenceNumber,
                details: "\(type.label) \(reference) applied to permit \(permit.permitReferenceNumber)")
        } else {
            record(
                .alterationSubmitted, object: .changeRequest, reference: reference,
                permit: permit.permitReferenceNumber,
                details: "\(type.label) \(reference) submitted on permit \(permit.permitReferenceNumber)")
        }
        return reference
    }

    /// Applies the proposal of `cr` to its permit (R-CR-08, R-RESP-08), with `update` for what
    /// the decision itself sets.
    func applyProposal(of cr: ChangeRequestRow, _ update: (inout PermitRow) -> Void = { _ in }) async throws {
        let permit = try await self.permit(cr.permitReferenceNumber)
        let proposal = ChangeRequestProposal.stored(cr.proposal)
        var updated = ChangeRequestProposal.apply(
            try proposal.merged(onto: permit.payload), fields: proposal.fields, to: permit)
        update(&updated)
        try await write(updated, from: permit, proposal: proposal)
    }

    /// Writes the changed permit, and the works record's geometry when the change moves it
    /// (R-CR-06: the works coordinates may change).
    private func write(_ updated: PermitRow, from permit: PermitRow, proposal: ChangeRequestProposal) async throws {
        var updated = updated
        updated.dateModified = at
        try await permits.update(updated)
        if updated.payload != permit.payload {
            try await permits.updateApplication(updated.permitReferenceNumber, payload: updated.payload)
        }
        if let coordinates = proposal.fields["works_coordinates"] {
            let text = String(decoding: coordinates.bytes, as: UTF8.self)
            if text != work.worksCoordinates {
                updateWork { $0.worksCoordinates = text }
                try await WorkRepository(tx).updateGeometry(
                    work.workReferenceNumber, coordinates: text, bounds: MapIndex.bounds(coordinates))
            }
        }
    }

    /// R-CR-02: a change request awaiting assessment follows its permit out of the granted state
    /// (cancelled when the permit is cancelled or closed, revoked when it is revoked).
    func settleChangeRequests(of permit: PermitRow, now status: PermitStatus) async throws {
        guard status == .cancelled || status == .closed || status == .revoked else { return }
        for var cr in try await changeRequests.awaitingAssessment(ofPermit: permit.permitReferenceNumber) {
            guard let next = ChangeRequestLifecycle.follow(permitStatus: status, status: cr.status) else { continue }
            cr.status = next
            cr.deemAt = nil
            cr.dateModified = at
            try await changeRequests.update(cr)
            record(
                next == .revoked ? .alterationRevoked : .alterationCancelled, object: .changeRequest,
                reference: cr.reference, permit: permit.permitReferenceNumber,
                details:
                    "\(cr.type.label) \(cr.reference) \(next.rawValue): permit \(permit.permitReferenceNumber) is \(status.rawValue)"
            )
        }
    }
}

extension ChangeRequestType {
    /// How the history names it.
    var label: String {
        switch self {
        case .promoterImposedChange: "Promoter imposed change"
        case .promoterChangeRequest: "Change request"
        case .haChangeRequest: "Highway authority change request"
        case .haImposedChange: "Highway authority imposed change"
        case .workExtension: "Works extension"
        case .durationChallenge: "Duration challenge"
        case .modifiedPermit: "Modified permit"
        }
    }
}

extension ChangeRequestRow {
    /// The permit as it was when the change was made (`original`, `current`).
    func original(of permit: PermitRow) -> PermitRow {
        var p = permit
        p.payload = originalPayload
        p.proposedStartDate = originalProposedStartDate
        p.proposedEndDate = originalProposedEndDate
        p.calendarDayDuration = PermitRules.calendarDayDuration(
            proposedStart: p.proposedStartDate, proposedEnd: p.proposedEndDate)
        p.workingDayDuration = PermitRules.workingDayDuration(
            proposedStart: p.proposedStartDate, proposedEnd: p.proposedEndDate)
        return p
    }

    /// The permit as the change proposes it (`proposed`).
    func proposed(of permit: PermitRow) throws -> PermitRow {
        let base = original(of: permit)
        let proposal = ChangeRequestProposal.stored(self.proposal)
        return ChangeRequestProposal.apply(
            try proposal.merged(onto: originalPayload), fields: proposal.fields, to: base)
    }
}
