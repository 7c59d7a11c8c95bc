import Contract
import Domain
import Foundation
import Store

/// Fixed penalty notices: issued by the works' highway authority, answered by the promoter,
/// settled or withdrawn by the authority, listed and exported (R-FPN-01 … R-FPN-08, D-FPNS).
enum FpnsFeature: Feature {
    static let operations = [
        "work": ["createFpn", "getFpn", "updateFpnStatus", "deleteFpn", "createHistoricFpn"],
        "reporting": ["getFpns"],
        "export": ["generateFpnsCsv"],
    ]

    static var exports: [CSVResource] { [fpnsExport] }
}

/// Runs an FPN rule, turning its refusal into the caller's error: a 400 naming the field and the
/// rule, or a 412 naming the rule for a state rule.
func fpnRule<T>(_ body: () throws(FPNError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw AppError(fpn: [error])
    }
}

extension AppError {
    /// FPN problems: a 412 for a state rule, else a 400 naming each field.
    init(fpn problems: [FPNError]) {
        if let state = problems.first(where: { $0.field == nil }) {
            self = .preconditionFailed(state.message)
        } else {
            self = .invalid(problems.map { FieldError(field: $0.field ?? "body", message: $0.message) })
        }
    }
}

extension WorksChange {
    var fpns: FPNRepository { FPNRepository(tx) }

    /// The notice `reference` of this works record (not deleted); 404 otherwise.
    func fpn(_ reference: String) async throws -> FPNRow {
        guard let fpn = try await fpns.fpn(reference.uppercased(), ofWork: work.workReferenceNumber) else {
            throw AppError.notFound("Fixed penalty notice")
        }
        return fpn
    }

    /// R-FPN-01 … R-FPN-04: issues a fixed penalty notice on this works record, whatever its
    /// stage: numbered `{WRN}-FPN-NN`; only the works' own highway authority issues one; the
    /// draft's rules checked (a 400 naming every offending field); an optional permit link that
    /// must name a permit of this works record; the evidence files attached through
    /// `attachFiles`; recorded as `fpn_submitted`. `location` is where the works are (the active
    /// application's location description). Reused by `createHistoricFpn` once the historical
    /// works record exists (R-INSP-14). Returns the new reference.
    func issueFpn(_ draft: FPNDraft, location: String) async throws -> String {
        if let principal = caller.principal,
            !(principal.has(.highwayAuthority) && principal.organisationReference == work.highwayAuthoritySWACode)
        {
            throw AppError(
                .unauthorized,
                "Access restricted: R-FPN-02: only the highway authority of works record \(work.workReferenceNumber) issues fixed penalty notices"
            )
        }
        let problems = FPNRules.creationProblems(draft, now: at)
        if !problems.isEmpty { throw AppError(fpn: problems) }
        var permitReference: String? = nil
        if let sent = draft.permitReferenceNumber {
            guard let permit = try await permits.permit(sent.uppercased()),
                permit.workReferenceNumber == work.workReferenceNumber
            else {
                throw AppError.invalid(
                    field: "permit_reference_number",
                    "R-FPN-04: \(sent) is not a permit of works record \(work.workReferenceNumber)")
            }
            permitReference = permit.permitReferenceNumber
        }
        let sequence = try await fpns.lastSequence(ofWork: work.workReferenceNumber) + 1
        let reference = FPNRules.reference(work: work.workReferenceNumber, sequence: sequence)
        try await fpns.insert(
            FPNRow(
                reference: reference, workReferenceNumber: work.workReferenceNumber, sequence: sequence,
                promoterSWACode: work.promoterSWACode, highwayAuthoritySWACode: work.highwayAuthoritySWACode,
                workstreamPrefix: work.workstreamPrefix, permitReferenceNumber: permitReference, location: location,
                streetName: work.streetName, usrn: work.usrn, offenceCode: draft.offenceCode,
                offenceDate: draft.offenceDate, offenceDetails: draft.offenceDetails,
                authorisedOfficer: draft.authorisedOfficer, officerContactDetails: draft.officerContactDetails,
                officerAddress: draft.officerAddress, representationsContact: draft.representationsContact,
                representationsContactAddress: draft.representationsContactAddress,
                paymentMethods: draft.paymentMethods, evidence: draft.evidence, status: .issued, statusReason: nil,
                issueDateTime: at, statusChangedDate: at, issuedBy: caller.principal?.email ?? "system"))
        if !draft.fileIDs.isEmpty { try await attachFiles(draft.fileIDs, to: .fpn(reference)) }
        record(
            .fpnSubmitted, object: .fpn, reference: reference, permit: permitReference,
            details: "Fixed penalty notice \(reference) issued: \(draft.offenceCode.rawValue)")
        return reference
    }

    /// Where the works are, for a new notice: the location description of the active application
    /// (or of the latest one), else of the forward plan, else the street.
    func worksLocation() async throws -> String {
        if let active = work.activePermitReferenceNumber, let permit = try await permits.permit(active) {
            return permit.worksLocationDescription
        }
        if let latest = try await permits.permits(ofWork: work.workReferenceNumber).last {
            return latest.worksLocationDescription
        }
        if let plan = try await ForwardPlanRepository(tx).plan(ofWork: work.workReferenceNumber) {
            return plan.worksLocationDescription
        }
        return work.streetName
    }
}
