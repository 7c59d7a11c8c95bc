import App
import Foundation
import Logging
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Drives the real `street-manager` executable over a socket.
@Suite("Live server process")
struct LiveServerTests {
    /// The executable built beside the test bundle.
    static var executable: URL? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("street-manager")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    struct Server {
        let process: Process
        let base: String
    }

    static func freePort() -> Int { Int.random(in: 20_000..<60_000) }

    static func start(
        dataDirectory: String, databaseURL: String?, port: Int, environment extra: [String: String] = [:]
    ) async throws -> Server {
        let process = Process()
        process.executableURL = try #require(executable, "street-manager executable not built")
        process.arguments = ["serve", "--port", String(port), "--data-dir", dataDirectory]
        var environment = ProcessInfo.processInfo.environment
        environment["LOG_LEVEL"] = "warning"
        environment["BCRYPT_COST"] = "4"
        environment["DATABASE_URL"] = databaseURL ?? ""
        environment.merge(extra) { _, new in new }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let base = "http://127.0.0.1:\(port)"
        for _ in 0..<600 {
            if let (status, _) = try? await call(base, "GET", "/v6/work/status"), status == 200 {
                return Server(process: process, base: base)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        process.terminate()
        throw CancellationError()
    }

    static func call(_ base: String, _ method: String, _ path: String, json: [String: Any]? = nil, token: String? = nil)
        async throws -> (Int, [String: Any])
    {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "content-type")
        }
        if let token { request.setValue(token, forHTTPHeaderField: "token") }
        let (data, response) = try await URLSession.shared.data(for: request)
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, object)
    }

    @Test("A write answered 201 survives kill -9 of the server right after (SQLite WAL + synchronous=FULL, PostgreSQL)")
    func acknowledgedWriteSurvivesKill() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sm-live-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let databaseURL = try await TestDatabase.fresh(in: directory)
        let port = Self.freePort()

        var server = try await Self.start(dataDirectory: directory, databaseURL: databaseURL, port: port)
        let (_, signIn) = try await Self.call(
            server.base, "POST", "/v6/work/authenticate",
            json: ["emailAddress": "planner@anytown-water.example", "password": DemoData.password])
        let token = try #require(signIn["idToken"] as? String)
        let (status, _) = try await Self.call(
            server.base, "POST", "/v6/party/organisations/7001/workstreams", json: ["prefix": "321", "name": "Kept"],
            token: token)
        kill(server.process.processIdentifier, SIGKILL)
        server.process.waitUntilExit()
        #expect(status == 201)

        server = try await Self.start(dataDirectory: directory, databaseURL: databaseURL, port: port)
        defer { server.process.terminate() }
        // The signing key was kept in the data directory: the old token still works.
        let (after, workstream) = try await Self.call(
            server.base, "GET", "/v6/party/organisations/7001/workstreams/321", token: token)
        #expect(after == 200)
        #expect(workstream["name"] as? String == "Kept")
        server.process.terminate()
        server.process.waitUntilExit()
        await TestDatabase.drop(databaseURL)
    }

    @Test(
        "R-DATA-04: an export whose server is killed mid-way stays in progress until its lease runs out, then another server finishes it"
    )
    func exportSurvivesKilledServer() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sm-live-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let databaseURL = try await TestDatabase.fresh(in: directory)
        var config = AppConfiguration()
        config.dataDirectory = directory
        config.databaseURL = databaseURL
        let logger = Logger(label: "live-export")
        let database = try await openDatabase(config: config, logger: logger)
        try await SyntheticHistory.generate(into: database, works: 10_000)
        let expected = try await database.first(
            "SELECT COUNT(*) AS n FROM permits WHERE promoter_swa_code = '7001'", [])?.int("n")
        await database.shutdown()

        let lease = ["CSV_EXPORT_LEASE_SECONDS": "2"]
        let port = Self.freePort()
        let first = try await Self.start(
            dataDirectory: directory, databaseURL: databaseURL, port: port, environment: lease)
        let (_, signIn) = try await Self.call(
            first.base, "POST", "/v6/work/authenticate",
            json: ["emailAddress": "planner@anytown-water.example", "password": DemoData.password])
        let token = try #require(signIn["idToken"] as? String)
        let (queued, body) = try await Self.call(first.base, "POST", "/v6/export/permits/csv", json: [:], token: token)
        #expect(queued == 200)
        let id = try #require(body["csv_id"] as? Int)
        func status(_ base: String) async throws -> String? {
            let (_, list) = try await Self.call(base, "GET", "/v6/reporting/csv-exports", token: token)
            return (list["rows"] as? [[String: Any]])?.first { $0["csv_export_id"] as? Int == id }?["csv_export_status"]
                as? String
        }
        var seen: String? = nil
        for _ in 0..<500 {
            seen = try await status(first.base)
            if seen != "queued" { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()
        #expect(seen == "in_progress")

        let second = try await Self.start(
            dataDirectory: directory, databaseURL: databaseURL, port: port, environment: lease)
        defer { second.process.terminate() }
        #expect(try await status(second.base) == "in_progress")  // until the dead server's lease runs out
        var finished: String? = nil
        for _ in 0..<600 {
            finished = try await status(second.base)
            if finished == "ready" || finished == "failed" { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(finished == "ready")
        var request = URLRequest(url: URL(string: second.base + "/v6/export/csv/\(id)")!)
        request.setValue(token, forHTTPHeaderField: "token")
        let (data, _) = try await URLSession.shared.data(for: request)
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\r\n")
        #expect(lines.count == (expected ?? -1) + 1)  // the header, then every permit of the promoter once
        #expect(Set(lines).count == lines.count)
        second.process.terminate()
        second.process.waitUntilExit()
        await TestDatabase.drop(databaseURL)
    }
}
