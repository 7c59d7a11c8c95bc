import Domain
import Foundation
import Logging
import ServiceLifecycle
import Store

/// D-FILES: a file nothing references is removed once `FileLimits.unattachedRetention` (24 hours
/// unless `FILE_UNATTACHED_RETENTION_HOURS` says otherwise) has passed since its upload. Every
/// server process runs this; each file is removed by one of them (a conditional `DELETE`), and a
/// file attached meanwhile is kept.
public enum FileCleanup {
    /// Removes every unattached file uploaded before `now - retention`; how many.
    @discardableResult
    public static func removeUnattachedFiles(
        database: any Database, clock: any WallClock, retention: TimeInterval, batchSize: Int = 200
    ) async throws -> Int {
        let cutoff = clock.now().addingTimeInterval(-retention)
        var total = 0
        while true {
            let removed = try await FileRepository(database).deleteUnattached(uploadedBefore: cutoff, limit: batchSize)
            total += removed.count
            if removed.count < batchSize { return total }
        }
    }
}

/// Runs `FileCleanup` every `interval` in the background.
struct FileCleanupService: Service {
    let database: any Database
    let clock: any WallClock
    let retention: TimeInterval
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let removed = try await FileCleanup.removeUnattachedFiles(
                    database: database, clock: clock, retention: retention)
                if removed > 0 {
                    logger.info("removed unattached files", metadata: ["count": .stringConvertible(removed)])
                }
            } catch {
                logger.error("file clean-up failed", metadata: ["error": .string(String(describing: error))])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
