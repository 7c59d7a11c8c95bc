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
/// PostgreSQL server (as `.ci/run` does for its second leg); each test gets a database of its own.
enum TestDatabase {
    static var postgresURL: String? {
        let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"]
        return url?.isEmpty == false ? url : nil
    }

    static var isPostgres: Bool { postgresURL != nil }

    /// A fresh, empty database: a new SQLite file, or a new PostgreSQL database.
    static func fresh(in directory: String) async throws -> String? {
        guard let url = postgresURL else { return nil }
        guard
            case .postgres(let host, let port, let user, let password, let database) = try DatabaseLocation.parse(
                url: url)
        else { return nil }
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        let admin = PostgresDatabase(
            host: host, port: port, user: user, password: password, database: database, maximumConnections: 1,
            logger: Logger(label: "test-admin"))
        try await admin.query("CREATE DATABASE \(name)", [])
        await admin.shutdown()
        var components = URLComponents(string: url)!
        components.path = "/\(name)"
        return components.string!
    }
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
        var config = configuration(
            directory: directory, databaseURL: try await TestDatabase.fresh(in: directory), clock: clock,
            notifier: notifier)
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
            throw error
        }
        await services.database.shutdown()
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
}
