import App
import Domain
import Foundation
import Testing

@Suite("The discount on a permit's fee (R-FEE-05)")
struct PermitDiscountTests {
    func discount(
        _ app: TestApp, _ wrn: String, _ prn: String, _ body: [String: Any], as email: String = Demo.haOfficer
    )
        async throws -> JSONResponse
    {
        try await app.request(
            .put, "/v6/work/works/\(wrn)/permits/\(prn)/permit-discount", token: try await app.token(email), json: body)
    }

    @Test("R-FEE-05: the grant's discount is shown; the permit's HA changes it afterwards with a reason")
    func changeAfterGrant() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            // Nothing to discount before the grant.
            let early = try await discount(app, wrn, prn, ["assessment_discount": 20])
            #expect(early.isError(412) && early.message?.hasPrefix("R-FEE-05") == true, "\(early.json)")
            #expect(
                try await app.assess(wrn, prn, ["assessment_status": "granted", "assessment_discount": 10]).status
                    == .noContent)
            #expect(try await app.permit(wrn, prn)["assessment_discount"] as? Int == 10)

            #expect(
                try await discount(app, wrn, prn, ["assessment_discount": 50], as: Demo.planner)
                    .isError(401, "Access restricted"))
            #expect(
                try await discount(app, wrn, prn, ["assessment_discount": 50], as: Demo.othertonOfficer)
                    .isError(401, "Access restricted"))
            for bad: Any in [101, -1, 12.5, "ten"] {
                let refused = try await discount(app, wrn, prn, ["assessment_discount": bad])
                #expect(refused.isError(400) && refused.fieldErrors["assessment_discount"] != nil, "\(bad)")
            }
            #expect(try await discount(app, wrn, prn, [:]).fieldErrors["assessment_discount"] != nil)
            #expect(
                try await discount(
                    app, wrn, prn,
                    ["assessment_discount": 5, "assessment_discount_reason": String(repeating: "r", count: 501)]
                ).fieldErrors["assessment_discount_reason"] != nil)
            #expect(try await app.permit(wrn, prn)["assessment_discount"] as? Int == 10)

            #expect(
                try await discount(
                    app, wrn, prn,
                    [
                        "assessment_discount": 50, "assessment_discount_reason": "Joint works",
                        "internal_user_name": "Fees",
                    ]
                ).status == .noContent)
            let permit = try await app.permit(wrn, prn, as: Demo.planner)
            #expect(permit["assessment_discount"] as? Int == 50)
            #expect(permit["assessment_discount_reason"] as? String == "Joint works")
            #expect(permit["permit_status"] as? String == "granted")
            let history = try await app.request(
                .get, "/v6/work/works/\(wrn)/history", token: try await app.token(Demo.planner)
            ).json
            let latest = (history["rows"] as? [[String: Any]])?.first
            #expect(latest?["event"] as? String == "permit_discount_updated")
            #expect(latest?["internal_user_name"] as? String == "Fees")
        }
    }

    @Test("R-FEE-05, R-FEE-04: a deemed permit, charged like a grant, can be discounted too")
    func deemedPermit() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            app.clock.set(ISO8601.parse("2026-01-08T00:00:30Z")!)
            #expect(try await app.deem() == 1)
            #expect(try await app.permit(wrn, prn)["assessment_discount"] == nil)
            #expect(try await discount(app, wrn, prn, ["assessment_discount": 100]).status == .noContent)
            let permit = try await app.permit(wrn, prn)
            #expect(permit["assessment_discount"] as? Int == 100)
            #expect(permit["assessment_discount_reason"] == nil)
            #expect(permit["is_deemed"] as? Bool == true)
        }
    }
}
