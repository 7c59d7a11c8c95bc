import Contract
import Domain
import Logging
import Store
import Synchronization

/// The dependencies handlers receive (never looked up): the store, the clock, identity, the contract.
public struct AppServices: Sendable {
    public let database: any Database
    public let identity: IdentityService
    public let contract: OpenAPIContract
    public let clock: any WallClock
    public let passwords: PasswordHasher
    public let logger: Logger
    /// How big a map query may be (R-DATA-03).
    public var mapLimits = MapLimits()
    /// How big a file may be and how long an unattached one is kept (R-VAL-08, D-FILES).
    public var fileLimits = FileLimits()
    /// Tells this process's export service that an export was queued here (it need not wait
    /// for its next look at the queue).
    let exportsQueued = Wakeup()

    /// The version each API's `/status` reports.
    public static let apiVersion = "6.17.6"

    /// The bundled contract, loaded and compiled once per process (it takes a while, and it
    /// never changes while the process runs).
    public static func bundledContract() throws -> OpenAPIContract {
        try loadedContract.get()
    }

    private static let loadedContract = Result { try OpenAPIContract.loadBundled() }
}

/// A signal one task raises and another waits for, for up to a given time: background services
/// sleep between looks at their queue, and a request that queued work here wakes them at once
/// (the waiter is resumed by `raise`, not found by polling).
final class Wakeup: Sendable {
    private struct State {
        var raised = false
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        /// Waits begun and not yet over (timed out or woken).
        var open: Set<UInt64> = []
        var next: UInt64 = 0
    }

    private let state = Mutex(State())

    func raise() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard !state.waiters.isEmpty else {
                state.raised = true
                return []
            }
            defer {
                state.open.subtract(state.waiters.keys)
                state.waiters.removeAll()
            }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns when raised (lowering it again) or after `duration`, whichever comes first; throws
    /// when the task is cancelled.
    func wait(upTo duration: Duration) async throws {
        let id = state.withLock { state in
            state.next += 1
            state.open.insert(state.next)
            return state.next
        }
        defer { _ = state.withLock { $0.open.remove(id) } }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    let now = self.state.withLock { state -> Bool in
                        if state.raised {
                            state.raised = false
                            return true
                        }
                        // Timed out before it began to wait.
                        guard state.open.contains(id) else { return true }
                        state.waiters[id] = continuation
                        return false
                    }
                    if now { continuation.resume() }
                }
            }
            group.addTask {
                try? await Task.sleep(for: duration)
                // Timed out or cancelled: the waiter, if still waiting, is let go.
                self.state.withLock { state in
                    state.open.remove(id)
                    return state.waiters.removeValue(forKey: id)
                }?.resume()
            }
            await group.next()
            group.cancelAll()
        }
        try Task.checkCancellation()
    }
}
