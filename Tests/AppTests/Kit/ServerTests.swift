import App
import Foundation
import Store
import Testing

@Suite("Server: status, documents, request ids, rate limit, migrations")
struct ServerTests {
    @Test("Every API answers GET /status without a token, under /v6 and /latest")
    func status() async throws {
        try await TestApp.run { app throws in
            for api in ["work", "reporting", "lookup", "geojson", "party", "export", "event", "sampling", "worklist"] {
                for prefix in ["v6", "latest"] {
                    let response = try await app.request(.get, "/\(prefix)/\(api)/status")
                    #expect(response.status == .ok, "\(prefix)/\(api)")
                    #expect(response.json["api"] as? String == api)
                }
            }
        }
    }

    @Test("Each API publishes its OpenAPI document at openapi.json and swagger.json")
    func documents() async throws {
        try await TestApp.run { app throws in
            for api in ["work", "reporting", "lookup", "geojson", "party", "export", "event", "sampling", "worklist"] {
                for name in ["openapi.json", "swagger.json"] {
                    let response = try await app.request(.get, "/v6/\(api)/\(name)")
                    #expect(response.status == .ok)
                    #expect(response.json["openapi"] as? String == "3.1.0")
                    let servers = response.json["servers"] as? [[String: Any]]
                    #expect(servers?.first?["url"] as? String == "/v6/\(api)")
                }
            }
        }
    }

    @Test("x-request-id is echoed, or generated when absent")
    func requestID() async throws {
        try await TestApp.run { app throws in
            let echoed = try await app.request(.get, "/v6/work/status", headers: [.init("x-request-id")!: "abc-123"])
            #expect(echoed.headers[.init("x-request-id")!] == "abc-123")
            let generated = try await app.request(.get, "/v6/work/status")
            #expect(generated.headers[.init("x-request-id")!]?.count == 36)
            let failed = try await app.request(
                .get, "/v6/party/organisations", headers: [.init("x-request-id")!: "zzz"])
            #expect(failed.isError(401))
            #expect(failed.headers[.init("x-request-id")!] == "zzz")
        }
    }

    @Test("Unknown paths get 404 with the standard error body")
    func unknownPath() async throws {
        try await TestApp.run { app throws in
            #expect(try await app.request(.get, "/v6/nothing/here").isError(404))
        }
    }

    @Test("R-SEC-08: past the per-client limit a caller gets 429 with the standard body")
    func rateLimit() async throws {
        try await TestApp.run(configure: { $0.rateLimitPerMinute = 3 }) { app throws in
            for _ in 0..<3 { #expect(try await app.request(.get, "/v6/work/status").status == .ok) }
            let limited = try await app.request(.get, "/v6/work/status")
            #expect(limited.isError(429))
            #expect(limited.headers[.retryAfter] == "60")
        }
    }

    @Test("Migrations are versioned and idempotent; seeding twice adds nothing")
    func migrationsIdempotent() async throws {
        try await TestApp.run { app throws in
            let migrator = Migrator(database: app.services.database, logger: .init(label: "test"))
            #expect(try await migrator.migrate().isEmpty)
            let versions = try await app.services.database.query(
                "SELECT version FROM schema_migrations ORDER BY version", [])
            #expect(versions.compactMap { $0.int("version") } == Migrator.all.map(\.version))
            #expect(
                try await DemoData.seed(into: app.services.database, passwords: app.services.passwords, now: Date())
                    == false)
            let users = try await app.services.database.first("SELECT COUNT(*) AS n FROM users", [])
            #expect(users?.int("n") == DemoData.accounts.count)
        }
    }
}
