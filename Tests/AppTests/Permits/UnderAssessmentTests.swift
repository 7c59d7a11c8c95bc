import App
import Domain
import Foundation
import Testing

@Suite("Marking an application as under assessment (R-RESP-09)")
struct UnderAssessmentTests {
    func mark(
        _ app: TestApp, _ wrn: String, _ prn: String, as email: String = Demo.haOfficer, body: [String: Any]? = [:]
    )
        async throws -> JSONResponse
    {
        try await app.request(
            .put, "/v6/work/works/\(wrn)/permits/\(prn)/under-assessment", token: try await app.token(email),
            json: body)
    }

    @Test("R-RESP-09: only the permit's HA marks a submitted PA under assessment, once; it is then assessed as usual")
    func markThenGrant() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            #expect(try await mark(app, wrn, prn, as: Demo.planner).isError(401, "Access restricted"))
            #expect(try await mark(app, wrn, prn, as: Demo.othertonOfficer).isError(401, "Access restricted"))
            #expect(
                try await mark(app, wrn, prn, body: ["internal_user_name": String(repeating: "n", count: 101)])
                    .fieldErrors["internal_user_name"] != nil)
            #expect(try await app.permit(wrn, prn)["permit_status"] as? String == "submitted")

            #expect(try await mark(app, wrn, prn, body: ["internal_user_name": "Desk 4"]).status == .noContent)
            let permit = try await app.permit(wrn, prn)
            #expect(permit["permit_status"] as? String == "under_assessment")
            #expect(permit["permit_status_string"] as? String == "under_assessment")
            // Once only: it is no longer submitted.
            let again = try await mark(app, wrn, prn)
            #expect(again.isError(412) && again.message?.hasPrefix("R-RESP-09") == true, "\(again.json)")

            let history = try await app.request(
                .get, "/v6/work/works/\(wrn)/history", token: try await app.token(Demo.planner)
            ).json
            let latest = (history["rows"] as? [[String: Any]])?.first
            #expect(latest?["event"] as? String == "permit_under_assessment")
            #expect(latest?["internal_user_name"] as? String == "Desk 4")
            let listed = try await app.request(
                .get, "/v6/reporting/permits?status=under_assessment", token: try await app.token(Demo.haOfficer)
            ).json
            #expect((listed["rows"] as? [[String: Any]])?.map { $0["permit_reference_number"] as? String } == [prn])

            #expect(
                try await app.assess(wrn, prn, ["assessment_status": "granted", "assessment_discount": 0]).status
                    == .noContent)
            #expect(try await app.permit(wrn, prn)["permit_status"] as? String == "granted")
            #expect(try await mark(app, wrn, prn).isError(412))
        }
    }

    @Test("R-RESP-09, Q-04: the body is optional, and an application under assessment still deems at its deadline")
    func stillDeems() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            #expect(try await mark(app, wrn, prn, body: nil).status == .noContent)
            // Deadline Wednesday 2026-01-07: deemed from the start of the next UK day.
            app.clock.set(ISO8601.parse("2026-01-08T00:00:30Z")!)
            #expect(try await mark(app, wrn, prn).isError(412))
            #expect(try await app.deem() == 1)
            let permit = try await app.permit(wrn, prn)
            #expect(permit["permit_status"] as? String == "granted")
            #expect(permit["is_deemed"] as? Bool == true)
        }
    }
}
