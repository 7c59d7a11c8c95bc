import Contract
import Domain
import Foundation
import Store

/// Inspections, scheduled inspections (reinspections), non-compliances and historic inspections
/// (R-INSP-01 … R-INSP-14, R-NC-01, R-NC-02, D-INSPECTIONS, D-NON-COMPLIANCES): the highway
/// authority records and withdraws inspections of its works, the promoter answers their outcome
/// (accepted for it after 10 working days), a failed inspection with non-compliant areas raises a
/// non-compliance both sides answer.
enum InspectionsFeature: Feature {
    static let operations = [
        "work": [
            "createInspection", "getInspection", "updateInspectionOutcomeStatus", "withdrawInspection",
            "deleteInspection", "createScheduledInspection", "deleteScheduledInspection", "getNonCompliance",
            "updateNonComplianceStatus", "linkPermitToNonCompliance", "createHistoricInspection",
        ],
        "reporting": ["getInspections", "getReinspections", "getNonCompliances"],
        "export": ["generateInspectionCsv", "generateReinspectionCsv", "generateNonCompliancesCsv"],
    ]

    static var exports: [CSVResource] { [inspectionsExport, reinspectionsExport, nonCompliancesExport] }
}

extension AppError {
    /// Inspection problems: a 412 for a state rule, else a 400 naming each field.
    init(inspection problems: [InspectionProblem]) {
        if let state = problems.first(where: { $0.field == nil }) {
            self = .preconditionFailed(state.message)
        } else {
            self = .invalid(problems.map { FieldError(field: $0.field ?? "body", message: $0.message) })
        }
    }
}

/// Throws the problems, if any, as the caller's error.
func requireNoInspectionProblems(_ problems: [InspectionProblem]) throws {
    if !problems.isEmpty { throw AppError(inspection: problems) }
}

/// A request's enum value as its domain twin; a value the domain does not know (the contract's
/// `upcoming_enum`) is a 400 naming the field.
func requestValue<A: RawRepresentable, B: RawRepresentable>(_ value: A, field: String, as type: B.Type = B.self)
    throws -> B where A.RawValue == String, B.RawValue == String
{
    guard let mapped = B(rawValue: value.rawValue) else {
        throw AppError.invalid(field: field, "\(value.rawValue) is not a value this service accepts")
    }
    return mapped
}

func requestValue<A: RawRepresentable, B: RawRepresentable>(_ value: A?, field: String, as type: B.Type = B.self)
    throws -> B? where A.RawValue == String, B.RawValue == String
{
    try value.map { try requestValue($0, field: field, as: B.self) }
}

extension Principal {
    /// Which side of a works record the caller answers for (R-SEC-09: one of Planner,
    /// Contractor and HighwayAuthority).
    var responseSide: ResponseSide { has(.highwayAuthority) ? .highwayAuthority : .promoter }
}

extension WorksChange {
    var inspections: InspectionRepository { InspectionRepository(tx) }

    /// The inspection `reference` of this works record; 404 otherwise.
    func inspection(_ reference: String) async throws -> InspectionRow {
        guard let inspection = try await inspections.inspection(reference.uppercased()),
            inspection.workReferenceNumber == work.workReferenceNumber
        else { throw AppError.notFound("Inspection") }
        return inspection
    }

    /// The non-compliance `reference` of this works record; 404 otherwise.
    func nonCompliance(_ reference: String) async throws -> NonComplianceRow {
        guard let nc = try await inspections.nonCompliance(reference.uppercased()),
            nc.workReferenceNumber == work.workReferenceNumber
        else { throw AppError.notFound("Non-compliance") }
        return nc
    }

    /// R-INSP-01, R-INSP-10, R-INSP-11, R-NC-01, R-NC-02: records a checked inspection on this
    /// works record: numbered `{WRN}-INSP-NN`; linked to the non-compliance it names, or raising
    /// a new one when it fails with non-compliant areas; removing any scheduled inspection and
    /// scheduling the reinspection it asks for; with its history events.
    func record(_ submission: InspectionSubmission) async throws -> (inspection: String, nonCompliance: String?) {
        let draft = submission.draft
        let wrn = work.workReferenceNumber
        var nonComplianceReference: String? = nil
        if let linked = draft.nonComplianceReference {
            // R-NC-02: an existing non-compliance of these works, not withdrawn or resolved.
            guard let nc = try await inspections.nonCompliance(linked.uppercased()), nc.workReferenceNumber == wrn
            else {
                throw AppError.invalid(
                    field: "non_compliance_reference_number", "R-NC-02: is not a non-compliance of works \(wrn)")
            }
            guard nc.status == .issued else {
                throw AppError.preconditionFailed(
                    "R-NC-02: non-compliance \(nc.reference) is \(nc.status.rawValue); an inspection links to an issued one"
                )
            }
            nonComplianceReference = nc.reference
        }
        let sequence = try await inspections.lastSequence(ofWork: wrn) + 1
        let reference = InspectionRules.reference(work: wrn, sequence: sequence)
        var raised: String? = nil
        if draft.raisesNonCompliance {
            let ncSequence = try await inspections.lastNonComplianceSequence(ofWork: wrn) + 1
            let nc = NonComplianceRow(
                reference: InspectionRules.nonComplianceReference(work: wrn, sequence: ncSequence),
                workReferenceNumber: wrn, sequence: ncSequence, promoterSWACode: work.promoterSWACode,
                highwayAuthoritySWACode: work.highwayAuthoritySWACode, workstreamPrefix: work.workstreamPrefix, at: at)
            try await inspections.insert(nc)
            raised = nc.reference
            nonComplianceReference = nc.reference
        }
        let row = submission.row(
            reference: reference, sequence: sequence, on: work, nonCompliance: nonComplianceReference, at: at)
        try await inspections.insert(row)
        record(
            draft.outcome.auditEvent, object: .inspection, reference: reference,
            details:
                "Inspection \(reference) recorded: \(draft.type.label)\(draft.category.map { " (\($0.rawValue))" } ?? ""), \(draft.outcome.label)"
        )
        if let raised {
            record(
                .nonComplianceIssued, object: .inspection, reference: raised,
                details: "Non-compliance \(raised) issued by inspection \(reference)")
        } else if let linked = nonComplianceReference {
            record(
                .inspectionLinkedToNonCompliance, object: .inspection, reference: reference,
                details: "Inspection \(reference) linked to non-compliance \(linked)")
        }
        // R-INSP-11: recording any inspection removes the scheduled one.
        if try await inspections.deleteScheduled(ofWork: wrn) {
            record(
                .scheduledInspectionCancelled, object: .scheduledInspection, reference: wrn,
                details: "Scheduled inspection removed: inspection \(reference) recorded")
        }
        if let reinspection = draft.reinspection {
            try await schedule(reinspection)
        }
        try await attachEvidenceFiles(submission.fileIDs, toInspection: reference)
        try await sampleInspectionRecorded(row)
        return (reference, raised)
    }

    /// R-INSP-10: the works record's scheduled inspection, with its history event.
    func schedule(_ s: ScheduledInspectionDraft) async throws {
        try await inspections.insertScheduled(
            ScheduledInspectionRow(
                workReferenceNumber: work.workReferenceNumber, promoterSWACode: work.promoterSWACode,
                highwayAuthoritySWACode: work.highwayAuthoritySWACode, workstreamPrefix: work.workstreamPrefix,
                type: s.type, category: s.category, date: s.date, dateTime: s.dateTime,
                username: caller.principal?.email ?? "system", dateCreated: at))
        record(
            .scheduledInspectionCreated, object: .scheduledInspection, reference: work.workReferenceNumber,
            details:
                "Scheduled inspection created: \(s.type.label)\(s.category.map { " (\($0.rawValue))" } ?? "") on \(UKTime.localDate(of: s.date))"
        )
    }

    /// R-INSP-07: the evidence files sent with an inspection, attached to it (each an upload of
    /// the caller's organisation not attached elsewhere, at most 50; D-FILES). Their ids are also
    /// kept with the inspection as sent (`InspectionRow.fileIDs`).
    func attachEvidenceFiles(_ fileIDs: [Int], toInspection reference: String) async throws {
        try await attachFiles(fileIDs.map(Double.init), to: .inspection(reference))
    }

    /// R-SAMP-06: an inspection was recorded on these works (incl. a historic one).
    func sampleInspectionRecorded(_ inspection: InspectionRow) async throws {
        // Categories A, B and C count towards the active target of the works' promoter (the
        // others do nothing) and complete the works' issued sample of that category.
        guard let category = inspection.category else { return }
        try await SampleInspectionProgress.inspectionRecorded(
            in: self, category: category.rawValue, inspectionReference: inspection.reference)
    }

    /// R-SAMP-06: an inspection of these works was withdrawn.
    func sampleInspectionWithdrawn(_ inspection: InspectionRow) async throws {
        try await SampleInspectionProgress.inspectionWithdrawn(in: self, inspectionReference: inspection.reference)
    }
}
