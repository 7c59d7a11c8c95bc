import Domain
import Foundation
import Logging
import ServiceLifecycle
import Store

/// R-SAMP-04, R-SAMP-05: issuing samples for a queued generation request. Each job is claimed by
/// one process (a lease; `FOR UPDATE SKIP LOCKED` on PostgreSQL); each sample is written in the
/// works command of its works record, which locks it, so a works record is sampled at most once
/// a category whatever runs at once (the reference `{WRN}-SI-A` is the key).
struct SampleGeneration: Sendable {
    let database: any Database
    let clock: any WallClock
    /// This process's name for its leases.
    let worker: String
    let lease: TimeInterval

    static let defaultLease: TimeInterval = 300

    init(database: any Database, clock: any WallClock, worker: String? = nil, lease: TimeInterval = defaultLease) {
        self.database = database
        self.clock = clock
        self.worker = worker ?? SampleGeneration.workerName()
        self.lease = lease
    }

    static func workerName() -> String {
        var random = SystemRandomNumberGenerator()
        return "\(ProcessInfo.processInfo.hostName)-\(getpid())-\(random.next() % 1_000_000)"
    }

    /// Claims and runs one queued job; its id, or nil when there was none to take.
    func runOne() async throws -> Int64? {
        let start = clock.now()
        guard
            let job = try await database.transaction({ tx in
                try await SamplingRepository(tx).claimJob(
                    worker: worker, now: start, leaseUntil: start.addingTimeInterval(lease))
            })
        else { return nil }
        do {
            let issued = try await issue(for: job)
            _ = try await SamplingRepository(database).finishJob(
                job.id, worker: worker, issued: issued, at: clock.now())
        } catch {
            try await SamplingRepository(database).failJob(
                job.id, worker: worker, error: String(describing: error), at: clock.now())
        }
        return job.id
    }

    /// R-SAMP-04: for each active target of the job's authority and each category, up to the
    /// job's share of (target − samples issued now) samples on eligible works; the number issued.
    func issue(for job: SampleGenerationJobRow) async throws -> Int {
        let repository = SamplingRepository(database)
        let command = WorksCommand(database: database, clock: clock)
        var total = 0
        for target in try await repository.activeTargets(highwayAuthority: job.highwayAuthoritySWACode) {
            for category in SampleInspectionCategory.allCases {
                let issued = try await repository.issuedCount(target: target.reference, category: category)
                let wanted = SamplingRules.allowance(
                    target: target.target(category), issued: issued, rate: job.sampleInspectionRate)
                guard wanted > 0 else { continue }
                for candidate in try await candidates(category, of: target, limit: wanted) {
                    total += try await command.run(on: candidate.workReferenceNumber, by: .system) { change in
                        try await Self.issue(category, on: change, for: target, job: job.id)
                    }
                }
            }
        }
        return total
    }

    /// R-SAMP-05, R-INSP-12 (D-SAMPLING): the works a category may be sampled on. Category A: live
    /// works of the promoter in the authority's area. Categories B and C look at excavation
    /// reinstatements (their dates and guarantee), which this system does not record yet: until
    /// it does, no works record is eligible for them, and none is invented.
    func candidates(_ category: SampleInspectionCategory, of target: SampleInspectionTargetRow, limit: Int)
        async throws -> [SampleCandidate]
    {
        switch category {
        case .a:
            try await SamplingRepository(database).categoryACandidates(
                highwayAuthority: target.highwayAuthoritySWACode, promoter: target.promoterSWACode,
                after: clock.now(), limit: limit)
        case .b, .c:
            []
        }
    }

    /// Issues the sample of `category` on the locked works record, checked again under the lock
    /// (still live, still unsampled, still the target's); 1 when it did, else 0.
    static func issue(
        _ category: SampleInspectionCategory, on change: WorksChange, for target: SampleInspectionTargetRow,
        job: Int64?
    ) async throws -> Int {
        let work = change.work
        guard category == .a, work.workStatus == .inProgress,
            work.highwayAuthoritySWACode == target.highwayAuthoritySWACode,
            work.promoterSWACode == target.promoterSWACode
        else { return 0 }
        let permit = try await change.permit()
        let expiry = SamplingRules.categoryAExpiry(
            proposedEnd: permit.proposedEndDate, actualStop: permit.actualStopDate)
        guard expiry > change.at else { return 0 }
        let repository = SamplingRepository(change.tx)
        let reference = SamplingRules.sampleReference(work: work.workReferenceNumber, category: category)
        let inserted = try await repository.insert(
            SampleInspectionRow(
                reference: reference, workReferenceNumber: work.workReferenceNumber, targetReference: target.reference,
                highwayAuthoritySWACode: work.highwayAuthoritySWACode, promoterSWACode: work.promoterSWACode,
                workstreamPrefix: work.workstreamPrefix, category: category, status: .issued, expiryDate: expiry,
                generationJobID: job, dateCreated: change.at))
        guard inserted else { return 0 }
        try await repository.countGenerated(target.reference, category: category)
        change.record(
            .sampleInspectionIssued, object: .sampleInspection, reference: reference,
            details:
                "Sample inspection \(reference) (category \(category.letter)) issued for target \(target.reference), expiring \(ISO8601.format(expiry))"
        )
        return 1
    }
}

/// R-SAMP-05, R-SAMP-07: the daily expiry of samples, at 17:00 UK local time (D-SAMPLING), run
/// once a day across every server process (the day's run row is claimed by one), and the expiry
/// of the samples of a closed target.
enum SampleExpiry {
    /// Runs the day's expiry when it is due (17:00 UK time or later) and no process has run it
    /// yet; the number of samples expired, or nil when there was nothing to run.
    static func runIfDue(
        database: any Database, clock: any WallClock, worker: String, lease: TimeInterval = 600
    ) async throws -> Int? {
        let now = clock.now()
        guard let day = SamplingRules.expiryRunDate(at: now) else { return nil }
        let repository = SamplingRepository(database)
        if try await repository.expiryRunTaken(day, now: now) { return nil }
        guard
            try await repository.claimExpiryRun(
                day, worker: worker, now: now, leaseUntil: now.addingTimeInterval(lease))
        else { return nil }
        let expired = try await expireDue(database: database, clock: clock)
        try await repository.finishExpiryRun(day, worker: worker, expired: expired, at: clock.now())
        return expired
    }

    /// Expires every issued sample whose expiry has passed, or whose target has closed, each in
    /// the works command of its works record; how many.
    static func expireDue(database: any Database, clock: any WallClock, batchSize: Int = 200) async throws -> Int {
        let command = WorksCommand(database: database, clock: clock)
        let now = clock.now()
        var total = 0
        while true {
            let due = try await SamplingRepository(database).worksWithSamplesDue(at: now, limit: batchSize)
            var expired = 0
            for wrn in due {
                expired += try await command.run(on: wrn, by: .system) { change in
                    try await expire(on: change, dueAt: now, reason: nil)
                }
            }
            total += expired
            // A batch that expired nothing made no progress: stop rather than loop.
            if due.count < batchSize || expired == 0 { return total }
        }
    }

    /// Expires the works record's issued samples that are due at `now` (or all of `target`'s,
    /// when it is closing), recording `sample_inspection_expired`; how many.
    static func expire(on change: WorksChange, dueAt now: Date, reason: String?, target: String? = nil) async throws
        -> Int
    {
        let repository = SamplingRepository(change.tx)
        var count = 0
        for var sample in try await repository.samples(ofWork: change.work.workReferenceNumber)
        where sample.status == .issued {
            let closing: Bool
            if let target {
                closing = sample.targetReference == target
            } else {
                closing = try await repository.target(sample.targetReference)?.status == .closed
            }
            guard closing || sample.expiryDate <= now else { continue }
            sample.status = .expired
            sample.dateExpired = change.at
            try await repository.update(sample)
            change.record(
                .sampleInspectionExpired, object: .sampleInspection, reference: sample.reference,
                details: "Sample inspection \(sample.reference) expired: "
                    + (reason ?? (closing ? "its target closed" : "expiry date \(ISO8601.format(sample.expiryDate))"))
            )
            count += 1
        }
        return count
    }
}

/// Runs queued sample generations and the daily expiry in every server process (D-SAMPLING).
struct SamplingService: Service {
    let database: any Database
    let clock: any WallClock
    let interval: Duration
    let logger: Logger

    func run() async throws {
        let generation = SampleGeneration(database: database, clock: clock)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                while let id = try await generation.runOne() {
                    logger.info("ran a sample generation", metadata: ["job": .stringConvertible(id)])
                }
                if let expired = try await SampleExpiry.runIfDue(
                    database: database, clock: clock, worker: generation.worker)
                {
                    logger.info("expired sample inspections", metadata: ["count": .stringConvertible(expired)])
                }
            } catch {
                logger.error("sampling failed", metadata: ["error": .string(String(describing: error))])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
