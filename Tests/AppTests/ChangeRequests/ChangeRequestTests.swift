import App
import Domain
import Foundation
import Testing

/// Change requests on permits (the contract's permit alterations), R-CR and R-RESP-08.
@Suite("Change requests")
struct ChangeRequestTests {
    func base(_ wrn: String, _ prn: String) -> String { "/v6/work/works/\(wrn)/permits/\(prn)/alterations" }

    func raise(_ app: TestApp, _ wrn: String, _ prn: String, _ body: [String: Any], as email: String = Demo.planner)
        async throws -> JSONResponse
    {
        try await app.request(.post, base(wrn, prn), token: try await app.token(email), json: body)
    }

    func decide(
        _ app: TestApp, _ wrn: String, _ prn: String, _ cr: String, _ body: [String: Any],
        as email: String = Demo.haOfficer
    ) async throws -> JSONResponse {
        try await app.request(.put, base(wrn, prn) + "/\(cr)/status", token: try await app.token(email), json: body)
    }

    func get(_ app: TestApp, _ wrn: String, _ prn: String, _ cr: String, as email: String = Demo.haOfficer)
        async throws -> JSONResponse
    {
        try await app.request(.get, base(wrn, prn) + "/\(cr)", token: try await app.token(email))
    }

    /// A works record whose permit the HA granted.
    func granted(_ app: TestApp) async throws -> (String, String) {
        let (wrn, prn) = try await app.submitWork()
        #expect(
            try await app.assess(wrn, prn, ["assessment_status": "granted", "assessment_discount": 0]).status
                == .noContent)
        return (wrn, prn)
    }

    func history(_ app: TestApp, _ wrn: String) async throws -> [String] {
        let history = try await app.request(
            .get, "/v6/work/works/\(wrn)/history", token: try await app.token(Demo.planner)
        ).json
        return ((history["rows"] as? [[String: Any]]) ?? []).compactMap { $0["event"] as? String }
    }

    @Test(
        "R-CR-01, R-CR-02, R-CR-03, R-CR-07, R-CR-08: a change request on a granted permit, in the newer spelling, is granted and applied"
    )
    func grantApplies() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await granted(app)
            let before = try await app.permit(wrn, prn)
            // R-CR-07: only the reason is required; the rest is validated when sent.
            let missing = try await raise(app, wrn, prn, ["description_of_work": "x"])
            #expect(missing.status == .badRequest)
            let tooLong = try await raise(
                app, wrn, prn, ["change_request_reason": String(repeating: "r", count: 501)])
            #expect(tooLong.status == .badRequest)
            // The HA does not raise promoter change requests; another promoter cannot either.
            let byHA = try await raise(app, wrn, prn, ["change_request_reason": "x"], as: Demo.haOfficer)
            #expect(byHA.isError(412) && byHA.message?.hasPrefix("R-CR-01") == true, "\(byHA.json)")

            let created = try await raise(
                app, wrn, prn,
                ["change_request_reason": "A bigger hole", "description_of_work": "Replace the valve and the hydrant"])
            #expect(created.status == .created, "\(created.json)")
            let cr = try #require(created.json["change_request_reference_number"] as? String)
            #expect(cr == "\(prn)-CR-01")
            #expect(created.json["permit_alteration_reference_number"] as? String == cr)

            let shown = try await get(app, wrn, prn, cr)
            #expect(shown.status == .ok, "\(shown.json)")
            #expect(shown.json["alteration_status"] as? String == "submitted")
            #expect(shown.json["change_request_status"] as? String == "submitted")
            #expect(shown.json["alteration_type"] as? String == "PROMOTER_CHANGE_REQUEST")
            #expect(shown.json["change_request_reason"] as? String == "A bigger hole")
            #expect(shown.json["permit_alteration_reason"] as? String == "A bigger hole")
            // Two working days from Monday 2026-01-05: Wednesday.
            #expect((shown.json["deadline_date"] as? String)?.hasPrefix("2026-01-07") == true)
            let original = shown.json["original"] as? [String: Any]
            let proposed = shown.json["proposed"] as? [String: Any]
            #expect(original?["description_of_work"] as? String == "Replace a leaking water main valve")
            #expect(proposed?["description_of_work"] as? String == "Replace the valve and the hydrant")
            #expect(
                (shown.json["current"] as? [String: Any])?["description_of_work"] as? String
                    == "Replace a leaking water main valve")
            // Nothing changes before the grant.
            #expect(
                try await app.permit(wrn, prn)["description_of_work"] as? String
                    == before["description_of_work"] as? String)
            // The works record's active permit lists it too, in both spellings.
            let work = try await app.request(.get, "/v6/work/works/\(wrn)", token: try await app.token(Demo.planner))
            let active = work.json["active_permit"] as? [String: Any]
            #expect(
                (active?["change_requests"] as? [[String: Any]])?.first?["change_request_reference_number"] as? String
                    == cr, "\(work.json)")
            #expect(
                (active?["permit_alterations"] as? [[String: Any]])?.first?["alteration_status"] as? String
                    == "submitted")

            // R-CR-04: one awaiting assessment per permit.
            let second = try await raise(app, wrn, prn, ["change_request_reason": "Another"])
            #expect(second.isError(409) && second.message?.hasPrefix("R-CR-04") == true, "\(second.json)")

            // R-CR-08: granting needs the discount; refusing needs comments.
            #expect(
                try await decide(app, wrn, prn, cr, ["alteration_status": "granted"]).fieldErrors[
                    "assessment_discount"] != nil)
            #expect(
                try await decide(app, wrn, prn, cr, ["change_request_status": "refused"]).fieldErrors[
                    "assessment_comments"] != nil)
            #expect(
                try await decide(
                    app, wrn, prn, cr, ["alteration_status": "granted", "assessment_discount": 10],
                    as: Demo.othertonOfficer
                ).isError(401))
            // R-CR-09: a duration challenge is for works extensions only.
            let challenged = try await decide(
                app, wrn, prn, cr,
                [
                    "alteration_status": "granted_with_duration_challenge", "assessment_comments": "Too long",
                    "reasonable_period_end_date": before["proposed_end_date"] as Any,
                ])
            #expect(challenged.isError(412) && challenged.message?.hasPrefix("R-CR-09") == true, "\(challenged.json)")

            #expect(
                try await decide(app, wrn, prn, cr, ["alteration_status": "granted", "assessment_discount": 10]).status
                    == .noContent)
            let after = try await app.permit(wrn, prn)
            #expect(after["description_of_work"] as? String == "Replace the valve and the hydrant")
            #expect(after["permit_status"] as? String == "granted")
            let summaries = after["change_requests"] as? [[String: Any]]
            #expect(summaries?.first?["change_request_status"] as? String == "granted")
            #expect(
                (after["permit_alterations"] as? [[String: Any]])?.first?["alteration_type"] as? String
                    == "PROMOTER_CHANGE_REQUEST")
            let decided = try await get(app, wrn, prn, cr).json
            #expect(decided["assessment_discount"] as? Double == 10)
            // R-CR-02: granted is final.
            #expect(
                try await decide(app, wrn, prn, cr, ["alteration_status": "refused", "assessment_comments": "No"])
                    .isError(412))
            #expect(try await history(app, wrn).prefix(2) == ["alteration_granted", "alteration_submitted"])

            // The next one is number 02.
            let next = try await raise(app, wrn, prn, ["change_request_reason": "Again"])
            #expect(next.json["change_request_reference_number"] as? String == "\(prn)-CR-02")
        }
    }

    @Test("R-CR-08, R-CR-05: a refused change leaves the permit unchanged; none on a refused permit or a PAA")
    func refusalAndWhereNot() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await granted(app)
            // The contract's own spelling: the whole application with the change in it.
            let before = try await app.permit(wrn, prn)
            var full = app.workBody()
            for key in ["promoter_swa_code", "highway_authority_swa_code", "usrn", "workstream_prefix"] {
                full[key] = nil
            }
            full["proposed_start_date"] = before["proposed_start_date"]
            full["proposed_end_date"] = before["proposed_end_date"]
            full["permit_alteration_reason"] = "Later"
            full["description_of_work"] = "Other"
            let created = try await raise(app, wrn, prn, full)
            #expect(created.status == .created, "\(created.json)")
            let cr = try #require(created.json["permit_alteration_reference_number"] as? String)
            #expect(try await get(app, wrn, prn, cr).json["alteration_type"] as? String == "PROMOTER_CHANGE_REQUEST")
            #expect(
                try await decide(app, wrn, prn, cr, ["alteration_status": "refused", "assessment_comments": "No"])
                    .status == .noContent)
            #expect(
                try await app.permit(wrn, prn)["description_of_work"] as? String
                    == "Replace a leaking water main valve")
            #expect(try await get(app, wrn, prn, cr).json["alteration_status"] as? String == "refused")
            #expect(try await history(app, wrn).first == "alteration_refused")

            let (wrn2, prn2) = try await app.submitWork()
            #expect(
                try await app.assess(
                    wrn2, prn2,
                    ["assessment_status": "refused", "reasons_for_refusal": ["RC10"], "additional_comments": "No"]
                ).status == .noContent)
            let onRefused = try await raise(app, wrn2, prn2, ["change_request_reason": "x"])
            #expect(onRefused.isError(412) && onRefused.message?.hasPrefix("R-CR-05") == true, "\(onRefused.json)")
            #expect(try await get(app, wrn, prn, "\(prn)-CR-09").isError(404))
        }
    }

    @Test("R-CR-01, R-RESP-06: a change while the permit awaits assessment is applied at once and keeps its deadline")
    func promoterImposedChange() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            let deadline = try await app.permit(wrn, prn)["deadline_date"] as? String
            let created = try await raise(
                app, wrn, prn, ["change_request_reason": "Typo", "works_location_description": "Outside number 14"])
            let cr = try #require(created.json["change_request_reference_number"] as? String)
            let shown = try await get(app, wrn, prn, cr).json
            #expect(shown["change_request_type"] as? String == "PROMOTER_IMPOSED_CHANGE")
            #expect(shown["change_request_status"] as? String == "auto_applied")
            let permit = try await app.permit(wrn, prn)
            #expect(permit["works_location_description"] as? String == "Outside number 14")
            #expect(permit["deadline_date"] as? String == deadline)
            #expect(permit["permit_status"] as? String == "submitted")
            #expect(try await history(app, wrn).first == "alteration_applied_auto")
            // R-CR-06: the work type never changes.
            let retyped = try await raise(
                app, wrn, prn, ["change_request_reason": "x", "work_type": "immediate", "immediate_risk": true])
            #expect(retyped.fieldErrors["work_type"] != nil, "\(retyped.json)")
        }
    }

    @Test(
        "R-CR-15, R-RESP-05: the promoter's modified permit answers a modification request; the HA then has 2 WD before it deems"
    )
    func modifiedPermit() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            #expect(
                try await app.assess(
                    wrn, prn, ["assessment_status": "permit_modification_request", "pending_change_details": "Move it"]
                ).status == .noContent)
            // A PMR does not deem on its own.
            app.clock.advance(by: 10 * 86_400)
            #expect(try await app.deem() == 0)
            let cr = try #require(
                try await raise(
                    app, wrn, prn,
                    ["change_request_reason": "Moved", "works_location_description": "Outside number 20"]
                ).json["change_request_reference_number"] as? String)
            let shown = try await get(app, wrn, prn, cr).json
            #expect(shown["change_request_type"] as? String == "MODIFIED_PERMIT")
            #expect(shown["change_request_status"] as? String == "auto_applied")
            var permit = try await app.permit(wrn, prn)
            #expect(permit["permit_status"] as? String == "permit_modification_request")
            #expect(permit["works_location_description"] as? String == "Outside number 20")
            // Now Thursday 2026-01-15: deadline Monday 2026-01-19, deemed from Tuesday.
            #expect(
                (permit["deadline_date"] as? String)?.hasPrefix("2026-01-19") == true,
                "\(permit["deadline_date"] ?? "")")
            app.clock.set(ISO8601.parse("2026-01-20T00:00:30Z")!)
            #expect(try await app.deem() == 1)
            permit = try await app.permit(wrn, prn)
            #expect(permit["permit_status"] as? String == "granted")
            #expect(permit["is_deemed"] as? Bool == true)
        }
    }

    @Test("R-RESP-08: a change request not assessed in 2 working days deems and is applied")
    func deems() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await granted(app)
            let cr = try #require(
                try await raise(app, wrn, prn, ["change_request_reason": "More", "description_of_work": "Deemed text"])
                    .json["change_request_reference_number"] as? String)
            // R-RESP-10: the worklist shows it on its last day, to its HA only.
            let aboutToDeem = "/v6/worklist/change-requests-about-to-deem"
            #expect(
                (try await app.request(.get, aboutToDeem, token: try await app.token(Demo.haOfficer)).array)
                    .isEmpty)
            app.clock.set(ISO8601.parse("2026-01-07T10:00:00Z")!)
            let due = try await app.request(.get, aboutToDeem, token: try await app.token(Demo.haOfficer)).array
            #expect(due.map { $0["change_request_reference_number"] as? String } == [cr], "\(due)")
            #expect(due.first?["work_status"] as? String == "planned")
            #expect(
                (try await app.request(.get, aboutToDeem, token: try await app.token(Demo.othertonOfficer)).array)
                    .isEmpty)
            app.clock.set(ISO8601.parse("2026-01-07T23:59:00Z")!)
            #expect(try await app.deem() == 0)
            app.clock.set(ISO8601.parse("2026-01-08T00:00:30Z")!)
            let late = try await decide(app, wrn, prn, cr, ["alteration_status": "granted", "assessment_discount": 0])
            #expect(late.isError(412) && late.message?.hasPrefix("R-RESP-08") == true, "\(late.json)")
            #expect(try await app.deem() == 1)
            #expect(try await get(app, wrn, prn, cr).json["change_request_status"] as? String == "deemed")
            #expect(try await app.permit(wrn, prn)["description_of_work"] as? String == "Deemed text")
            #expect(try await history(app, wrn).first == "alteration_deemed")
            #expect(try await app.deem() == 0)
        }
    }

    @Test("R-CR-13: a change request cannot be cancelled on its own, only with its permit")
    func noDirectCancel() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await granted(app)
            let cr = try #require(
                try await raise(app, wrn, prn, ["change_request_reason": "More"])
                    .json["change_request_reference_number"] as? String)
            for body: [String: Any] in [["change_request_status": "cancelled"], ["alteration_status": "cancelled"]] {
                for email in [Demo.planner, Demo.haOfficer] {
                    let answer = try await decide(app, wrn, prn, cr, body, as: email)
                    #expect(answer.status.code >= 400 && answer.status.code < 500, "\(answer.json)")
                }
            }
            #expect(try await get(app, wrn, prn, cr).json["change_request_status"] as? String == "submitted")
        }
    }

    @Test("R-CR-02: a change request awaiting assessment is cancelled with its permit")
    func followsPermit() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await granted(app)
            let cr = try #require(
                try await raise(app, wrn, prn, ["change_request_reason": "More"])
                    .json["change_request_reference_number"] as? String)
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrn)/permits/\(prn)/status", token: try await app.token(Demo.planner),
                    json: [
                        "permit_status": "cancelled", "permit_cancellation_reason": "other",
                        "permit_cancellation_reason_other": "Not needed",
                    ]
                ).status == .noContent)
            #expect(try await get(app, wrn, prn, cr).json["change_request_status"] as? String == "cancelled")
            #expect(try await history(app, wrn).contains("alteration_cancelled"))
        }
    }

    @Test(
        "R-CR-01, R-CR-09, R-CR-10, R-CR-16: a works extension (with other changes) granted with a duration challenge, reviewed and answered"
    )
    func extensionWithDurationChallenge() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await granted(app)
            app.clock.advance(by: 28 * 86_400)
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrn)/start", token: try await app.token(Demo.planner),
                    json: ["actual_start_date": ISO8601.format(app.clock.now())]
                ).status == .noContent)
            let permit = try await app.permit(wrn, prn)
            let endText = try #require(permit["proposed_end_date"] as? String)
            let end = try #require(ISO8601.parse(endText))
            let later = end.addingTimeInterval(5 * 86_400)
            // R-CR-06: the start cannot move once works started.
            let moved = try await raise(
                app, wrn, prn,
                [
                    "change_request_reason": "x",
                    "proposed_start_date": ISO8601.format(app.clock.now().addingTimeInterval(86_400)),
                ])
            #expect(moved.fieldErrors["proposed_start_date"] != nil, "\(moved.json)")
            let cr = try #require(
                try await raise(
                    app, wrn, prn,
                    [
                        "change_request_reason": "Rock", "proposed_end_date": ISO8601.format(later),
                        "description_of_work": "Break out rock and replace the valve",
                    ]
                ).json["change_request_reference_number"] as? String)
            #expect(try await get(app, wrn, prn, cr).json["change_request_type"] as? String == "WORK_EXTENSION")
            // R-CR-09: the reasonable end lies between the current and the proposed end.
            let outside = try await decide(
                app, wrn, prn, cr,
                [
                    "alteration_status": "granted_with_duration_challenge", "assessment_comments": "Two days",
                    "reasonable_period_end_date": ISO8601.format(later),
                ])
            #expect(outside.fieldErrors["reasonable_period_end_date"] != nil, "\(outside.json)")
            let reasonable = end.addingTimeInterval(2 * 86_400)
            #expect(
                try await decide(
                    app, wrn, prn, cr,
                    [
                        "alteration_status": "granted_with_duration_challenge", "assessment_comments": "Two days",
                        "reasonable_period_end_date": ISO8601.format(reasonable),
                    ]
                ).status == .noContent)
            let extended = try await app.permit(wrn, prn)
            #expect(extended["proposed_end_date"] as? String == ISO8601.format(later))
            // R-CR-10: the extension's other changes are applied with it.
            #expect(extended["description_of_work"] as? String == "Break out rock and replace the valve")
            #expect(extended["reasonable_period_end_date"] as? String == ISO8601.format(reasonable))
            #expect(extended["is_duration_challenged"] as? Bool == true)

            let review = base(wrn, prn) + "/\(cr)/duration-challenge-review"
            let answer = base(wrn, prn) + "/\(cr)/duration-challenge-non-acceptance-response"
            let planner = try await app.token(Demo.planner)
            let officer = try await app.token(Demo.haOfficer)
            // The HA answers only a non-acceptance.
            #expect(
                try await app.request(
                    .put, answer, token: officer,
                    json: [
                        "non_acceptance_response_status": "reasonable_period_end_date_not_changed",
                        "non_acceptance_response_details": "x",
                    ]
                ).isError(412))
            #expect(
                try await app.request(
                    .put, review, token: planner, json: ["review_status": "duration_challenge_not_accepted"]
                ).fieldErrors["reason_for_non_acceptance"] != nil)
            #expect(
                try await app.request(
                    .put, review, token: planner,
                    json: ["review_status": "duration_challenge_not_accepted", "reason_for_non_acceptance": "Rock"]
                ).status == .noContent)
            let newEnd = end.addingTimeInterval(4 * 86_400)
            #expect(
                try await app.request(
                    .put, answer, token: officer,
                    json: [
                        "non_acceptance_response_status": "reasonable_period_end_date_changed",
                        "non_acceptance_response_details": "Fair",
                        "new_reasonable_period_end_date": ISO8601.format(newEnd),
                    ]
                ).status == .noContent)
            let shown = try await get(app, wrn, prn, cr).json
            #expect(shown["duration_challenge_review_status"] as? String == "duration_challenge_not_accepted")
            #expect(
                shown["duration_challenge_non_acceptance_response_status"] as? String
                    == "reasonable_period_end_date_changed")
            #expect(
                shown["duration_challenge_non_acceptance_response_old_reasonable_period_end_date"] as? String
                    == ISO8601.format(reasonable))
            #expect(shown["duration_challenge_follow_up_review_complete"] as? Bool == true)
            #expect(try await app.permit(wrn, prn)["reasonable_period_end_date"] as? String == ISO8601.format(newEnd))
            #expect(try await history(app, wrn).first == "alteration_duration_challenge_non_acceptance_response")
        }
    }

    @Test("R-CR-11: the HA imposes conditions on a granted permit, applied at once; not before the grant")
    func imposed() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            let officer = try await app.token(Demo.haOfficer)
            let body: [String: Any] = [
                "permit_alteration_reason": "Night work only",
                "permit_conditions": [["condition": "NCT01a", "comment": "Nights"]],
            ]
            let early = try await app.request(.post, base(wrn, prn) + "/impose", token: officer, json: body)
            #expect(early.isError(412) && early.message?.hasPrefix("R-CR-11") == true, "\(early.json)")
            #expect(
                try await app.assess(wrn, prn, ["assessment_status": "granted", "assessment_discount": 0]).status
                    == .noContent)
            #expect(
                try await app.request(
                    .post, base(wrn, prn) + "/impose", token: try await app.token(Demo.planner), json: body
                )
                .isError(401))
            let imposed = try await app.request(.post, base(wrn, prn) + "/impose", token: officer, json: body)
            #expect(imposed.status == .created, "\(imposed.json)")
            let cr = try #require(imposed.json["change_request_reference_number"] as? String)
            #expect(try await get(app, wrn, prn, cr).json["alteration_type"] as? String == "HA_IMPOSED_CHANGE")
            let conditions = try await app.permit(wrn, prn)["permit_conditions"] as? [[String: Any]]
            #expect(conditions?.first?["condition"] as? String == "NCT01a")
        }
    }
}
