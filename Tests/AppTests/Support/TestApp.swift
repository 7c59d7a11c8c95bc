import App
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Store
import Testing

/// Which database the scenario suite runs on: SQLite unless `TEST_DATABASE_URL` names a
/// PostgreSQL server (as `.ci/run` does for its second leg). Each test gets a database of its own,
/// copied from a template that is migrated and seeded once per process (a file copy for SQLite,
/// `CREATE DATABASE … TEMPLATE` on PostgreSQL), and dropped when the test ends.
enum TestDatabase {
    static var postgresURL: String? {
        let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"]
        return url?.isEmpty == false ? url : nil
    }

    static var isPostgres: Bool { postgresURL != nil }

    /// A database for one test, migrated and (when `seeded`) holding the demo data. On
    /// PostgreSQL, its URL; on SQLite nil, with the file put in `directory` (nothing when the
    /// directory is empty: the caller opens an in-memory database).
    static func fresh(in directory: String, seeded: Bool = true) async throws -> String? {
        if let url = postgresURL {
            let template = try await Templates.shared.postgres(seeded: seeded, url: url)
            let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
            try await Templates.shared.admin(url).query("CREATE DATABASE \(name) TEMPLATE \(template)", [])
            return replacingDatabase(of: url, with: name)
        }
        guard !directory.isEmpty else { return nil }
        let template = try await Templates.shared.sqlite(seeded: seeded)
        try FileManager.default.copyItem(
            atPath: template, toPath: (directory as NSString).appendingPathComponent("street-manager.sqlite"))
        return nil
    }

    /// Drops a PostgreSQL database `fresh` made (SQLite files go with their directory).
    static func drop(_ url: String?) async {
        guard let url, let base = postgresURL, url != base,
            case .postgres(_, _, _, _, let name, _)? = try? DatabaseLocation.parse(url: url)
        else { return }
        _ = try? await Templates.shared.admin(base).query("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", [])
    }

    static func replacingDatabase(of url: String, with name: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/\(name)"
        return components.string!
    }
}

/// The template databases of this test process, made once each.
actor Templates {
    static let shared = Templates()

    private var sqliteTemplates: [Bool: Task<String, any Error>] = [:]
    private var postgresTemplates: [Bool: Task<String, any Error>] = [:]
    private var adminDatabase: PostgresDatabase?

    /// One connection to the suite's PostgreSQL server for creating and dropping databases.
    func admin(_ url: String) throws -> PostgresDatabase {
        if let adminDatabase { return adminDatabase }
        guard
            case .postgres(let host, let port, let user, let password, let database, let tls) =
                try DatabaseLocation.parse(url: url)
        else { throw StoreError.unsupportedURL(url) }
        let admin = try PostgresDatabase(
            host: host, port: port, user: user, password: password, database: database, tls: tls,
            maximumConnections: 2, logger: Logger(label: "test-admin"))
        adminDatabase = admin
        return admin
    }

    /// Migrates (and seeds) `database` as every test database starts.
    static func prepare(_ database: any Database, seeded: Bool) async throws {
        let logger = Logger(label: "test-template")
        try await Migrator(database: database, logger: logger).migrate()
        if seeded {
            try await DemoData.seed(into: database, passwords: PasswordHasher(cost: 4), now: TestApp.start)
        }
    }

    func sqlite(seeded: Bool) async throws -> String {
        if let task = sqliteTemplates[seeded] { return try await task.value }
        let task = Task<String, any Error> {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "sm-template-\(UUID().uuidString)"
            ).path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let path = (directory as NSString).appendingPathComponent("street-manager.sqlite")
            let database = try await SQLiteDatabase.open(path: path, logger: Logger(label: "test-template"))
            try await Self.prepare(database, seeded: seeded)
            try await database.query("PRAGMA wal_checkpoint(TRUNCATE)", [])
            await database.shutdown()
            return path
        }
        sqliteTemplates[seeded] = task
        return try await task.value
    }

    /// A template database named after what it holds (the migrations and the demo data), made
    /// once and kept on the server for the next run; a half-made one is made again.
    func postgres(seeded: Bool, url: String) async throws -> String {
        if let task = postgresTemplates[seeded] { return try await task.value }
        let admin = try admin(url)
        let task = Task<String, any Error> {
            let name = "sm_template_\(seeded ? "seeded" : "empty")_\(Self.fingerprint)"
            let ready = "SELECT 1 FROM pg_database WHERE datname = ? AND NOT datallowconn"
            if try await admin.first(ready, .text(name)) != nil { return name }
            try await admin.query("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", [])
            try await admin.query("CREATE DATABASE \(name)", [])
            guard
                case .postgres(let host, let port, let user, let password, _, let tls) = try DatabaseLocation.parse(
                    url: url)
            else { throw StoreError.unsupportedURL(url) }
            let database = try PostgresDatabase(
                host: host, port: port, user: user, password: password, database: name, tls: tls,
                maximumConnections: 2, logger: Logger(label: "test-template"))
            do {
                try await Self.prepare(database, seeded: seeded)
            } catch {
                await database.shutdown()
                throw error
            }
            await database.shutdown()
            // Closed to connections: marks it complete, and lets it be copied at any time.
            try await admin.query("ALTER DATABASE \(name) WITH ALLOW_CONNECTIONS false", [])
            return name
        }
        postgresTemplates[seeded] = task
        return try await task.value
    }

    /// FNV-1a of the migrations and the demo data, so a changed schema or seed makes a new template.
    static let fingerprint: String = {
        var text = Migrator.all.map { "\($0.version)\($0.name)\($0.statements)\($0.dialectStatements)" }.joined()
        text += DemoData.organisations.map { "\($0)" }.joined() + DemoData.accounts.map { "\($0)" }.joined()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }()
}

/// Captures password-reset codes instead of logging them.
final class RecordingNotifier: PasswordResetNotifier, @unchecked Sendable {
    private let lock = NSLock()
    private var codes: [String: String] = [:]

    func sendVerificationCode(_ code: String, to email: String) async {
        lock.withLock { codes[email] = code }
    }

    func code(for email: String) -> String? {
        lock.withLock { codes[email] }
    }
}

/// One server per test, driven through its router, on the suite's database.
struct TestApp {
    let client: any TestClientProtocol
    let services: AppServices
    let clock: ManualClock
    let notifier: RecordingNotifier

    /// 2026-01-05 (a Monday) 09:00 UTC.
    static let start = Date(timeIntervalSince1970: 1_767_603_600)

    static func configuration(directory: String, databaseURL: String?, clock: ManualClock, notifier: RecordingNotifier)
        -> AppConfiguration
    {
        var config = AppConfiguration()
        config.dataDirectory = directory
        config.databaseURL = databaseURL
        config.bcryptCost = 4
        config.clock = clock
        config.passwordResetNotifier = notifier
        config.logLevel = .warning
        config.postgresMaximumConnections = 4
        return config
    }

    static func run(_ body: @Sendable (TestApp) async throws -> Void) async throws {
        try await run(configure: { _ in }, body)
    }

    static func run(
        configure: (inout AppConfiguration) -> Void,
        _ body: @Sendable (TestApp) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sm-test-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clock = ManualClock(start)
        let notifier = RecordingNotifier()
        let databaseURL = try await TestDatabase.fresh(in: directory)
        var config = configuration(directory: directory, databaseURL: databaseURL, clock: clock, notifier: notifier)
        configure(&config)
        var logger = Logger(label: "test")
        logger.logLevel = config.logLevel
        let services = try await makeServices(config: config, logger: logger)
        let router = try buildRouter(services: services, config: config)
        let app = Application(router: router, logger: logger)
        do {
            try await app.test(.router) { client in
                try await body(TestApp(client: client, services: services, clock: clock, notifier: notifier))
            }
        } catch {
            await services.database.shutdown()
            await TestDatabase.drop(databaseURL)
            throw error
        }
        await services.database.shutdown()
        await TestDatabase.drop(databaseURL)
    }
}

/// A response with its JSON body parsed.
struct JSONResponse {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: ByteBuffer

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }

    var array: [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [[String: Any]] ?? []
    }

    var message: String? { json["message"] as? String }

    /// The `field` names of a 400's `error.errors`.
    var fieldErrors: [String: String] {
        let errors = (json["error"] as? [String: Any])?["errors"] as? [[String: Any]] ?? []
        return Dictionary(
            errors.map { ($0["field"] as? String ?? "", $0["message"] as? String ?? "") },
            uniquingKeysWith: { a, _ in a })
    }

    /// True when the body is the documented error body with this status.
    func isError(_ status: Int, _ message: String? = nil) -> Bool {
        let error = json["error"] as? [String: Any]
        return self.status.code == status && error?["status"] as? Int == status
            && (message == nil || self.message == message)
    }
}

extension TestApp {
    @discardableResult
    func request(
        _ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: Any? = nil, rawBody: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> JSONResponse {
        var headers = extra
        if let token { headers[HTTPField.Name("token")!] = token }
        var body: ByteBuffer? = nil
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
        } else if let rawBody {
            headers[.contentType] = "application/json"
            body = ByteBuffer(string: rawBody)
        }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
        return JSONResponse(status: response.status, headers: response.headers, body: response.body)
    }

    /// Signs in and returns the whole token response.
    func authenticate(_ email: String, password: String = DemoData.password) async throws -> JSONResponse {
        try await request(.post, "/v6/work/authenticate", json: ["emailAddress": email, "password": password])
    }

    /// The ID token of a demo user.
    func token(_ email: String) async throws -> String {
        let response = try await authenticate(email)
        let token = try #require(response.json["idToken"] as? String, "authenticate \(email): \(response.status)")
        return token
    }
}

/// The demo accounts by role.
enum Demo {
    static let haOfficer = "ha.officer@anytown.example"
    static let haAdmin = "ha.admin@anytown.example"
    static let othertonOfficer = "ha.officer@otherton.example"
    static let planner = "planner@anytown-water.example"
    static let promoterAdmin = "admin@anytown-water.example"
    static let newStarter = "new.starter@anytown-water.example"
    static let gasPlanner = "planner@otherton-gas.example"
    static let contractor = "contractor@digright.example"
    static let suspendedPlanner = "planner@closed-utilities.example"
    static let hs2Planner = "planner@hs2.example"
}
