import Contract
import Domain
import EventAPI
import ExportAPI
import Foundation
import GeoJSONAPI
import Hummingbird
import Logging
import LookupAPI
import OpenAPIHummingbird
import OpenAPIRuntime
import PartyAPI
import ReportingAPI
import SamplingAPI
import ServiceLifecycle
import Store
import WorkAPI
import WorklistAPI

public typealias AppRouter = Router<AppRequestContext>

/// Opens the database (SQLite by default, PostgreSQL when `databaseURL` says so), migrates it,
/// seeds the demo data into an empty one, and wires the services.
public func makeServices(config: AppConfiguration, logger: Logger) async throws -> AppServices {
    let database = try await openDatabase(config: config, logger: logger)
    try await Migrator(database: database, logger: logger).migrate()
    let passwords = PasswordHasher(cost: config.bcryptCost)
    if config.seedDemoData {
        if try await DemoData.seed(into: database, passwords: passwords, now: config.clock.now()) {
            logger.info("seeded demo organisations and accounts")
        }
    }
    let secret = try signingSecret(config: config, logger: logger)
    let tokens = await TokenService(secret: secret, clock: config.clock)
    let identity = IdentityService(
        database: database, tokens: tokens, passwords: passwords, clock: config.clock,
        notifier: config.passwordResetNotifier
            ?? (config.logsResetCodes
                ? LogPasswordResetNotifier(logger: logger) : UndeliveredPasswordResetNotifier(logger: logger)),
        logger: logger)
    try await MapIndex.fillMissingBounds(database: database, logger: logger)
    var services = AppServices(
        database: database, identity: identity, contract: try AppServices.bundledContract(), clock: config.clock,
        passwords: passwords, logger: logger)
    services.mapLimits = config.mapLimits
    services.fileLimits = config.fileLimits
    return services
}

public func openDatabase(config: AppConfiguration, logger: Logger) async throws -> any Database {
    if let url = config.databaseURL, !url.isEmpty {
        switch try DatabaseLocation.parse(url: url) {
        case .postgres(let host, let port, let user, let password, let database, let tls):
            return try PostgresDatabase(
                host: host, port: port, user: user, password: password, database: database, tls: tls,
                maximumConnections: config.postgresMaximumConnections, logger: logger)
        case .sqlite(let path):
            return try await SQLiteDatabase.open(path: path, logger: logger)
        case .sqliteMemory:
            return try await SQLiteDatabase.open(path: nil, logger: logger)
        }
    }
    try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
    return try await SQLiteDatabase.open(path: config.sqlitePath, logger: logger)
}

/// The configured key, or one generated on first start and kept (mode 600) in the data directory.
func signingSecret(config: AppConfiguration, logger: Logger) throws -> [UInt8] {
    if let key = config.tokenSigningKey, !key.isEmpty { return Array(key.utf8) }
    let path = config.keyPath
    if let existing = FileManager.default.contents(atPath: path), existing.count >= 32 {
        return Array(existing)
    }
    try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
    var random = SystemRandomNumberGenerator()  // getrandom(2): cryptographically secure
    let key = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &random) }
    guard FileManager.default.createFile(atPath: path, contents: Data(key), attributes: [.posixPermissions: 0o600])
    else {
        throw AppError(.internalServerError, "cannot write the token signing key")
    }
    logger.notice("generated a token signing key", metadata: ["path": .string(path)])
    return key
}

/// The nine APIs under `/v6/<api>` and `/latest/<api>`, their OpenAPI documents, and the
/// middlewares every request passes (request id, error rendering, rate limit).
public func buildRouter(services: AppServices, config: AppConfiguration) throws -> AppRouter {
    let router = AppRouter(context: AppRequestContext.self)
    router.add(middleware: RequestIDMiddleware(logger: services.logger))
    router.add(middleware: ErrorMiddleware())
    router.add(
        middleware: RateLimitMiddleware(
            limiter: RateLimiter(limitPerMinute: config.rateLimitPerMinute), clock: config.clock))

    let configuration = OpenAPIRuntime.Configuration(
        dateTranscoder: StreetManagerDateTranscoder(), jsonEncodingOptions: [.sortedKeys])
    let direct = Features.directRenderers(services)
    for prefix in ["v6", "latest"] {
        func register(_ api: String, _ body: (URL, [any ServerMiddleware]) throws -> Void) throws {
            let gate = ContractGate(
                api: api, contract: services.contract, identity: services.identity, direct: direct[api] ?? [:],
                rendersDirectly: config.rendersHotReadsDirectly, fileLimits: services.fileLimits)
            try body(URL(string: "/\(prefix)/\(api)")!, [gate])
        }
        try register("work") {
            try WorkAPIHandler(services: services).registerHandlers(
                on: router, serverURL: $0, configuration: configuration, middlewares: $1)
        }
        try register("reporting") {
            try ReportingAPIHandler(services: services).registerHandlers(
                on: router, serverURL: $0, configuration: configuration, middlewares: $1)
        }
        try register("lookup") {
            try LookupAPIHandler(services: services).registerHandlers(
                on: router, serverURL: $0, configuration: configuration, middlewares: $1)
        }
        try register("geojson") {
            try GeoJSONAPIHandler(services: services).registerHandlers(
                on: router, serverURL: $0, configuration: configuration, middlewares: $1)
        }
        try register("party") {
            try PartyAPIHandler(services: services).registerHandlers(
                on: router, serverURL: $0, configuration: configuration, middlewares: $1)
        }
        try register("export") {
            try ExportAPIHandler(services: services).registerHandlers(
                on: router, serverURL: $0, configuration: configuration, middlewares: $1)
        }
        try register("event") {
            try EventAPIHandler(services: services).registerHandlers(
                on: router, serverURL: $0, configuration: configuration, middlewares: $1)
        }
        try register("sampling") {
            try SamplingAPIHandler(services: services).registerHandlers(
                on: router, serverURL: $0, configuration: configuration, middlewares: $1)
        }
        try register("worklist") {
            try WorklistAPIHandler(services: services).registerHandlers(
                on: router, serverURL: $0, configuration: configuration, middlewares: $1)
        }

        // Each API's contract, as OpenAPI 3.1 JSON, under both names clients look for.
        for document in services.contract.apis {
            let bytes = ByteBuffer(bytes: document.rawData)
            for name in ["openapi.json", "swagger.json"] {
                router.get("\(prefix)/\(document.name)/\(name)") { _, _ in
                    Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: bytes))
                }
            }
        }
    }
    return router
}

/// Closes the database when the service group shuts down.
struct DatabaseService: Service {
    let database: any Database

    func run() async throws {
        try? await gracefulShutdown()
        await database.shutdown()
    }
}

/// The whole product: HTTP server plus background services, in one service group.
public func buildApplication(config: AppConfiguration) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "street-manager")
    logger.logLevel = config.logLevel
    let services = try await makeServices(config: config, logger: logger)
    let router = try buildRouter(services: services, config: config)
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "street-manager"),
        logger: logger)
    // Shut down in reverse order: the database closes last.
    app.addServices(
        DatabaseService(database: services.database),
        DeemingService(database: services.database, clock: config.clock, interval: .seconds(15), logger: logger),
        FileCleanupService(
            database: services.database, clock: config.clock, retention: config.fileLimits.unattachedRetention,
            interval: .seconds(60), logger: logger),
        CSVExportService(
            exporter: services.exporter(lease: config.csvExportLease), idle: .seconds(1),
            queued: services.exportsQueued,
            logger: logger),
        AutoAcceptanceService(
            database: services.database, clock: config.clock, interval: .seconds(60), logger: logger),
        SamplingService(database: services.database, clock: config.clock, interval: .seconds(1), logger: logger))
    return app
}
