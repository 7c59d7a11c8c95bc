import Domain
import Foundation
import HTTPTypes
import Store
import Testing

@testable import App

/// Fixed penalty notices: issue, read, answer, settle, delete, list and export
/// (R-FPN-01 … R-FPN-08, D-FPNS).
@Suite("Fixed penalty notices")
struct FpnsTests {
    /// A valid `FPNCreateRequest` (an offence an hour before the test clock's now).
    func body(_ app: TestApp, overrides: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = [
            "fpn_evidence": false, "offence_date": ISO8601.format(app.clock.now().addingTimeInterval(-3600)),
            "offence_code": "offence_code_05", "offence_details": "Works without a permit displayed on site",
            "authorised_officer": "Alex Officer", "officer_contact_details": "01234 567890",
            "officer_address": "Town Hall, Anytown", "representations_contact": "Streetworks team",
            "representations_contact_address": "Town Hall, Anytown, AN1 1AA",
            "payment_methods": ["bank_transfer", "card_payment"],
        ]
        for (key, value) in overrides { body[key] = value }
        return body
    }

    func path(_ wrn: String, _ reference: String? = nil) -> String {
        "/v6/work/works/\(wrn)/fixed-penalty-notices" + (reference.map { "/\($0)" } ?? "")
    }

    func create(_ app: TestApp, _ wrn: String, _ body: [String: Any], as email: String = Demo.haOfficer) async throws
        -> JSONResponse
    {
        try await app.request(.post, path(wrn), token: try await app.token(email), json: body)
    }

    /// Issues a valid notice; its reference.
    func issued(_ app: TestApp, _ wrn: String, overrides: [String: Any] = [:]) async throws -> String {
        let response = try await create(app, wrn, body(app, overrides: overrides))
        #expect(response.status == .created, "create: \(response.status) \(response.json)")
        return try #require(response.json["fpn_reference_number"] as? String)
    }

    func setStatus(
        _ app: TestApp, _ wrn: String, _ reference: String, _ status: String, reason: String? = nil,
        as email: String
    ) async throws -> JSONResponse {
        var body: [String: Any] = ["fpn_status": status]
        if let reason { body["status_reason"] = reason }
        return try await app.request(
            .put, path(wrn, reference) + "/status", token: try await app.token(email), json: body)
    }

    func read(_ app: TestApp, _ wrn: String, _ reference: String, as email: String = Demo.planner) async throws
        -> JSONResponse
    {
        try await app.request(.get, path(wrn, reference), token: try await app.token(email))
    }

    @Test("R-FPN-01: notices are numbered {WRN}-FPN-NN per works record, never reusing a deleted one's number")
    func references() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let (other, _) = try await app.submitWork()
            #expect(try await issued(app, wrn) == "\(wrn)-FPN-01")
            let second = try await issued(app, wrn)
            #expect(second == "\(wrn)-FPN-02")
            #expect(try await issued(app, other) == "\(other)-FPN-01")
            let deleted = try await app.request(.delete, path(wrn, second), token: try await app.token(Demo.haOfficer))
            #expect(deleted.status == .noContent, "\(deleted.json)")
            #expect(try await issued(app, wrn) == "\(wrn)-FPN-03")
        }
    }

    @Test("R-FPN-02: only the works' own highway authority issues a notice, at any stage of the works")
    func onlyTheWorksAuthority() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            #expect(try await create(app, wrn, body(app), as: Demo.planner).isError(401))
            #expect(try await create(app, wrn, body(app), as: Demo.othertonOfficer).isError(401))
            #expect(try await create(app, "NOPE0000000", body(app)).isError(404))
            // Submitted, not granted: an FPN can be issued as soon as the works record exists.
            let reference = try await issued(app, wrn)
            let shown = try await read(app, wrn, reference.lowercased())
            #expect(shown.status == .ok, "\(shown.json)")
            let json = shown.json
            #expect(json["fpn_status"] as? String == "issued")
            #expect(json["fpn_status_string"] as? String == "issued")
            #expect(json["fpn_offence_type"] as? String == "offence_code_05")
            #expect(json["location"] as? String == "Outside number 12")
            #expect(json["promoter_organisation"] as? String == "Anytown Water Ltd")
            #expect(json["ha_organisation"] as? String == "Anytown Borough Council")
            #expect(json["payment_methods"] as? [String] == ["bank_transfer", "card_payment"])
            #expect(json["issue_date_time"] as? String == ISO8601.format(app.clock.now()))
            #expect(json["work_reference_number"] as? String == wrn)
            #expect((json["files"] as? [Any])?.isEmpty ?? true)
        }
    }

    @Test("R-FPN-03: an offence code outside the four accepted is a 400 naming offence_code")
    func offenceCodes() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let refused = try await create(app, wrn, body(app, overrides: ["offence_code": "offence_code_07"]))
            #expect(refused.isError(400))
            #expect(refused.fieldErrors["offence_code"] != nil, "\(refused.json)")
            for code in ["offence_code_06", "offence_code_08", "offence_code_09"] {
                #expect(try await create(app, wrn, body(app, overrides: ["offence_code": code])).status == .created)
            }
        }
    }

    @Test(
        "R-FPN-04: the issue rules: past offence date, evidence files when flagged, a permit of the works, payment methods"
    )
    func issueRules() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            let (_, otherPRN) = try await app.submitWork()
            let future = ISO8601.format(app.clock.now().addingTimeInterval(60))
            let cases: [([String: Any], String)] = [
                (["offence_date": future], "offence_date"),
                (["fpn_evidence": true], "file_ids"),
                (["fpn_evidence": true, "file_ids": []], "file_ids"),
                (["fpn_evidence": false, "file_ids": [1]], "file_ids"),
                (["payment_methods": []], "payment_methods"),
                (["payment_methods": ["cash", "cash"]], "payment_methods"),
                (["offence_details": "   "], "offence_details"),
                (["permit_reference_number": otherPRN], "permit_reference_number"),
                (["fpn_evidence": true, "file_ids": (1...51).map { $0 }], "file_ids"),
            ]
            for (overrides, field) in cases {
                let refused = try await create(app, wrn, body(app, overrides: overrides))
                #expect(refused.isError(400), "\(overrides): \(refused.status) \(refused.json)")
                #expect(refused.fieldErrors.keys.contains { $0.hasPrefix(field) }, "\(overrides): \(refused.json)")
            }
            // Nothing was issued.
            #expect(try await issued(app, wrn) == "\(wrn)-FPN-01")

            // With evidence: the photo is attached to the notice, listed with it and readable by the promoter.
            let photo = try await app.uploaded(as: Demo.haOfficer)
            let reference = try await issued(
                app, wrn,
                overrides: ["fpn_evidence": true, "file_ids": [photo], "permit_reference_number": prn.lowercased()])
            let json = try await read(app, wrn, reference).json
            #expect(json["permit_reference_number"] as? String == prn)
            let files = json["files"] as? [[String: Any]] ?? []
            #expect(files.compactMap { ($0["file_id"] as? Double).map(Int.init) } == [photo], "\(json)")
            #expect(try await app.download(photo, as: Demo.planner).0 == .ok)
            let listed = try await app.request(
                .get, "/v6/reporting/fixed-penalty-notices/files?fpn_reference_number=\(reference)",
                token: try await app.token(Demo.planner))
            #expect(
                ((listed.json["rows"] as? [[String: Any]]) ?? []).compactMap {
                    ($0["file_id"] as? Double).map(Int.init)
                }
                    == [photo], "\(listed.json)")
            // A file of another organisation, or one already attached, is refused.
            let planners = try await app.uploaded()
            let foreign = try await create(
                app, wrn, body(app, overrides: ["fpn_evidence": true, "file_ids": [planners]]))
            #expect(foreign.fieldErrors["file_ids[0]"]?.contains("R-VAL-09") == true, "\(foreign.json)")
            let reused = try await create(app, wrn, body(app, overrides: ["fpn_evidence": true, "file_ids": [photo]]))
            #expect(reused.fieldErrors["file_ids[0]"]?.contains("already attached") == true, "\(reused.json)")
        }
    }

    @Test("R-FPN-05: issued → accepted → paid by the promoter then the authority; paid is final")
    func acceptAndPay() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let reference = try await issued(app, wrn)
            // Each side only its own steps.
            #expect(try await setStatus(app, wrn, reference, "accepted", as: Demo.haOfficer).isError(400))
            #expect(try await setStatus(app, wrn, reference, "paid", as: Demo.planner).isError(400))
            #expect(try await setStatus(app, wrn, reference, "accepted", as: Demo.gasPlanner).isError(401))
            #expect(try await setStatus(app, wrn, reference, "accepted", as: Demo.planner).status == .noContent)
            app.clock.advance(by: 60)
            #expect(try await setStatus(app, wrn, reference, "disputed", reason: "No", as: Demo.planner).isError(412))
            #expect(try await setStatus(app, wrn, reference, "paid", as: Demo.haOfficer).status == .noContent)
            let json = try await read(app, wrn, reference).json
            #expect(json["fpn_status"] as? String == "paid")
            #expect(json["status_changed_date"] as? String == ISO8601.format(app.clock.now()))
            for (status, email) in [("withdrawn", Demo.haOfficer), ("paid_discounted", Demo.haOfficer)] {
                let refused = try await setStatus(app, wrn, reference, status, reason: "x", as: email)
                #expect(refused.status.code == 400 || refused.status.code == 412, "\(status): \(refused.json)")
            }
            let final = try await setStatus(app, wrn, reference, "paid_discounted", as: Demo.haOfficer)
            #expect(final.isError(412))
            #expect(final.message?.contains("R-FPN-05") == true)
            #expect(try await setStatus(app, wrn, reference, "issued", as: Demo.haOfficer).isError(400))
        }
    }

    @Test("R-FPN-05: disputed → accepted by the promoter → paid_discounted; disputed → withdrawn by the authority")
    func disputes() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let first = try await issued(app, wrn)
            #expect(
                try await setStatus(app, wrn, first, "disputed", reason: "Permit was on site", as: Demo.planner).status
                    == .noContent)
            #expect(try await setStatus(app, wrn, first, "accepted", as: Demo.planner).status == .noContent)
            #expect(try await setStatus(app, wrn, first, "paid_discounted", as: Demo.haOfficer).status == .noContent)
            let second = try await issued(app, wrn)
            #expect(
                try await setStatus(app, wrn, second, "disputed", reason: "Wrong site", as: Demo.contractor)
                    .status == .noContent)
            #expect(
                try await setStatus(app, wrn, second, "withdrawn", reason: "Agreed", as: Demo.haOfficer).status
                    == .noContent)
            #expect(try await read(app, wrn, second).json["fpn_status"] as? String == "withdrawn")
            #expect(try await setStatus(app, wrn, second, "accepted", as: Demo.planner).isError(412))
        }
    }

    @Test("R-FPN-06: the authority records paid or paid_discounted directly from issued (the promoter paid offline)")
    func paidOffline() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let first = try await issued(app, wrn)
            #expect(try await setStatus(app, wrn, first, "paid", as: Demo.haOfficer).status == .noContent)
            let second = try await issued(app, wrn)
            #expect(try await setStatus(app, wrn, second, "paid_discounted", as: Demo.haOfficer).status == .noContent)
            // Not from disputed: the dispute is settled first.
            let third = try await issued(app, wrn)
            #expect(
                try await setStatus(app, wrn, third, "disputed", reason: "No", as: Demo.planner).status == .noContent)
            #expect(try await setStatus(app, wrn, third, "paid", as: Demo.haOfficer).isError(412))
        }
    }

    @Test("R-FPN-07: a reason is required to withdraw or dispute, optional to accept, refused otherwise")
    func reasons() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let reference = try await issued(app, wrn)
            for (status, email) in [("withdrawn", Demo.haOfficer), ("disputed", Demo.planner)] {
                let refused = try await setStatus(app, wrn, reference, status, as: email)
                #expect(refused.isError(400))
                #expect(refused.fieldErrors["status_reason"]?.contains("R-FPN-07") == true, "\(refused.json)")
                #expect(try await setStatus(app, wrn, reference, status, reason: "  ", as: email).isError(400))
            }
            let long = String(repeating: "x", count: 501)
            #expect(try await setStatus(app, wrn, reference, "disputed", reason: long, as: Demo.planner).isError(400))
            #expect(try await setStatus(app, wrn, reference, "paid", reason: "Cheque", as: Demo.haOfficer).isError(400))
            #expect(
                try await setStatus(app, wrn, reference, "accepted", reason: "Fair cop", as: Demo.planner).status
                    == .noContent)
            let stored = try await FPNRepository(app.services.database).fpn(reference, ofWork: wrn)
            #expect(stored?.statusReason == "Fair cop")
            #expect(stored?.status == .accepted)
        }
    }

    @Test("R-FPN-08: the authority deletes a notice only while issued; its evidence goes with it")
    func deletion() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let officer = try await app.token(Demo.haOfficer)
            let photo = try await app.uploaded(as: Demo.haOfficer)
            let reference = try await issued(app, wrn, overrides: ["fpn_evidence": true, "file_ids": [photo]])
            #expect(
                try await app.request(.delete, path(wrn, reference), token: try await app.token(Demo.planner)).isError(
                    401))
            #expect(
                try await app.request(.delete, path(wrn, reference), token: try await app.token(Demo.othertonOfficer))
                    .isError(401))
            #expect(try await app.request(.delete, path(wrn, reference), token: officer).status == .noContent)
            #expect(try await read(app, wrn, reference).isError(404))
            #expect(try await app.request(.delete, path(wrn, reference), token: officer).isError(404))
            #expect(try await FileRepository(app.services.database).file(photo) == nil)

            let answered = try await issued(app, wrn)
            #expect(try await setStatus(app, wrn, answered, "accepted", as: Demo.planner).status == .noContent)
            let refused = try await app.request(.delete, path(wrn, answered), token: officer)
            #expect(refused.isError(412))
            #expect(refused.message?.contains("R-FPN-08") == true)
        }
    }

    @Test("R-DATA-02: each notice event is in the works history, the event feed and the outbox with its AuditEvent")
    func history() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let first = try await issued(app, wrn)
            #expect(
                try await setStatus(app, wrn, first, "disputed", reason: "No", as: Demo.planner).status == .noContent)
            #expect(try await setStatus(app, wrn, first, "accepted", as: Demo.planner).status == .noContent)
            #expect(try await setStatus(app, wrn, first, "paid", as: Demo.haOfficer).status == .noContent)
            let second = try await issued(app, wrn)
            #expect(
                try await setStatus(app, wrn, second, "withdrawn", reason: "Issued in error", as: Demo.haOfficer)
                    .status == .noContent)
            let third = try await issued(app, wrn)
            #expect(
                try await app.request(.delete, path(wrn, third), token: try await app.token(Demo.haOfficer)).status
                    == .noContent)
            let expected = [
                "fpn_submitted", "fpn_disputed", "fpn_accepted", "fpn_paid", "fpn_submitted", "fpn_withdrawn",
                "fpn_submitted", "fpn_deleted",
            ]
            let rows = try await app.historyEvents(wrn)
            let events = rows.compactMap { $0["event"] as? String }.filter { $0.hasPrefix("fpn") }
            #expect(events == expected.reversed(), "\(rows)")
            let outbox = try await app.services.database.query(
                "SELECT event FROM notification_outbox WHERE work_reference_number = ? ORDER BY update_id",
                [.text(wrn)])
            #expect(outbox.compactMap { $0.string("event") }.filter { $0.hasPrefix("fpn") } == expected)
            let updates = try await app.request(
                .get, "/v6/event/works/updates?update_id=0", token: try await app.token(Demo.planner)
            ).json
            let feed = (updates["rows"] as? [[String: Any]] ?? []).filter {
                ($0["event_type"] as? String)?.hasPrefix("fpn") == true
            }
            #expect(feed.compactMap { $0["event_type"] as? String } == expected)
            #expect(feed.allSatisfy { $0["object_type"] as? String == "fpn" }, "\(feed)")
        }
    }

    @Test("R-FPN-02, R-DATA-01: the list shows each side its notices, filtered and sorted; a reversed window is a 400")
    func list() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let first = try await issued(app, wrn)
            app.clock.advance(by: 60)
            let second = try await issued(app, wrn, overrides: ["offence_code": "offence_code_09"])
            #expect(try await setStatus(app, wrn, second, "accepted", as: Demo.planner).status == .noContent)
            func rows(_ query: String, as email: String) async throws -> [String] {
                let response = try await app.request(
                    .get, "/v6/reporting/fixed-penalty-notices\(query)", token: try await app.token(email))
                #expect(response.status == .ok, "\(query): \(response.json)")
                return ((response.json["rows"] as? [[String: Any]]) ?? []).compactMap {
                    $0["fpn_reference_number"] as? String
                }
            }
            #expect(try await rows("", as: Demo.haOfficer) == [second, first])
            #expect(try await rows("?sort_direction=asc", as: Demo.planner) == [first, second])
            #expect(try await rows("", as: Demo.gasPlanner) == [])
            #expect(try await rows("", as: Demo.othertonOfficer) == [])
            #expect(try await rows("?status=accepted", as: Demo.planner) == [second])
            #expect(try await rows("?offence_code=offence_code_05", as: Demo.planner) == [first])
            #expect(try await rows("?work_reference_number=\(wrn.lowercased())", as: Demo.planner).count == 2)
            #expect(try await rows("?street_descriptor=nothing-like-it", as: Demo.planner) == [])
            let row = try #require(
                ((try await app.request(
                    .get, "/v6/reporting/fixed-penalty-notices?status=accepted",
                    token: try await app.token(Demo.haOfficer)
                ).json["rows"] as? [[String: Any]])?.first))
            #expect(row["promoter"] as? String == "Anytown Water Ltd")
            #expect(row["highway_authority"] as? String == "Anytown Borough Council")
            #expect(row["offence_code"] as? String == "offence_code_09")
            #expect(row["status_string"] as? String == "accepted")
            #expect((row["street_name"] as? String)?.isEmpty == false)
            let start = ISO8601.format(app.clock.now())
            let end = ISO8601.format(app.clock.now().addingTimeInterval(-3600))
            let reversed = try await app.request(
                .get, "/v6/reporting/fixed-penalty-notices?start_date=\(start)&end_date=\(end)",
                token: try await app.token(Demo.haOfficer))
            #expect(reversed.isError(400))
            #expect(reversed.fieldErrors["end_date"] != nil)
        }
    }

    @Test("R-DATA-04: the notices export holds the rows the list shows, in docs/exports.md's columns")
    func export() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let reference = try await issued(app, wrn, overrides: ["offence_details": "Sign missing, \"barrier\" down"])
            let officer = try await app.token(Demo.haOfficer)
            let queued = try await app.request(
                .post, "/v6/export/fixed-penalty-notices/csv", token: officer, json: ["status": ["issued"]])
            let id = try #require(queued.json["csv_id"] as? Int, "\(queued.json)")
            _ = try await app.services.exporter().runOne()
            let download = try await app.request(.get, "/v6/export/csv/\(id)", token: officer)
            #expect(download.headers[.contentDisposition]?.contains("fixed_penalty_notices_") == true)
            let table = CSVExportTests.rows(String(buffer: download.body))
            #expect(table.count == 2, "\(table)")
            let header = table[0]
            #expect(header == FpnsFeature.fpnsExport.columns.map(\.header))
            #expect(table[1][header.firstIndex(of: "fpn_reference_number")!] == reference)
            #expect(table[1][header.firstIndex(of: "offence_details")!] == "Sign missing, \"barrier\" down")
            #expect(table[1][header.firstIndex(of: "payment_methods")!] == "bank_transfer,card_payment")
            #expect(table[1][header.firstIndex(of: "promoter")!] == "Anytown Water Ltd")
            #expect(table[1][header.firstIndex(of: "fpn_evidence")!] == "false")
            let refused = try await app.request(
                .post, "/v6/export/fixed-penalty-notices/csv", token: officer, json: ["status": ["nonsense"]])
            #expect(refused.isError(400))
        }
    }
}
