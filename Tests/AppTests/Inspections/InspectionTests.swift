import Domain
import Foundation
import Store
import Testing

@testable import App

/// Inspections, scheduled inspections, non-compliances and historic inspections (R-INSP-01 …
/// R-INSP-14, R-NC-01, R-NC-02), through the router.
@Suite("Inspections")
struct InspectionTests {
    /// A valid failed (high) live site category A inspection an hour ago, one non-compliant area.
    func failed(_ app: TestApp, overrides: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = [
            "inspection_type": "live_site", "inspection_category": "a", "inspection_outcome": "failed_high",
            "inspection_start_date": ISO8601.format(app.clock.now().addingTimeInterval(-3_600)),
            "failure_reason_details": [["failure_reason": "live_site_signage", "details": "No advance signs"]],
            "was_call_logged": false, "defect_fixed_on_site": "no", "inspection_evidence": false,
            "username": "ha.officer@anytown.example", "inspector_name": "Ines Inspector",
        ]
        for (key, value) in overrides { body[key] = value }
        return body
    }

    /// A valid passed reinstatement category B inspection.
    func passed(_ app: TestApp, overrides: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = [
            "inspection_type": "reinstatement", "inspection_category": "b", "inspection_outcome": "passed",
            "inspection_start_date": ISO8601.format(app.clock.now().addingTimeInterval(-3_600)),
            "inspection_evidence": false, "username": "ha.officer@anytown.example",
        ]
        for (key, value) in overrides { body[key] = value }
        return body
    }

    func create(_ app: TestApp, _ wrn: String, _ body: [String: Any], as email: String = Demo.haOfficer)
        async throws -> JSONResponse
    {
        try await app.request(
            .post, "/v6/work/works/\(wrn)/inspections", token: try await app.token(email), json: body)
    }

    /// Records an inspection; returns its reference and any non-compliance it raised.
    func recorded(_ app: TestApp, _ wrn: String, _ body: [String: Any]) async throws -> (String, String?) {
        let response = try await create(app, wrn, body)
        #expect(response.status == .created, "create: \(response.status) \(response.json)")
        return (
            try #require(response.json["inspection_reference_number"] as? String),
            response.json["non_compliance_reference_number"] as? String
        )
    }

    func read(_ app: TestApp, _ wrn: String, _ reference: String, as email: String = Demo.planner) async throws
        -> JSONResponse
    {
        try await app.request(
            .get, "/v6/work/works/\(wrn)/inspections/\(reference)", token: try await app.token(email))
    }

    func respond(
        _ app: TestApp, _ wrn: String, _ reference: String, _ body: [String: Any], as email: String = Demo.planner
    ) async throws -> JSONResponse {
        try await app.request(
            .put, "/v6/work/works/\(wrn)/inspections/\(reference)/status", token: try await app.token(email),
            json: body)
    }

    func work(_ app: TestApp, _ wrn: String) async throws -> [String: Any] {
        try await app.request(.get, "/v6/work/works/\(wrn)", token: try await app.token(Demo.planner)).json
    }

    func events(_ app: TestApp, _ wrn: String) async throws -> [String] {
        let rows = try await app.services.database.query(
            "SELECT event FROM work_history WHERE work_reference_number = ? ORDER BY update_id", [.text(wrn)])
        return rows.compactMap { $0.string("event") }
    }

    func day(_ app: TestApp, _ days: Double) -> String {
        ISO8601.format(app.clock.now().addingTimeInterval(days * 86_400))
    }

    @Test("R-INSP-01: inspections are numbered {WRN}-INSP-NN per works record and read back as recorded")
    func testR_INSP_01_reference() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let (first, nc) = try await recorded(app, wrn, failed(app))
            #expect(first == "\(wrn)-INSP-01")
            #expect(nc == "\(wrn)-NC-01")
            let (second, none) = try await recorded(app, wrn, passed(app))
            #expect(second == "\(wrn)-INSP-02")
            #expect(none == nil)
            let shown = try await read(app, wrn, first.lowercased())
            #expect(shown.status == .ok, "\(shown.json)")
            let json = shown.json
            #expect(json["inspection_type"] as? String == "live_site")
            #expect(json["inspection_category"] as? String == "a")
            #expect(json["inspection_outcome"] as? String == "failed_high")
            #expect(json["inspection_status"] as? String == "recorded")
            #expect(json["defect_fixed_on_site"] as? String == "no")
            #expect(json["was_call_logged"] as? Bool == false)
            #expect(json["is_auto_accepted"] as? Bool == false)
            #expect(json["promoter_organisation"] as? String == "Anytown Water Ltd")
            #expect(json["non_compliance_reference_number"] as? String == nc)
            let areas = try #require(json["failure_reason_details"] as? [[String: Any]])
            #expect(areas.first?["failure_reason"] as? String == "live_site_signage")
            #expect(areas.first?["details"] as? String == "No advance signs")
            #expect(try await read(app, wrn, "\(wrn)-INSP-09").isError(404))
            // History and polling carry the events with their AuditEvent values.
            #expect(
                try await events(app, wrn).suffix(3) == [
                    "inspection_failed", "non_compliance_issued", "inspection_passed",
                ])
            let updates = try await app.request(
                .get, "/v6/event/works/updates?update_id=0", token: try await app.token(Demo.haOfficer)
            ).json
            let feed = (updates["rows"] as? [[String: Any]] ?? []).compactMap { $0["event_type"] as? String }
            #expect(
                feed.suffix(3) == ["inspection_failed", "non_compliance_issued", "inspection_passed"], "\(updates)")
        }
    }

    @Test("R-INSP-02: only the highway authority named on the works records an inspection")
    func testR_INSP_02_onlyTheWorksAuthority() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            #expect(try await create(app, wrn, failed(app), as: Demo.planner).isError(401))
            #expect(try await create(app, wrn, failed(app), as: Demo.othertonOfficer).isError(401))
            #expect(try await create(app, "NOPE", failed(app)).isError(404))
            #expect(try await read(app, wrn, "\(wrn)-INSP-01").isError(404))
            let (reference, _) = try await recorded(app, wrn, failed(app))
            let withdraw = try await app.request(
                .put, "/v6/work/works/\(wrn)/inspections/\(reference)/withdraw",
                token: try await app.token(Demo.othertonOfficer),
                json: ["reason_for_withdrawal": "other", "withdrawal_details": "Not ours"])
            #expect(withdraw.isError(401))
            let schedule = try await app.request(
                .post, "/v6/work/works/\(wrn)/scheduled-inspections", token: try await app.token(Demo.planner),
                json: [
                    "scheduled_inspection_type": "live_site", "scheduled_inspection_category": "a",
                    "scheduled_inspection_date": day(app, 2),
                ])
            #expect(schedule.isError(401))
        }
    }

    @Test("R-INSP-03: a category must belong to its type; types with categories need one, section 81 takes none")
    func testR_INSP_03_typesAndCategories() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let wrong = try await create(app, wrn, passed(app, overrides: ["inspection_category": "joint_site_visit"]))
            #expect(wrong.isError(400))
            #expect(wrong.fieldErrors["inspection_category"]?.hasPrefix("R-INSP-03") == true, "\(wrong.json)")
            var missing = passed(app)
            missing["inspection_category"] = nil
            #expect(try await create(app, wrn, missing).fieldErrors["inspection_category"] != nil)
            let s81 = try await create(
                app, wrn, passed(app, overrides: ["inspection_type": "section_81", "inspection_category": "a"]))
            #expect(s81.fieldErrors["inspection_category"] != nil, "\(s81.json)")
            var s81Bare = passed(app, overrides: ["inspection_type": "section_81"])
            s81Bare["inspection_category"] = nil
            _ = try await recorded(app, wrn, s81Bare)
            _ = try await recorded(
                app, wrn,
                passed(
                    app, overrides: ["inspection_type": "investigatory_works", "inspection_category": "core_sample"]))
            #expect(try await events(app, wrn).filter { $0.hasPrefix("inspection_") }.count == 2)
        }
    }

    @Test("R-INSP-03: the contract's upcoming_enum and a scheduled category of another type are a 400")
    func testR_INSP_03_valuesNotAccepted() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let upcoming = try await create(app, wrn, passed(app, overrides: ["inspection_category": "upcoming_enum"]))
            #expect(upcoming.isError(400), "\(upcoming.json)")
            #expect(upcoming.fieldErrors["inspection_category"] != nil)
            let scheduled = try await app.request(
                .post, "/v6/work/works/\(wrn)/scheduled-inspections", token: try await app.token(Demo.haOfficer),
                json: [
                    "scheduled_inspection_type": "reinstatement", "scheduled_inspection_category": "a",
                    "scheduled_inspection_date": day(app, 1),
                ])
            #expect(scheduled.fieldErrors["scheduled_inspection_category"]?.contains("R-INSP-03") == true)
            #expect(try await events(app, wrn).allSatisfy { !$0.contains("inspection") })
        }
    }

    @Test("R-INSP-04: each type and category allows its own outcomes")
    func testR_INSP_04_outcomes() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let occupancy = try await create(
                app, wrn,
                passed(app, overrides: ["inspection_type": "live_site", "inspection_category": "site_occupancy"]))
            #expect(occupancy.isError(400))
            #expect(occupancy.fieldErrors["inspection_outcome"]?.hasPrefix("R-INSP-04") == true, "\(occupancy.json)")
            _ = try await recorded(
                app, wrn,
                passed(
                    app,
                    overrides: [
                        "inspection_type": "live_site", "inspection_category": "site_occupancy",
                        "inspection_outcome": "works_stopped",
                    ]))
            let jsv = try await create(
                app, wrn,
                passed(
                    app,
                    overrides: [
                        "inspection_type": "non_compliance_follow_up", "inspection_category": "joint_site_visit",
                    ]))
            #expect(jsv.fieldErrors["inspection_outcome"] != nil)
            _ = try await recorded(
                app, wrn,
                passed(
                    app,
                    overrides: [
                        "inspection_type": "non_compliance_follow_up", "inspection_category": "joint_site_visit",
                        "inspection_outcome": "agreed_site_compliance",
                    ]))
            let conditions = try await create(
                app, wrn,
                passed(
                    app,
                    overrides: [
                        "inspection_type": "live_site", "inspection_category": "conditions",
                        "inspection_outcome": "failed_low",
                    ]))
            #expect(conditions.fieldErrors["inspection_outcome"] != nil)
            #expect(
                try await events(app, wrn).suffix(2) == [
                    "inspection_works_stopped", "inspection_agreed_site_compliance",
                ])
        }
    }

    @Test("R-INSP-05: a failed outcome needs non-compliant areas from its type's list, each with details")
    func testR_INSP_05_nonCompliantAreas() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let none = try await create(app, wrn, failed(app, overrides: ["failure_reason_details": []]))
            #expect(none.fieldErrors["failure_reason_details"]?.hasPrefix("R-INSP-05") == true, "\(none.json)")
            let wrongList = try await create(
                app, wrn,
                failed(
                    app,
                    overrides: [
                        "failure_reason_details": [
                            ["failure_reason": "live_site_barriers", "details": "Gap"],
                            ["failure_reason": "reinstatement_crowning", "details": "Crowned"],
                        ]
                    ]))
            #expect(wrongList.fieldErrors["failure_reason_details[1].failure_reason"] != nil, "\(wrongList.json)")
            let blank = try await create(
                app, wrn,
                failed(
                    app,
                    overrides: ["failure_reason_details": [["failure_reason": "live_site_barriers", "details": " "]]]))
            #expect(blank.fieldErrors["failure_reason_details[0].details"] != nil)
            let onPass = try await create(
                app, wrn,
                passed(
                    app,
                    overrides: [
                        "failure_reason_details": [["failure_reason": "reinstatement_crowning", "details": "Crowned"]]
                    ]))
            #expect(onPass.fieldErrors["failure_reason_details"] != nil)
            // A failed reinstatement with reinstatement reasons is recorded.
            let (reference, nc) = try await recorded(
                app, wrn,
                passed(
                    app,
                    overrides: [
                        "inspection_outcome": "failed_low",
                        "failure_reason_details": [
                            [
                                "failure_reason": "reinstatement_crowning", "details": "Crowned",
                                "site_reference_numbers": ["s1"],
                            ]
                        ],
                    ]))
            #expect(nc != nil)
            let areas = try #require(
                try await read(app, wrn, reference).json["failure_reason_details"] as? [[String: Any]])
            #expect(areas.first?["failure_reason"] as? String == "reinstatement_crowning")
            #expect(areas.first?["site_name"] as? String == "S1")
            #expect(try await events(app, wrn).filter { $0 == "inspection_failed" }.count == 1)
        }
    }

    @Test("R-INSP-06: what failed live site, section 81 and some outcomes need; the start is in the past")
    func testR_INSP_06_requiredDetails() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            var bare = failed(app)
            bare["was_call_logged"] = nil
            bare["defect_fixed_on_site"] = nil
            let missing = try await create(app, wrn, bare)
            #expect(missing.fieldErrors["was_call_logged"] != nil, "\(missing.json)")
            #expect(missing.fieldErrors["defect_fixed_on_site"] != nil)
            let logged = try await create(app, wrn, failed(app, overrides: ["was_call_logged": true]))
            #expect(
                Set(logged.fieldErrors.keys).isSuperset(of: [
                    "call_logged_to", "call_logged_reference", "call_logged_summary",
                ]), "\(logged.json)")
            let unable = try await create(
                app, wrn, passed(app, overrides: ["inspection_outcome": "unable_to_complete_inspection"]))
            #expect(unable.fieldErrors["inspection_outcome_details"] != nil)
            var s81 = passed(app, overrides: ["inspection_type": "section_81", "inspection_outcome": "failed"])
            s81["inspection_category"] = nil
            #expect(try await create(app, wrn, s81).fieldErrors["made_safe_by_ha"] != nil)
            let future = try await create(app, wrn, passed(app, overrides: ["inspection_start_date": day(app, 1)]))
            #expect(future.fieldErrors["inspection_start_date"] != nil)
            #expect(try await events(app, wrn).allSatisfy { !$0.hasPrefix("inspection_") })
            s81["made_safe_by_ha"] = true
            let (reference, nc) = try await recorded(app, wrn, s81)
            #expect(nc == nil)
            #expect(try await read(app, wrn, reference).json["made_safe_by_ha"] as? Bool == true)
            _ = try await recorded(
                app, wrn,
                failed(
                    app,
                    overrides: [
                        "was_call_logged": true, "call_logged_to": "Site manager", "call_logged_reference": "C-1",
                        "call_logged_summary": "Told to fix signs",
                    ]))
        }
    }

    @Test("R-INSP-07: evidence files go with inspection_evidence, at most 50 whole ids, kept as sent")
    func testR_INSP_07_evidenceFiles() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            #expect(
                try await create(app, wrn, passed(app, overrides: ["inspection_evidence": true])).fieldErrors[
                    "file_ids"]
                    != nil)
            let tooMany = try await create(
                app, wrn, passed(app, overrides: ["inspection_evidence": true, "file_ids": Array(1...51)]))
            #expect(tooMany.fieldErrors["file_ids"]?.contains("50") == true, "\(tooMany.json)")
            let fraction = try await create(
                app, wrn, passed(app, overrides: ["inspection_evidence": true, "file_ids": [1, 2.5]]))
            #expect(fraction.fieldErrors["file_ids[1]"] != nil, "\(fraction.json)")
            // Only uploads of the authority are attached (InspectionEvidenceTests); their ids are kept as sent.
            var photos: [Int] = []
            for _ in 0..<3 { photos.append(try await app.uploaded(SampleFiles.jpeg, as: Demo.haOfficer)) }
            let (reference, _) = try await recorded(
                app, wrn,
                passed(
                    app,
                    overrides: [
                        "inspection_evidence": true, "file_ids": photos, "additional_comments": "Photos attached",
                    ]))
            let stored = try #require(try await InspectionRepository(app.services.database).inspection(reference))
            #expect(stored.fileIDs == photos)
            #expect(stored.evidence)
            #expect(try await read(app, wrn, reference).json["additional_comments"] as? String == "Photos attached")
        }
    }

    @Test("R-INSP-08: inspections are recorded at any stage of a works record")
    func testR_INSP_08_anyStage() async throws {
        try await TestApp.run { app throws in
            let (planned, _) = try await app.submitWork()
            _ = try await recorded(app, planned, passed(app))
            let began = app.clock.now().addingTimeInterval(-2 * 3_600)
            let (started, _) = try await app.submitWork(
                app.workBody(
                    workType: "immediate",
                    overrides: [
                        "proposed_start_date": ISO8601.format(began), "proposed_start_time": ISO8601.format(began),
                    ]))
            _ = try await recorded(app, started, failed(app))
            #expect(try await work(app, started)["work_status"] as? String == "in_progress")
        }
    }

    @Test("R-INSP-09: the authority withdraws an inspection with a reason, once; only a withdrawn one is deleted")
    func testR_INSP_09_withdrawAndDelete() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let (reference, nc) = try await recorded(app, wrn, failed(app))
            let path = "/v6/work/works/\(wrn)/inspections/\(reference)"
            let officer = try await app.token(Demo.haOfficer)
            #expect(try await app.request(.delete, path, token: officer).isError(412))
            let blank = try await app.request(
                .put, path + "/withdraw", token: officer,
                json: ["reason_for_withdrawal": "wrong_details", "withdrawal_details": " "])
            #expect(blank.fieldErrors["withdrawal_details"] != nil, "\(blank.json)")
            #expect(
                try await app.request(
                    .put, path + "/withdraw", token: officer,
                    json: ["reason_for_withdrawal": "wrong_details", "withdrawal_details": "Wrong street"]
                ).status == .noContent)
            let json = try await read(app, wrn, reference).json
            #expect(json["inspection_status"] as? String == "withdrawn")
            #expect(json["inspection_reason_for_withdrawal"] as? String == "wrong_details")
            #expect(json["withdrawal_details"] as? String == "Wrong street")
            #expect(json["ha_response_status"] as? String == "inspection_withdrawn")
            // The non-compliance it alone raised is withdrawn with it.
            let ncJSON = try await app.request(
                .get, "/v6/work/works/\(wrn)/non-compliances/\(try #require(nc))", token: officer
            ).json
            #expect(ncJSON["non_compliance_status"] as? String == "withdrawn", "\(ncJSON)")
            let again = try await app.request(
                .put, path + "/withdraw", token: officer,
                json: ["reason_for_withdrawal": "other", "withdrawal_details": "Again"])
            #expect(again.isError(412))
            #expect(again.message?.hasPrefix("R-INSP-09") == true)
            #expect(try await app.request(.delete, path, token: officer).status == .noContent)
            #expect(try await read(app, wrn, reference).isError(404))
            #expect(
                try await events(app, wrn).suffix(3) == [
                    "inspection_withdrawn", "non_compliance_withdrawn", "inspection_deleted",
                ])
        }
    }

    @Test("R-INSP-10: one scheduled inspection per works record, today or later; with an inspection it defaults")
    func testR_INSP_10_scheduledInspection() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let officer = try await app.token(Demo.haOfficer)
            let path = "/v6/work/works/\(wrn)/scheduled-inspections"
            let past = try await app.request(
                .post, path, token: officer,
                json: [
                    "scheduled_inspection_type": "live_site", "scheduled_inspection_category": "a",
                    "scheduled_inspection_date": day(app, -2),
                ])
            #expect(past.fieldErrors["scheduled_inspection_date"]?.hasPrefix("R-INSP-10") == true, "\(past.json)")
            let otherDay = try await app.request(
                .post, path, token: officer,
                json: [
                    "scheduled_inspection_type": "live_site", "scheduled_inspection_category": "a",
                    "scheduled_inspection_date": day(app, 2), "scheduled_inspection_date_time": day(app, 3),
                ])
            #expect(otherDay.fieldErrors["scheduled_inspection_date_time"] != nil)
            let body: [String: Any] = [
                "scheduled_inspection_type": "reinstatement", "scheduled_inspection_category": "c",
                "scheduled_inspection_date": day(app, 2),
            ]
            #expect(try await app.request(.post, path, token: officer, json: body).status == .created)
            let second = try await app.request(.post, path, token: officer, json: body)
            #expect(second.isError(412))
            #expect(second.message?.hasPrefix("R-INSP-10") == true)
            let listed = try #require(try await work(app, wrn)["inspections"] as? [[String: Any]])
            #expect(listed.count == 1)
            #expect(listed[0]["inspection_response_type"] as? String == "reinspection")
            #expect(listed[0]["inspection_status"] as? String == "scheduled")
            #expect(listed[0]["inspection_category"] as? String == "c")
            // With an inspection: the type and category default to the inspection's.
            let (wrn2, _) = try await app.submitWork()
            _ = try await recorded(app, wrn2, failed(app, overrides: ["reinspection_date": day(app, 7)]))
            let scheduled = try #require(try await InspectionRepository(app.services.database).scheduled(ofWork: wrn2))
            #expect(scheduled.type == .liveSite)
            #expect(scheduled.category == .a)
            #expect(try await events(app, wrn2).last == "scheduled_inspection_created")
        }
    }

    @Test("R-INSP-11: recording any inspection removes the scheduled one; the authority may cancel it")
    func testR_INSP_11_scheduledRemoved() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let officer = try await app.token(Demo.haOfficer)
            let path = "/v6/work/works/\(wrn)/scheduled-inspections"
            let body: [String: Any] = [
                "scheduled_inspection_type": "live_site", "scheduled_inspection_category": "routine",
                "scheduled_inspection_date": day(app, 30),
            ]
            #expect(try await app.request(.post, path, token: officer, json: body).status == .created)
            _ = try await recorded(app, wrn, passed(app))
            #expect(try await InspectionRepository(app.services.database).scheduled(ofWork: wrn) == nil)
            #expect(try await events(app, wrn).suffix(2) == ["inspection_passed", "scheduled_inspection_cancelled"])
            // A failed one with a reinspection replaces it.
            #expect(try await app.request(.post, path, token: officer, json: body).status == .created)
            _ = try await recorded(
                app, wrn,
                failed(app, overrides: ["reinspection_date": day(app, 1), "reinspection_category": "routine"]))
            let scheduled = try #require(try await InspectionRepository(app.services.database).scheduled(ofWork: wrn))
            #expect(scheduled.category == .routine)
            #expect(try await app.request(.delete, path, token: officer).status == .noContent)
            #expect(try await app.request(.delete, path, token: officer).isError(404))
            #expect(try await events(app, wrn).last == "scheduled_inspection_cancelled")
        }
    }

    @Test("R-INSP-12: category A is a live site category, B and C reinstatement categories")
    func testR_INSP_12_samplingCategories() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            #expect(
                try await create(app, wrn, passed(app, overrides: ["inspection_category": "a"])).fieldErrors[
                    "inspection_category"] != nil)
            #expect(
                try await create(app, wrn, failed(app, overrides: ["inspection_category": "b"])).fieldErrors[
                    "inspection_category"] != nil)
            _ = try await recorded(app, wrn, passed(app, overrides: ["inspection_category": "c"]))
            _ = try await recorded(app, wrn, failed(app, overrides: ["inspection_category": "a"]))
        }
    }

    @Test("R-INSP-13: the promoter answers a failed outcome, the authority a dispute")
    func testR_INSP_13_outcomeResponses() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let (failedRef, _) = try await recorded(app, wrn, failed(app))
            let (passedRef, _) = try await recorded(app, wrn, passed(app))
            // A passed outcome is not answered.
            #expect(
                try await respond(app, wrn, passedRef, ["inspection_response_type": "inspection_outcome_accepted"])
                    .isError(412))
            // The authority answers only a dispute.
            #expect(
                try await respond(
                    app, wrn, failedRef, ["inspection_response_type": "reviewing_dispute"], as: Demo.haOfficer
                ).isError(412))
            let noReason = try await respond(
                app, wrn, failedRef, ["inspection_response_type": "inspection_outcome_disputed"])
            #expect(noReason.fieldErrors["inspection_response_reason"]?.hasPrefix("R-INSP-13") == true)
            let haValue = try await respond(app, wrn, failedRef, ["inspection_response_type": "no_agreement"])
            #expect(haValue.fieldErrors["inspection_response_type"] != nil, "\(haValue.json)")
            #expect(
                try await respond(
                    app, wrn, failedRef, ["inspection_response_type": "inspection_outcome_accepted"],
                    as: Demo.gasPlanner
                ).isError(401))
            #expect(
                try await respond(
                    app, wrn, failedRef,
                    [
                        "inspection_response_type": "inspection_outcome_disputed",
                        "inspection_response_reason": "Signs were up",
                    ]
                ).status == .noContent)
            #expect(
                try await respond(
                    app, wrn, failedRef, ["inspection_response_type": "reviewing_dispute"], as: Demo.haOfficer
                ).status == .noContent)
            let json = try await read(app, wrn, failedRef).json
            #expect(json["promoter_response_status"] as? String == "inspection_outcome_disputed")
            #expect(json["promoter_response_details"] as? String == "Signs were up")
            #expect(json["ha_response_status"] as? String == "reviewing_dispute")
            #expect(
                try await respond(
                    app, wrn, failedRef,
                    [
                        "inspection_response_type": "inspection_outcome_promoter_accepts_failed_inspection",
                        "inspection_response_reason": "Agreed on site",
                    ], as: Demo.haOfficer
                ).status == .noContent)
            #expect(
                try await respond(app, wrn, failedRef, ["inspection_response_type": "inspection_outcome_accepted"])
                    .isError(412))
            #expect(
                try await events(app, wrn).suffix(3) == [
                    "inspection_outcome_disputed", "inspection_outcome_reviewing_dispute",
                    "inspection_outcome_promoter_accepts_failed_inspection",
                ])
        }
    }

    @Test("R-INSP-13: an unanswered outcome is accepted automatically after 10 working days, exactly once")
    func testR_INSP_13_autoAcceptance() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            // Recorded on Monday 2026-01-05 09:00 UTC: due ten working days later, Monday 19th.
            let (reference, _) = try await recorded(app, wrn, failed(app))
            let (answered, _) = try await recorded(app, wrn, failed(app))
            #expect(
                try await respond(app, wrn, answered, ["inspection_response_type": "joint_site_meeting_needed"]).status
                    == .noContent)
            let due = try #require(try await read(app, wrn, reference).json["auto_acceptance_due_date"] as? String)
            #expect(due == "2026-01-19T09:00:00.000Z")
            app.clock.advance(by: 14 * 86_400 - 60)
            #expect(
                try await AutoAcceptance.acceptOverdueOutcomes(database: app.services.database, clock: app.clock) == 0)
            app.clock.advance(by: 60)
            // Two processes at once: one accepts it, the other finds nothing left.
            async let a = AutoAcceptance.acceptOverdueOutcomes(database: app.services.database, clock: app.clock)
            async let b = AutoAcceptance.acceptOverdueOutcomes(database: app.services.database, clock: app.clock)
            #expect(try await a + b == 1)
            let json = try await read(app, wrn, reference).json
            #expect(json["promoter_response_status"] as? String == "inspection_outcome_accepted")
            #expect(json["is_auto_accepted"] as? Bool == true)
            #expect(try await read(app, wrn, answered).json["is_auto_accepted"] as? Bool == false)
            #expect(try await events(app, wrn).filter { $0 == "inspection_auto_accepted" }.count == 1)
            #expect(
                try await AutoAcceptance.acceptOverdueOutcomes(database: app.services.database, clock: app.clock) == 0)
        }
    }

    func historicBody(_ app: TestApp, overrides: [String: Any] = [:]) -> [String: Any] {
        var body = failed(app)
        body["failure_reason_details"] = [
            ["failure_reason": "live_site_barriers", "details": "No barriers", "site_name": "Site 1"]
        ]
        for (key, value) in [
            "promoter_swa_code": "7001", "highway_authority_swa_code": "1001",
            "works_coordinates": ["type": "Point", "coordinates": [451_000, 201_000]] as [String: Any],
            "usrn": 10_010_001, "historical_permit_reference": "old-permit_17",
            "works_location_description": "Outside the library", "description_of_work": "Valve replacement",
            "work_start_date": day(app, -40), "work_end_date": day(app, -30),
        ] as [String: Any] {
            body[key] = value
        }
        for (key, value) in overrides { body[key] = value }
        return body
    }

    @Test("R-INSP-14: a historic inspection makes a historical works record in workstream 000 named by its reference")
    func testR_INSP_14_historicInspection() async throws {
        try await TestApp.run { app throws in
            let officer = try await app.token(Demo.haOfficer)
            let created = try await app.request(
                .post, "/v6/work/historic-works/inspections", token: officer, json: historicBody(app))
            #expect(created.status == .created, "\(created.json)")
            #expect(created.json["work_reference_number"] as? String == "OLD-PERMIT_17")
            #expect(created.json["inspection_reference_number"] as? String == "OLD-PERMIT_17-INSP-01")
            #expect(created.json["non_compliance_reference_number"] as? String == "OLD-PERMIT_17-NC-01")
            let work = try await work(app, "OLD-PERMIT_17")
            #expect(work["work_status"] as? String == "historical")
            #expect(work["workstream_prefix"] as? String == "000")
            #expect(work["works_location_description"] as? String == "Outside the library")
            #expect(work["description_of_work"] as? String == "Valve replacement")
            #expect((work["inspections"] as? [[String: Any]])?.count == 1)
            #expect(
                try await events(app, "OLD-PERMIT_17") == [
                    "historic_works_record_created", "inspection_failed", "non_compliance_issued",
                ])
            let areas = try #require(
                try await read(app, "OLD-PERMIT_17", "OLD-PERMIT_17-INSP-01").json["failure_reason_details"]
                    as? [[String: Any]])
            #expect(areas.first?["site_name"] as? String == "Site 1")
            // The reference is unique; its characters are letters, digits, - and _.
            let again = try await app.request(
                .post, "/v6/work/historic-works/inspections", token: officer, json: historicBody(app))
            #expect(again.isError(409))
            let bad = try await app.request(
                .post, "/v6/work/historic-works/inspections", token: officer,
                json: historicBody(app, overrides: ["historical_permit_reference": "A B"]))
            #expect(bad.isError(400))
            // Another authority records none for Anytown's works; nothing is created.
            let other = try await app.request(
                .post, "/v6/work/historic-works/inspections", token: try await app.token(Demo.othertonOfficer),
                json: historicBody(app, overrides: ["historical_permit_reference": "OTHER-1"]))
            #expect(other.isError(401))
            #expect(try await app.request(.get, "/v6/work/works/OTHER-1", token: officer).isError(404))
            // A bad inspection makes no works record either.
            let badInspection = try await app.request(
                .post, "/v6/work/historic-works/inspections", token: officer,
                json: historicBody(
                    app, overrides: ["historical_permit_reference": "OTHER-2", "failure_reason_details": []]))
            #expect(badInspection.isError(400))
            #expect(try await app.request(.get, "/v6/work/works/OTHER-2", token: officer).isError(404))
            // Inspections are added to it later like any other.
            _ = try await recorded(app, "OLD-PERMIT_17", passed(app))
        }
    }

    @Test("R-NC-01: a failed inspection raises a non-compliance both sides answer until it is resolved")
    func testR_NC_01_nonComplianceLifecycle() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let (inspection, raised) = try await recorded(app, wrn, failed(app))
            let nc = try #require(raised)
            let path = "/v6/work/works/\(wrn)/non-compliances/\(nc)"
            let planner = try await app.token(Demo.planner)
            let officer = try await app.token(Demo.haOfficer)
            var json = try await app.request(.get, path, token: planner).json
            #expect(json["non_compliance_status"] as? String == "issued", "\(json)")
            #expect(json["ha_response_status"] as? String == "issued")
            #expect(
                (json["latest_inspection"] as? [String: Any])?["inspection_reference_number"] as? String == inspection)
            #expect((json["linked_inspections"] as? [[String: Any]])?.count == 1)
            let noDate = try await app.request(
                .put, path + "/status", token: planner,
                json: ["non_compliance_response_status": "joint_site_meeting_suggested"])
            #expect(noDate.fieldErrors["jsm_suggested_date"]?.hasPrefix("R-NC-01") == true, "\(noDate.json)")
            let promoterWithdraws = try await app.request(
                .put, path + "/status", token: planner,
                json: ["non_compliance_response_status": "withdrawn", "response_details": "No"])
            #expect(promoterWithdraws.fieldErrors["non_compliance_response_status"] != nil)
            #expect(
                try await app.request(
                    .put, path + "/status", token: officer,
                    json: ["non_compliance_response_status": "accept_suggestion"]
                ).isError(412))
            #expect(
                try await app.request(
                    .put, path + "/status", token: planner,
                    json: [
                        "non_compliance_response_status": "joint_site_meeting_suggested",
                        "jsm_suggested_date": day(app, 3),
                    ]
                ).status == .noContent)
            #expect(
                try await app.request(
                    .put, path + "/status", token: officer,
                    json: ["non_compliance_response_status": "accept_suggestion"]
                ).status == .noContent)
            json = try await app.request(.get, path, token: officer).json
            #expect(json["jsm_status"] as? String == "date_and_time_agreed", "\(json)")
            #expect(json["jsm_requested_by"] as? String == "Anytown Water Ltd")
            #expect(json["promoter_response_status"] as? String == "joint_site_meeting_suggested")
            #expect(json["ha_response_status"] as? String == "accept_suggestion")
            #expect(
                try await app.request(
                    .put, path + "/status", token: officer,
                    json: ["non_compliance_response_status": "works_completed_and_passed"]
                ).status == .noContent)
            json = try await app.request(.get, path, token: officer).json
            #expect(json["non_compliance_status"] as? String == "resolved")
            let late = try await app.request(
                .put, path + "/status", token: planner,
                json: ["non_compliance_response_status": "works_complete_ready_for_inspection"])
            #expect(late.isError(412))
            #expect(
                try await events(app, wrn).suffix(4) == [
                    "non_compliance_joint_site_meeting_suggested", "non_compliance_accept_suggestion",
                    "non_compliance_works_completed_and_passed", "non_compliance_resolved",
                ])
            let listed = try #require(try await work(app, wrn)["non_compliances"] as? [[String: Any]])
            #expect(listed.first?["non_compliance_status"] as? String == "resolved")
        }
    }

    @Test(
        "R-NC-02: reinstatement and follow up inspections and permits of the works link to an unresolved non-compliance"
    )
    func testR_NC_02_linking() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            let (_, raised) = try await recorded(app, wrn, failed(app))
            let nc = try #require(raised)
            let liveSite = try await create(
                app, wrn,
                passed(
                    app,
                    overrides: [
                        "inspection_type": "live_site", "inspection_category": "routine",
                        "non_compliance_reference_number": nc,
                    ]))
            #expect(liveSite.fieldErrors["non_compliance_reference_number"]?.hasPrefix("R-NC-02") == true)
            let unknown = try await create(
                app, wrn, passed(app, overrides: ["non_compliance_reference_number": "\(wrn)-NC-09"]))
            #expect(unknown.fieldErrors["non_compliance_reference_number"] != nil)
            let (followUp, none) = try await recorded(
                app, wrn,
                passed(
                    app,
                    overrides: [
                        "inspection_type": "non_compliance_follow_up", "inspection_category": "follow_up",
                        "inspection_outcome": "failed_low", "non_compliance_reference_number": nc.lowercased(),
                        "failure_reason_details": [["failure_reason": "live_site_signage", "details": "Still none"]],
                    ]))
            #expect(none == nil)
            let planner = try await app.token(Demo.planner)
            let link = "/v6/work/works/\(wrn)/permits/\(prn)/link-non-compliance"
            #expect(
                try await app.request(.put, link, token: planner, json: ["non_compliance_reference_number": "NOPE"])
                    .isError(404))
            #expect(
                try await app.request(.put, link, token: planner, json: ["non_compliance_reference_number": nc]).status
                    == .noContent)
            let json = try await app.request(.get, "/v6/work/works/\(wrn)/non-compliances/\(nc)", token: planner).json
            #expect((json["linked_inspections"] as? [[String: Any]])?.count == 2)
            #expect(
                (json["latest_inspection"] as? [String: Any])?["inspection_reference_number"] as? String == followUp)
            #expect((json["linked_permits"] as? [[String: Any]])?.first?["permit_reference_number"] as? String == prn)
            #expect(
                try await events(app, wrn).suffix(2) == [
                    "inspection_linked_to_non_compliance", "permit_linked_to_non_compliance",
                ])
            // A permit of other works does not link to it; a resolved one takes no link.
            let (otherWrn, otherPrn) = try await app.submitWork()
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(otherWrn)/permits/\(otherPrn)/link-non-compliance", token: planner,
                    json: ["non_compliance_reference_number": nc]
                ).isError(412))
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrn)/non-compliances/\(nc)/status",
                    token: try await app.token(Demo.haOfficer),
                    json: ["non_compliance_response_status": "withdrawn", "response_details": "Raised in error"]
                ).status == .noContent)
            #expect(
                try await app.request(.put, link, token: planner, json: ["non_compliance_reference_number": nc])
                    .isError(412))
        }
    }
}
