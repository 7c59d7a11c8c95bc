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

/// What only PostgreSQL does: several server processes on one database, processes starting at
/// the same moment, and connections secured by `sslmode`.
@Suite("PostgreSQL: several processes, simultaneous starts, TLS", .enabled(if: TestDatabase.isPostgres))
struct PostgresTests {
    @Test("Two processes migrating an empty database at the same moment both start (the lock comes first)")
    func simultaneousMigrations() async throws {
        let base = try #require(TestDatabase.postgresURL)
        for attempt in 0..<4 {
            let name = "t_migrate_\(attempt)_" + UUID().uuidString.prefix(8).lowercased()
            try await Templates.shared.admin(base).query("CREATE DATABASE \(name)", [])
            let url = TestDatabase.replacingDatabase(of: base, with: name)
            var config = AppConfiguration()
            config.databaseURL = url
            let logger = Logger(label: "migrate-race")
            let first = try await openDatabase(config: config, logger: logger)
            let second = try await openDatabase(config: config, logger: logger)
            async let a = Migrator(database: first, logger: logger).migrate()
            async let b = Migrator(database: second, logger: logger).migrate()
            let applied = try await (a, b)
            await first.shutdown()
            await second.shutdown()
            await TestDatabase.drop(url)
            // One of them applied every migration, the other found nothing left to do.
            #expect(Set([applied.0.count, applied.1.count]) == [0, Migrator.all.count], "attempt \(attempt)")
        }
    }

    @Test("Two processes on one database: tokens cross, 200 parallel creates are all seen by both, polling agrees")
    func twoNodes() async throws {
        let url = try await TestDatabase.fresh(in: "")
        defer { Task { await TestDatabase.drop(url) } }
        func node() async throws -> (AppServices, Application<RouterResponder<AppRequestContext>>) {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "sm-node-\(UUID().uuidString)"
            )
            .path
            var config = AppConfiguration()
            config.dataDirectory = directory
            config.databaseURL = url
            config.tokenSigningKey = "shared-signing-key-of-both-nodes-0123456789"
            config.bcryptCost = 4
            config.logLevel = .warning
            config.rateLimitPerMinute = 0
            let services = try await makeServices(config: config, logger: Logger(label: "node"))
            return (services, Application(router: try buildRouter(services: services, config: config)))
        }
        let (servicesA, appA) = try await node()
        let (servicesB, appB) = try await node()
        try await appA.test(.router) { a in
            try await appB.test(.router) { b in
                let signIn = try await a.execute(
                    uri: "/v6/work/authenticate", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(
                        string: #"{"emailAddress": "planner@anytown-water.example", "password": "Demo-Passw0rd!"}"#))
                let token = try #require(
                    (try JSONSerialization.jsonObject(with: Data(signIn.body.readableBytesView)) as? [String: Any])?[
                        "idToken"] as? String)
                let headers: HTTPFields = [.init("token")!: token, .contentType: "application/json"]
                // A token signed by one node is accepted by the other.
                #expect(
                    try await b.execute(uri: "/v6/party/organisations/7001", method: .get, headers: headers).status
                        == .ok)

                let start = ISO8601.format(Date().addingTimeInterval(40 * 86_400))
                let end = ISO8601.format(Date().addingTimeInterval(42 * 86_400))
                let body = """
                    {"promoter_swa_code": "7001", "highway_authority_swa_code": "1001", "usrn": 10010001,
                    "workstream_prefix": "001", "works_coordinates": {"type": "Point", "coordinates": [451000, 201000]},
                    "work_type": "planned", "is_ttro_required": false, "proposed_start_date": "\(start)",
                    "proposed_end_date": "\(end)", "description_of_work": "Node test",
                    "works_location_description": "Outside", "activity_type": "utility_repair_and_maintenance_works",
                    "traffic_management_type": "road_closure", "application_type": "permit",
                    "location_types": ["carriageway"], "close_footway": "no", "close_footpath": "no", "excavation": true,
                    "traffic_management_plan": false, "lane_rental_applicable": false, "collaborative_working": false,
                    "others_can_collaborate_on_work": false, "reason_for_non_collaboration": "Small job",
                    "secondary_contact": "Sam", "secondary_contact_number": "07000 000000"}
                    """
                let created = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for i in 0..<200 {
                        let client: any TestClientProtocol = i.isMultiple(of: 2) ? a : b
                        group.addTask {
                            try await client.execute(
                                uri: "/v6/work/works", method: .post, headers: headers, body: ByteBuffer(string: body)
                            ).status
                        }
                    }
                    return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
                }
                #expect(created.allSatisfy { $0 == .created }, "\(Set(created))")
                for client in [a, b] as [any TestClientProtocol] {
                    let list = try await client.execute(
                        uri: "/v6/reporting/permits?include_total_count=true", method: .get, headers: headers)
                    let pagination =
                        (try JSONSerialization.jsonObject(with: Data(list.body.readableBytesView))
                        as? [String: Any])?["pagination"] as? [String: Any]
                    #expect(pagination?["total_rows"] as? Int == 200)
                }
                func feed(_ client: any TestClientProtocol) async throws -> [Int] {
                    var ids: [Int] = []
                    var after = 0
                    while true {
                        let page = try await client.execute(
                            uri: "/v6/event/works/updates?update_id=\(after)&page_size=250", method: .get,
                            headers: headers)
                        let rows =
                            (try JSONSerialization.jsonObject(with: Data(page.body.readableBytesView))
                            as? [String: Any])?["rows"] as? [[String: Any]] ?? []
                        if rows.isEmpty { return ids }
                        ids += rows.compactMap { $0["update_id"] as? Int }
                        after = ids.last ?? after
                    }
                }
                let fromA = try await feed(a)
                let fromB = try await feed(b)
                #expect(fromA.count == 400)  // a works record and a permit each
                #expect(fromA == fromB)
                #expect(fromA == fromA.sorted())
            }
        }
        await servicesA.database.shutdown()
        await servicesB.database.shutdown()
    }

    @Test("sslmode in DATABASE_URL is honoured: require and verify-full connect over TLS, disable does not")
    func tls() async throws {
        let base = try #require(TestDatabase.postgresURL)
        let ca = ProcessInfo.processInfo.environment["TEST_DATABASE_CA"]
        func usesTLS(_ query: String) async throws -> Bool {
            var components = URLComponents(string: base)!
            components.query = query
            var config = AppConfiguration()
            config.databaseURL = components.string!
            let database = try await openDatabase(config: config, logger: Logger(label: "tls"))
            defer { Task { await database.shutdown() } }
            return try await database.first("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", [])?
                .bool("ssl") ?? false
        }
        #expect(try await usesTLS("sslmode=disable") == false)
        #expect(try await usesTLS("sslmode=require") == true)
        #expect(try await usesTLS("sslmode=prefer") == true)
        if let ca {
            #expect(try await usesTLS("sslmode=verify-ca&sslrootcert=\(ca)") == true)
            #expect(try await usesTLS("sslmode=verify-full&sslrootcert=\(ca)") == true)
        }
    }
}

@Suite("DATABASE_URL")
struct DatabaseURLTests {
    @Test("DATABASE_URL: sslmode values and unknown parameters")
    func parsesSSLMode() throws {
        guard case .postgres(_, _, _, _, _, let tls) = try DatabaseLocation.parse(url: "postgres://u@h/db") else {
            Issue.record("not PostgreSQL")
            return
        }
        #expect(tls.mode == .prefer)
        for (text, mode) in [
            ("disable", PostgresTLS.Mode.disable), ("allow", .prefer), ("prefer", .prefer), ("require", .require),
            ("verify-ca", .verifyCA), ("verify-full", .verifyFull),
        ] {
            let location = try DatabaseLocation.parse(url: "postgres://u@h/db?sslmode=\(text)&sslrootcert=/ca.pem")
            #expect(
                location
                    == .postgres(
                        host: "h", port: 5432, user: "u", password: nil, database: "db",
                        tls: PostgresTLS(mode: mode, rootCertificate: "/ca.pem")))
        }
        #expect(throws: StoreError.self) { try DatabaseLocation.parse(url: "postgres://u@h/db?sslmode=sometimes") }
        #expect(throws: StoreError.self) { try DatabaseLocation.parse(url: "postgres://u@h/db?timeout=3") }
    }
}
