import App
import Domain
import Foundation
import Store
import Testing

/// The worklists (R-RESP-10, D-WORKLIST): each window just inside and just outside, who sees
/// what, and the dismissal of a potentially overrunning works.
@Suite("Worklists (R-RESP-10)")
struct WorklistTests {
    func at(_ text: String) -> Date { ISO8601.parse(text)! }

    /// The entries of a worklist as `email` sees them (a 200 is expected).
    func list(_ app: TestApp, _ path: String, as email: String) async throws -> [[String: Any]] {
        let response = try await app.request(.get, "/v6/worklist/\(path)", token: try await app.token(email))
        #expect(response.status == .ok, "\(path) as \(email): \(response.status) \(response.json)")
        return response.array
    }

    func references(_ app: TestApp, _ path: String, as email: String) async throws -> [String] {
        try await list(app, path, as: email).compactMap { $0["permit_reference_number"] as? String }
    }

    func date(_ value: Any?) -> Date? { (value as? String).flatMap(ISO8601.parse) }

    func grant(_ app: TestApp, _ wrn: String, _ prn: String) async throws {
        #expect(
            try await app.assess(wrn, prn, ["assessment_status": "granted", "assessment_discount": 0]).status
                == .noContent)
    }

    func start(_ app: TestApp, _ wrn: String, at instant: String) async throws {
        let response = try await app.request(
            .put, "/v6/work/works/\(wrn)/start", token: try await app.token(Demo.planner),
            json: ["actual_start_date": instant])
        #expect(response.status == .noContent, "start \(wrn): \(response.json)")
    }

    func stop(_ app: TestApp, _ wrn: String, at instant: String) async throws {
        let response = try await app.request(
            .put, "/v6/work/works/\(wrn)/stop", token: try await app.token(Demo.planner),
            json: ["actual_stop_date": instant])
        #expect(response.status == .noContent, "stop \(wrn): \(response.json)")
    }

    @Test("R-RESP-10, R-RESP-03: permits about to deem are the HA's applications awaiting assessment due today")
    func permitsAboutToDeem() async throws {
        try await TestApp.run { app throws in
            // Monday 2026-01-05: A at 09:00, B at 12:00 (then under assessment), C granted: all due
            // by Wednesday 7 January.
            let (wrnA, prnA) = try await app.submitWork()
            app.clock.set(at("2026-01-05T12:00:00Z"))
            let (wrnB, prnB) = try await app.submitWork()
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrnB)/permits/\(prnB)/under-assessment",
                    token: try await app.token(Demo.haOfficer)
                ).status == .noContent)
            let (wrnC, prnC) = try await app.submitWork()
            try await grant(app, wrnC, prnC)
            // D on Tuesday: due a day later.
            app.clock.set(at("2026-01-06T10:00:00Z"))
            let (wrnD, prnD) = try await app.submitWork()
            let permitA = try await app.permit(wrnA, prnA)
            #expect(date(permitA["deadline_date"]) == at("2026-01-07T00:00:00Z"))
            #expect(try await app.permit(wrnB, prnB)["deadline_date"] as? String == permitA["deadline_date"] as? String)
            #expect(date(try await app.permit(wrnD, prnD)["deadline_date"]) == at("2026-01-08T00:00:00Z"))

            app.clock.set(at("2026-01-06T23:59:59Z"))
            #expect(try await references(app, "permits-about-to-deem", as: Demo.haOfficer) == [])
            app.clock.set(at("2026-01-07T00:00:00Z"))
            let due = try await list(app, "permits-about-to-deem", as: Demo.haOfficer)
            #expect(due.compactMap { $0["permit_reference_number"] as? String } == [prnB, prnA], "newest first")
            let entry = try #require(due.last)
            #expect(entry["work_reference_number"] as? String == wrnA)
            #expect(entry["deem_date"] as? String == permitA["deadline_date"] as? String)
            #expect(date(entry["application_submission_date"]) == TestApp.start)
            #expect(entry["promoter"] as? String == "Anytown Water Ltd")
            #expect(entry["works_location"] as? String == "Outside number 12")
            #expect(entry["works_category"] as? String == permitA["work_category"] as? String)
            #expect(entry["highest_traffic_management_type"] as? String == "road_closure")
            #expect(entry["start_date"] as? String == permitA["proposed_start_date"] as? String)
            #expect(entry["end_date"] as? String == permitA["proposed_end_date"] as? String)

            app.clock.set(at("2026-01-07T23:59:59Z"))
            #expect(try await references(app, "permits-about-to-deem", as: Demo.haOfficer) == [prnB, prnA])
            // Midnight: A and B are deemed (whether or not the job has run yet); D is due today.
            app.clock.set(at("2026-01-08T00:00:00Z"))
            #expect(try await references(app, "permits-about-to-deem", as: Demo.haOfficer) == [prnD])

            #expect(try await references(app, "permits-about-to-deem", as: Demo.othertonOfficer) == [])
            let planner = try await app.request(
                .get, "/v6/worklist/permits-about-to-deem", token: try await app.token(Demo.planner))
            #expect(planner.isError(401, "Access restricted"))
        }
    }

    @Test(
        "R-RESP-10: work starts due: not started, granted or awaiting assessment, proposed start yesterday to tomorrow")
    func workStartsDue() async throws {
        try await TestApp.run { app throws in
            // A starts Monday 2 February 09:00 (granted); B the same day at 21:00 (awaiting
            // assessment); C on the same day is refused.
            let (wrnA, prnA) = try await app.submitWork()
            try await grant(app, wrnA, prnA)
            let (_, prnB) = try await app.submitWork(app.workBody(startIn: 28.5))
            let (wrnC, prnC) = try await app.submitWork()
            #expect(
                try await app.assess(
                    wrnC, prnC,
                    ["assessment_status": "refused", "reasons_for_refusal": ["RC10"], "additional_comments": "Clash"]
                ).status == .noContent)

            app.clock.set(at("2026-01-31T23:59:59Z"))
            #expect(try await references(app, "work-starts-due", as: Demo.planner) == [])
            app.clock.set(at("2026-02-01T00:00:00Z"))
            let due = try await list(app, "work-starts-due", as: Demo.planner)
            #expect(due.compactMap { $0["permit_reference_number"] as? String } == [prnB, prnA], "latest start first")
            let permitA = try await app.permit(wrnA, prnA)
            let entry = try #require(due.last)
            #expect(entry["work_reference_number"] as? String == wrnA)
            #expect(entry["highway_authority"] as? String == "Anytown Borough Council")
            #expect(entry["works_location"] as? String == "Outside number 12")
            #expect(date(entry["proposed_start_date"]) == at("2026-02-02T09:00:00Z"))
            #expect(date(entry["proposed_end_date"]) == at("2026-02-04T09:00:00Z"))
            #expect(entry["validity_period_end_date"] as? String == permitA["validity_period_end_date"] as? String)
            #expect(entry["workstream_prefix"] as? String == "001")

            // A contractor sees its promoter's list when it names it.
            #expect(try await references(app, "work-starts-due?swa_code=7001", as: Demo.contractor) == [prnB, prnA])
            #expect(try await references(app, "work-starts-due", as: Demo.contractor) == [])
            #expect(
                try await app.request(
                    .get, "/v6/worklist/work-starts-due?swa_code=7002", token: try await app.token(Demo.contractor)
                ).isError(401))
            #expect(try await references(app, "work-starts-due", as: Demo.gasPlanner) == [])
            #expect(
                try await app.request(
                    .get, "/v6/worklist/work-starts-due", token: try await app.token(Demo.haOfficer)
                ).isError(401, "Access restricted"))

            // Started: no longer due.
            app.clock.set(at("2026-02-02T10:00:00Z"))
            try await start(app, wrnA, at: "2026-02-02T09:00:00Z")
            #expect(try await references(app, "work-starts-due", as: Demo.planner) == [prnB])
            app.clock.set(at("2026-02-03T23:59:59Z"))
            #expect(try await references(app, "work-starts-due", as: Demo.planner) == [prnB])
            app.clock.set(at("2026-02-04T00:00:00Z"))
            #expect(try await references(app, "work-starts-due", as: Demo.planner) == [])
        }
    }

    @Test("R-RESP-10: work stops due: started, not stopped, proposed end yesterday to tomorrow")
    func workStopsDue() async throws {
        try await TestApp.run { app throws in
            // A: 2 February 09:00 to 4 February 09:00; B: 15:00 to 15:00; C never starts.
            let (wrnA, prnA) = try await app.submitWork()
            let (wrnB, prnB) = try await app.submitWork(app.workBody(startIn: 28.25))
            let (wrnC, prnC) = try await app.submitWork()
            for (wrn, prn) in [(wrnA, prnA), (wrnB, prnB), (wrnC, prnC)] { try await grant(app, wrn, prn) }
            app.clock.set(at("2026-02-02T16:00:00Z"))
            try await start(app, wrnA, at: "2026-02-02T09:00:00Z")
            try await start(app, wrnB, at: "2026-02-02T15:00:00Z")

            app.clock.set(at("2026-02-02T23:59:59Z"))
            #expect(try await references(app, "work-stops-due", as: Demo.planner) == [])
            app.clock.set(at("2026-02-03T00:00:00Z"))
            let due = try await list(app, "work-stops-due", as: Demo.planner)
            #expect(due.compactMap { $0["permit_reference_number"] as? String } == [prnB, prnA], "latest end first")
            let entry = try #require(due.last)
            #expect(entry["work_reference_number"] as? String == wrnA)
            #expect(entry["highway_authority"] as? String == "Anytown Borough Council")
            #expect(date(entry["start_date"]) == at("2026-02-02T09:00:00Z"))
            #expect(date(entry["proposed_end_date"]) == at("2026-02-04T09:00:00Z"))
            #expect(date(entry["reasonable_period_end_date"]) == at("2026-02-04T09:00:00Z"))
            #expect(entry["workstream_prefix"] as? String == "001")
            #expect(try await references(app, "work-stops-due?swa_code=7001", as: Demo.contractor) == [prnB, prnA])
            #expect(try await references(app, "work-stops-due", as: Demo.gasPlanner) == [])
            #expect(
                try await app.request(
                    .get, "/v6/worklist/work-stops-due", token: try await app.token(Demo.haOfficer)
                ).isError(401))

            app.clock.set(at("2026-02-05T23:59:59Z"))
            #expect(try await references(app, "work-stops-due", as: Demo.planner) == [prnB, prnA])
            try await stop(app, wrnB, at: "2026-02-05T23:00:00Z")
            #expect(try await references(app, "work-stops-due", as: Demo.planner) == [prnA], "stopped: done")
            app.clock.set(at("2026-02-06T00:00:00Z"))
            #expect(try await references(app, "work-stops-due", as: Demo.planner) == [])
        }
    }

    @Test("R-RESP-10, R-CR-17: potential works overrunning: in progress, reasonable period ended 1 to 7 days ago")
    func potentialWorksOverrunning() async throws {
        try await TestApp.run { app throws in
            // A runs from 2 February 09:00 and should end 4 February 09:00; B never starts; C stops.
            let (wrnA, prnA) = try await app.submitWork()
            let (wrnB, prnB) = try await app.submitWork()
            let (wrnC, prnC) = try await app.submitWork()
            for (wrn, prn) in [(wrnA, prnA), (wrnB, prnB), (wrnC, prnC)] { try await grant(app, wrn, prn) }
            app.clock.set(at("2026-02-02T16:00:00Z"))
            try await start(app, wrnA, at: "2026-02-02T09:00:00Z")
            try await start(app, wrnC, at: "2026-02-02T09:00:00Z")
            try await stop(app, wrnC, at: "2026-02-02T15:00:00Z")

            app.clock.set(at("2026-02-04T23:59:59Z"))
            #expect(try await references(app, "potential-works-overrunning", as: Demo.haOfficer) == [])
            app.clock.set(at("2026-02-05T00:00:00Z"))
            let entries = try await list(app, "potential-works-overrunning", as: Demo.haOfficer)
            #expect(entries.compactMap { $0["permit_reference_number"] as? String } == [prnA])
            let entry = try #require(entries.first)
            #expect(entry["work_reference_number"] as? String == wrnA)
            #expect(entry["promoter"] as? String == "Anytown Water Ltd")
            #expect(entry["works_location"] as? String == "Outside number 12")
            #expect(date(entry["start_date"]) == at("2026-02-02T09:00:00Z"))
            #expect(date(entry["end_date"]) == at("2026-02-04T09:00:00Z"))
            #expect(date(entry["reasonable_period_end_date"]) == at("2026-02-04T09:00:00Z"))
            #expect(try await references(app, "potential-works-overrunning", as: Demo.othertonOfficer) == [])
            #expect(
                try await app.request(
                    .get, "/v6/worklist/potential-works-overrunning", token: try await app.token(Demo.planner)
                ).isError(401))

            app.clock.set(at("2026-02-11T23:59:59Z"))
            #expect(try await references(app, "potential-works-overrunning", as: Demo.haOfficer) == [prnA])
            app.clock.set(at("2026-02-12T00:00:00Z"))
            #expect(try await references(app, "potential-works-overrunning", as: Demo.haOfficer) == [])
        }
    }

    @Test("R-RESP-10: a dismissed overrunning entry goes, and comes back when the reasonable period end changes")
    func dismissOverrunning() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            let (wrnB, prnB) = try await app.submitWork(app.workBody(startIn: 28.25))
            for (w, p) in [(wrn, prn), (wrnB, prnB)] { try await grant(app, w, p) }
            app.clock.set(at("2026-02-02T16:00:00Z"))
            try await start(app, wrn, at: "2026-02-02T09:00:00Z")
            try await start(app, wrnB, at: "2026-02-02T15:00:00Z")
            app.clock.set(at("2026-02-06T10:00:00Z"))
            #expect(try await references(app, "potential-works-overrunning", as: Demo.haOfficer) == [prnB, prn])

            func dismiss(_ reference: String, as email: String) async throws -> JSONResponse {
                try await app.request(
                    .delete, "/v6/worklist/potential-works-overrunning/\(reference)", token: try await app.token(email))
            }
            #expect(try await dismiss(prn, as: Demo.planner).isError(401, "Access restricted"))
            #expect(try await dismiss(prn, as: Demo.othertonOfficer).isError(404))
            #expect(try await dismiss("AW00199999999-01", as: Demo.haOfficer).isError(404))
            #expect(try await references(app, "potential-works-overrunning", as: Demo.haOfficer) == [prnB, prn])

            #expect(try await dismiss(prn.lowercased(), as: Demo.haOfficer).status == .noContent)
            #expect(try await references(app, "potential-works-overrunning", as: Demo.haOfficer) == [prnB])
            #expect(try await dismiss(prn, as: Demo.haOfficer).status == .noContent, "idempotent")
            app.clock.set(at("2026-02-09T10:00:00Z"))
            #expect(try await references(app, "potential-works-overrunning", as: Demo.haOfficer) == [prnB])

            // A works extension granted with a duration challenge moves the reasonable period end
            // (R-CR-09): the works are listed again with their new end.
            let extended = try await app.request(
                .post, "/v6/work/works/\(wrn)/permits/\(prn)/alterations", token: try await app.token(Demo.planner),
                json: ["change_request_reason": "Rock", "proposed_end_date": "2026-02-10T09:00:00.000Z"])
            let cr = try #require(extended.json["change_request_reference_number"] as? String, "\(extended.json)")
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrn)/permits/\(prn)/alterations/\(cr)/status",
                    token: try await app.token(Demo.haOfficer),
                    json: [
                        "change_request_status": "granted_with_duration_challenge", "assessment_comments": "Two days",
                        "reasonable_period_end_date": "2026-02-06T09:00:00.000Z",
                    ]
                ).status == .noContent)
            let entries = try await list(app, "potential-works-overrunning", as: Demo.haOfficer)
            #expect(entries.compactMap { $0["permit_reference_number"] as? String } == [prn, prnB])
            #expect(date(entries.first?["reasonable_period_end_date"]) == at("2026-02-06T09:00:00Z"))
            #expect(try await dismiss(prn, as: Demo.haOfficer).status == .noContent)
            #expect(try await references(app, "potential-works-overrunning", as: Demo.haOfficer) == [prnB])
        }
    }

    @Test("R-RESP-10: refused permits are the promoter's, latest refusal first, with the reasons")
    func refusedPermits() async throws {
        try await TestApp.run { app throws in
            let (wrnA, prnA) = try await app.submitWork()
            let (wrnB, prnB) = try await app.submitWork()
            let (wrnC, prnC) = try await app.submitWork()
            app.clock.set(at("2026-01-05T10:00:00Z"))
            #expect(
                try await app.assess(
                    wrnA, prnA,
                    ["assessment_status": "refused", "reasons_for_refusal": ["RC10"], "additional_comments": "Clash"]
                ).status == .noContent)
            app.clock.set(at("2026-01-06T11:00:00Z"))
            #expect(
                try await app.assess(
                    wrnB, prnB,
                    [
                        "assessment_status": "refused", "reasons_for_refusal": ["RC20", "RC11"],
                        "additional_comments": "Clash",
                    ]
                ).status == .noContent)
            try await grant(app, wrnC, prnC)

            let refused = try await list(app, "refused-permits", as: Demo.planner)
            #expect(refused.compactMap { $0["permit_reference_number"] as? String } == [prnB, prnA])
            let entry = try #require(refused.first)
            #expect(entry["work_reference_number"] as? String == wrnB)
            #expect(entry["highway_authority"] as? String == "Anytown Borough Council")
            #expect(entry["works_location"] as? String == "Outside number 12")
            #expect(date(entry["refused_date"]) == at("2026-01-06T11:00:00Z"))
            #expect(entry["reasons_for_refusal"] as? [String] == ["RC20", "RC11"])
            let permitB = try await app.permit(wrnB, prnB)
            #expect(entry["proposed_start_date"] as? String == permitB["proposed_start_date"] as? String)
            #expect(entry["proposed_end_date"] as? String == permitB["proposed_end_date"] as? String)

            #expect(try await references(app, "refused-permits?swa_code=7001", as: Demo.contractor) == [prnB, prnA])
            #expect(try await references(app, "refused-permits", as: Demo.contractor) == [])
            #expect(try await references(app, "refused-permits", as: Demo.gasPlanner) == [])
            #expect(
                try await app.request(
                    .get, "/v6/worklist/refused-permits", token: try await app.token(Demo.haOfficer)
                ).isError(401))

            // Cancelled by the promoter: dealt with.
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrnA)/permits/\(prnA)/status", token: try await app.token(Demo.planner),
                    json: ["permit_status": "cancelled", "permit_cancellation_reason": "weather"]
                ).status == .noContent)
            #expect(try await references(app, "refused-permits", as: Demo.planner) == [prnB])
        }
    }

    @Test("R-RESP-10: change requests about to deem are the highway authority's (scenario in ChangeRequestTests)")
    func changeRequestsAboutToDeemAccess() async throws {
        try await TestApp.run { app throws in
            #expect(try await app.request(.get, "/v6/worklist/change-requests-about-to-deem").isError(401))
            #expect(
                try await app.request(
                    .get, "/v6/worklist/change-requests-about-to-deem", token: try await app.token(Demo.planner)
                ).isError(401, "Access restricted"))
        }
    }
}
