import App
import Domain
import Foundation
import Logging
import Store
import Testing

@testable import App

/// Guesses counted whatever their timing: sign-in failures and reset-code attempts sent in
/// parallel, a new code asked for to start again, a token lookup racing a logout (R-SEC-03,
/// R-SEC-04, R-SEC-05).
@Suite("Throttles hold under parallel guesses")
struct ThrottleTests {
    @Test("R-SEC-04: thirty wrong passwords sent in parallel lock the account")
    func parallelFailuresLock() async throws {
        try await TestApp.run { app throws in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<30 {
                    group.addTask { _ = try await app.authenticate(Demo.planner, password: "Wrong-Passw0rd!") }
                }
                try await group.waitForAll()
            }
            #expect(try await app.authenticate(Demo.planner).status.code == 423)
            let throttle = try #require(
                try await IdentityRepository(app.services.database).throttle(Demo.planner, forUpdate: false))
            // Every failure that got to check the password counted (later ones met the lock).
            #expect(throttle.failedCount >= LoginThrottle.maximumFailures)
        }
    }

    @Test("R-SEC-05: reset-code attempts are counted before the code is checked: ten at once check five")
    func parallelResetAttempts() async throws {
        try await TestApp.run { app throws in
            #expect(
                try await app.request(.post, "/v6/party/forgot-password", json: ["email": Demo.planner]).status
                    == .noContent)
            let code = try #require(app.notifier.code(for: Demo.planner))
            // The right code with a password the rules refuse: each request that gets to check the
            // code answers about the password; once five attempts are used, about the code.
            let fields = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        try await Array(
                            app.request(
                                .post, "/v6/party/reset-password",
                                json: ["email": Demo.planner, "verification_code": code, "password": "weak"]
                            ).fieldErrors.keys)
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(fields.filter { $0 == "verification_code" }.count == 5, "\(fields)")
            #expect(fields.filter { $0 == "password" }.count == 5, "\(fields)")
        }
    }

    @Test("R-SEC-05: asking for a new code does not buy more attempts")
    func newCodeKeepsAttempts() async throws {
        try await TestApp.run { app throws in
            _ = try await app.request(.post, "/v6/party/forgot-password", json: ["email": Demo.planner])
            let first = try #require(app.notifier.code(for: Demo.planner))
            for _ in 0..<5 {
                _ = try await app.request(
                    .post, "/v6/party/reset-password",
                    json: [
                        "email": Demo.planner, "verification_code": first == "000000" ? "111111" : "000000",
                        "password": "Reset-Passw0rd!",
                    ])
            }
            _ = try await app.request(.post, "/v6/party/forgot-password", json: ["email": Demo.planner])
            let second = try #require(app.notifier.code(for: Demo.planner))
            let reset = try await app.request(
                .post, "/v6/party/reset-password",
                json: ["email": Demo.planner, "verification_code": second, "password": "Reset-Passw0rd!"])
            #expect(reset.fieldErrors["verification_code"] != nil, "\(reset.json)")
            // An hour after the last code, the attempts start again.
            app.clock.advance(by: 3_601)
            _ = try await app.request(.post, "/v6/party/forgot-password", json: ["email": Demo.planner])
            let third = try #require(app.notifier.code(for: Demo.planner))
            #expect(
                try await app.request(
                    .post, "/v6/party/reset-password",
                    json: ["email": Demo.planner, "verification_code": third, "password": "Reset-Passw0rd!"]
                ).status == .noContent)
        }
    }

    @Test(
        "R-SEC-05: a reset is one transaction: when its last write fails, the password and the code stay as they were")
    func resetIsOneTransaction() async throws {
        try await TestApp.run { app throws in
            _ = try await app.request(.post, "/v6/party/forgot-password", json: ["email": Demo.planner])
            let code = try #require(app.notifier.code(for: Demo.planner))
            let failing = FailingDatabase(app.services.database, failingOn: "token_generation")
            let identity = IdentityService(
                database: failing, tokens: app.services.identity.tokens, passwords: app.services.passwords,
                clock: app.clock, notifier: app.notifier, logger: Logger(label: "failing"))
            await #expect(throws: FailingDatabase.Failure.self) {
                try await identity.resetPassword(email: Demo.planner, code: code, password: "Reset-Passw0rd!")
            }
            #expect(try await app.authenticate(Demo.planner).status == .ok)
            #expect(try await app.authenticate(Demo.planner, password: "Reset-Passw0rd!").isError(401))
            // The code is still there: the reset can be made again.
            #expect(
                try await app.request(
                    .post, "/v6/party/reset-password",
                    json: ["email": Demo.planner, "verification_code": code, "password": "Reset-Passw0rd!"]
                ).status == .noContent)
        }
    }

    @Test("R-SEC-05: reset codes reach the log only when the development setting asks for it")
    func resetCodesInTheLogOnlyWhenAsked() async throws {
        for logs in [false, true] {
            let captured = CapturedLog()
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sm-log-\(UUID().uuidString)")
                .path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            var config = AppConfiguration()
            config.dataDirectory = directory
            config.databaseURL = try await TestDatabase.fresh(in: directory)
            config.bcryptCost = 4
            config.logsResetCodes = logs
            let logger = Logger(label: "captured") { _ in captured }
            let services = try await makeServices(config: config, logger: logger)
            try await services.identity.forgotPassword(email: Demo.planner)
            await services.database.shutdown()
            await TestDatabase.drop(config.databaseURL)
            #expect(captured.lines.contains { $0.contains("verification_code") } == logs, "\(captured.lines)")
        }
    }

    @Test("R-SEC-03: a token lookup in flight when the user logs out does not put the old caller back in the cache")
    func lookupRacingLogout() throws {
        let cache = PrincipalCache(lifetime: 5)
        let principal = Principal(
            user: User(
                email: Demo.planner, organisationReference: "7001", firstName: "P", lastName: "L", roles: [.planner],
                passwordHash: ""),
            organisation: Organisation(reference: "7001", name: "Anytown Water Ltd", type: .promoter, prefix: "AW"),
            contractedBy: [])
        let now = Date()
        let ticket = cache.beginLookup()  // a request reads the user…
        cache.evict(email: Demo.planner)  // …while the logout evicts them…
        cache.store(principal, token: "t", expires: now.addingTimeInterval(60), now: now, ticket: ticket)
        #expect(cache.principal(token: "t", now: now) == nil)  // …so what it read is not kept.
        cache.store(principal, token: "t", expires: now.addingTimeInterval(60), now: now, ticket: cache.beginLookup())
        #expect(cache.principal(token: "t", now: now) != nil)
    }

    @Test("Demo data is seeded only into an empty database, never beside organisations of its own")
    func demoDataOnlyIntoEmptyDatabase() async throws {
        let url = try await TestDatabase.fresh(in: "", seeded: false)
        var config = AppConfiguration()
        config.databaseURL = url ?? "sqlite://:memory:"
        let logger = Logger(label: "seed-test")
        let database = try await openDatabase(config: config, logger: logger)
        try await Migrator(database: database, logger: logger).migrate()
        try await IdentityRepository(database).insert(
            Organisation(reference: "9001", name: "A Real Council", type: .highwayAuthority, prefix: "RC"), at: Date())
        let seeded = try await DemoData.seed(into: database, passwords: PasswordHasher(cost: 4), now: Date())
        let users = try await database.first("SELECT COUNT(*) AS n FROM users", [])?.int("n")
        await database.shutdown()
        await TestDatabase.drop(url)
        #expect(!seeded)
        #expect(users == 0)
    }
}

/// A log handler that keeps every line (message and metadata).
final class CapturedLog: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    var lines: [String] { lock.withLock { stored } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(
        level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
        function: String, line: UInt
    ) {
        let all = self.metadata.merging(metadata ?? [:]) { _, new in new }
        lock.withLock { stored.append("\(message) \(all)") }
    }
}

/// A database whose transactions fail at the first statement mentioning `text`.
struct FailingDatabase: Database {
    struct Failure: Error {}

    let base: any Database
    let text: String

    init(_ base: any Database, failingOn text: String) {
        self.base = base
        self.text = text
    }

    var dialect: SQLDialect { base.dialect }

    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await base.query(sql, binds)
    }

    func transaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        let text = self.text
        return try await base.transaction { tx in try await body(Failing(tx: tx, text: text)) }
    }

    func shutdown() async {}

    struct Failing: SQLExecutor {
        let tx: any SQLExecutor
        let text: String
        var dialect: SQLDialect { tx.dialect }

        func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
            if sql.contains(text) { throw Failure() }
            return try await tx.query(sql, binds)
        }
    }
}
