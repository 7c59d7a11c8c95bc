import Domain
import Foundation
import Logging
import ServiceLifecycle
import Store

/// R-RESP-03: a PAA or PA still awaiting assessment when its deadline has passed is granted by
/// the system with `is_deemed`. Each works record is deemed through the works command, which
/// locks it: a decision in flight and the deeming never both win, and with several server
/// processes each permit is deemed exactly once (the second finds nothing left to deem).
public enum Deeming {
    /// Deems every permit due at `now`; returns how many.
    @discardableResult
    public static func deemOverduePermits(
        database: any Database, clock: any WallClock, batchSize: Int = 200
    ) async throws -> Int {
        let command = WorksCommand(database: database, clock: clock)
        let now = clock.now()
        var total = 0
        while true {
            let due = try await PermitRepository(database).worksWithPermitsDue(at: now, limit: batchSize)
            var deemed = 0
            for wrn in due {
                deemed += try await command.run(on: wrn, by: .system) { change in
                    var count = 0
                    for permit in try await change.permits.permits(ofWork: wrn) {
                        guard let deemAt = permit.deemAt, deemAt <= change.at else { continue }
                        guard let transition = try? PermitLifecycle.deem(permit: permit.state(on: change.work)) else {
                            // No longer awaiting assessment: nothing to deem.
                            var settled = permit
                            settled.deemAt = nil
                            try await change.permits.update(settled)
                            continue
                        }
                        try await change.apply(
                            transition, to: permit, event: permit.isPAA ? .paaDeemed : .permitDeemed,
                            details:
                                "\(permit.noun) \(permit.permitReferenceNumber) deemed granted: no response by \(permit.deadlineDate)"
                        )
                        count += 1
                    }
                    return count
                }
            }
            total += deemed
            if due.count < batchSize { break }
        }
        return total + (try await deemOverdueChangeRequests(database: database, clock: clock, batchSize: batchSize))
    }

    /// R-RESP-08: a change request or works extension not assessed within its 2 working days
    /// deems: it becomes `deemed` and its proposal is applied to the permit, through the works
    /// command like the permits above. Returns how many.
    @discardableResult
    public static func deemOverdueChangeRequests(
        database: any Database, clock: any WallClock, batchSize: Int = 200
    ) async throws -> Int {
        let command = WorksCommand(database: database, clock: clock)
        let now = clock.now()
        var total = 0
        while true {
            let due = try await ChangeRequestRepository(database).worksWithChangeRequestsDue(
                at: now, limit: batchSize)
            for wrn in due {
                total += try await command.run(on: wrn, by: .system) { change in
                    var count = 0
                    for var cr in try await change.changeRequests.due(ofWork: wrn, at: change.at) {
                        guard let next = ChangeRequestLifecycle.deem(status: cr.status) else { continue }
                        cr.status = next
                        cr.deemAt = nil
                        cr.dateModified = change.at
                        try await change.changeRequests.update(cr)
                        try await change.applyProposal(of: cr)
                        change.record(
                            .alterationDeemed, object: .changeRequest, reference: cr.reference,
                            permit: cr.permitReferenceNumber,
                            details:
                                "\(cr.type.label) \(cr.reference) deemed granted: no response by \(cr.deadlineDate)")
                        count += 1
                    }
                    return count
                }
            }
            if due.count < batchSize { return total }
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
                let deemed = try await Deeming.deemOverduePermits(database: database, clock: clock)
                if deemed > 0 { logger.info("deemed permits", metadata: ["count": .stringConvertible(deemed)]) }
            } catch {
                logger.error("deeming failed", metadata: ["error": .string(String(describing: error))])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
