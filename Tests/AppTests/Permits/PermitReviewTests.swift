import App
import Domain
import Foundation
import Testing

/// What the two sides record on a permit after its assessment (R-CR-16, R-LR-02, R-LR-04,
/// R-HS2-02).
@Suite("Permit reviews")
struct PermitReviewTests {
    func put(_ app: TestApp, _ wrn: String, _ prn: String, _ path: String, _ body: [String: Any], as email: String)
        async throws -> JSONResponse
    {
        try await app.request(
            .put, "/v6/work/works/\(wrn)/permits/\(prn)/\(path)", token: try await app.token(email), json: body)
    }

    @Test(
        "R-CR-16, R-PERMIT-15: the promoter reviews a permit's duration challenge once; the HA answers a non-acceptance once"
    )
    func durationChallengeReview() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork(app.workBody(startIn: 0, lasting: 5, workType: "immediate"))
            let review = ["review_status": "duration_challenge_not_accepted", "reason_for_non_acceptance": "Rock"]
            let challenges = "/v6/reporting/permits/duration-challenges"
            #expect(
                (try await app.request(.get, challenges, token: try await app.token(Demo.haOfficer)).json["rows"]
                    as? [Any])?.isEmpty == true)
            // No challenge yet.
            let early = try await put(app, wrn, prn, "duration-challenge-review", review, as: Demo.planner)
            #expect(early.isError(412) && early.message?.hasPrefix("R-CR-16") == true, "\(early.json)")
            let permit = try await app.permit(wrn, prn)
            let endText = try #require(permit["proposed_end_date"] as? String)
            let end = try #require(ISO8601.parse(endText))
            let reasonable = ISO8601.format(end.addingTimeInterval(-2 * 86_400))
            #expect(
                try await app.assess(
                    wrn, prn,
                    [
                        "assessment_status": "granted", "assessment_discount": 0, "is_duration_challenged": true,
                        "reasonable_period_end_date": reasonable, "additional_comments": "Three days will do",
                    ]
                ).status == .noContent)
            #expect(try await app.permit(wrn, prn)["duration_challenge_follow_up_review_complete"] as? Bool == false)
            #expect(
                try await put(
                    app, wrn, prn, "duration-challenge-review", ["review_status": "duration_challenge_not_accepted"],
                    as: Demo.planner
                ).fieldErrors["reason_for_non_acceptance"] != nil)
            #expect(try await put(app, wrn, prn, "duration-challenge-review", review, as: Demo.haOfficer).isError(401))
            #expect(
                try await put(app, wrn, prn, "duration-challenge-review", review, as: Demo.planner).status == .noContent
            )
            #expect(try await put(app, wrn, prn, "duration-challenge-review", review, as: Demo.planner).isError(412))

            let newEnd = ISO8601.format(end.addingTimeInterval(-86_400))
            let answer: [String: Any] = [
                "non_acceptance_response_status": "reasonable_period_end_date_changed",
                "non_acceptance_response_details": "One more day", "new_reasonable_period_end_date": newEnd,
            ]
            #expect(
                try await put(
                    app, wrn, prn, "duration-challenge-non-acceptance-response",
                    [
                        "non_acceptance_response_status": "reasonable_period_end_date_changed",
                        "non_acceptance_response_details": "x",
                    ], as: Demo.haOfficer
                ).fieldErrors["new_reasonable_period_end_date"] != nil)
            #expect(
                try await put(app, wrn, prn, "duration-challenge-non-acceptance-response", answer, as: Demo.haOfficer)
                    .status == .noContent)
            #expect(
                try await put(app, wrn, prn, "duration-challenge-non-acceptance-response", answer, as: Demo.haOfficer)
                    .isError(412))
            let listed =
                try await app.request(
                    .get,
                    "/v6/reporting/permits/duration-challenges?duration_challenge_review_status=duration_challenge_not_accepted",
                    token: try await app.token(Demo.haOfficer)
                ).json["rows"] as? [[String: Any]]
            #expect(listed?.map { $0["permit_reference_number"] as? String } == [prn], "\(listed ?? [])")
            #expect(listed?.first?["duration_challenge_follow_up_review_complete"] as? Bool == true)
            #expect(listed?.first?["reasonable_period_end_date"] as? String == newEnd)
            let accepted =
                try await app.request(
                    .get,
                    "/v6/reporting/permits/duration-challenges?duration_challenge_review_status=duration_challenge_accepted",
                    token: try await app.token(Demo.haOfficer)
                ).json["rows"] as? [[String: Any]]
            #expect(accepted?.isEmpty == true)
            let shown = try await app.permit(wrn, prn)
            #expect(shown["reasonable_period_end_date"] as? String == newEnd)
            #expect(shown["duration_challenge_review_status"] as? String == "duration_challenge_not_accepted")
            #expect(shown["duration_challenge_reason_for_non_acceptance"] as? String == "Rock")
            #expect(
                shown["duration_challenge_non_acceptance_response_old_reasonable_period_end_date"] as? String
                    == reasonable)
            #expect(shown["duration_challenge_follow_up_review_complete"] as? Bool == true)
        }
    }

    @Test("R-LR-02, R-LR-03: the HA's lane rental assessment; a chargeable outcome says whether charges are agreed")
    func laneRental() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            let path = "lane-rental-assessments"
            #expect(
                try await put(app, wrn, prn, path, ["outcome": "chargeable"], as: Demo.haOfficer).fieldErrors[
                    "charges_agreed"] != nil)
            #expect(try await put(app, wrn, prn, path, ["outcome": "exempt"], as: Demo.planner).isError(401))
            #expect(
                try await put(
                    app, wrn, prn, path,
                    [
                        "outcome": "chargeable", "charges_agreed": false, "charge_band": "charge_band_2",
                        "chargeable_days": 3, "additional_details": "Peak hours",
                    ], as: Demo.haOfficer
                ).status == .noContent)
            let permit = try await app.permit(wrn, prn)
            #expect(permit["lane_rental_assessment_outcome"] as? String == "chargeable")
            #expect(permit["lane_rental_assessment_charge_band"] as? String == "charge_band_2")
            #expect(permit["lane_rental_assessment_chargeable_days"] as? Int == 3)
            #expect(permit["lane_rental_assessment_charges_agreed"] as? Bool == false)
            let officer = try await app.token(Demo.haOfficer)
            let notAgreed =
                try await app.request(
                    .get, "/v6/reporting/permits?lane_rental_charges_not_agreed=true", token: officer
                ).json["rows"] as? [[String: Any]]
            #expect(notAgreed?.map { $0["permit_reference_number"] as? String } == [prn])
            // Changed later: agreed.
            #expect(
                try await put(
                    app, wrn, prn, path, ["outcome": "chargeable", "charges_agreed": true], as: Demo.haOfficer
                )
                .status == .noContent)
            let none =
                try await app.request(
                    .get, "/v6/reporting/permits?lane_rental_charges_not_agreed=true", token: officer
                ).json["rows"] as? [[String: Any]]
            #expect(none?.isEmpty == true)
            let history = try await app.request(.get, "/v6/work/works/\(wrn)/history", token: officer).json
            #expect((history["rows"] as? [[String: Any]])?.first?["event"] as? String == "lane_rental_assessed")
        }
    }

    @Test("R-LR-01: the five lane rental outcomes are recorded; anything else is a 400 naming the field")
    func laneRentalOutcomes() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            for outcome in ["potentially_chargeable", "charges_waived", "exempt", "charges_not_applicable"] {
                #expect(
                    try await put(app, wrn, prn, "lane-rental-assessments", ["outcome": outcome], as: Demo.haOfficer)
                        .status == .noContent, "\(outcome)")
                #expect(try await app.permit(wrn, prn)["lane_rental_assessment_outcome"] as? String == outcome)
            }
            let unknown = try await put(
                app, wrn, prn, "lane-rental-assessments", ["outcome": "free"], as: Demo.haOfficer)
            #expect(unknown.isError(400))
            #expect(unknown.fieldErrors.keys.contains { $0.contains("outcome") }, "\(unknown.json)")
            #expect(
                try await app.permit(wrn, prn)["lane_rental_assessment_outcome"] as? String == "charges_not_applicable")
        }
    }

    @Test("R-HS2-02, R-LR-04: the HA acknowledges an HS2 application within Act limits, once; no lane rental on it")
    func hs2Acknowledgement() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            #expect(
                try await put(app, wrn, prn, "hs2_acknowledgement", ["hs2_acknowledged": true], as: Demo.haOfficer)
                    .isError(412))
            let body = app.workBody(
                workType: "hs2_highway_works",
                overrides: [
                    "promoter_swa_code": PermitRules.hs2PromoterSWACode, "hs2_in_act_limits": true,
                    "hs2_highway_exemption": "none_applicable",
                ])
            let (hs2Work, hs2Permit) = try await app.submitWork(body, as: Demo.hs2Planner)
            #expect(try await app.permit(hs2Work, hs2Permit)["hs2_acknowledged"] as? Bool == false)
            #expect(
                try await put(
                    app, hs2Work, hs2Permit, "hs2_acknowledgement", ["hs2_acknowledged": false], as: Demo.haOfficer
                ).fieldErrors["hs2_acknowledged"] != nil)
            #expect(
                try await put(
                    app, hs2Work, hs2Permit, "hs2_acknowledgement", ["hs2_acknowledged": true], as: Demo.haOfficer
                ).status == .noContent)
            #expect(
                try await put(
                    app, hs2Work, hs2Permit, "hs2_acknowledgement", ["hs2_acknowledged": true], as: Demo.haOfficer
                ).isError(412))
            let shown = try await app.permit(hs2Work, hs2Permit)
            #expect(shown["hs2_acknowledged"] as? Bool == true)
            #expect(shown["hs2_acknowledged_date_time"] as? String != nil)
            let lane = try await put(
                app, hs2Work, hs2Permit, "lane-rental-assessments", ["outcome": "exempt"], as: Demo.haOfficer)
            #expect(lane.isError(412) && lane.message?.hasPrefix("R-LR-04") == true, "\(lane.json)")
        }
    }
}
