import Domain
import Foundation
import Logging
import ServiceLifecycle
import Store

/// R-RESP-03: a PAA or PA still awaiting assessment when its deadline has passed is granted by
/// the system with `is_deemed`. Claims rows with `FOR UPDATE SKIP LOCKED` on PostgreSQL, so with
/// several server processes each permit is deemed exactly once.
public enum Deeming {
    /// Deems every permit due at `now`; returns how many.
    @discardableResult
    public static func deemOverduePermits(database: any Database, now: Date, batchSize: Int = 200) async throws -> Int {
        var total = 0
        while true {
            let deemed = try await database.transaction { tx -> Int in
                let works = WorkRepository(tx)
                var count = 0
                for permit in try await works.permitsDue(at: now, limit: batchSize) {
                    guard let work = try await works.work(permit.workReferenceNumber) else { continue }
                    let subject = WorkService.Subject(work: work, permit: permit)
                    var updated = permit
                    updated.deemAt = nil
                    updated.dateModified = now
                    guard let transition = try? PermitLifecycle.deem(permit: subject.state) else {
                        try await works.update(updated)  // no longer awaiting assessment: nothing to deem
                        continue
                    }
                    updated.permitStatus = transition.status.rawValue
                    updated.isDeemed = true
                    try await works.update(updated)
                    let isPAA = permit.workCategory == WorkCategory.paa.rawValue
                    try await HistoryWriter(
                        works: works, wrn: work.workReferenceNumber, promoter: work.promoterSWACode,
                        authority: work.highwayAuthoritySWACode, principal: nil, internalUser: (nil, nil), at: now
                    ).append(
                        event: isPAA ? "paa_deemed" : "permit_deemed", topic: "Permit",
                        details:
                            "\(isPAA ? "PAA" : "Permit") \(permit.permitReferenceNumber) deemed granted: no response by \(permit.deadlineDate)",
                        object: permit.permitReferenceNumber, type: "PERMIT", permit: permit.permitReferenceNumber)
                    count += 1
                }
                return count
            }
            total += deemed
            if deemed < batchSize { return total }
        }
    }
}

/// Runs the deeming job every `interval` until shutdown (well within a minute of any deadline).
struct DeemingService: Service {
    let database: any Database
    let clock: any WallClock
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let deemed = try await Deeming.deemOverduePermits(database: database, now: clock.now())
                if deemed > 0 { logger.info("deemed permits", metadata: ["count": .stringConvertible(deemed)]) }
            } catch {
                logger.error("deeming failed", metadata: ["error": .string(String(describing: error))])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
