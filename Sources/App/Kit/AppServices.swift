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
/// sleep between looks at their queue, and a request that queued work here wakes them at once.
final class Wakeup: Sendable {
    private let raised = Mutex(false)

    func raise() { raised.withLock { $0 = true } }

    /// Returns when raised (lowering it again) or after `duration`, whichever comes first.
    func wait(upTo duration: Duration) async throws {
        let slice = Duration.milliseconds(200)
        var waited = Duration.zero
        while waited < duration {
            if raised.withLock({ value in
                defer { value = false }
                return value
            }) {
                return
            }
            try await Task.sleep(for: slice)
            waited += slice
        }
    }
}
