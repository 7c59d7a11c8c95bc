import App
import Foundation
import Logging
import Store
import Testing

/// Schema changes applied to databases that already hold data.
@Suite("Schema migrations over existing data")
struct MigrationTests {
    /// An empty database of the suite's kind, and its URL (nil: an in-memory SQLite).
    static func emptyDatabase() async throws -> String? {
        guard let base = TestDatabase.postgresURL else { return nil }
        let name = "t_empty_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await Templates.shared.admin(base).query("CREATE DATABASE \(name)", [])
        return TestDatabase.replacingDatabase(of: base, with: name)
    }

    @Test("A permit stored before migrations 14 and 15 keeps its application (now in its own table) and its discount")
    func applicationsMoveOut() async throws {
        let url = try await Self.emptyDatabase()
        var config = AppConfiguration()
        config.databaseURL = url ?? "sqlite://:memory:"
        let logger = Logger(label: "migration-test")
        let database = try await openDatabase(config: config, logger: logger)
        let migrator = Migrator(database: database, logger: logger)
        try await migrator.migrate(Migrator.all.filter { $0.version < 14 })
        _ = try await DemoData.seed(into: database, passwords: PasswordHasher(cost: 4), now: TestApp.start)
        let at = Int64(TestApp.start.timeIntervalSince1970 * 1000)
        let payload =
            #"{"activity_type":"utility-repair-and-maintenance-works","works_location_description":"Outside 4"}"#
        try await database.query(
            """
            INSERT INTO works (work_reference_number, promoter_swa_code, highway_authority_swa_code, workstream_prefix,
            usrn, street_name, road_category, works_coordinates, work_status, active_permit_reference_number,
            created_at, updated_at) VALUES ('AW0100000001', '7001', '1001', 'AW', 10010001, 'High Street', 2,
            '{"type":"Point","coordinates":[451500,202000]}', 'planned', 'AW0100000001-01', ?, ?)
            """, [.int(at), .int(at)])
        try await database.query(
            """
            INSERT INTO permits (permit_reference_number, work_reference_number, sequence, promoter_swa_code,
            highway_authority_swa_code, workstream_prefix, permit_status, work_category, work_type,
            proposed_start_date, proposed_end_date, calendar_day_duration, working_day_duration, deadline_date,
            description_of_work, street_name, usrn, payload, not_selected_asds, assessment, date_created, date_modified)
            VALUES ('AW0100000001-01', 'AW0100000001', 1, '7001', '1001', 'AW', 'granted', 'minor', 'planned',
            ?, ?, 3, 3, '2026-01-09', 'Repair a valve', 'High Street', 10010001, ?, '[{"street_special_desig_code":2}]',
            '{"assessment_discount":25,"assessment_status":"granted"}', ?, ?)
            """, [.int(at), .int(at + 172_800_000), .text(payload), .int(at), .int(at)])

        let applied = try await migrator.migrate()
        let permit = try await PermitRepository(database).permit("AW0100000001-01")
        let (work, sameOne) = try #require(
            try await PermitRepository(database).permit("AW0100000001-01", ofWork: "AW0100000001"))
        let listed = try await PermitRepository(database).permits(ofWork: "AW0100000001")
        let leftInPermits = try? await database.query("SELECT payload FROM permits", [])
        await database.shutdown()
        await TestDatabase.drop(url)

        #expect(applied == Migrator.all.map(\.version).filter { $0 >= 14 })
        #expect(permit?.assessmentDiscount == 25, "R-FEE-05: the grant's discount is carried into its column")
        #expect(permit?.payload == payload)
        #expect(permit?.notSelectedASDs == #"[{"street_special_desig_code":2}]"#)
        #expect(work.workReferenceNumber == "AW0100000001" && sameOne.payload == payload)
        #expect(listed.map(\.payload) == [payload])
        #expect(leftInPermits == nil, "the permits table no longer holds the application")
    }
}
