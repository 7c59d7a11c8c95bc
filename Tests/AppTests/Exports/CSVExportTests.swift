import CompressNIO
import Domain
import Foundation
import NIOCore
import Store
import Testing

@testable import App

/// CSV exports (R-DATA-04): queued, rendered exactly once by whichever process claims them,
/// downloaded by their owner only.
@Suite("CSV exports: queue, render, download")
struct CSVExportTests {
    /// The CSV body split into rows of fields (no field in these tests holds a line break).
    static func rows(_ text: String) -> [[String]] {
        text.split(separator: "\r\n").map { line in
            var fields: [String] = []
            var field = ""
            var quoted = false
            let characters = Array(line)
            var index = 0
            while index < characters.count {
                let character = characters[index]
                if quoted, character == "\"" {
                    if index + 1 < characters.count, characters[index + 1] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        quoted = false
                    }
                } else if character == "\"" {
                    quoted = true
                } else if character == ",", !quoted {
                    fields.append(field)
                    field = ""
                } else {
                    field.append(character)
                }
                index += 1
            }
            fields.append(field)
            return fields
        }
    }

    @Test("R-DATA-04: a permits export is queued, rendered once, listed, and downloaded by its owner as CSV")
    func permitsExport() async throws {
        try await TestApp.run { app throws in
            var references: [String] = []
            for _ in 0..<3 { references.append(try await app.submitWork().1) }
            try await IdentityRepository(app.services.database).insert(
                Workstream(organisationReference: "7002", prefix: "002", name: "Gas network"), at: app.clock.now())
            _ = try await app.submitWork(
                app.workBody(overrides: ["promoter_swa_code": "7002", "workstream_prefix": "002"]), as: Demo.gasPlanner)
            let planner = try await app.token(Demo.planner)
            let queued = try await app.request(
                .post, "/v6/export/permits/csv", token: planner,
                json: ["status": ["submitted"], "export_description": "My permits", "description_of_work": "x"])
            #expect(queued.status == .ok, "\(queued.json)")
            let id = try #require(queued.json["csv_id"] as? Int)

            let listed = try await app.request(.get, "/v6/reporting/csv-exports", token: planner)
            let row = try #require((listed.json["rows"] as? [[String: Any]])?.first, "\(listed.json)")
            #expect(row["csv_export_id"] as? Int == id)
            #expect(row["csv_export_status"] as? String == "queued")
            #expect(row["csv_export_type"] as? String == "PERMIT")
            #expect(row["export_description"] as? String == "My permits")
            #expect(row["filename"] as? String == "permits_2026-01-05_09-00-00.csv")
            #expect(try await app.request(.get, "/v6/export/csv/\(id)", token: planner).isError(412))
            // One queued export at a time.
            let second = try await app.request(.post, "/v6/export/permits/csv", token: planner, json: [String: Any]())
            #expect(second.isError(409))
            #expect(second.message?.contains("R-DATA-04") == true)

            let exporter = app.services.exporter()
            #expect(try await exporter.runOne() == Int64(id))
            #expect(try await exporter.runOne() == nil)
            let ready = try await app.request(.get, "/v6/reporting/csv-exports", token: planner)
            #expect((ready.json["rows"] as? [[String: Any]])?.first?["csv_export_status"] as? String == "ready")

            let file = try await app.request(.get, "/v6/export/csv/\(id)", token: planner)
            #expect(file.status == .ok)
            #expect(file.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(
                file.headers[.init("Content-Disposition")!]
                    == "attachment; filename=\"permits_2026-01-05_09-00-00.csv\"")
            let table = Self.rows(String(buffer: file.body))
            let header = try #require(table.first)
            #expect(header.first == "work_reference_number")
            #expect(header == PermitsFeature.permitsExport.columns.map(\.header))
            let column = { (name: String) in header.firstIndex(of: name)! }
            #expect(Set(table.dropFirst().map { $0[column("permit_reference_number")] }) == Set(references))
            for fields in table.dropFirst() {
                #expect(fields.count == header.count)
                #expect(fields[column("status")] == "submitted")
                #expect(fields[column("promoter_organisation")] == "Anytown Water Ltd")
                #expect(fields[column("location_description")] == "Outside number 12")
                #expect(fields[column("is_deemed")] == "false")
                #expect(fields[column("has_no_final_reinstatement")] == "true")
                #expect(fields[column("proposed_start_date")] == "2026-02-02T09:00:00.000Z")
            }
            // The owner's only: nobody else finds it.
            #expect(
                try await app.request(.get, "/v6/export/csv/\(id)", token: try await app.token(Demo.haOfficer))
                    .isError(404))
            // Now another may be queued, with no body at all (the body is optional: every filter is).
            #expect(try await app.request(.post, "/v6/export/permits/csv", token: planner).status == .ok)
        }
    }

    @Test("Queuing an export wakes this process's export service, which otherwise sleeps its whole interval")
    func queuingWakesTheService() async throws {
        try await TestApp.run { app throws in
            let queued = app.services.exportsQueued
            // Not raised: the wait lasts its interval.
            let waiting = Task { try await queued.wait(upTo: .milliseconds(400)) }
            try await waiting.value
            let planner = try await app.token(Demo.planner)
            #expect(try await app.request(.post, "/v6/export/permits/csv", token: planner).status == .ok)
            // Raised by the request: an hour's wait ends at the next look.
            try await queued.wait(upTo: .seconds(3_600))
        }
    }

    @Test("A wait for the export queue ends when raised during it, and throws when its task is cancelled")
    func wakeupWhileWaiting() async throws {
        let wakeup = Wakeup()
        let waiting = Task { try await wakeup.wait(upTo: .seconds(3_600)) }
        // Raised repeatedly until the waiter has begun and been woken: an hour's wait ends.
        let raising = Task {
            while !Task.isCancelled {
                wakeup.raise()
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
        try await waiting.value
        raising.cancel()
        // Not raised, then cancelled: the wait ends with the cancellation.
        try await wakeup.wait(upTo: .milliseconds(1))
        let cancelled = Task { try await wakeup.wait(upTo: .seconds(3_600)) }
        cancelled.cancel()
        await #expect(throws: CancellationError.self) { try await cancelled.value }
    }

    @Test("R-DATA-04: an export read in two halves at once holds every permit once, the header first")
    func twoHalves() async throws {
        try await TestApp.run { app throws in
            var references: [String] = []
            for _ in 0..<9 { references.append(try await app.submitWork().1) }
            let database = app.services.database
            let ranges = try await PermitSummaryRow.list.exportRanges(in: database)
            #expect(ranges.count == (database.dialect == .sqlite ? 2 : 1))
            let officer = try await app.token(Demo.haOfficer)
            let queued = try await app.request(.post, "/v6/export/permits/csv", token: officer)
            let id = try #require(queued.json["csv_id"] as? Int, "\(queued.json)")
            #expect(try await app.services.exporter().runOne() == Int64(id))
            let file = try await app.request(.get, "/v6/export/csv/\(id)", token: officer)
            let table = Self.rows(String(buffer: file.body))
            #expect(table.first == PermitsFeature.permitsExport.columns.map(\.header))
            let column = try #require(table.first?.firstIndex(of: "permit_reference_number"))
            let exported = table.dropFirst().map { $0[column] }
            #expect(exported.count == references.count)
            // SQLite reads the table in storage order (the order the permits were submitted in);
            // PostgreSQL in reference order.
            #expect(exported == (database.dialect == .sqlite ? references : references.sorted()))
        }
    }

    @Test("R-DATA-04, R-COM-02: a comments export holds what the list shows; a filter it cannot apply is a 400 at once")
    func commentsExport() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let officer = try await app.token(Demo.haOfficer)
            let planner = try await app.token(Demo.planner)
            for (token, body) in [
                (planner, ["topic": "GENERAL", "detail": "We start, \"early\", on Monday"]),
                (officer, ["topic": "GENERAL", "detail": "Internal note", "is_internal": true] as [String: Any]),
            ] {
                #expect(
                    try await app.request(.post, "/v6/work/works/\(wrn)/comments", token: token, json: body).status
                        == .created)
            }
            let refused = try await app.request(
                .post, "/v6/export/comments/csv", token: planner, json: ["geographical_area_reference_number": ["GA1"]])
            #expect(refused.isError(400))
            #expect(refused.fieldErrors["geographical_area_reference_number"] != nil)
            let queued = try await app.request(.post, "/v6/export/comments/csv", token: planner)
            let id = try #require(queued.json["csv_id"] as? Int, "\(queued.json)")
            _ = try await app.services.exporter().runOne()
            let table = Self.rows(
                String(buffer: try await app.request(.get, "/v6/export/csv/\(id)", token: planner).body))
            // The header and the planner's comment; the internal note is not theirs.
            #expect(table.count == 2, "\(table)")
            #expect(table.last?[table[0].firstIndex(of: "detail")!] == "We start, \"early\", on Monday")
        }
    }

    @Test(
        "A download reads the file one chunk at a time, as the client takes it, not all at once; chunks are Zstandard, and gzip ones of earlier versions still read"
    )
    func downloadIsReadChunkByChunk() async throws {
        try await TestApp.run { app throws in
            _ = try await app.submitWork()
            let planner = try await app.token(Demo.planner)
            let queued = try await app.request(.post, "/v6/export/permits/csv", token: planner)
            let id = Int64(try #require(queued.json["csv_id"] as? Int, "\(queued.json)"))
            _ = try await app.services.exporter().runOne()
            let repository = CSVExportRepository(app.services.database)
            let rendered = try #require(try await repository.chunks(of: id, from: 0, limit: 1).first)
            #expect(rendered.data.starts(with: [0x28, 0xB5, 0x2F, 0xFD]))  // a Zstandard frame (D-EXPORTS)
            // Two more chunks after the rendered one, as gzip, as an earlier version stored them.
            for sequence in 1...2 {
                var text = ByteBuffer(string: "more,\(sequence)\r\n")
                let compressed = try text.compress(with: .gzip())
                try await repository.addChunk(id, sequence: sequence, data: Array(compressed.readableBytesView))
            }
            var iterator = CSVExporter.file(id, database: app.services.database).makeAsyncIterator()
            let first = try #require(try await iterator.next())
            #expect(String(buffer: first).hasSuffix("\r\n"))  // the rendered chunk: the header and the permit
            #expect(String(buffer: try #require(try await iterator.next())) == "more,1\r\n")
            // What the client has not taken yet has not been read: removed now, it is not sent.
            try await app.services.database.query(
                "DELETE FROM csv_export_chunks WHERE csv_export_id = ? AND sequence = 2", [.int(id)])
            #expect(try await iterator.next() == nil)
        }
    }

    @Test("R-DATA-04: an export whose process died is taken over once its lease runs out, and rendered once")
    func leaseTakeover() async throws {
        try await TestApp.run { app throws in
            _ = try await app.submitWork()
            let planner = try await app.token(Demo.planner)
            let id = try #require(
                try await app.request(.post, "/v6/export/permits/csv", token: planner, json: [String: Any]())
                    .json["csv_id"] as? Int)
            // A process claims it, then dies without a word.
            let now = app.clock.now()
            let claimed = try await app.services.database.transaction { tx in
                try await CSVExportRepository(tx).claim(
                    worker: "dead", now: now, leaseUntil: now.addingTimeInterval(60))
            }
            #expect(claimed?.id == Int64(id))
            let exporter = app.services.exporter()
            #expect(try await exporter.runOne() == nil)  // its lease still holds
            app.clock.advance(by: 61)
            #expect(try await exporter.runOne() == Int64(id))
            let export = try #require(try await CSVExportRepository(app.services.database).export(Int64(id)))
            #expect(export.status == .ready)
            #expect(export.attempts == 2)
            #expect(export.rowCount == 1)
            // The dead process cannot finish it any more.
            #expect(
                try await CSVExportRepository(app.services.database).finish(Int64(id), worker: "dead", rows: 0, at: now)
                    == false)
        }
    }
}

@Suite("docs/exports.md")
struct ExportDocumentationTests {
    @Test("docs/exports.md lists each export's columns in the order the CSV has them")
    func documentedColumns() throws {
        var directory = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
            directory = directory.deletingLastPathComponent()
        }
        let text = try String(contentsOf: directory.appendingPathComponent("docs/exports.md"), encoding: .utf8)
        for resource in Features.exports {
            let section = try #require(
                text.components(separatedBy: "\n## ").first { $0.contains("file `\(resource.name)_") },
                "no section for \(resource.name)")
            let documented = section.split(separator: "\n").compactMap { line -> String? in
                let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                guard cells.count >= 3, Int(cells[0]) != nil else { return nil }
                return cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            }
            #expect(documented == resource.columns.map(\.header), "\(resource.name)")
        }
    }
}
