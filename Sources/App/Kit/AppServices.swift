import Contract
import Domain
import Logging
import Store

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

    /// The version each API's `/status` reports.
    public static let apiVersion = "6.17.6"

    /// The bundled contract, loaded and compiled once per process (it takes a while, and it
    /// never changes while the process runs).
    public static func bundledContract() throws -> OpenAPIContract {
        try loadedContract.get()
    }

    private static let loadedContract = Result { try OpenAPIContract.loadBundled() }
}
