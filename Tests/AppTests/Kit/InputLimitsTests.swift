import App
import Domain
import Foundation
import Logging
import Store
import Testing

/// What a client sends can make the server refuse, never trap or answer 500 (R-VAL-01).
@Suite("Input limits: numbers out of range, huge error lists, NUL characters")
struct InputLimitsTests {
    @Test("R-VAL-01: an offset, cursor or page size out of range is a 400 naming it, and the server keeps answering")
    func numbersOutOfRange() async throws {
        try await TestApp.run { app throws in
            let planner = try await app.token(Demo.planner)
            let (wrn, _) = try await app.submitWork()
            for offset in ["1e19", "-1e19", "-1", "1.5", "1e300"] {
                let permits = try await app.request(.get, "/v6/reporting/permits?offset=\(offset)", token: planner)
                #expect(permits.isError(400), "offset=\(offset): \(permits.json)")
                #expect(permits.fieldErrors["offset"] != nil, "offset=\(offset): \(permits.json)")
                let history = try await app.request(
                    .get, "/v6/work/works/\(wrn)/history?offset=\(offset)", token: planner)
                #expect(history.isError(400), "history offset=\(offset): \(history.json)")
                #expect(history.fieldErrors["offset"] != nil)
            }
            for cursor in [1e19, -1e300, -1, 2.5] {
                let search = try await app.request(
                    .post, "/v6/event/permits/search", token: planner, json: ["next_cursor": cursor])
                #expect(search.isError(400), "next_cursor=\(cursor): \(search.json)")
                #expect(search.fieldErrors["next_cursor"] != nil, "next_cursor=\(cursor): \(search.json)")
            }
            let updates = try await app.request(.get, "/v6/event/works/updates?update_id=1e30", token: planner)
            #expect(updates.fieldErrors["update_id"] != nil, "\(updates.json)")
            #expect(try await app.request(.get, "/v6/work/status").status == .ok)
            #expect(try await app.request(.get, "/v6/reporting/permits?offset=0", token: planner).status == .ok)
        }
    }

    @Test("A body with 200,000 bad items gets at most 50 errors, not a 20 MB answer")
    func errorListStopsAtFifty() async throws {
        try await TestApp.run { app throws in
            let planner = try await app.token(Demo.planner)
            let body = app.workBody(overrides: ["location_types": Array(repeating: 7, count: 200_000)])
            let response = try await app.request(.post, "/v6/work/works", token: planner, json: body)
            #expect(response.isError(400))
            let errors = (response.json["error"] as? [String: Any])?["errors"] as? [Any] ?? []
            #expect(errors.count == 50)
            #expect(response.body.readableBytes < 20_000, "\(response.body.readableBytes) bytes")
        }
    }

    @Test("A NUL inside a string is a 400 naming the field, on both databases, in bodies and in queries")
    func nulIsRefused() async throws {
        try await TestApp.run { app throws in
            let planner = try await app.token(Demo.planner)
            let (wrn, _) = try await app.submitWork()
            let comment = try await app.request(
                .post, "/v6/work/works/\(wrn)/comments", token: planner,
                json: ["topic": "GENERAL", "detail": "a\u{0}b"])
            #expect(comment.isError(400), "\(comment.json)")
            #expect(comment.fieldErrors["detail"] != nil, "\(comment.json)")
            let search = try await app.request(.get, "/v6/lookup/nsg/search?query=b%00", token: planner)
            #expect(search.isError(400), "\(search.json)")
            #expect(search.fieldErrors["query"] != nil)
            let works = try await app.request(.get, "/v6/reporting/works?work_reference_number=%00", token: planner)
            #expect(works.isError(400), "\(works.json)")
            let permits = try await app.request(
                .post, "/v6/event/permits/search", token: planner, json: ["work_reference_numbers": ["\u{0}"]])
            #expect(permits.isError(400), "\(permits.json)")
        }
    }

    @Test("SQLite keeps a NUL inside text it is given, rather than cutting the text short")
    func sqliteKeepsNul() async throws {
        let database = try await SQLiteDatabase.open(path: nil, logger: Logger(label: "nul"))
        let rows = try await database.query(
            "SELECT ? AS v, length(CAST(? AS BLOB)) AS n", [.text("a\u{0}b"), .text("a\u{0}b")])
        await database.shutdown()
        #expect(rows.first?.string("v") == "a\u{0}b")
        #expect(rows.first?.int("n") == 3)
    }
}
