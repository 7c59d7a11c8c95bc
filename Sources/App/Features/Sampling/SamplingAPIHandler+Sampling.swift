import Contract
import Domain
import Foundation
import Logging
import SamplingAPI
import Store

/// Sampling API: a highway authority's sample inspection targets, quota, quarters and sample
/// generation (R-SAMP-01 … R-SAMP-09). Every operation is for the caller's own highway authority
/// (its officers and administrators, R-SAMP-01).
extension SamplingAPIHandler {
    /// `POST /sample-inspection-targets` (R-SAMP-02, R-SAMP-03): a target for a promoter, numbered
    /// `SIT-{HA}-{NNNN}`; one active target a promoter (409), up to 30 active targets (412).
    func createSampleInspectionTarget(_ input: Operations.CreateSampleInspectionTarget.Input) async throws
        -> Operations.CreateSampleInspectionTarget.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let principal = try RequestScope.principal()
        let authority = try principal.samplingAuthority()
        let numbers = SampleTargetNumbers(
            inspectionUnitsBaseline: request.inspectionUnitsBaseline,
            annualInspectionUnits: request.annualInspectionUnits.map { $0.map { AnnualInspectionUnits($0) } },
            inspectionRate: request.inspectionRate, targetA: request.targetA, targetB: request.targetB,
            targetC: request.targetC)
        let problems = SamplingRules.targetProblems(numbers)
        if !problems.isEmpty { throw AppError(sampling: problems) }
        let promoter = request.promoterOrgRef
        guard let organisation = try await IdentityRepository(services.database).organisation(promoter),
            organisation.type == .promoter
        else {
            throw AppError.invalid(
                field: "promoter_org_ref", "R-SAMP-02: must be the reference of a promoter organisation")
        }
        let now = services.clock.now()
        let reference: String
        do {
            reference = try await services.database.transaction { tx in
                let repository = SamplingRepository(tx)
                try await repository.lockTargets()
                if let existing = try await repository.activeTarget(highwayAuthority: authority, promoter: promoter) {
                    throw AppError.conflict(
                        "R-SAMP-02: promoter \(promoter) already has an active target (\(existing.reference)); update or close it"
                    )
                }
                if try await repository.activeTargetCount(highwayAuthority: authority)
                    >= SamplingRules.maximumActiveTargets
                {
                    throw AppError.preconditionFailed(
                        "R-SAMP-02: a highway authority samples up to \(SamplingRules.maximumActiveTargets) promoters; close a target first"
                    )
                }
                let sequence = try await repository.nextTargetSequence(highwayAuthority: authority)
                let quarter = try await repository.latestQuarter(highwayAuthority: authority)
                let running = quarter?.status == .started ? quarter : nil
                let row = SampleInspectionTargetRow(
                    reference: SamplingRules.targetReference(highwayAuthority: authority, sequence: sequence),
                    sequence: sequence, highwayAuthoritySWACode: authority, promoterSWACode: promoter,
                    inspectionUnits: SamplingRules.yearlyUnits(numbers) ?? 0,
                    inspectionUnitsBaseline: numbers.inspectionUnitsBaseline, inspectionRate: numbers.inspectionRate,
                    targetA: Int(numbers.targetA), targetB: Int(numbers.targetB), targetC: Int(numbers.targetC),
                    quarterStart: running?.start, quarterEnd: running?.end,
                    internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName,
                    by: principal.email, at: now)
                try await repository.insert(row)
                try await repository.saveAnnualUnits(
                    numbers.annualInspectionUnits ?? [], highwayAuthority: authority, promoter: promoter, at: now)
                return row.reference
            }
        } catch StoreError.uniqueViolation {
            throw AppError.conflict("R-SAMP-02: promoter \(promoter) already has an active target")
        }
        Self.log(.sampleInspectionTargetCreated, reference)
        return .created(.init(body: .json(.init(sampleInspectionTargetReferenceNumber: reference))))
    }

    /// `GET /sample-inspection-targets/{ref}`: an active target of the caller's authority.
    func getSampleInspectionTarget(_ input: Operations.GetSampleInspectionTarget.Input) async throws
        -> Operations.GetSampleInspectionTarget.Output
    {
        let target = try await activeTarget(input.path.sampleInspectionTargetReferenceNumber, in: services.database)
        let names = try await OrganisationNames.shared.names([target.promoterSWACode], database: services.database)
        return .ok(.init(body: .json(.init(target, promoterName: names[target.promoterSWACode]))))
    }

    /// `PUT /sample-inspection-targets/{ref}` (R-SAMP-02, R-SAMP-03): new numbers for an active
    /// target; its promoter never changes (a different `promoter_org_ref` sent is a 400).
    func updateSampleInspectionTarget(_ input: Operations.UpdateSampleInspectionTarget.Input) async throws
        -> Operations.UpdateSampleInspectionTarget.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let principal = try RequestScope.principal()
        let numbers = SampleTargetNumbers(
            inspectionUnitsBaseline: request.inspectionUnitsBaseline,
            annualInspectionUnits: request.annualInspectionUnits.map { $0.map { AnnualInspectionUnits($0) } },
            inspectionRate: request.inspectionRate, targetA: request.targetA, targetB: request.targetB,
            targetC: request.targetC)
        let problems = SamplingRules.targetProblems(numbers)
        if !problems.isEmpty { throw AppError(sampling: problems) }
        let sentPromoter = RequestScope.current?.body?["promoter_org_ref"]?.stringValue
        let now = services.clock.now()
        let reference = try await services.database.transaction { tx in
            let repository = SamplingRepository(tx)
            var target = try await activeTarget(
                input.path.sampleInspectionTargetReferenceNumber, in: tx, forUpdate: true)
            if let sentPromoter, sentPromoter != target.promoterSWACode {
                throw AppError.invalid(
                    field: "promoter_org_ref",
                    "R-SAMP-02: the promoter of a target cannot be changed (it is \(target.promoterSWACode))")
            }
            target.inspectionUnits = SamplingRules.yearlyUnits(numbers) ?? target.inspectionUnits
            target.inspectionUnitsBaseline = numbers.inspectionUnitsBaseline
            target.inspectionRate = numbers.inspectionRate
            target.targetA = Int(numbers.targetA)
            target.targetB = Int(numbers.targetB)
            target.targetC = Int(numbers.targetC)
            target.internalUserIdentifier = request.internalUserIdentifier
            target.internalUserName = request.internalUserName
            target.updatedBy = principal.email
            target.dateUpdated = now
            try await repository.update(target)
            try await repository.saveAnnualUnits(
                numbers.annualInspectionUnits ?? [], highwayAuthority: target.highwayAuthoritySWACode,
                promoter: target.promoterSWACode, at: now)
            return target.reference
        }
        Self.log(.sampleInspectionTargetUpdated, reference)
        return .noContent(.init())
    }

    /// `DELETE /sample-inspection-targets/{ref}` (R-SAMP-07): closes the target (kept, closed,
    /// for reporting; no longer listed or read) and expires its uncompleted samples, each in its
    /// works record's history.
    func deleteSampleInspectionTarget(_ input: Operations.DeleteSampleInspectionTarget.Input) async throws
        -> Operations.DeleteSampleInspectionTarget.Output
    {
        let principal = try RequestScope.principal()
        let now = services.clock.now()
        let reference = try await services.database.transaction { tx in
            var target = try await activeTarget(
                input.path.sampleInspectionTargetReferenceNumber, in: tx, forUpdate: true)
            target.status = .closed
            target.closedBy = principal.email
            target.closedAt = now
            try await SamplingRepository(tx).update(target)
            return target.reference
        }
        Self.log(.sampleInspectionTargetClosed, reference)
        // The caller was allowed to close the target; its samples are on works of the same
        // authority, so the works command checks no further access.
        let caller = WorksCaller(principal: principal, rule: nil)
        let command = WorksCommand(services)
        for wrn in try await SamplingRepository(services.database).worksWithIssuedSamples(target: reference) {
            _ = try await command.run(on: wrn, by: caller) { change in
                try await SampleExpiry.expire(
                    on: change, dueAt: change.at, reason: "its target \(reference) closed", target: reference)
            }
        }
        return .noContent(.init())
    }

    /// `GET /sample-inspection-quota` (R-SAMP-09, Q-15; D-SAMPLING): a quarter of the average
    /// annual inspection units times the inspection rate, rounded up.
    func getSampleInspectionQuota(_ input: Operations.GetSampleInspectionQuota.Input) async throws
        -> Operations.GetSampleInspectionQuota.Output
    {
        _ = try RequestScope.principal().samplingAuthority()
        let units = input.query.inspectionUnits
        let problems = SamplingRules.quotaProblems(inspectionUnits: units, inspectionRate: input.query.inspectionRate)
        if !problems.isEmpty { throw AppError(sampling: problems) }
        guard
            let quota = SamplingRules.quarterlyQuota(inspectionUnits: units, inspectionRate: input.query.inspectionRate)
        else { throw AppError.invalid(field: "inspection_units", "R-SAMP-09: at least one number is required") }
        return .ok(.init(body: .json(.init(quota: Double(quota)))))
    }

    /// `GET /previous-annual-inspection-units` (R-SAMP-03): the annual units the caller's
    /// authority recorded for the promoter with its targets, oldest year first; with
    /// `financial_year_start_date`, only the years before it.
    func getPreviousAnnualInspectionUnits(_ input: Operations.GetPreviousAnnualInspectionUnits.Input) async throws
        -> Operations.GetPreviousAnnualInspectionUnits.Output
    {
        let authority = try RequestScope.principal().samplingAuthority()
        let promoter = input.query.promoterOrgRef
        guard let organisation = try await IdentityRepository(services.database).organisation(promoter),
            organisation.type == .promoter
        else { throw AppError.notFound("Promoter organisation") }
        let years = try await SamplingRepository(services.database).annualUnits(
            highwayAuthority: authority, promoter: organisation.reference, before: input.query.financialYearStartDate)
        return .ok(
            .init(
                body: .json(
                    .init(
                        annualInspectionUnits: years.map {
                            .init(
                                financialYearStartDate: $0.financialYearStart, annualInspectionUnits: $0.units,
                                isAutoCalculated: $0.isAutoCalculated)
                        }))))
    }

    /// `POST /sample-inspections` (R-SAMP-04): queues a generation for the caller's authority and
    /// answers at once; the sampling service issues the samples. A second request while one is
    /// queued or running is a 409.
    func generateSampleInspections(_ input: Operations.GenerateSampleInspections.Input) async throws
        -> Operations.GenerateSampleInspections.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let principal = try RequestScope.principal()
        let authority = try principal.samplingAuthority()
        if let problem = SamplingRules.generationRateProblem(request.sampleInspectionRate) {
            throw AppError(sampling: [problem])
        }
        let repository = SamplingRepository(services.database)
        if let quarter = try await repository.latestQuarter(highwayAuthority: authority), quarter.status == .ended {
            throw AppError.preconditionFailed(
                "R-SAMP-09: the quarter starting \(UKTime.localDate(of: quarter.start).iso) has ended; start the next quarter (or revert the end) before generating samples"
            )
        }
        if let pending = try await repository.pendingJob(highwayAuthority: authority) {
            throw Self.generationPending(pending.id)
        }
        do {
            _ = try await repository.enqueueJob(
                highwayAuthority: authority, username: principal.email, rate: request.sampleInspectionRate,
                at: services.clock.now())
        } catch StoreError.uniqueViolation {
            throw Self.generationPending(nil)
        }
        return .noContent(.init())
    }

    static func generationPending(_ id: Int64?) -> AppError {
        .conflict(
            "R-SAMP-04: a sample generation\(id.map { " (job \($0))" } ?? "") is already queued or running for your highway authority; ask again once it has finished"
        )
    }

    /// `POST /sample-inspections/start-quarter` (R-SAMP-09): starts the quarter beginning on
    /// `start_date` (the first day of a financial quarter); the authority's active targets count
    /// afresh in it.
    func startQuarter(_ input: Operations.StartQuarter.Input) async throws -> Operations.StartQuarter.Output {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let principal = try RequestScope.principal()
        let authority = try principal.samplingAuthority()
        let now = services.clock.now()
        let start = try await services.database.transaction { tx in
            let repository = SamplingRepository(tx)
            let latest = try await repository.latestQuarter(highwayAuthority: authority, forUpdate: true)
            let day = try samplingRule { () throws(SamplingProblem) in
                try SamplingRules.startQuarter(
                    request.startDate, latest: latest.map { (start: $0.start, status: $0.status) },
                    today: UKTime.localDate(of: now))
            }
            let quarter = SamplingRules.quarter(startingOn: day)
            try await repository.insert(
                SampleQuarterRow(
                    highwayAuthoritySWACode: authority, start: quarter.start, end: quarter.end,
                    startedBy: principal.email, startedAt: now, internalUserIdentifier: request.internalUserIdentifier,
                    internalUserName: request.internalUserName))
            try await repository.startQuarter(highwayAuthority: authority, start: quarter.start, end: quarter.end)
            return day
        }
        Self.log(.sampleInspectionQuarterStarted, start.iso)
        return .noContent(.init())
    }

    /// `POST /sample-inspections/end-quarter` (R-SAMP-09): ends the running quarter; samples
    /// cannot be generated until the next starts (or the end is reverted).
    func endQuarter(_ input: Operations.EndQuarter.Input) async throws -> Operations.EndQuarter.Output {
        let principal = try RequestScope.principal()
        let authority = try principal.samplingAuthority()
        let now = services.clock.now()
        let start = try await services.database.transaction { tx in
            let repository = SamplingRepository(tx)
            let latest = try await repository.latestQuarter(highwayAuthority: authority, forUpdate: true)
            try samplingRule { () throws(SamplingProblem) in try SamplingRules.endQuarter(latest: latest?.status) }
            guard var quarter = latest else { throw AppError.preconditionFailed("R-SAMP-09: no quarter") }
            quarter.status = .ended
            quarter.endedBy = principal.email
            quarter.endedAt = now
            try await repository.update(quarter)
            return quarter.start
        }
        Self.log(.sampleInspectionQuarterEnded, UKTime.localDate(of: start).iso)
        return .noContent(.init())
    }

    /// `POST /sample-inspections/revert-end-quarter` (R-SAMP-09): the latest quarter, ended, runs
    /// again (possible while no later quarter has started).
    func revertEndQuarter(_ input: Operations.RevertEndQuarter.Input) async throws
        -> Operations.RevertEndQuarter.Output
    {
        let authority = try RequestScope.principal().samplingAuthority()
        let start = try await services.database.transaction { tx in
            let repository = SamplingRepository(tx)
            let latest = try await repository.latestQuarter(highwayAuthority: authority, forUpdate: true)
            try samplingRule { () throws(SamplingProblem) in
                try SamplingRules.revertEndQuarter(latest: latest?.status)
            }
            guard var quarter = latest else { throw AppError.preconditionFailed("R-SAMP-09: no quarter") }
            quarter.status = .started
            quarter.endedBy = nil
            quarter.endedAt = nil
            try await repository.update(quarter)
            return quarter.start
        }
        Self.log(.sampleInspectionQuarterEndReverted, UKTime.localDate(of: start).iso)
        return .noContent(.init())
    }

    /// The active target `reference` of the caller's authority; 404 for an unknown or closed one
    /// (R-SAMP-07), 401 for another authority's.
    func activeTarget(_ reference: String, in db: any SQLExecutor, forUpdate: Bool = false) async throws
        -> SampleInspectionTargetRow
    {
        let authority = try RequestScope.principal().samplingAuthority()
        guard let target = try await SamplingRepository(db).target(reference.uppercased(), forUpdate: forUpdate),
            target.status == .active
        else { throw AppError.notFound("Sample inspection target") }
        guard target.highwayAuthoritySWACode == authority else { throw AppError.accessRestricted }
        return target
    }

    /// Targets and quarters belong to an authority, not to a works record, so their events have
    /// no works history: the rows keep who changed them and when, and the event is logged
    /// (D-SAMPLING, as for the fee matrix).
    static func log(_ event: AuditEvent, _ reference: String) {
        RequestScope.logger.info(
            "sampling change",
            metadata: ["event": .string(event.rawValue), "reference": .string(reference)])
    }
}

extension AnnualInspectionUnits {
    init(_ summary: Components.Schemas.AnnualInspectionUnitsSummary) {
        self.init(
            financialYearStart: summary.financialYearStartDate, units: summary.annualInspectionUnits,
            isAutoCalculated: summary.isAutoCalculated)
    }
}

extension Components.Schemas.SampleInspectionTargetResponse {
    /// `GET /sample-inspection-targets/{ref}`.
    init(_ t: SampleInspectionTargetRow, promoterName: String?) {
        self.init(
            sampleInspectionTargetReferenceNumber: t.reference, orgRef: t.promoterSWACode,
            organisationName: promoterName ?? t.promoterSWACode, yearlyInspectionUnits: t.inspectionUnits,
            inspectionRate: t.inspectionRate, targetA: Double(t.targetA), targetB: Double(t.targetB),
            targetC: Double(t.targetC), completedA: Double(t.completedA), completedB: Double(t.completedB),
            completedC: Double(t.completedC), generatedB: Double(t.generatedB), generatedC: Double(t.generatedC))
    }
}
