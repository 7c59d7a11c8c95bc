import Contract
import Domain
import Foundation
import Store

/// Sample inspections (R-SAMP-01 … R-SAMP-09, R-INSP-12; D-SAMPLING): a highway authority's
/// targets per promoter, quarters, asynchronous generation of samples on live works, their
/// daily expiry, progress from inspections, and the reporting lists and exports.
enum SamplingFeature: Feature {
    static let operations = [
        "sampling": [
            "createSampleInspectionTarget", "getSampleInspectionTarget", "updateSampleInspectionTarget",
            "deleteSampleInspectionTarget", "getSampleInspectionQuota", "getPreviousAnnualInspectionUnits",
            "generateSampleInspections", "startQuarter", "endQuarter", "revertEndQuarter",
        ],
        "reporting": ["getPbiSampleGenerationJobs", "getPbiSampleInspectionTargets", "getPbiSampleInspections"],
        "export": ["generatePbiSampleInspectionTargetsCsv", "generatePbiSampleInspectionsDueCsv"],
    ]

    static var exports: [CSVResource] { [targetsExport, samplesDueExport] }
}

extension AppError {
    /// Sampling problems: a 412 for a state rule, else a 400 naming each field.
    init(sampling problems: [SamplingProblem]) {
        if let state = problems.first(where: { $0.field == nil }) {
            self = .preconditionFailed(state.message)
        } else {
            self = .invalid(problems.map { FieldError(field: $0.field ?? "body", message: $0.message) })
        }
    }
}

/// Runs a sampling rule, turning its refusal into the caller's error.
func samplingRule<T>(_ body: () throws(SamplingProblem) -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw AppError(sampling: [error])
    }
}

extension Principal {
    /// R-SAMP-01: the highway authority a sampling call is made for: the caller's own
    /// organisation, which must be a highway authority (the access rule lets its officers and
    /// administrators through).
    func samplingAuthority() throws -> String {
        guard organisation.type == .highwayAuthority else { throw AppError.accessRestricted }
        return organisationReference
    }
}

/// R-SAMP-06: what an inspection recorded on (or withdrawn from) a works record does to the
/// sampling: the hook the inspections feature calls inside its works command.
enum SampleInspectionProgress {
    /// An inspection `inspectionReference` of `category` (`InspectionCategory` wire value: `a`,
    /// `b`, `c`; other categories are not sampling ones and change nothing) was recorded on the
    /// works record of `change` (its WRN, highway authority and promoter, at `change.at`). When
    /// the authority has an active target for the promoter, the target's progress in the category
    /// goes up by one, and the works record's issued sample of that category, if any, becomes
    /// completed (`sample_inspection_completed` in the works history). Recording the same
    /// inspection twice counts it once. Returns the sample completed, if any.
    @discardableResult
    static func inspectionRecorded(in change: WorksChange, category: String, inspectionReference: String)
        async throws -> String?
    {
        guard let category = SampleInspectionCategory(rawValue: category.lowercased()) else { return nil }
        let outcome = try await SamplingProgressStore.recordInspection(
            in: change.tx, work: change.work.workReferenceNumber,
            highwayAuthority: change.work.highwayAuthoritySWACode, promoter: change.work.promoterSWACode,
            category: category, inspectionReference: inspectionReference, at: change.at)
        if let sample = outcome?.completedSample {
            change.record(
                .sampleInspectionCompleted, object: .sampleInspection, reference: sample,
                details: "Sample inspection \(sample) completed by inspection \(inspectionReference)")
        }
        return outcome?.completedSample
    }

    /// The inspection `inspectionReference` was withdrawn from the works record of `change`:
    /// what its recording counted is reversed (the target's progress goes down by one; the
    /// sample it completed is issued again, or expired when its expiry has passed or its target
    /// has closed). An inspection that counted nothing changes nothing. Returns the sample
    /// reopened or expired, if any.
    @discardableResult
    static func inspectionWithdrawn(in change: WorksChange, inspectionReference: String) async throws -> String? {
        guard
            let outcome = try await SamplingProgressStore.withdrawInspection(
                in: change.tx, inspectionReference: inspectionReference, at: change.at),
            let sample = outcome.sample
        else { return nil }
        switch outcome.sampleStatus {
        case .issued:
            change.record(
                .sampleInspectionIssued, object: .sampleInspection, reference: sample,
                details: "Sample inspection \(sample) issued again: inspection \(inspectionReference) withdrawn")
        default:
            change.record(
                .sampleInspectionExpired, object: .sampleInspection, reference: sample,
                details: "Sample inspection \(sample) expired: inspection \(inspectionReference) withdrawn")
        }
        return sample
    }
}

/// R-SAMP-06 in the store, with every argument explicit (the works record, its organisations,
/// the category, the inspection, the time), for callers inside a transaction.
enum SamplingProgressStore {
    struct Recorded: Sendable {
        var target: String
        var completedSample: String?
    }

    struct Withdrawn: Sendable {
        var target: String
        var sample: String?
        var sampleStatus: SampleInspectionStatus?
    }

    static func recordInspection(
        in tx: any SQLExecutor, work: String, highwayAuthority: String, promoter: String,
        category: SampleInspectionCategory, inspectionReference: String, at now: Date
    ) async throws -> Recorded? {
        let repository = SamplingRepository(tx)
        guard
            let target = try await repository.activeTarget(
                highwayAuthority: highwayAuthority, promoter: promoter, forUpdate: true)
        else { return nil }
        var completed: String? = nil
        let reference = SamplingRules.sampleReference(work: work, category: category)
        if var sample = try await repository.sample(reference), sample.status == .issued {
            sample.status = .completed
            sample.completedByInspection = inspectionReference
            sample.dateCompleted = now
            completed = sample.reference
            // Counted first: an inspection counted already completes nothing again.
            guard
                try await repository.insert(
                    SampleProgressRow(
                        inspectionReference: inspectionReference, workReferenceNumber: work,
                        targetReference: target.reference, category: category, quarterStart: target.quarterStart,
                        sampleReference: sample.reference, dateRecorded: now))
            else { return nil }
            try await repository.update(sample)
        } else {
            guard
                try await repository.insert(
                    SampleProgressRow(
                        inspectionReference: inspectionReference, workReferenceNumber: work,
                        targetReference: target.reference, category: category, quarterStart: target.quarterStart,
                        sampleReference: nil, dateRecorded: now))
            else { return nil }
        }
        try await repository.addProgress(target.reference, category: category, delta: 1)
        return Recorded(target: target.reference, completedSample: completed)
    }

    static func withdrawInspection(in tx: any SQLExecutor, inspectionReference: String, at now: Date) async throws
        -> Withdrawn?
    {
        let repository = SamplingRepository(tx)
        guard let progress = try await repository.progress(ofInspection: inspectionReference) else { return nil }
        try await repository.deleteProgress(ofInspection: inspectionReference)
        let target = try await repository.target(progress.targetReference, forUpdate: true)
        // Progress belongs to the quarter it was counted in: a later quarter starts from 0.
        if let target, target.quarterStart == progress.quarterStart {
            try await repository.addProgress(target.reference, category: progress.category, delta: -1)
        }
        guard let reference = progress.sampleReference, var sample = try await repository.sample(reference),
            sample.status == .completed, sample.completedByInspection == inspectionReference
        else { return Withdrawn(target: progress.targetReference, sample: nil, sampleStatus: nil) }
        sample.status = SamplingRules.statusAfterWithdrawal(
            expiry: sample.expiryDate, targetActive: target?.status == .active, at: now)
        sample.completedByInspection = nil
        sample.dateCompleted = nil
        sample.dateExpired = sample.status == .expired ? now : nil
        try await repository.update(sample)
        return Withdrawn(target: progress.targetReference, sample: sample.reference, sampleStatus: sample.status)
    }
}
