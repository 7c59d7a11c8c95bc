import Domain
import Foundation
import Testing

@testable import App

/// Forward plans: raising, reading, editing, cancelling and progressing them, the list, its
/// export and the map (R-FP-01 … R-FP-06).
@Suite("Forward plans")
struct ForwardPlanTests {
    static var line: [String: Any] {
        ["type": "LineString", "coordinates": [[451_000, 201_000], [451_050, 201_020]]]
    }

    /// A valid `ForwardPlanCreateRequest` on a demo street of Anytown, starting `startIn` days
    /// after the test clock's now (2026-01-05, a Monday).
    func planBody(
        _ app: TestApp, startIn days: Double = 60, lasting duration: Double = 20, overrides: [String: Any] = [:]
    )
        -> [String: Any]
    {
        let start = app.clock.now().addingTimeInterval(days * 86_400)
        var body: [String: Any] = [
            "promoter_swa_code": "7001", "highway_authority_swa_code": "1001", "usrn": 10_010_001,
            "workstream_prefix": "001", "works_coordinates": Self.line,
            "start_date": ISO8601.format(start),
            "end_date": ISO8601.format(start.addingTimeInterval(duration * 86_400)),
            "description_of_work": "Renew the trunk main", "works_location_description": "From 2 to 40 High Street",
            "project_reference_number": "PRJ-1", "traffic_management_type": "lane_closure",
            "forward_plan_asds": [["street_special_desig_code": 2, "special_desig_location_text": "Whole street"]],
        ]
        for (key, value) in overrides { body[key] = value }
        return body
    }

    /// Raises a plan as `email`; returns (WRN, plan reference).
    func raise(_ app: TestApp, _ body: [String: Any]? = nil, as email: String = Demo.planner) async throws -> (
        String, String
    ) {
        let response = try await app.request(
            .post, "/v6/work/forward-plans", token: try await app.token(email), json: body ?? planBody(app))
        #expect(response.status == .created, "raise: \(response.status) \(response.json)")
        let wrn = try #require(response.json["work_reference_number"] as? String)
        let reference = try #require(response.json["forward_plan_reference_number"] as? String)
        return (wrn, reference)
    }

    func path(_ wrn: String, _ reference: String) -> String { "/v6/work/works/\(wrn)/forward-plans/\(reference)" }

    func plan(_ app: TestApp, _ wrn: String, _ reference: String, as email: String = Demo.planner) async throws
        -> JSONResponse
    {
        try await app.request(.get, path(wrn, reference), token: try await app.token(email))
    }

    func history(_ app: TestApp, _ wrn: String) async throws -> [String] {
        let history = try await app.request(
            .get, "/v6/work/works/\(wrn)/history", token: try await app.token(Demo.planner)
        ).json
        return ((history["rows"] as? [[String: Any]]) ?? []).compactMap { $0["event"] as? String }
    }

    func update(_ app: TestApp, _ wrn: String, _ reference: String, _ body: [String: Any]) async throws
        -> JSONResponse
    {
        try await app.request(.put, path(wrn, reference), token: try await app.token(Demo.planner), json: body)
    }

    func updateBody(_ app: TestApp, overrides: [String: Any] = [:]) -> [String: Any] {
        var body = planBody(app)
        for key in [
            "promoter_swa_code", "highway_authority_swa_code", "usrn", "workstream_prefix", "forward_plan_asds",
        ] {
            body[key] = nil
        }
        for (key, value) in overrides { body[key] = value }
        return body
    }

    func cancel(_ app: TestApp, _ wrn: String, _ reference: String, _ body: [String: Any]) async throws
        -> JSONResponse
    {
        try await app.request(
            .put, path(wrn, reference) + "/cancel", token: try await app.token(Demo.planner), json: body)
    }

    @Test("R-FP-05, R-FP-01: raising a plan makes a works record with no permits and answers its WRN and reference")
    func raiseAndRead() async throws {
        try await TestApp.run { app throws in
            let (wrn, reference) = try await raise(app)
            #expect(reference == "\(wrn)-FP-01")
            #expect(wrn.hasPrefix("AW001"))

            let shown = try await plan(app, wrn, reference)
            #expect(shown.status == .ok, "\(shown.json)")
            let json = shown.json
            #expect(json["forward_plan_status"] as? String == "raised")
            #expect(json["forward_plan_status_string"] as? String == "raised")
            #expect(json["promoter_organisation"] as? String == "Anytown Water Ltd")
            #expect(json["highway_authority"] as? String == "Anytown Borough Council")
            #expect(json["workstream_prefix"] as? String == "001")
            #expect(json["usrn"] as? Double == 10_010_001)
            #expect((json["street_name"] as? String)?.isEmpty == false)
            #expect(json["description_of_work"] as? String == "Renew the trunk main")
            #expect(json["traffic_management_type"] as? String == "lane_closure")
            #expect((json["forward_plan_asds"] as? [[String: Any]])?.first?["street_special_desig_code"] as? Int == 2)
            #expect((json["works_coordinates"] as? [String: Any])?["type"] as? String == "LineString")
            #expect(json["cancelled_reason"] == nil)

            // The works record: no permits, the plan's summary.
            let work = try await app.request(
                .get, "/v6/work/works/\(wrn)", token: try await app.token(Demo.haOfficer)
            ).json
            #expect((work["permits"] as? [Any])?.isEmpty == true)
            #expect(work["active_permit"] == nil)
            #expect(work["work_status"] as? String == "planned")
            #expect(work["works_location_description"] as? String == "From 2 to 40 High Street")
            let summary = work["forward_plan"] as? [String: Any]
            #expect(summary?["forward_plan_reference_number"] as? String == reference)
            #expect(summary?["forward_plan_status"] as? String == "raised")
            #expect(try await history(app, wrn) == ["forward_plan_submitted", "planned_works_record_created"])
            // Nothing on the record to start, and no earliest permit.
            #expect(
                try await app.request(
                    .get, "/v6/work/works/\(wrn)/earliest-permit", token: try await app.token(Demo.planner)
                ).isError(404))

            // A reference given is used; given twice, a 409.
            let named = planBody(app, overrides: ["work_reference_number": "fp-own-1"])
            let (own, ownPlan) = try await raise(app, named)
            #expect(own == "FP-OWN-1" && ownPlan == "FP-OWN-1-FP-01")
            let again = try await app.request(
                .post, "/v6/work/forward-plans", token: try await app.token(Demo.planner), json: named)
            #expect(again.isError(409))
            // Another works record's path does not reach the plan.
            #expect(try await plan(app, own, reference).isError(404))
        }
    }

    @Test("R-FP-06: plans are raised, read, edited and cancelled by the promoter's planners and contractors")
    func whoMay() async throws {
        try await TestApp.run { app throws in
            let (wrn, reference) = try await raise(app)
            // A contractor raises one for the promoter that contracted it.
            _ = try await raise(app, as: Demo.contractor)
            #expect(try await plan(app, wrn, reference, as: Demo.contractor).status == .ok)
            // The highway authority does not raise plans, nor read them here (the v6 table).
            let byHA = try await app.request(
                .post, "/v6/work/forward-plans", token: try await app.token(Demo.haOfficer), json: planBody(app))
            #expect(byHA.isError(401))
            #expect(try await plan(app, wrn, reference, as: Demo.haOfficer).isError(401))
            // Another promoter neither raises plans for Anytown Water nor reads or changes them.
            let other = try await app.request(
                .post, "/v6/work/forward-plans", token: try await app.token(Demo.gasPlanner), json: planBody(app))
            #expect(other.isError(401))
            #expect(try await plan(app, wrn, reference, as: Demo.gasPlanner).isError(401))
            let edit = try await app.request(
                .put, path(wrn, reference), token: try await app.token(Demo.gasPlanner), json: updateBody(app))
            #expect(edit.isError(401))
            let cancelled = try await app.request(
                .put, path(wrn, reference) + "/cancel", token: try await app.token(Demo.gasPlanner),
                json: ["cancelled_reason": "Not ours"])
            #expect(cancelled.isError(401))
        }
    }

    @Test("R-FP-02: start today or later, end in the future and not before the start, within five years")
    func dates() async throws {
        try await TestApp.run { app throws in
            let past = try await app.request(
                .post, "/v6/work/forward-plans", token: try await app.token(Demo.planner),
                json: planBody(app, startIn: -2, lasting: 1))
            #expect(past.isError(400))
            #expect(past.fieldErrors["start_date"]?.hasPrefix("R-FP-02") == true, "\(past.json)")
            #expect(past.fieldErrors["end_date"]?.hasPrefix("R-FP-02") == true, "\(past.json)")
            let backwards = try await app.request(
                .post, "/v6/work/forward-plans", token: try await app.token(Demo.planner),
                json: planBody(app, startIn: 10, lasting: -2))
            #expect(backwards.fieldErrors["end_date"] == "R-FP-02: must be on or after start_date", "\(backwards.json)")
            let long = try await app.request(
                .post, "/v6/work/forward-plans", token: try await app.token(Demo.planner),
                json: planBody(app, startIn: 10, lasting: 5 * 366))
            #expect(long.fieldErrors["end_date"]?.contains("5 years") == true, "\(long.json)")
            // Today is not in the past; other problems are named together.
            let today = try await app.request(
                .post, "/v6/work/forward-plans", token: try await app.token(Demo.planner),
                json: planBody(app, startIn: 0, lasting: 3))
            #expect(today.status == .created, "\(today.json)")
            let wrongAuthority = try await app.request(
                .post, "/v6/work/forward-plans", token: try await app.token(Demo.planner),
                json: planBody(app, overrides: ["highway_authority_swa_code": "1002", "workstream_prefix": "000"]))
            #expect(wrongAuthority.fieldErrors["highway_authority_swa_code"]?.contains("R-WORK-10") == true)
            #expect(wrongAuthority.fieldErrors["workstream_prefix"] != nil)
            // R-FP-05: the HS2 fields are the HS2 promoter's.
            let hs2 = try await app.request(
                .post, "/v6/work/forward-plans", token: try await app.token(Demo.planner),
                json: planBody(app, overrides: ["hs2_in_act_limits": true]))
            #expect(hs2.fieldErrors["hs2_in_act_limits"]?.hasPrefix("R-FP-05") == true, "\(hs2.json)")
        }
    }

    @Test("R-FP-03: a raised plan's details are overwritten; workstream, authority and USRN never change")
    func edit() async throws {
        try await TestApp.run { app throws in
            let (wrn, reference) = try await raise(app)
            app.clock.advance(by: 3_600)
            let moved: [String: Any] = ["type": "Point", "coordinates": [451_500, 201_500]]
            let edited = try await update(
                app, wrn, reference,
                updateBody(
                    app,
                    overrides: [
                        "description_of_work": "Renew the trunk main and valves", "works_coordinates": moved,
                        "additional_info": "Phase two",
                    ]))
            #expect(edited.status == .noContent, "\(edited.json)")
            let shown = try await plan(app, wrn, reference).json
            #expect(shown["description_of_work"] as? String == "Renew the trunk main and valves")
            #expect(shown["additional_info"] as? String == "Phase two")
            #expect(shown["project_reference_number"] as? String == "PRJ-1")
            // Edits overwrite: the designations not sent are gone.
            #expect((shown["forward_plan_asds"] as? [Any])?.isEmpty == true)
            #expect((shown["works_coordinates"] as? [String: Any])?["type"] as? String == "Point")
            #expect(try await history(app, wrn).first == "forward_plan_edited")
            // The map follows the new geometry.
            let officer = try await app.token(Demo.haOfficer)
            let map = try await app.request(
                .get,
                "/v6/geojson/forward-plans?minEasting=451400&minNorthing=201400&maxEasting=451600&maxNorthing=201600",
                token: officer)
            #expect((map.json["features"] as? [Any])?.count == 1, "\(map.json)")

            for (field, value) in [
                ("usrn", 10_010_002 as Any), ("workstream_prefix", "000"), ("highway_authority_swa_code", "1002"),
            ] {
                let refused = try await update(app, wrn, reference, updateBody(app, overrides: [field: value]))
                #expect(refused.isError(400))
                #expect(refused.fieldErrors[field]?.hasPrefix("R-FP-03") == true, "\(refused.json)")
            }
            // The same value is no change.
            #expect(
                try await update(app, wrn, reference, updateBody(app, overrides: ["usrn": 10_010_001])).status
                    == .noContent)
            let backwards = try await update(
                app, wrn, reference,
                updateBody(app, overrides: ["end_date": ISO8601.format(app.clock.now().addingTimeInterval(86_400))]))
            #expect(backwards.fieldErrors["end_date"]?.hasPrefix("R-FP-02") == true, "\(backwards.json)")
        }
    }

    @Test("R-FP-04: cancelling needs a reason and cancels the works record; a cancelled plan changes no more (R-FP-03)")
    func cancelling() async throws {
        try await TestApp.run { app throws in
            let (wrn, reference) = try await raise(app)
            #expect(try await cancel(app, wrn, reference, [:]).isError(400))
            let blank = try await cancel(app, wrn, reference, ["cancelled_reason": "   "])
            #expect(blank.fieldErrors["cancelled_reason"]?.hasPrefix("R-FP-04") == true, "\(blank.json)")
            let tooLong = try await cancel(
                app, wrn, reference, ["cancelled_reason": String(repeating: "x", count: 501)])
            #expect(tooLong.isError(400))
            #expect(try await cancel(app, wrn, reference, ["cancelled_reason": "Programme moved"]).status == .noContent)

            let shown = try await plan(app, wrn, reference).json
            #expect(shown["forward_plan_status"] as? String == "cancelled")
            #expect(shown["cancelled_reason"] as? String == "Programme moved")
            let work = try await app.request(
                .get, "/v6/work/works/\(wrn)", token: try await app.token(Demo.planner)
            ).json
            #expect(work["work_status"] as? String == "cancelled")
            #expect(try await history(app, wrn).first == "forward_plan_cancelled")

            let again = try await cancel(app, wrn, reference, ["cancelled_reason": "Again"])
            #expect(again.isError(412) && again.message?.hasPrefix("R-FP-03") == true, "\(again.json)")
            let edit = try await update(app, wrn, reference, updateBody(app))
            #expect(edit.isError(412) && edit.message?.hasPrefix("R-FP-03") == true, "\(edit.json)")
            // Nor is a cancelled plan progressed.
            var application = app.workBody()
            for key in ["promoter_swa_code", "highway_authority_swa_code", "usrn"] { application[key] = nil }
            let applied = try await app.request(
                .post, "/v6/work/works/\(wrn)/permits", token: try await app.token(Demo.planner), json: application)
            #expect(applied.isError(412) && applied.message?.hasPrefix("R-FP-03") == true, "\(applied.json)")
        }
    }

    @Test("R-FP-01, R-FP-05: applying on the plan's works record progresses the plan in the same command")
    func progress() async throws {
        try await TestApp.run { app throws in
            let (wrn, reference) = try await raise(app)
            if app.services.database.dialect == .sqlite {
                // Without a permit, the works record's dates in the R*Tree are before any map's
                // window (migration 28): the works map does not read it as a candidate.
                let entry = try #require(
                    try await app.services.database.first(
                        "SELECT start_ms, end_ms FROM works_rtree WHERE id = (SELECT rowid FROM works WHERE work_reference_number = ?)",
                        [.text(wrn)]))
                #expect((entry.double("start_ms") ?? 0) < -1e14 && (entry.double("end_ms") ?? 0) < -1e14)
            }
            var application = app.workBody()
            for key in ["promoter_swa_code", "highway_authority_swa_code", "usrn"] { application[key] = nil }
            // A bad application changes nothing.
            var bad = application
            bad["proposed_end_date"] = "2020-01-01T00:00:00Z"
            let refused = try await app.request(
                .post, "/v6/work/works/\(wrn)/permits", token: try await app.token(Demo.planner), json: bad)
            #expect(refused.isError(400))
            #expect(try await plan(app, wrn, reference).json["forward_plan_status"] as? String == "raised")

            let applied = try await app.request(
                .post, "/v6/work/works/\(wrn)/permits", token: try await app.token(Demo.planner), json: application)
            #expect(applied.status == .created, "\(applied.json)")
            #expect(applied.json["permit_reference_number"] as? String == "\(wrn)-01")

            let shown = try await plan(app, wrn, reference).json
            #expect(shown["forward_plan_status"] as? String == "progressed")
            let work = try await app.request(
                .get, "/v6/work/works/\(wrn)", token: try await app.token(Demo.haOfficer)
            ).json
            #expect((work["active_permit"] as? [String: Any])?["permit_reference_number"] as? String == "\(wrn)-01")
            #expect((work["forward_plan"] as? [String: Any])?["forward_plan_status"] as? String == "progressed")
            #expect(work["work_status"] as? String == "planned")
            #expect(try await history(app, wrn).prefix(2) == ["permit_submitted", "forward_plan_submitted"])
            // R-FP-03: a progressed plan is not edited or cancelled.
            #expect(try await update(app, wrn, reference, updateBody(app)).isError(412))
            #expect(try await cancel(app, wrn, reference, ["cancelled_reason": "Late"]).isError(412))
            // The progressed plan's works are on the works map now, the plan on its own.
            let officer = try await app.token(Demo.haOfficer)
            let box = "minEasting=450900&minNorthing=200900&maxEasting=451100&maxNorthing=201100"
            let works = try await app.request(.get, "/v6/geojson/works?\(box)", token: officer)
            #expect((works.json["features"] as? [Any])?.count == 1, "\(works.json)")
            // Found by the permit's dates: a window over them finds it, one before them does not.
            let start = try #require(application["proposed_start_date"] as? String)
            let during = try await app.request(
                .get, "/v6/geojson/works?\(box)&start_date=\(start)&end_date=\(start)", token: officer)
            #expect((during.json["features"] as? [Any])?.count == 1, "\(during.json)")
            let before = try await app.request(
                .get, "/v6/geojson/works?\(box)&start_date=2020-01-01T00:00:00Z&end_date=2020-01-02T00:00:00Z",
                token: officer)
            #expect((before.json["features"] as? [Any])?.isEmpty == true, "\(before.json)")
        }
    }

    @Test("R-DATA-01: the forward plans list shows each side its plans, 25 a page, with the contract's filters")
    func list() async throws {
        try await TestApp.run { app throws in
            let planner = try await app.token(Demo.planner)
            var plans: [(String, String)] = []
            for index in 0..<27 {
                plans.append(try await raise(app, planBody(app, startIn: Double(10 + index))))
                app.clock.advance(by: 60)
            }
            #expect(
                try await cancel(app, plans[0].0, plans[0].1, ["cancelled_reason": "Dropped"]).status == .noContent)

            let first = try await app.request(
                .get, "/v6/reporting/forward-plans?include_total_count=true", token: planner)
            #expect(first.status == .ok, "\(first.json)")
            let rows = try #require(first.json["rows"] as? [[String: Any]])
            #expect(rows.count == 25)
            let pagination = first.json["pagination"] as? [String: Any]
            #expect(pagination?["total_rows"] as? Double == 27)
            #expect(pagination?["has_next_page"] as? Bool == true)
            // Newest first.
            #expect(rows.first?["forward_plan_reference_number"] as? String == plans[26].1)
            #expect(rows.first?["promoter_organisation"] as? String == "Anytown Water Ltd")
            #expect(rows.first?["location_description"] as? String == "From 2 to 40 High Street")
            let second = try await app.request(.get, "/v6/reporting/forward-plans?offset=25", token: planner)
            #expect((second.json["rows"] as? [Any])?.count == 2)

            func count(_ query: String, token: String) async throws -> Int {
                let page = try await app.request(.get, "/v6/reporting/forward-plans?\(query)", token: token)
                #expect(page.status == .ok, "\(query): \(page.json)")
                return (page.json["rows"] as? [Any])?.count ?? -1
            }
            #expect(try await count("forward_plan_status=cancelled", token: planner) == 1)
            #expect(try await count("forward_plan_status=raised&forward_plan_status=cancelled", token: planner) == 25)
            #expect(try await count("forward_plan_reference_number=\(plans[3].1.lowercased())", token: planner) == 1)
            #expect(try await count("usrn=10010001", token: planner) == 25)
            #expect(try await count("usrn=10010002", token: planner) == 0)
            #expect(try await count("organisation=7001&offset=25", token: planner) == 2)
            #expect(try await count("street_descriptor=zzzz", token: planner) == 0)
            // Plans overlapping a window: those starting by day 12 (each lasts 20 days).
            let day12 = ISO8601.format(TestApp.start.addingTimeInterval(12.5 * 86_400))
            #expect(try await count("proposed_end_date=\(day12)", token: planner) == 3)
            #expect(try await count("work_start_date_from=\(day12)", token: planner) == 0)
            let sorted = try await app.request(
                .get, "/v6/reporting/forward-plans?sort_column=start_date&sort_direction=asc", token: planner)
            #expect(
                (sorted.json["rows"] as? [[String: Any]])?.first?["forward_plan_reference_number"] as? String
                    == plans[0].1)

            // The highway authority sees the plans on its streets; others see none.
            #expect(try await count("offset=25", token: try await app.token(Demo.haOfficer)) == 2)
            #expect(try await count("", token: try await app.token(Demo.othertonOfficer)) == 0)
            #expect(try await count("", token: try await app.token(Demo.gasPlanner)) == 0)
            // A contractor sees its own organisation's until it names the promoter it acts for (R-SEC-12).
            #expect(try await count("", token: try await app.token(Demo.contractor)) == 0)
            #expect(try await count("offset=25&swa_code=7001", token: try await app.token(Demo.contractor)) == 2)

            let area = try await app.request(
                .get, "/v6/reporting/forward-plans?geographical_area_reference_number=GA1", token: planner)
            #expect(area.fieldErrors["geographical_area_reference_number"] != nil)
            let backwards = try await app.request(
                .get,
                "/v6/reporting/forward-plans?proposed_start_date=2026-03-01T00:00:00Z&proposed_end_date=2026-02-01T00:00:00Z",
                token: planner)
            #expect(backwards.fieldErrors["proposed_end_date"] != nil, "\(backwards.json)")
        }
    }

    @Test("R-DATA-04: the forward plans export holds what the list shows, in the documented columns")
    func export() async throws {
        try await TestApp.run { app throws in
            let (_, first) = try await raise(app)
            let (wrn, second) = try await raise(
                app, planBody(app, overrides: ["description_of_work": "Mains, \"phase\" 2"]))
            _ = try await cancel(app, wrn, second, ["cancelled_reason": "Merged"])
            // Another promoter's plan is not in the planner's file.
            _ = try await raise(
                app,
                planBody(
                    app,
                    overrides: ["promoter_swa_code": "7374", "hs2_work_type": "planned", "hs2_in_act_limits": false]),
                as: Demo.hs2Planner)
            let planner = try await app.token(Demo.planner)
            let refused = try await app.request(
                .post, "/v6/export/forward-plans/csv", token: planner,
                json: ["work_start_date_from": "2026-03-01T00:00:00Z", "work_start_date_to": "2026-02-01T00:00:00Z"])
            #expect(refused.fieldErrors["work_start_date_to"] != nil, "\(refused.json)")
            let queued = try await app.request(
                .post, "/v6/export/forward-plans/csv", token: planner,
                json: ["forward_plan_status": ["raised", "cancelled"], "export_description": "Plans"])
            let id = try #require(queued.json["csv_id"] as? Int, "\(queued.json)")
            _ = try await app.services.exporter().runOne()
            let download = try await app.request(.get, "/v6/export/csv/\(id)", token: planner)
            #expect(download.status == .ok)
            #expect(download.headers[.contentDisposition]?.contains("forward_plans_") == true)
            let table = CSVExportTests.rows(String(buffer: download.body))
            #expect(table.first == ForwardPlansFeature.forwardPlansExport.columns.map(\.header))
            #expect(table.count == 3, "\(table)")
            let header = table[0]
            let references = Set(table.dropFirst().map { $0[header.firstIndex(of: "forward_plan_reference_number")!] })
            #expect(references == [first, second])
            let cancelled = try #require(table.first { $0.contains(second) })
            #expect(cancelled[header.firstIndex(of: "forward_plan_status")!] == "cancelled")
            #expect(cancelled[header.firstIndex(of: "description_of_work")!] == "Mains, \"phase\" 2")
            #expect(cancelled[header.firstIndex(of: "promoter_organisation")!] == "Anytown Water Ltd")
        }
    }

    @Test("R-DATA-03: the forward plans map shows every organisation's plans in the box, with the works map's limits")
    func map() async throws {
        try await TestApp.run { app throws in
            let (wrn, reference) = try await raise(app)
            _ = try await raise(
                app,
                planBody(app, overrides: ["works_coordinates": ["type": "Point", "coordinates": [455_000, 205_000]]]))
            let gas = try await app.token(Demo.gasPlanner)
            let box = "minEasting=450900&minNorthing=200900&maxEasting=451100&maxNorthing=201100"
            let found = try await app.request(.get, "/v6/geojson/forward-plans?\(box)", token: gas)
            #expect(found.status == .ok, "\(found.json)")
            let features = try #require(found.json["features"] as? [[String: Any]])
            #expect(features.count == 1)
            let properties = features.first?["properties"] as? [String: Any]
            #expect(properties?["forward_plan_reference_number"] as? String == reference)
            #expect(properties?["work_reference_number"] as? String == wrn)
            #expect(properties?["forward_plan_status"] as? String == "raised")
            #expect(properties?["promoter_organisation"] as? String == "Anytown Water Ltd")
            #expect((properties?["work_centre_point"] as? [String: Any])?["type"] as? String == "Point")
            #expect((features.first?["geometry"] as? [String: Any])?["type"] as? String == "LineString")

            func count(_ query: String) async throws -> Int {
                let answer = try await app.request(.get, "/v6/geojson/forward-plans?\(query)", token: gas)
                return (answer.json["features"] as? [Any])?.count ?? -1
            }
            // The window keeps plans overlapping it; the reference narrows to one.
            #expect(try await count("\(box)&end_date=2026-01-10T00:00:00Z") == 0)
            #expect(try await count("\(box)&start_date=2026-03-10T00:00:00Z&end_date=2026-03-12T00:00:00Z") == 1)
            #expect(try await count("\(box)&forward_plan_reference_number=\(reference.lowercased())") == 1)
            #expect(try await count("\(box)&forward_plan_reference_number=NOPE") == 0)
            // R-DATA-03: a box larger than allowed is refused.
            let large = try await app.request(
                .get,
                "/v6/geojson/forward-plans?minEasting=400000&minNorthing=200000&maxEasting=420000&maxNorthing=220000",
                token: gas)
            #expect(large.isError(403))
            // A plan's works record has no permit to show on the works map.
            let works = try await app.request(.get, "/v6/geojson/works?\(box)", token: gas)
            #expect(works.status == .ok, "\(works.json)")
            #expect((works.json["features"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("R-DATA-03: more forward plans in the box than allowed is a 403 asking to refine the search")
    func tooMany() async throws {
        try await TestApp.run(configure: { $0.mapLimits.maximumFeatures = 2 }) { app throws in
            for _ in 0..<3 { _ = try await raise(app) }
            let answer = try await app.request(
                .get,
                "/v6/geojson/forward-plans?minEasting=450900&minNorthing=200900&maxEasting=451100&maxNorthing=201100",
                token: try await app.token(Demo.planner))
            #expect(answer.isError(403, MapQuery.refine), "\(answer.json)")
        }
    }
}
