import Domain
import Foundation
import Logging

/// Everything the server needs to start; `serve` fills it from flags and environment variables.
public struct AppConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// Where the SQLite file and the generated token-signing key live.
    public var dataDirectory = "data"
    /// `postgres://user:password@host:port/database`; nil means SQLite under `dataDirectory`.
    public var databaseURL: String?
    public var logLevel: Logger.Level = .info
    /// Secret for signing tokens; nil means a key generated once and kept in `dataDirectory`.
    public var tokenSigningKey: String?
    /// R-SEC-08: calls per client address per minute before 429 (0 = no limit).
    public var rateLimitPerMinute = 10_000
    /// The hot reads are written straight to JSON by the contract gate (`DirectOperations`);
    /// tests turn this off to compare with the generated types' answer.
    public var rendersHotReadsDirectly = true
    public var bcryptCost: UInt8 = 10
    /// Seed the demo organisations and accounts into an empty database.
    public var seedDemoData = true
    public var clock: any WallClock = SystemClock()
    /// Where password-reset codes go; nil means the server log when `logsResetCodes`, else nowhere.
    public var passwordResetNotifier: (any PasswordResetNotifier)?
    /// Development only: write password-reset codes to the server log in place of an e-mail
    /// (the README's demo command turns it on). Off, no code ever reaches the log.
    public var logsResetCodes = false
    /// R-DATA-04: how long a process holds a CSV export it renders before another may take it
    /// over (its process is presumed dead).
    public var csvExportLease: TimeInterval = 60
    /// R-DATA-03: the most features and the largest box of a map query.
    public var mapLimits = MapLimits()
    /// R-VAL-08, D-FILES: the largest file and how long an unattached one is kept.
    public var fileLimits = FileLimits()
    /// Largest PostgreSQL connection pool of this process.
    public var postgresMaximumConnections = 16

    public init() {}

    public var sqlitePath: String { (dataDirectory as NSString).appendingPathComponent("street-manager.sqlite") }
    public var keyPath: String { (dataDirectory as NSString).appendingPathComponent("token-signing.key") }
}
