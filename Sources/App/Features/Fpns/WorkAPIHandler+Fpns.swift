import Contract
import Domain
import Foundation
import Store
import WorkAPI

/// Work API: issuing, reading, answering and deleting fixed penalty notices (R-FPN-01 … R-FPN-08).
extension WorkAPIHandler {
    /// `POST /works/{wrn}/fixed-penalty-notices`: the works' highway authority issues a notice
    /// (`WorksChange.issueFpn`).
    func createFpn(_ input: Operations.CreateFpn.Input) async throws -> Operations.CreateFpn.Output {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let draft = try FPNDraft(request)
        let problems = FPNRules.creationProblems(draft, now: services.clock.now())
        if !problems.isEmpty { throw AppError(fpn: problems) }
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        let reference = try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            try await change.issueFpn(draft, location: try await change.worksLocation())
        }
        return .created(.init(body: .json(.init(fpnReferenceNumber: reference))))
    }

    /// `GET /works/{wrn}/fixed-penalty-notices/{ref}`: the notice with its evidence files, to any
    /// signed-in planner, contractor or highway authority user, as the works record is (D-ACCESS);
    /// a deleted notice is not found.
    func getFpn(_ input: Operations.GetFpn.Input) async throws -> Operations.GetFpn.Output {
        let database = services.database
        guard
            let fpn = try await FPNRepository(database).fpn(
                input.path.fpnReferenceNumber.uppercased(), ofWork: input.path.workReferenceNumber.uppercased())
        else { throw AppError.notFound("Fixed penalty notice") }
        let files = try await FileRepository(database).files(of: .fpn(fpn.reference))
        let names = try await OrganisationNames.shared.names(
            [fpn.promoterSWACode, fpn.highwayAuthoritySWACode], database: database)
        return .ok(.init(body: .json(try .init(fpn, files: files, names: names))))
    }

    /// `PUT …/fixed-penalty-notices/{ref}/status`: R-FPN-05 … R-FPN-07: the promoter side accepts
    /// or disputes, the highway authority withdraws or records the payment; each change is in
    /// the history (`fpn_accepted`, `fpn_disputed`, `fpn_withdrawn`, `fpn_paid`).
    func updateFpnStatus(_ input: Operations.UpdateFpnStatus.Input) async throws
        -> Operations.UpdateFpnStatus.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let next: FPNStatus = try Wire.map(request.fpnStatus)
        let principal = try RequestScope.principal()
        let side: FPNSide = principal.has(.highwayAuthority) ? .highwayAuthority : .promoter
        let reason = request.statusReason
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            var fpn = try await change.fpn(input.path.fpnReferenceNumber)
            let previous = fpn.status
            fpn.status = try fpnRule { () throws(FPNError) in
                try FPNRules.transition(from: fpn.status, to: next, by: side, reason: reason)
            }
            fpn.statusReason = reason.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
            fpn.statusChangedDate = change.at
            try await change.fpns.update(fpn)
            let event: AuditEvent =
                switch next {
                case .accepted: .fpnAccepted
                case .disputed: .fpnDisputed
                case .withdrawn: .fpnWithdrawn
                case .paid, .paidDiscounted, .issued: .fpnPaid
                }
            change.record(
                event, object: .fpn, reference: fpn.reference, permit: fpn.permitReferenceNumber,
                details: "Fixed penalty notice \(fpn.reference) \(previous.rawValue) → \(next.rawValue)"
                    + (fpn.statusReason.map { ": \($0)" } ?? ""))
        }
        return .noContent(.init())
    }

    /// `DELETE …/fixed-penalty-notices/{ref}`: R-FPN-08 (D-FPNS): the works' highway authority
    /// deletes a notice still `issued`; its evidence files go with it; its number is not given
    /// again; recorded as `fpn_deleted`.
    func deleteFpn(_ input: Operations.DeleteFpn.Input) async throws -> Operations.DeleteFpn.Output {
        let caller = try WorksCaller.current()
        try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            var fpn = try await change.fpn(input.path.fpnReferenceNumber)
            try fpnRule { () throws(FPNError) in try FPNRules.checkDeletable(fpn.status, reference: fpn.reference) }
            fpn.deletedAt = change.at
            try await change.fpns.update(fpn)
            let removed = try await change.files.deleteFiles(of: .fpn(fpn.reference))
            change.record(
                .fpnDeleted, object: .fpn, reference: fpn.reference, permit: fpn.permitReferenceNumber,
                details: "Fixed penalty notice \(fpn.reference) deleted"
                    + (removed > 0 ? " with its \(removed) evidence file\(removed == 1 ? "" : "s")" : ""))
        }
        return .noContent(.init())
    }
}

extension FPNDraft {
    /// What `POST …/fixed-penalty-notices` sent, as the domain's draft.
    init(_ r: Components.Schemas.FPNCreateRequest) throws {
        self.init(
            offenceCode: try Wire.map(r.offenceCode), offenceDate: r.offenceDate, offenceDetails: r.offenceDetails,
            authorisedOfficer: r.authorisedOfficer, officerContactDetails: r.officerContactDetails,
            officerAddress: r.officerAddress, representationsContact: r.representationsContact,
            representationsContactAddress: r.representationsContactAddress,
            paymentMethods: try Wire.map(r.paymentMethods), evidence: r.fpnEvidence, fileIDs: r.fileIds ?? [],
            permitReferenceNumber: r.permitReferenceNumber)
    }
}

extension FPNDraft {
    /// The notice part of `POST /historic-works/fixed-penalty-notices` (R-INSP-14): the same
    /// draft, issued with `issueFpn` on the historical works record once it is made.
    init(_ r: Components.Schemas.HistoricFPNCreateRequest) throws {
        self.init(
            offenceCode: try Wire.map(r.offenceCode), offenceDate: r.offenceDate, offenceDetails: r.offenceDetails,
            authorisedOfficer: r.authorisedOfficer, officerContactDetails: r.officerContactDetails,
            officerAddress: r.officerAddress, representationsContact: r.representationsContact,
            representationsContactAddress: r.representationsContactAddress,
            paymentMethods: try Wire.map(r.paymentMethods), evidence: r.fpnEvidence, fileIDs: r.fileIds ?? [],
            permitReferenceNumber: nil)
    }
}

extension Components.Schemas.FPNResponse {
    /// `GET …/fixed-penalty-notices/{ref}`.
    init(_ f: FPNRow, files: [FileRow], names: [String: String]) throws {
        self.init(
            fpnReferenceNumber: f.reference, fpnOffenceType: try Wire.map(f.offenceCode),
            fpnOffenceTypeString: f.offenceCode.rawValue, issueDateTime: f.issueDateTime,
            fpnStatus: try Wire.map(f.status), fpnStatusString: f.status.rawValue,
            statusChangedDate: f.statusChangedDate, location: f.location, offenceDate: f.offenceDate,
            offenceDetails: f.offenceDetails, authorisedOfficer: f.authorisedOfficer,
            officerContactDetails: f.officerContactDetails, officerAddress: f.officerAddress,
            representationsContact: f.representationsContact,
            representationsContactAddress: f.representationsContactAddress,
            paymentMethods: try Wire.map(f.paymentMethods), paymentMethodsString: f.paymentMethods.map(\.rawValue),
            workReferenceNumber: f.workReferenceNumber,
            promoterOrganisation: names[f.promoterSWACode] ?? f.promoterSWACode,
            haOrganisation: names[f.highwayAuthoritySWACode] ?? f.highwayAuthoritySWACode,
            files: files.map { .init(fileId: Double($0.id), name: $0.name) },
            permitReferenceNumber: f.permitReferenceNumber)
    }
}
