import App
import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Store

@main
struct StreetManager: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "street-manager",
        abstract: "Street Manager v6: the nine APIs in one server, on SQLite or PostgreSQL.",
        subcommands: [Serve.self, Migrate.self, Seed.self, Import.self, Generate.self],
        defaultSubcommand: Serve.self)
}

/// Options every command shares; each flag falls back to its environment variable.
struct CommonOptions: ParsableArguments {
    @Option(help: "Directory for the SQLite database and the generated signing key (env DATA_DIR).")
    var dataDir: String = ProcessInfo.processInfo.environment["DATA_DIR"] ?? "data"

    @Option(help: "postgres://user:password@host:port/database; SQLite when absent (env DATABASE_URL).")
    var databaseURL: String? = ProcessInfo.processInfo.environment["DATABASE_URL"]

    @Option(help: "trace, debug, info, notice, warning, error or critical (env LOG_LEVEL).")
    var logLevel: String = ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "info"

    func configuration() throws -> AppConfiguration {
        var config = AppConfiguration()
        config.dataDirectory = dataDir
        config.databaseURL = databaseURL
        guard let level = Logger.Level(rawValue: logLevel.lowercased()) else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        config.logLevel = level
        let env = ProcessInfo.processInfo.environment
        config.tokenSigningKey = env["TOKEN_SIGNING_KEY"]
        return config
    }

    func logger(_ config: AppConfiguration) -> Logger {
        var logger = Logger(label: "street-manager")
        logger.logLevel = config.logLevel
        return logger
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Migrate, seed the demo data into an empty database, and serve all nine APIs.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Port to listen on (env PORT).")
    var port: Int = Int(ProcessInfo.processInfo.environment["PORT"] ?? "") ?? 8080

    @Option(help: "Address to bind (env HOST).")
    var host: String = ProcessInfo.processInfo.environment["HOST"] ?? "127.0.0.1"

    @Option(help: "Token signing secret; generated and kept in the data directory when absent (env TOKEN_SIGNING_KEY).")
    var tokenSigningKey: String?

    @Option(help: "Calls per client address per minute before 429; 0 turns the limit off (env RATE_LIMIT_PER_MINUTE).")
    var rateLimitPerMinute: Int = Int(ProcessInfo.processInfo.environment["RATE_LIMIT_PER_MINUTE"] ?? "") ?? 10_000

    @Option(help: "bcrypt cost for new password hashes (env BCRYPT_COST).")
    var bcryptCost: UInt8 = UInt8(ProcessInfo.processInfo.environment["BCRYPT_COST"] ?? "") ?? 10

    @Flag(help: "Do not seed the demo organisations and accounts.")
    var noDemoData = false

    @Flag(help: "Development: write password-reset codes to the log in place of an e-mail (env LOG_RESET_CODES=true).")
    var logResetCodes = false

    func run() async throws {
        var config = try common.configuration()
        config.port = port
        config.host = host
        if let tokenSigningKey { config.tokenSigningKey = tokenSigningKey }
        config.rateLimitPerMinute = rateLimitPerMinute
        config.bcryptCost = bcryptCost
        config.seedDemoData = !noDemoData && ProcessInfo.processInfo.environment["SEED_DEMO_DATA"] != "false"
        config.logsResetCodes = logResetCodes || ProcessInfo.processInfo.environment["LOG_RESET_CODES"] == "true"
        let environment = ProcessInfo.processInfo.environment
        if let maximum = environment["GEOJSON_MAX_FEATURES"].flatMap(Int.init), maximum > 0 {
            config.mapLimits.maximumFeatures = maximum
        }
        if let area = environment["GEOJSON_MAX_AREA_KM2"].flatMap(Double.init), area > 0 {
            config.mapLimits.maximumArea = area * 1_000_000
        }
        if let lease = ProcessInfo.processInfo.environment["CSV_EXPORT_LEASE_SECONDS"].flatMap(Double.init), lease > 0 {
            config.csvExportLease = lease
        }
        if let bytes = environment["FILE_MAX_BYTES"].flatMap(Int.init), bytes > 0 {
            config.fileLimits.maximumBytes = bytes
        }
        if let hours = environment["FILE_UNATTACHED_RETENTION_HOURS"].flatMap(Double.init), hours > 0 {
            config.fileLimits.unattachedRetention = hours * 3600
        }
        let app = try await buildApplication(config: config)
        try await app.runService()
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply the schema migrations not applied yet (idempotent).")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let config = try common.configuration()
        let logger = common.logger(config)
        let database = try await openDatabase(config: config, logger: logger)
        let applied = try await Migrator(database: database, logger: logger).migrate()
        print(
            applied.isEmpty
                ? "schema up to date" : "applied migrations \(applied.map(String.init).joined(separator: ", "))")
        await database.shutdown()
    }
}

struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Migrate, then add the demo organisations and accounts if missing.")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let config = try common.configuration()
        let logger = common.logger(config)
        let database = try await openDatabase(config: config, logger: logger)
        try await Migrator(database: database, logger: logger).migrate()
        let added = try await DemoData.seed(
            into: database, passwords: PasswordHasher(cost: config.bcryptCost), now: Date())
        print(added ? "demo data seeded" : "demo data already present")
        await database.shutdown()
    }
}
