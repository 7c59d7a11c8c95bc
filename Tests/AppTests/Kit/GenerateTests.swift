import App
import Foundation
import Testing

@Suite("Synthetic history (generate)")
struct GenerateTests {
    @Test("generate adds works with one permit each, their history, in realistic shares, readable through the API")
    func generate() async throws {
        try await TestApp.run { app throws in
            let written = try await SyntheticHistory.generate(
                into: app.services.database, works: 400, now: app.clock.now(), batchSize: 150)
            #expect(written == 400)
            let counts = try await app.services.database.first(
                "SELECT (SELECT COUNT(*) FROM works) AS w, (SELECT COUNT(*) FROM permits) AS p, (SELECT COUNT(*) FROM work_history) AS h",
                [])
            #expect(counts?.int("w") == 400)
            #expect(counts?.int("p") == 400)
            #expect((counts?.int("h") ?? 0) >= 800)
            // Submitted permits are today's: none is due for deeming yet.
            #expect(try await app.deem() == 0)
            let officer = try await app.token(Demo.haOfficer)
            let submitted = try await app.request(
                .get, "/v6/reporting/permits?status=submitted&include_total_count=true", token: officer)
            let total = (submitted.json["pagination"] as? [String: Any])?["total_rows"] as? Int ?? 0
            #expect(total > 5 && total < 60, "about 10 % of 75 % of 400 works: \(total)")
            let wrn = try #require(
                (submitted.json["rows"] as? [[String: Any]])?.first?["work_reference_number"] as? String)
            #expect(try await app.request(.get, "/v6/work/works/\(wrn)", token: officer).status == .ok)
            // A second run continues the numbering.
            #expect(
                try await SyntheticHistory.generate(into: app.services.database, works: 10, now: app.clock.now()) == 10)
        }
    }
}
