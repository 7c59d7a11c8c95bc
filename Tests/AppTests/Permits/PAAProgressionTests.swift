import App
import Domain
import Foundation
import Testing

/// Progressing a PAA into a major PA (R-PAA-02, R-PAA-06, R-CAT-08, R-RESP-07, R-PERMIT-11).
@Suite("PAA progression")
struct PAAProgressionTests {
    func progress(_ app: TestApp, _ wrn: String, _ body: [String: Any]) async throws -> JSONResponse {
        try await app.request(
            .post, "/v6/work/works/\(wrn)/permits", token: try await app.token(Demo.planner), json: body)
    }

    @Test("R-PAA-02, R-CAT-08, R-RESP-07: an application on a submitted PAA is a major PA; the PAA is progressed")
    func progressSubmitted() async throws {
        try await TestApp.run { app throws in
            // A TTRO makes the first application a PAA (R-CAT-04): 28 calendar days to respond.
            let (wrn, paa) = try await app.submitWork(app.workBody(startIn: 100, ttro: true))
            var shown = try await app.permit(wrn, paa)
            #expect(shown["work_category"] as? String == "paa")
            let paaDeadline = try #require(shown["deadline_date"] as? String)

            // Only a planned application progresses a PAA.
            let immediate = try await progress(app, wrn, app.workBody(startIn: 0, workType: "immediate"))
            #expect(immediate.fieldErrors["work_type"] != nil, "\(immediate.json)")

            // A short application: still major, and it keeps the PAA's later deadline (R-RESP-07).
            let created = try await progress(app, wrn, app.workBody(startIn: 100, lasting: 1))
            #expect(created.status == .created, "\(created.json)")
            let pa = try #require(created.json["permit_reference_number"] as? String)
            #expect(pa == "\(wrn)-02")
            shown = try await app.permit(wrn, pa)
            #expect(shown["work_category"] as? String == "major")
            #expect(shown["permit_status"] as? String == "submitted")
            #expect(shown["deadline_date"] as? String == paaDeadline)
            let old = try await app.permit(wrn, paa)
            #expect(old["permit_status"] as? String == "progressed")
            #expect(old["assessment_status"] == nil)

            // The progressed PAA no longer deems at its own deadline; the PA does.
            app.clock.advance(by: 40 * 86_400)
            #expect(try await app.deem() == 1)
            #expect(try await app.permit(wrn, paa)["permit_status"] as? String == "progressed")
            #expect(try await app.permit(wrn, pa)["is_deemed"] as? Bool == true)
            // Not again: the PA is the latest application now (R-WORK-05).
            #expect(try await progress(app, wrn, app.workBody(startIn: 100)).isError(412))
        }
    }

    @Test("R-PERMIT-11, R-PAA-06: assessing the major PA decides the unassessed PAA automatically")
    func autoDecision() async throws {
        try await TestApp.run { app throws in
            let (wrn, paa) = try await app.submitWork(app.workBody(startIn: 100, ttro: true))
            let pa = try #require(
                try await progress(app, wrn, app.workBody(startIn: 100, lasting: 15)).json["permit_reference_number"]
                    as? String)
            #expect(
                try await app.assess(
                    wrn, pa,
                    ["assessment_status": "refused", "reasons_for_refusal": ["RC10"], "additional_comments": "No"]
                ).status == .noContent)
            let old = try await app.permit(wrn, paa)
            #expect(old["assessment_status"] as? String == "refused_auto")
            #expect(old["permit_status"] as? String == "progressed")

            // A granted PAA progresses too; its own decision stands.
            let (wrn2, paa2) = try await app.submitWork(app.workBody(startIn: 100, ttro: true))
            #expect(
                try await app.assess(wrn2, paa2, ["assessment_status": "granted", "assessment_discount": 0]).status
                    == .noContent)
            let pa2 = try #require(
                try await progress(app, wrn2, app.workBody(startIn: 100, lasting: 15)).json["permit_reference_number"]
                    as? String)
            #expect(
                try await app.assess(wrn2, pa2, ["assessment_status": "granted", "assessment_discount": 0]).status
                    == .noContent)
            let granted = try await app.permit(wrn2, paa2)
            #expect(granted["assessment_status"] as? String == "granted")
            #expect(granted["permit_status"] as? String == "progressed")
        }
    }

    @Test("R-PAA-01: a PAA is for major works only, with 84 calendar days' notice and 28 calendar days to respond")
    func paaPeriods() async throws {
        try await TestApp.run { app throws in
            // Major by duration (more than 10 working days): a PAA first.
            let (wrn, paa) = try await app.submitWork(app.workBody(startIn: 100, lasting: 20))
            let shown = try await app.permit(wrn, paa)
            #expect(shown["work_category"] as? String == "paa")
            // Submitted Monday 5 January: 28 calendar days later is Monday 2 February.
            #expect((shown["deadline_date"] as? String)?.hasPrefix("2026-02-02") == true, "\(shown)")
            #expect(shown["is_early_start"] as? Bool == false)
            // Less than 84 days ahead: an early start, which needs its justification.
            let early = try await app.request(
                .post, "/v6/work/works", token: try await app.token(Demo.planner),
                json: app.workBody(startIn: 60, lasting: 20))
            #expect(early.fieldErrors["early_start_pre_approval"] != nil, "\(early.json)")
            // Short works are never PAAs.
            let (minorWRN, minor) = try await app.submitWork(app.workBody(startIn: 100, lasting: 1))
            #expect(try await app.permit(minorWRN, minor)["work_category"] as? String == "minor")
        }
    }

    @Test(
        "R-PAA-03: after a progression no PAA while a PA on the record stands; major works need one again once every PA is void"
    )
    func noFurtherPAA() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork(app.workBody(startIn: 100, ttro: true))
            let pa = try #require(
                try await progress(app, wrn, app.workBody(startIn: 100, lasting: 15)).json["permit_reference_number"]
                    as? String)
            #expect(
                try await app.assess(
                    wrn, pa,
                    ["assessment_status": "refused", "reasons_for_refusal": ["RC10"], "additional_comments": "No"]
                ).status == .noContent)
            // Every PA on the record is refused: the next major application is a PAA again.
            let again = try await progress(app, wrn, app.workBody(startIn: 100, lasting: 15))
            #expect(again.status == .created, "\(again.json)")
            let next = try #require(again.json["permit_reference_number"] as? String)
            #expect(try await app.permit(wrn, next)["work_category"] as? String == "paa")
        }
    }

    @Test("R-PAA-04: no change request on a PAA")
    func noChangeRequestOnPAA() async throws {
        try await TestApp.run { app throws in
            let (wrn, paa) = try await app.submitWork(app.workBody(startIn: 100, ttro: true))
            try await app.assess(wrn, paa, ["assessment_status": "granted", "assessment_discount": 0])
            let raised = try await app.request(
                .post, "/v6/work/works/\(wrn)/permits/\(paa)/alterations", token: try await app.token(Demo.planner),
                json: ["change_request_reason": "Later start"])
            #expect(raised.isError(412) && raised.message?.hasPrefix("R-CR-05") == true, "\(raised.json)")
        }
    }

    @Test("R-PAA-07: the permits list shows the last day to progress a PAA with the major works' notice")
    func paaToPADeadline() async throws {
        try await TestApp.run { app throws in
            // Proposed start Monday 2026-04-20 (midnight BST); 10 working days before it, skipping
            // the Easter bank holidays (Friday 3 and Monday 6 April), is Thursday 2 April.
            let start = ISO8601.parse("2026-04-19T23:00:00Z")!
            let body = app.workBody(
                ttro: true,
                overrides: [
                    "proposed_start_date": ISO8601.format(start),
                    "proposed_end_date": ISO8601.format(start.addingTimeInterval(3 * 86_400)),
                ])
            let (wrn, paa) = try await app.submitWork(body)
            let rows =
                try await app.request(
                    .get, "/v6/reporting/permits?work_category=paa", token: try await app.token(Demo.planner)
                ).json["rows"] as? [[String: Any]] ?? []
            let row = try #require(rows.first { $0["permit_reference_number"] as? String == paa })
            #expect(
                row["paa_to_pa_deadline_date"] as? String
                    == ISO8601.format(UKTime.startOfDay(PermitRules.paaToPADeadline(proposedStart: start))))
            #expect(PermitRules.paaToPADeadline(proposedStart: start).description == "2026-04-02")
            // A progressed PAA has none.
            _ = try await progress(app, wrn, app.workBody(startIn: 100, lasting: 3))
            let after =
                try await app.request(
                    .get, "/v6/reporting/permits?work_category=paa", token: try await app.token(Demo.planner)
                ).json["rows"] as? [[String: Any]] ?? []
            #expect(after.first { $0["permit_reference_number"] as? String == paa }?["paa_to_pa_deadline_date"] == nil)
        }
    }
}
