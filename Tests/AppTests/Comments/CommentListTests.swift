import App
import Foundation
import Testing

/// `GET /reporting/comments`: the comments on the works the caller sees (R-COM-01, R-COM-02,
/// R-DATA-01).
@Suite("Reporting: the comments list")
struct CommentListTests {
    @Test(
        "R-COM-02, R-DATA-01: scoped to the caller's works, internal comments only for their author, filters and paging"
    )
    func commentsList() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let planner = try await app.token(Demo.planner)
            let officer = try await app.token(Demo.haOfficer)
            func post(_ token: String, _ body: [String: Any]) async throws -> String {
                let response = try await app.request(.post, "/v6/work/works/\(wrn)/comments", token: token, json: body)
                #expect(response.status == .created, "\(response.json)")
                return response.json["comment_reference_number"] as? String ?? ""
            }
            let fromPlanner = try await post(planner, ["topic": "GENERAL", "detail": "Starting Monday"])
            let fromOfficer = try await post(officer, ["topic": "OVERRUN", "detail": "Please confirm the end"])
            let internalNote = try await post(
                officer, ["topic": "GENERAL", "detail": "Chase them", "is_internal": true])
            _ = try await app.request(
                .put, "/v6/work/works/\(wrn)/comments/\(fromOfficer)/read", token: planner, json: [String: String]())

            func references(_ query: String, _ token: String) async throws -> [String] {
                let response = try await app.request(.get, "/v6/reporting/comments\(query)", token: token)
                #expect(response.status == .ok, "\(query): \(response.json)")
                return (response.json["rows"] as? [[String: Any]] ?? []).compactMap {
                    $0["comment_reference_number"] as? String
                }
            }
            // Newest first; the officer's internal note is not the planner's to see.
            #expect(try await references("", planner) == [fromOfficer, fromPlanner])
            #expect(try await references("", officer) == [internalNote, fromOfficer, fromPlanner])
            #expect(try await references("?is_incoming=true", planner) == [fromOfficer])
            #expect(try await references("?is_outgoing=true", planner) == [fromPlanner])
            #expect(try await references("?is_read=true", planner) == [fromOfficer])
            #expect(try await references("?is_not_read=true", planner) == [fromPlanner])
            #expect(try await references("?topic=OVERRUN", officer) == [fromOfficer])
            #expect(try await references("?is_internal=true", officer) == [internalNote])
            #expect(try await references("?work_reference_number=\(wrn.lowercased())", officer).count == 3)
            #expect(try await references("?author_email_address=\(Demo.planner)", officer) == [fromPlanner])
            #expect(try await references("", try await app.token(Demo.gasPlanner)).isEmpty)

            let counted = try await app.request(
                .get, "/v6/reporting/comments?include_total_count=true&offset=1", token: officer)
            #expect((counted.json["pagination"] as? [String: Any])?["total_rows"] as? Int == 3)
            #expect((counted.json["rows"] as? [Any])?.count == 2)
            let row = try #require(
                (try await app.request(.get, "/v6/reporting/comments", token: planner).json["rows"]
                    as? [[String: Any]])?.first)
            #expect(row["topic"] as? String == "OVERRUN")
            #expect(row["is_read"] as? Bool == true)
            #expect(row["read_by"] as? String == Demo.planner)

            let areas = try await app.request(
                .get, "/v6/reporting/comments?geographical_area_reference_number=GA1", token: officer)
            #expect(areas.isError(400))
            #expect(areas.fieldErrors["geographical_area_reference_number"] != nil)
        }
    }
}
