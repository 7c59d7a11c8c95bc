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
}
