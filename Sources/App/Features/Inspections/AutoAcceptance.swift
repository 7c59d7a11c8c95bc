import Domain
import Foundation
import Logging
import ServiceLifecycle
import Store

/// R-INSP-13 (D-INSPECTIONS): an outcome the promoter has not answered by its
/// `auto_acceptance_due_date` is accepted for it: `inspection_outcome_accepted` with
/// `is_auto_accepted`. Each works record is settled through the works command, which locks it
/// and re-reads its due inspections inside the lock: an answer in flight and the acceptance never
/// both win, and with several server processes each outcome is accepted exactly once (the second
/// finds nothing left to accept).
public enum AutoAcceptance {
    /// Accepts every outcome due at `now`; returns how many.
    @discardableResult
    public static func acceptOverdueOutcomes(database: any Database, clock: any WallClock, batchSize: Int = 200)
        async throws -> Int
    {
        let command = WorksCommand(database: database, clock: clock)
        let now = clock.now()
        var total = 0
        while true {
            let due = try await InspectionRepository(database).worksWithOutcomesDue(at: now, limit: batchSize)
            for wrn in due {
                total += try await command.run(on: wrn, by: .system) { change in
                    var count = 0
                    for var inspection in try await change.inspections.outcomesDue(ofWork: wrn, at: change.at) {
                        inspection.promoterResponseStatus = .inspectionOutcomeAccepted
                        inspection.promoterResponseDate = change.at
                        inspection.isAutoAccepted = true
                        inspection.dateModified = change.at
                        try await change.inspections.update(inspection)
                        change.record(
                            .inspectionAutoAccepted, object: .inspection, reference: inspection.reference,
                            details:
                                "Inspection \(inspection.reference) outcome accepted automatically: no response by its due date"
                        )
                        count += 1
                    }
                    return count
                }
            }
            if due.count < batchSize { return total }
        }
    }
}

/// Runs the auto-acceptance every `interval` until shutdown.
struct AutoAcceptanceService: Service {
    let database: any Database
    let clock: any WallClock
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let accepted = try await AutoAcceptance.acceptOverdueOutcomes(database: database, clock: clock)
                if accepted > 0 {
                    logger.info("auto-accepted inspection outcomes", metadata: ["count": .stringConvertible(accepted)])
                }
            } catch {
                logger.error(
                    "inspection auto-acceptance failed", metadata: ["error": .string(String(describing: error))])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
