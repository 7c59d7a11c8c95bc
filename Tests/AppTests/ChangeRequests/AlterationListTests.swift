import Domain
import Foundation
import Testing

@testable import App

/// The alterations lists and export (R-CR, R-DATA-01, R-DATA-04).
@Suite("Alterations lists")
struct AlterationListTests {
    func raise(_ app: TestApp, _ wrn: String, _ prn: String, _ body: [String: Any]) async throws -> String {
        let created = try await app.request(
            .post, "/v6/work/works/\(wrn)/permits/\(prn)/alterations", token: try await app.token(Demo.planner),
            json: body)
        return try #require(created.json["change_request_reference_number"] as? String, "\(created.json)")
    }

    func list(_ app: TestApp, _ query: String, as email: String = Demo.haOfficer) async throws -> JSONResponse {
        try await app.request(.get, "/v6/reporting/alterations\(query)", token: try await app.token(email))
    }

    func references(_ response: JSONResponse) -> [String] {
        ((response.json["rows"] as? [[String: Any]]) ?? []).compactMap { $0["alteration_reference_number"] as? String }
    }

    @Test("R-DATA-01: alterations by status, type and date, scoped to the caller's organisation")
    func alterations() async throws {
        try await TestApp.run { app throws in
            let (wrnA, prnA) = try await app.submitWork()
            let imposed = try await raise(
                app, wrnA, prnA, ["change_request_reason": "Typo", "description_of_work": "x"])
            let (wrnB, prnB) = try await app.submitWork()
            #expect(
                try await app.assess(wrnB, prnB, ["assessment_status": "granted", "assessment_discount": 0]).status
                    == .noContent)
            app.clock.advance(by: 60)
            let requested = try await raise(app, wrnB, prnB, ["change_request_reason": "More", "excavation": false])

            let all = try await list(app, "?include_total_count=true")
            #expect(references(all) == [requested, imposed], "\(all.json)")
            #expect((all.json["pagination"] as? [String: Any])?["total_rows"] as? Int == 2)
            let row = (all.json["rows"] as? [[String: Any]])?.first
            #expect(row?["alteration_status"] as? String == "submitted")
            #expect(row?["alteration_type"] as? String == "PROMOTER_CHANGE_REQUEST")
            #expect(row?["promoter"] as? String != nil && row?["street"] as? String != nil)

            #expect(references(try await list(app, "?alteration_status=auto_applied")) == [imposed])
            #expect(references(try await list(app, "?alteration_type=PROMOTER_CHANGE_REQUEST")) == [requested])
            #expect(
                references(try await list(app, "?sort_column=date_created&sort_direction=asc")) == [imposed, requested])
            #expect(
                references(try await list(app, "?permit_alteration_reference_number=\(imposed.lowercased())")) == [
                    imposed
                ])
            #expect(references(try await list(app, "?is_duration_extension=true")) == [])
            #expect(references(try await list(app, "?is_duration_extension=false")).count == 2)
            #expect(references(try await list(app, "?is_deemed=true")) == [])
            #expect(references(try await list(app, "?alteration_status=nonsense")).isEmpty)
            #expect(try await list(app, "?alteration_status=nonsense").isError(400))
            #expect(try await list(app, "?geographical_area_reference_number=GA1").isError(400))
            // The promoter sees its own; another authority sees none.
            #expect(references(try await list(app, "", as: Demo.planner)).count == 2)
            #expect(references(try await list(app, "", as: Demo.othertonOfficer)).isEmpty)
        }
    }

    @Test(
        "R-CR-16, R-CR-17: the duration challenges list holds changes granted with one, with no_response until reviewed"
    )
    func durationChallenges() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            #expect(
                try await app.assess(wrn, prn, ["assessment_status": "granted", "assessment_discount": 0]).status
                    == .noContent)
            app.clock.advance(by: 28 * 86_400)
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrn)/start", token: try await app.token(Demo.planner),
                    json: ["actual_start_date": ISO8601.format(app.clock.now())]
                ).status == .noContent)
            let endText = try #require(try await app.permit(wrn, prn)["proposed_end_date"] as? String)
            let end = try #require(ISO8601.parse(endText))
            let cr = try await raise(
                app, wrn, prn,
                [
                    "change_request_reason": "Rock",
                    "proposed_end_date": ISO8601.format(end.addingTimeInterval(4 * 86_400)),
                ])
            let path = "/v6/reporting/alterations/duration-challenges"
            let officer = try await app.token(Demo.haOfficer)
            #expect(((try await app.request(.get, path, token: officer).json["rows"]) as? [Any])?.isEmpty == true)
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrn)/permits/\(prn)/alterations/\(cr)/status", token: officer,
                    json: [
                        "alteration_status": "granted_with_duration_challenge", "assessment_comments": "Two days",
                        "reasonable_period_end_date": ISO8601.format(end.addingTimeInterval(2 * 86_400)),
                    ]
                ).status == .noContent)
            let rows = try await app.request(.get, path, token: officer).json["rows"] as? [[String: Any]]
            #expect(rows?.map { $0["alteration_reference_number"] as? String } == [cr])
            #expect(rows?.first?["duration_challenge_review_status_string"] as? String == "no_response")
            #expect(rows?.first?["duration_challenge_follow_up_review_complete"] as? Bool == false)
            #expect(
                rows?.first?["reasonable_period_end_date"] as? String
                    == ISO8601.format(end.addingTimeInterval(2 * 86_400)))
            let reviewed = try await app.request(
                .get, path + "?duration_challenge_review_status=duration_challenge_accepted", token: officer)
            #expect((reviewed.json["rows"] as? [Any])?.isEmpty == true)
            // The permits list reads the challenged end (R-CR-17).
            let permits =
                try await app.request(
                    .get, "/v6/reporting/permits?permit_reference_number=\(prn)", token: officer
                ).json["rows"] as? [[String: Any]]
            #expect(
                permits?.first?["reasonable_period_end_date"] as? String
                    == ISO8601.format(end.addingTimeInterval(2 * 86_400)))
        }
    }

    @Test("R-DATA-04: the alterations export holds the rows the list shows, in docs/exports.md's columns")
    func export() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            let cr = try await raise(app, wrn, prn, ["change_request_reason": "Typo, \"quoted\"", "excavation": false])
            let planner = try await app.token(Demo.planner)
            let queued = try await app.request(
                .post, "/v6/export/alterations/csv", token: planner, json: ["alteration_status": ["auto_applied"]])
            let id = try #require(queued.json["csv_id"] as? Int, "\(queued.json)")
            _ = try await app.services.exporter().runOne()
            let table = CSVExportTests.rows(
                String(buffer: try await app.request(.get, "/v6/export/csv/\(id)", token: planner).body))
            #expect(table.count == 2, "\(table)")
            let header = table[0]
            #expect(table[1][header.firstIndex(of: "alteration_reference_number")!] == cr)
            #expect(table[1][header.firstIndex(of: "alteration_reason")!] == "Typo, \"quoted\"")
            #expect(table[1][header.firstIndex(of: "alteration_type")!] == "PROMOTER_IMPOSED_CHANGE")
            let refused = try await app.request(
                .post, "/v6/export/alterations/csv", token: planner, json: ["alteration_status": ["nonsense"]])
            #expect(refused.isError(400))
        }
    }
}
