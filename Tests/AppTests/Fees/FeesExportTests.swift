import Domain
import Foundation
import HTTPTypes
import NIOCore
import Store
import Testing

@testable import App

/// The fee report (R-FEE-07): `POST /export/fees/csv`, through the queued CSV exports.
@Suite("Fees export")
struct FeesExportTests {
    /// Grants a new works record's permit now; (WRN, PRN).
    func granted(_ app: TestApp, _ body: [String: Any]? = nil, as email: String = Demo.planner) async throws -> (
        String, String
    ) {
        let (wrn, prn) = try await app.submitWork(body, as: email)
        let response = try await app.assess(wrn, prn, ["assessment_status": "granted", "assessment_discount": 15])
        #expect(response.status == .noContent, "\(response.json)")
        return (wrn, prn)
    }

    /// Queues a fees export as `email`, renders it, and downloads it.
    func export(_ app: TestApp, _ body: [String: Any], as email: String = Demo.haOfficer) async throws -> JSONResponse {
        let token = try await app.token(email)
        let queued = try await app.request(.post, "/v6/export/fees/csv", token: token, json: body)
        #expect(queued.status == .ok, "\(queued.json)")
        let id = try #require(queued.json["csv_id"] as? Int)
        #expect(try await app.services.exporter().runOne() == Int64(id))
        return try await app.request(.get, "/v6/export/csv/\(id)", token: token)
    }

    func range(_ start: String, _ end: String, _ format: String = "all_orgs_one_csv") -> [String: Any] {
        ["start_date": start, "end_date": end, "fee_report_format": format]
    }

    /// The CSV as rows of fields by header.
    func records(_ text: String) -> [[String: String]] {
        let table = CSVExportTests.rows(text)
        guard let header = table.first else { return [] }
        return table.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// Four grants: on Monday 5, Tuesday 6 and Wednesday 7 January for Anytown Water (on
    /// traffic-sensitive USRN 10010013 first), and on Tuesday for Otherton Gas; all on Anytown's
    /// streets. The permits, in the order granted.
    func fourGrants(_ app: TestApp) async throws -> [String] {
        var permits: [String] = []
        permits.append(try await granted(app, app.workBody(usrn: 10_010_013)).1)
        app.clock.set(ISO8601.parse("2026-01-06T10:00:00Z")!)
        permits.append(try await granted(app).1)
        app.clock.set(ISO8601.parse("2026-01-06T15:00:00Z")!)
        try await IdentityRepository(app.services.database).insert(
            Workstream(organisationReference: "7002", prefix: "002", name: "Gas network"), at: app.clock.now())
        permits.append(
            try await granted(
                app, app.workBody(overrides: ["promoter_swa_code": "7002", "workstream_prefix": "002"]),
                as: Demo.gasPlanner
            ).1)
        app.clock.set(ISO8601.parse("2026-01-07T10:00:00Z")!)
        permits.append(try await granted(app).1)
        return permits
    }

    @Test("R-FEE-07: one row per chargeable transaction dated in the range, oldest first, with the report's facts")
    func rowsOrderAndRange() async throws {
        try await TestApp.run { app throws in
            let permits = try await fourGrants(app)
            let all = try await export(app, range("2026-01-05T00:00:00Z", "2026-01-07T23:59:59Z"))
            #expect(all.status == .ok)
            #expect(all.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(
                all.headers[HTTPField.Name("Content-Disposition")!]
                    == "attachment; filename=\"fees_2026-01-07_10-00-00.csv\"")
            let text = String(buffer: all.body)
            #expect(CSVExportTests.rows(text).first == FeesFeature.feesExport.columns.map(\.header))
            let rows = records(text)
            #expect(rows.map { $0["permit_reference_number"] } == permits)
            #expect(
                rows.map { $0["transaction_date"] } == [
                    "2026-01-05T09:00:00.000Z", "2026-01-06T10:00:00.000Z", "2026-01-06T15:00:00.000Z",
                    "2026-01-07T10:00:00.000Z",
                ])
            let first = try #require(rows.first)
            #expect(first["transaction_type"] == "grant")
            #expect(first["promoter_organisation"] == "Anytown Water Ltd")
            #expect(first["highway_authority"] == "Anytown Borough Council")
            #expect(first["usrn"] == "10010013")
            #expect(first["road_category"] == "2")
            #expect(first["is_street_traffic_sensitive"] == "true")
            #expect(first["is_works_traffic_sensitive"] == "false")
            #expect(first["work_category"] == "minor")
            #expect(first["work_type"] == "planned")
            #expect(first["assessment_discount"] == "15")
            #expect(first["change_request_reference_number"] == "")
            #expect(rows[1]["is_street_traffic_sensitive"] == "false")
            #expect(rows[2]["promoter_swa_code"] == "7002")

            // Only the range: both ends included, to the millisecond.
            let middle = records(
                String(
                    buffer: try await export(app, range("2026-01-06T10:00:00Z", "2026-01-06T15:00:00Z")).body))
            #expect(middle.map { $0["permit_reference_number"] } == [permits[1], permits[2]])
            let none = records(
                String(
                    buffer: try await export(app, range("2026-01-06T10:00:00.001Z", "2026-01-06T14:59:59.999Z")).body))
            #expect(none.isEmpty)

            // A promoter sees its own transactions; another authority none of these.
            let planner = records(
                String(
                    buffer: try await export(
                        app, range("2026-01-01T00:00:00Z", "2026-01-31T00:00:00Z"), as: Demo.planner
                    ).body))
            #expect(planner.map { $0["permit_reference_number"] } == [permits[0], permits[1], permits[3]])
            let otherton = records(
                String(
                    buffer: try await export(
                        app, range("2026-01-01T00:00:00Z", "2026-01-31T00:00:00Z"), as: Demo.othertonOfficer
                    ).body))
            #expect(otherton.isEmpty)
        }
    }

    @Test("R-FEE-07: the works category is the one the permit has when the report runs (three rows, all major)")
    func currentCategory() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await granted(app)
            let cr = try #require(
                try await app.request(
                    .post, "/v6/work/works/\(wrn)/permits/\(prn)/alterations",
                    token: try await app.token(Demo.planner), json: ["change_request_reason": "Longer"]
                ).json["change_request_reference_number"] as? String)
            app.clock.advance(by: 60)
            // The grant of a change that re-categorises the permit (R-CAT-12), in one works command.
            try await WorksCommand(app.services).run(on: wrn, by: .system) { change in
                var permit = try await change.permit(prn)
                permit.workCategory = .major
                try await change.permits.update(permit)
                change.record(
                    .alterationGranted, object: .changeRequest, reference: cr, permit: prn,
                    details: "Change request \(cr) granted")
            }
            let rows = records(
                String(buffer: try await export(app, range("2026-01-05T00:00:00Z", "2026-01-05T23:59:59Z")).body))
            #expect(rows.map { $0["transaction_type"] } == ["grant", "change_request_grant", "works_category_change"])
            #expect(rows.map { $0["work_category"] } == ["major", "major", "major"])
            #expect(rows.map { $0["previous_work_category"] } == ["", "", "minor"])
            #expect(rows.map { $0["change_request_reference_number"] } == ["", cr, cr])
        }
    }

    @Test("R-FEE-07: one organisation's transactions with swa_code_filter, from either side")
    func singleOrganisation() async throws {
        try await TestApp.run { app throws in
            let permits = try await fourGrants(app)
            let gas = records(
                String(
                    buffer: try await export(
                        app,
                        range("2026-01-05T00:00:00Z", "2026-01-07T23:59:59Z", "single_org_one_csv").merging([
                            "swa_code_filter": "7002"
                        ]) { $1 }
                    ).body))
            #expect(gas.map { $0["permit_reference_number"] } == [permits[2]])
            let anytown = records(
                String(
                    buffer: try await export(
                        app,
                        range("2026-01-05T00:00:00Z", "2026-01-07T23:59:59Z", "single_org_one_csv").merging([
                            "swa_code_filter": "1001"
                        ]) { $1 }, as: Demo.planner
                    ).body))
            #expect(anytown.map { $0["permit_reference_number"] } == [permits[0], permits[1], permits[3]])
            let otherton = records(
                String(
                    buffer: try await export(
                        app,
                        range("2026-01-05T00:00:00Z", "2026-01-07T23:59:59Z", "single_org_one_csv").merging([
                            "swa_code_filter": "1002"
                        ]) { $1 }, as: Demo.planner
                    ).body))
            #expect(otherton.isEmpty)
        }
    }

    @Test("R-FEE-07: one CSV per organisation, delivered as a zip of them")
    func oneFilePerOrganisation() async throws {
        try await TestApp.run { app throws in
            let permits = try await fourGrants(app)
            let file = try await export(
                app, range("2026-01-05T00:00:00Z", "2026-01-07T23:59:59Z", "all_orgs_multiple_csvs"))
            #expect(file.status == .ok)
            #expect(file.headers[.contentType] == "application/zip")
            #expect(
                file.headers[HTTPField.Name("Content-Disposition")!]
                    == "attachment; filename=\"fees_2026-01-07_10-00-00.zip\"")
            let entries = try ZipReading.entries(Array(file.body.readableBytesView))
            #expect(entries.map(\.name) == ["fees_7001.csv", "fees_7002.csv"])
            let anytownWater = records(String(decoding: entries[0].data, as: UTF8.self))
            #expect(anytownWater.map { $0["permit_reference_number"] } == [permits[0], permits[1], permits[3]])
            #expect(
                CSVExportTests.rows(String(decoding: entries[1].data, as: UTF8.self)).first?.first == "transaction_date"
            )
            #expect(
                records(String(decoding: entries[1].data, as: UTF8.self)).map { $0["permit_reference_number"] } == [
                    permits[2]
                ])

            // The list says what it is; a client that accepts only CSV is told it is a zip.
            let listed = try await app.request(
                .get, "/v6/reporting/csv-exports", token: try await app.token(Demo.haOfficer))
            let row = try #require((listed.json["rows"] as? [[String: Any]])?.first)
            #expect(row["csv_export_type"] as? String == "FEE")
            #expect(row["filename"] as? String == "fees_2026-01-07_10-00-00.zip")
            let id = try #require(row["csv_export_id"] as? Int)
            let csvOnly = try await app.request(
                .get, "/v6/export/csv/\(id)", token: try await app.token(Demo.haOfficer),
                headers: [.accept: "text/csv"])
            #expect(csvOnly.isError(406), "\(csvOnly.status) \(csvOnly.json)")

            // A promoter's: one file per highway authority; none at all is an empty zip.
            let promoter = try ZipReading.entries(
                Array(
                    try await export(
                        app, range("2026-01-05T00:00:00Z", "2026-01-07T23:59:59Z", "all_orgs_multiple_csvs"),
                        as: Demo.planner
                    ).body.readableBytesView))
            #expect(promoter.map(\.name) == ["fees_1001.csv"])
            let empty = try await export(
                app, range("2026-02-01T00:00:00Z", "2026-02-02T00:00:00Z", "all_orgs_multiple_csvs"))
            #expect(try ZipReading.entries(Array(empty.body.readableBytesView)).isEmpty)
        }
    }

    @Test("R-FEE-07: the range, the format and the organisation are checked when asked for: 400s naming each field")
    func validation() async throws {
        try await TestApp.run { app throws in
            let officer = try await app.token(Demo.haOfficer)
            func ask(_ body: [String: Any]?, token: String? = nil) async throws -> JSONResponse {
                try await app.request(.post, "/v6/export/fees/csv", token: token ?? officer, json: body)
            }
            #expect(
                Set(try await ask(nil).fieldErrors.keys) == ["start_date", "end_date", "fee_report_format"])
            #expect(
                Set(try await ask([String: Any]()).fieldErrors.keys) == ["start_date", "end_date", "fee_report_format"])
            let tooLong = try await ask(range("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"))
            #expect(tooLong.fieldErrors["start_date"]?.hasPrefix("R-FEE-07") == true, "\(tooLong.json)")
            #expect(try await ask(range("2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z")).fieldErrors["end_date"] != nil)
            #expect(
                try await ask(range("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", "single_org_one_csv")).fieldErrors[
                    "swa_code_filter"] != nil)
            #expect(
                try await ask(
                    range("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", "single_org_one_csv").merging([
                        "swa_code_filter": "ZZ99"
                    ]) { $1 }
                ).fieldErrors["swa_code_filter"] == "names no organisation")
            #expect(
                try await ask(range("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", "every_org")).fieldErrors[
                    "fee_report_format"] != nil)
            #expect(
                try await ask(range("9000-01-01T00:00:00Z", "9000-01-02T00:00:00Z")).fieldErrors["start_date"] != nil)
            let contractor = try await app.token(Demo.contractor)
            #expect(
                try await ask(range("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"), token: contractor).fieldErrors[
                    "swa_code"] != nil)
            // Nothing was queued.
            let listed = try await app.request(.get, "/v6/reporting/csv-exports", token: officer)
            #expect((listed.json["rows"] as? [Any])?.isEmpty == true, "\(listed.json)")
            // Exactly 30 days is fine; a contractor names the promoter it acts for.
            #expect(try await ask(range("2026-01-01T00:00:00Z", "2026-01-31T23:59:59Z")).status == .ok)
            #expect(
                try await ask(
                    range("2026-01-01T00:00:00Z", "2026-01-31T23:59:59Z").merging(["swa_code": "7001"]) { $1 },
                    token: contractor
                ).status == .ok)
        }
    }
}

/// Reads a zip file through its central directory (stored entries), checking each entry's CRC.
enum ZipReading {
    struct Entry {
        var name: String
        var data: [UInt8]
    }

    struct Malformed: Error {}

    static func u16(_ bytes: [UInt8], _ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
    static func u32(_ bytes: [UInt8], _ at: Int) -> Int { u16(bytes, at) | u16(bytes, at + 2) << 16 }

    static func entries(_ bytes: [UInt8]) throws -> [Entry] {
        let end = bytes.count - 22
        guard end >= 0, u32(bytes, end) == 0x0605_4b50 else { throw Malformed() }
        let count = u16(bytes, end + 10)
        var at = u32(bytes, end + 16)
        var entries: [Entry] = []
        for _ in 0..<count {
            guard u32(bytes, at) == 0x0201_4b50, u16(bytes, at + 10) == 0 else { throw Malformed() }
            let crc = UInt32(u32(bytes, at + 16))
            let size = u32(bytes, at + 24)
            let nameLength = u16(bytes, at + 28)
            let extra = u16(bytes, at + 30)
            let comment = u16(bytes, at + 32)
            let local = u32(bytes, at + 42)
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            guard u32(bytes, local) == 0x0403_4b50 else { throw Malformed() }
            let start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28)
            let data = Array(bytes[start..<(start + size)])
            guard crc32(data) == crc, u32(bytes, start + size) == 0x0807_4b50 else { throw Malformed() }
            entries.append(Entry(name: name, data: data))
            at += 46 + nameLength + extra + comment
        }
        return entries
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xffff_ffff
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xedb8_8320 : crc >> 1 }
        }
        return crc ^ 0xffff_ffff
    }
}
