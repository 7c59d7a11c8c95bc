import App
import Foundation
import Testing

/// `GET /reporting/workstreams`: an admin's list of their organisation's workstreams (R-SEC-17).
@Suite("Reporting: the workstreams list")
struct WorkstreamListTests {
    @Test("R-SEC-17, R-DATA-01: an Admin lists their organisation's workstreams by prefix, filtered by status")
    func workstreamsList() async throws {
        try await TestApp.run { app throws in
            let admin = try await app.token(Demo.promoterAdmin)
            let all = try await app.request(.get, "/v6/reporting/workstreams?include_total_count=true", token: admin)
            #expect(all.status == .ok, "\(all.json)")
            let rows = all.json["rows"] as? [[String: Any]] ?? []
            #expect(rows.map { $0["prefix"] as? String } == ["000", "001"])
            #expect(rows.allSatisfy { $0["swa_code"] as? String == "7001" && $0["status"] as? String == "active" })
            #expect((all.json["pagination"] as? [String: Any])?["total_rows"] as? Int == 2)
            let inactive = try await app.request(.get, "/v6/reporting/workstreams?status=deactivated", token: admin)
            #expect((inactive.json["rows"] as? [Any])?.isEmpty == true)
            let council = try await app.request(
                .get, "/v6/reporting/workstreams", token: try await app.token(Demo.haAdmin))
            #expect((council.json["rows"] as? [[String: Any]])?.map { $0["swa_code"] as? String } == ["1001"])
            // Admins only (the contract's x-roles).
            #expect(
                try await app.request(.get, "/v6/reporting/workstreams", token: try await app.token(Demo.planner))
                    .isError(401))
        }
    }
}
