import App
import Domain
import Foundation
import Testing

@Suite("The permit journey: submit, assess, start, stop")
struct PermitJourneyTests {
    @Test("R-REF-01/03, R-CAT-05, R-RESP-02: a planner submits a works record; the permit is <WRN>-01 with its timings")
    func submit() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            #expect(wrn.hasPrefix("AW001"))
            #expect(wrn.count == 13)
            #expect(prn == "\(wrn)-01")
            let permit = try await app.permit(wrn, prn)
            #expect(permit["permit_status"] as? String == "submitted")
            #expect(permit["work_category"] as? String == "minor")  // 3 calendar days, 3 working days
            #expect(permit["working_day_duration"] as? Int == 3)
            #expect(permit["calendar_day_duration"] as? Int == 3)
            #expect(permit["is_early_start"] as? Bool == false)
            // Submitted Monday 2026-01-05 09:00: a minor permit's 2 WD end on Wednesday.
            #expect((permit["deadline_date"] as? String)?.hasPrefix("2026-01-07") == true)
            #expect(permit["street_name"] as? String != nil)
            #expect(permit["work_status"] as? String == "planned")
            #expect(permit["highway_authority"] as? String == "Anytown Borough Council")
        }
    }

    @Test("R-REF-02: a supplied work reference is kept (upper-case) and must be unique (409)")
    func suppliedReference() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork(app.workBody(overrides: ["work_reference_number": "aw-main_12"]))
            #expect(wrn == "AW-MAIN_12")
            #expect(prn == "AW-MAIN_12-01")
            let again = try await app.request(
                .post, "/v6/work/works", token: try await app.token(Demo.planner),
                json: app.workBody(overrides: ["work_reference_number": "AW-MAIN_12"]))
            #expect(again.isError(409))
        }
    }

    @Test("Bad input: every failing field at once, and nothing is created")
    func invalidWork() async throws {
        try await TestApp.run { app throws in
            let planner = try await app.token(Demo.planner)
            let response = try await app.request(
                .post, "/v6/work/works", token: planner,
                json: app.workBody(overrides: [
                    "description_of_work": String(repeating: "d", count: 501), "work_type": "someday",
                    "usrn": 12.5, "location_types": ["carriageway", "carriageway"],
                ]))
            #expect(response.isError(400))
            #expect(
                Set(response.fieldErrors.keys).isSuperset(of: [
                    "description_of_work", "work_type", "usrn", "location_types",
                ]))

            let rules = try await app.request(
                .post, "/v6/work/works", token: planner,
                json: app.workBody(overrides: [
                    "workstream_prefix": "000", "highway_authority_swa_code": "7002", "usrn": 99_999_999,
                    "works_coordinates": ["type": "Point", "coordinates": [-3.1, 51.5e6]],
                    "collaborative_working": true, "is_ttro_required": NSNull(),
                ]))
            #expect(rules.isError(400))
            #expect(
                Set(rules.fieldErrors.keys).isSuperset(of: [
                    "workstream_prefix", "highway_authority_swa_code", "usrn", "works_coordinates.coordinates",
                    "collaboration_details", "is_ttro_required",
                ]), "\(rules.fieldErrors)")
            let reporting = try await app.request(
                .get, "/v6/reporting/permits", token: try await app.token(Demo.haOfficer))
            #expect((reporting.json["rows"] as? [Any])?.isEmpty ?? true)
        }
    }

    @Test("R-WORK-08: a planner cannot submit for another promoter; a contractor can for the one that contracted it")
    func promoterMembership() async throws {
        try await TestApp.run { app throws in
            let gas = try await app.request(
                .post, "/v6/work/works", token: try await app.token(Demo.gasPlanner), json: app.workBody())
            #expect(gas.isError(401, "Access restricted"))
            let (wrn, _) = try await app.submitWork(as: Demo.contractor)
            #expect(wrn.hasPrefix("AW001"))
            let officer = try await app.request(
                .post, "/v6/work/works", token: try await app.token(Demo.haOfficer), json: app.workBody())
            #expect(officer.isError(401, "Access restricted"))
        }
    }

    @Test("R-NOTICE-02/04: an early start needs early_start_pre_approval and its reason")
    func earlyStart() async throws {
        try await TestApp.run { app throws in
            let planner = try await app.token(Demo.planner)
            let early = try await app.request(
                .post, "/v6/work/works", token: planner, json: app.workBody(startIn: 1))
            #expect(early.isError(400))
            #expect(early.fieldErrors["early_start_pre_approval"] != nil)
            let justified = try await app.request(
                .post, "/v6/work/works", token: planner,
                json: app.workBody(
                    startIn: 1, overrides: ["early_start_pre_approval": false, "early_start_reason": "Customer outage"])
            )
            #expect(justified.status == .created)
            let wrn = try #require(justified.json["work_reference_number"] as? String)
            let permit = try await app.permit(wrn, "\(wrn)-01")
            #expect(permit["is_early_start"] as? Bool == true)
        }
    }

    @Test("R-PERMIT-03 T1, R-PERMIT-06/08: only the permit's HA grants it, once")
    func grant() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            #expect(
                try await app.assess(
                    wrn, prn, ["assessment_status": "granted", "assessment_discount": 0], as: Demo.othertonOfficer
                )
                .isError(401, "Access restricted"))
            #expect(
                try await app.assess(
                    wrn, prn, ["assessment_status": "granted", "assessment_discount": 0], as: Demo.planner
                )
                .isError(401, "Access restricted"))
            #expect(
                try await app.assess(wrn, prn, ["assessment_status": "granted"]).fieldErrors["assessment_discount"]
                    != nil)
            #expect(
                try await app.assess(wrn, prn, ["assessment_status": "granted", "assessment_discount": 10]).status
                    == .noContent)
            let permit = try await app.permit(wrn, prn)
            #expect(permit["permit_status"] as? String == "granted")
            #expect(permit["assessment_status"] as? String == "granted")
            #expect(permit["is_deemed"] as? Bool == false)
            let second = try await app.assess(
                wrn, prn,
                ["assessment_status": "refused", "reasons_for_refusal": ["RC10"], "additional_comments": "no"])
            #expect(second.isError(412))
            #expect(second.message?.contains("R-PERMIT-08") == true)
            #expect(try await app.permit(wrn, prn)["permit_status"] as? String == "granted")
        }
    }

    @Test(
        "R-PERMIT-03 T2/T3/T9, R-PERMIT-09: refuse needs reasons; a modification request needs details; revoke a grant")
    func otherDecisions() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            let noReasons = try await app.assess(wrn, prn, ["assessment_status": "refused"])
            #expect(Set(noReasons.fieldErrors.keys) == ["reasons_for_refusal", "additional_comments"])
            #expect(
                try await app.assess(
                    wrn, prn, ["assessment_status": "permit_modification_request", "pending_change_details": "Move it"]
                ).status == .noContent)
            #expect(try await app.permit(wrn, prn)["permit_status"] as? String == "permit_modification_request")
            #expect(
                try await app.assess(wrn, prn, ["assessment_status": "granted", "assessment_discount": 0]).status
                    == .noContent)
            #expect(
                try await app.assess(wrn, prn, ["assessment_status": "revoked"]).fieldErrors["revoke_reason"] != nil)
            #expect(
                try await app.assess(wrn, prn, ["assessment_status": "revoked", "revoke_reason": "Clash"]).status
                    == .noContent)
            let permit = try await app.permit(wrn, prn)
            #expect(permit["permit_status"] as? String == "revoked")
            #expect(permit["ever_modification_requested"] as? Bool == true)

            let (wrn2, prn2) = try await app.submitWork()
            #expect(
                try await app.assess(
                    wrn2, prn2,
                    ["assessment_status": "refused", "reasons_for_refusal": ["RC10"], "additional_comments": "Clash"]
                ).status == .noContent)
            #expect(try await app.permit(wrn2, prn2)["permit_status"] as? String == "refused")
        }
    }

    @Test("R-PERMIT-12/14: the promoter cancels; the works record is cancelled; a second permit may follow (R-WORK-05)")
    func cancelAndReapply() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            let planner = try await app.token(Demo.planner)
            // A second permit while the first is live is refused.
            let early = try await app.request(
                .post, "/v6/work/works/\(wrn)/permits", token: planner, json: app.workBody())
            #expect(early.isError(412))
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrn)/permits/\(prn)/status", token: try await app.token(Demo.haOfficer),
                    json: ["permit_status": "cancelled"]
                ).isError(401))
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrn)/permits/\(prn)/status", token: planner,
                    json: ["permit_status": "granted"]
                ).isError(400))
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrn)/permits/\(prn)/status", token: planner,
                    json: ["permit_status": "cancelled", "permit_cancellation_reason": "weather"]
                ).status == .noContent)
            let work = try await app.request(.get, "/v6/work/works/\(wrn)", token: planner).json
            #expect(work["work_status"] as? String == "cancelled")
            let again = try await app.request(
                .post, "/v6/work/works/\(wrn)/permits", token: planner, json: app.workBody())
            #expect(again.status == .created)
            #expect(again.json["permit_reference_number"] as? String == "\(wrn)-02")
            let after = try await app.request(.get, "/v6/work/works/\(wrn)", token: planner).json
            #expect(after["work_status"] as? String == "planned")
            #expect((after["active_permit"] as? [String: Any])?["permit_reference_number"] as? String == "\(wrn)-02")
            #expect((after["permits"] as? [Any])?.count == 2)
            // D-EARLIEST: the earliest permit is still the first application, now cancelled.
            for email in [Demo.planner, Demo.haOfficer, Demo.contractor] {
                let earliest = try await app.request(
                    .get, "/v6/work/works/\(wrn)/earliest-permit", token: try await app.token(email))
                #expect(earliest.status == .ok)
                #expect(earliest.json["permit_reference_number"] as? String == prn, "\(email)")
                #expect(earliest.json["permit_status"] as? String == "cancelled")
            }
            #expect(
                try await app.request(.get, "/v6/work/works/AW0NOSUCHWORK/earliest-permit", token: planner)
                    .isError(404))
        }
    }

    @Test("R-PERMIT-16/17/18/19: start, stop and their reverts move permit and works statuses")
    func onSite() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork(app.workBody(startIn: 28))
            try await app.assess(wrn, prn, ["assessment_status": "granted", "assessment_discount": 0])
            app.clock.advance(by: 28 * 86_400)
            let planner = try await app.token(Demo.planner)
            let now = app.clock.now()
            let future = try await app.request(
                .put, "/v6/work/works/\(wrn)/start", token: planner,
                json: ["actual_start_date": ISO8601.format(now.addingTimeInterval(3600))])
            #expect(future.isError(400))
            #expect(future.fieldErrors["actual_start_date"] != nil)
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrn)/stop", token: planner, json: ["actual_stop_date": ISO8601.format(now)]
                ).isError(412))
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrn)/start", token: planner,
                    json: ["actual_start_date": ISO8601.format(now)]
                ).status == .noContent)
            var work = try await app.request(.get, "/v6/work/works/\(wrn)", token: planner).json
            #expect(work["work_status"] as? String == "in_progress")
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrn)/start", token: planner,
                    json: ["actual_start_date": ISO8601.format(now)]
                ).isError(412))
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrn)/revert-start", token: planner, json: ["revert_reason": "Wrong day"]
                ).status == .noContent)
            work = try await app.request(.get, "/v6/work/works/\(wrn)", token: planner).json
            #expect(work["work_status"] as? String == "planned")
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrn)/start", token: planner,
                    json: ["actual_start_date": ISO8601.format(now)]
                ).status == .noContent)
            app.clock.advance(by: 1800)
            let stopTooEarly = try await app.request(
                .put, "/v6/work/works/\(wrn)/stop", token: planner,
                json: ["actual_stop_date": ISO8601.format(now.addingTimeInterval(-60))])
            #expect(stopTooEarly.fieldErrors["actual_stop_date"] != nil)
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrn)/stop", token: planner,
                    json: ["actual_stop_date": ISO8601.format(app.clock.now())]
                ).status == .noContent)
            let permit = try await app.permit(wrn, prn)
            #expect(permit["permit_status"] as? String == "closed")
            #expect(permit["work_status"] as? String == "completed")
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrn)/revert-stop", token: planner, json: ["revert_reason": "Still digging"]
                ).status == .noContent)
            #expect(try await app.permit(wrn, prn)["work_status"] as? String == "in_progress")

            let history = try await app.request(.get, "/v6/work/works/\(wrn)/history", token: planner).json
            let events = (history["rows"] as? [[String: Any]] ?? []).compactMap { $0["event"] as? String }
            #expect(events.first == "work_stop_reverted")
            #expect(
                Set(events).isSuperset(of: [
                    "planned_works_record_created", "permit_submitted", "permit_granted", "work_start_logged",
                    "work_start_reverted", "work_stop_logged",
                ]))
        }
    }

    @Test("R-IMM-02: immediate works are in progress from submission")
    func immediate() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork(app.workBody(startIn: -0.1, workType: "immediate"))
            let permit = try await app.permit(wrn, prn)
            #expect(permit["work_category"] as? String == "immediate_emergency")
            #expect(permit["work_status"] as? String == "in_progress")
        }
    }

    @Test("R-COM-01/02: both sides comment; only the receiving side marks a comment read")
    func comments() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let officer = try await app.token(Demo.haOfficer)
            let planner = try await app.token(Demo.planner)
            let posted = try await app.request(
                .post, "/v6/work/works/\(wrn)/comments", token: officer,
                json: ["topic": "GENERAL", "detail": "Please confirm the TM plan"])
            #expect(posted.status == .created)
            let reference = try #require(posted.json["comment_reference_number"] as? String)
            #expect(
                try await app.request(
                    .post, "/v6/work/works/\(wrn)/comments", token: try await app.token(Demo.gasPlanner),
                    json: ["topic": "GENERAL", "detail": "x"]
                ).isError(401))
            #expect(
                try await app.request(
                    .post, "/v6/work/works/\(wrn)/comments", token: planner, json: ["topic": "OVERRUN", "detail": "x"]
                ).isError(400))
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrn)/comments/\(reference)/read", token: officer, json: [String: String]()
                ).isError(412))
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrn)/comments/\(reference)/read", token: planner, json: [String: String]()
                ).status == .created)
            let comment = try await app.request(.get, "/v6/work/works/\(wrn)/comments/\(reference)", token: planner)
                .json
            #expect(comment["comment_topic"] as? String == "general")
            #expect(comment["is_read"] as? Bool == true)
            #expect(comment["read_by"] as? String == Demo.planner)
        }
    }

    @Test("R-CAT-13: GET /permits/category and /duration compute without saving")
    func calculators() async throws {
        try await TestApp.run { app throws in
            let planner = try await app.token(Demo.planner)
            let duration = try await app.request(
                .get, "/v6/work/duration?startDate=2026-01-09T09:00:00Z&endDate=2026-01-13T17:00:00Z", token: planner
            ).json
            #expect(duration["calendar_days"] as? Int == 5)
            #expect(duration["working_days"] as? Int == 3)
            let category = try await app.request(
                .get,
                "/v6/work/permits/category?work_type=planned&is_ttro_required=false&proposed_start_date=2026-02-02T09:00:00Z&proposed_end_date=2026-02-13T17:00:00Z",
                token: planner
            ).json
            // Monday 2 to Friday 13 February 2026: 10 working days, the top of the standard band (R-CAT-05).
            #expect(category["work_category"] as? String == "standard")
            #expect((category["duration"] as? [String: Any])?["working_days"] as? Int == 10)
        }
    }
}

@Suite("Deeming and polling (R-RESP-03, R-DATA-02)")
struct DeemingAndPollingTests {
    @Test("R-RESP-03: a permit nobody assessed by its deadline is deemed granted, once; assessed ones are not")
    func deeming() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            let (wrn2, prn2) = try await app.submitWork()
            try await app.assess(
                wrn2, prn2,
                ["assessment_status": "refused", "reasons_for_refusal": ["RC10"], "additional_comments": "No"])
            // Deadline Wednesday 2026-01-07: not deemed during that day…
            app.clock.set(ISO8601.parse("2026-01-07T23:59:00Z")!)
            #expect(try await app.deem() == 0)
            #expect(try await app.permit(wrn, prn)["permit_status"] as? String == "submitted")
            // …but from the start of the next UK day.
            app.clock.set(ISO8601.parse("2026-01-08T00:00:30Z")!)
            #expect(try await app.deem() == 1)
            #expect(try await app.deem() == 0)
            let permit = try await app.permit(wrn, prn)
            #expect(permit["permit_status"] as? String == "granted")
            #expect(permit["is_deemed"] as? Bool == true)
            #expect(try await app.permit(wrn2, prn2)["permit_status"] as? String == "refused")
            // A deemed permit cannot then be refused (R-PERMIT-08).
            #expect(
                try await app.assess(
                    wrn, prn,
                    ["assessment_status": "refused", "reasons_for_refusal": ["RC10"], "additional_comments": "late"]
                ).isError(412))
            let history = try await app.request(
                .get, "/v6/work/works/\(wrn)/history", token: try await app.token(Demo.planner)
            ).json
            #expect((history["rows"] as? [[String: Any]])?.first?["event"] as? String == "permit_deemed")
        }
    }

    @Test("R-RESP-05: a permit with a modification request does not deem")
    func modificationRequestPausesDeeming() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            try await app.assess(
                wrn, prn, ["assessment_status": "permit_modification_request", "pending_change_details": "Later"])
            app.clock.advance(by: 30 * 86_400)
            #expect(try await app.deem() == 0)
            #expect(try await app.permit(wrn, prn)["permit_status"] as? String == "permit_modification_request")
        }
    }

    @Test("Reporting: the HA finds submitted permits; promoters see their own; paging and totals")
    func reporting() async throws {
        try await TestApp.run { app throws in
            var references: [String] = []
            for _ in 0..<3 { references.append(try await app.submitWork().1) }
            let officer = try await app.token(Demo.haOfficer)
            let submitted = try await app.request(
                .get, "/v6/reporting/permits?status=submitted&include_total_count=true", token: officer
            ).json
            let rows = submitted["rows"] as? [[String: Any]] ?? []
            #expect(Set(rows.compactMap { $0["permit_reference_number"] as? String }) == Set(references))
            #expect((submitted["pagination"] as? [String: Any])?["total_rows"] as? Int == 3)
            #expect(rows.first?["status"] as? String == "submitted")
            try await app.assess(
                String(references[0].dropLast(3)), references[0],
                ["assessment_status": "granted", "assessment_discount": 0])
            let granted = try await app.request(
                .get, "/v6/reporting/permits?status=granted&status=refused", token: officer
            ).json
            #expect((granted["rows"] as? [[String: Any]])?.count == 1)
            // Another authority sees none of them; the promoter sees its own; another promoter none.
            let otherton = try await app.request(
                .get, "/v6/reporting/permits", token: try await app.token(Demo.othertonOfficer)
            ).json
            #expect((otherton["rows"] as? [Any])?.isEmpty == true)
            let planner = try await app.request(.get, "/v6/reporting/permits", token: try await app.token(Demo.planner))
                .json
            #expect((planner["rows"] as? [Any])?.count == 3)
            let gas = try await app.request(.get, "/v6/reporting/permits", token: try await app.token(Demo.gasPlanner))
                .json
            #expect((gas["rows"] as? [Any])?.isEmpty == true)
            // A contractor names the promoter that contracted it.
            let contractor = try await app.request(
                .get, "/v6/reporting/permits?swa_code=7001", token: try await app.token(Demo.contractor)
            ).json
            #expect((contractor["rows"] as? [Any])?.count == 3)
            #expect(try await app.request(.get, "/v6/reporting/permits?status=bogus", token: officer).isError(400))
            let works = try await app.request(.get, "/v6/reporting/works", token: try await app.token(Demo.planner))
                .json
            #expect((works["rows"] as? [Any])?.count == 3)
        }
    }

    @Test("R-DATA-02: works updates page through the event log in order and lose nothing")
    func worksUpdates() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            try await app.assess(wrn, prn, ["assessment_status": "granted", "assessment_discount": 0])
            let planner = try await app.token(Demo.planner)
            var seen: [String] = []
            var cursor = 0
            for _ in 0..<5 {
                let page = try await app.request(
                    .get, "/v6/event/works/updates?update_id=\(cursor)&page_size=1", token: planner
                ).json
                let rows = page["rows"] as? [[String: Any]] ?? []
                if rows.isEmpty { break }
                seen += rows.compactMap { $0["event_type"] as? String }
                cursor = page["next_update"] as? Int ?? cursor
            }
            #expect(seen == ["planned_works_record_created", "permit_submitted", "permit_granted"])
            let all = try await app.request(.get, "/v6/event/works/updates", token: try await app.token(Demo.haOfficer))
                .json
            #expect((all["rows"] as? [Any])?.count == 3)
            let excluded = try await app.request(
                .get, "/v6/event/works/updates?exclude_events_from=1001", token: planner
            ).json
            #expect((excluded["rows"] as? [Any])?.count == 2)
            #expect(try await app.request(.get, "/v6/event/works/updates?page_size=251", token: planner).isError(400))
            let none = try await app.request(
                .get, "/v6/event/works/updates", token: try await app.token(Demo.gasPlanner)
            ).json
            #expect((none["rows"] as? [Any])?.isEmpty == true)
        }
    }
}

extension TestApp {
    func deem() async throws -> Int {
        try await Deeming.deemOverduePermits(database: services.database, clock: clock)
    }
}

/// Every filter of `GET /reporting/permits` narrows the list or answers 400 naming itself.
@Suite("Reporting: the permits list's filters")
struct PermitListFilterTests {
    @Test("R-DATA-01: each flag filter of the permits list narrows it; the ones not built yet are 400s naming them")
    func flagFilters() async throws {
        try await TestApp.run { app throws in
            let (_, closure) = try await app.submitWork()  // road closure, excavation, no lane rental
            let (_, signals) = try await app.submitWork(
                app.workBody(
                    usrn: 10_010_024,
                    overrides: [
                        "traffic_management_type": "give_and_take", "excavation": false, "lane_rental_applicable": true,
                        "permit_asds": [["street_special_desig_code": 2]],
                    ]))
            let officer = try await app.token(Demo.haOfficer)
            func permits(_ query: String) async throws -> Set<String> {
                let response = try await app.request(.get, "/v6/reporting/permits?\(query)", token: officer)
                #expect(response.status == .ok, "\(query): \(response.json)")
                return Set(
                    (response.json["rows"] as? [[String: Any]] ?? []).compactMap {
                        $0["permit_reference_number"] as? String
                    })
            }
            #expect(try await permits("is_traffic_sensitive=true") == [signals])
            #expect(try await permits("is_traffic_sensitive=false") == [closure])
            #expect(try await permits("is_high_impact_traffic_management=true") == [closure])
            #expect(try await permits("is_high_impact_traffic_management=false") == [signals])
            #expect(try await permits("has_excavation=true") == [closure])
            #expect(try await permits("lane_rental_charges_potentially_apply=true") == [signals])
            #expect(try await permits("lane_rental_charges_not_agreed=true").isEmpty)
            #expect(try await permits("has_no_final_registration=true") == [closure, signals])
            #expect(try await permits("is_duration_challenged=true").isEmpty)
            #expect(try await permits("hs2_works_only=true").isEmpty)
            #expect(try await permits("lane_rental_assessment_outcome=chargeable").isEmpty)
            for filter in ["geographical_area_reference_number=GA1"] {
                let response = try await app.request(.get, "/v6/reporting/permits?\(filter)", token: officer)
                #expect(response.isError(400), "\(filter)")
                #expect(response.fieldErrors[String(filter.prefix { $0 != "=" })] != nil, "\(filter): \(response.json)")
            }
        }
    }
}
