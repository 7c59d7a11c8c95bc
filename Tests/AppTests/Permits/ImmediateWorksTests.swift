import App
import Domain
import Foundation
import Testing

/// Immediate (urgent and emergency) works end to end (R-IMM-01 … R-IMM-10), through the API.
/// The test clock starts on Monday 2026-01-05 at 09:00 UTC.
@Suite("Immediate works (R-IMM)")
struct ImmediateWorksTests {
    func put(_ app: TestApp, _ path: String, _ body: [String: Any], as email: String = Demo.planner) async throws
        -> JSONResponse
    {
        try await app.request(.put, path, token: try await app.token(email), json: body)
    }

    @Test("R-IMM-01: an immediate PA needs a proposed start time, and may be applied for after the works started")
    func proposedStartTime() async throws {
        try await TestApp.run { app throws in
            var body = app.workBody(startIn: -0.5, workType: "immediate")
            body["proposed_start_time"] = nil
            let missing = try await app.request(
                .post, "/v6/work/works", token: try await app.token(Demo.planner), json: body)
            #expect(missing.isError(400))
            #expect(missing.fieldErrors["proposed_start_time"] != nil, "\(missing.json)")
            // A retrospective application: the works started yesterday evening.
            let (wrn, prn) = try await app.submitWork(app.workBody(startIn: -0.5, workType: "immediate"))
            let permit = try await app.permit(wrn, prn)
            #expect(permit["permit_status"] as? String == "submitted")
            #expect(permit["work_status"] as? String == "in_progress")
        }
    }

    @Test("R-IMM-02: immediate works are in progress from submission, their start logged at the proposed start")
    func inProgressFromSubmission() async throws {
        try await TestApp.run { app throws in
            let started = app.clock.now().addingTimeInterval(-2 * 3_600)
            let (wrn, prn) = try await app.submitWork(
                app.workBody(
                    workType: "immediate",
                    overrides: [
                        "proposed_start_date": ISO8601.format(started), "proposed_start_time": ISO8601.format(started),
                    ]))
            let permit = try await app.permit(wrn, prn)
            #expect(permit["work_status"] as? String == "in_progress")
            #expect(permit["actual_start_date"] as? String == ISO8601.format(started))
            let history = try await app.request(
                .get, "/v6/work/works/\(wrn)/history", token: try await app.token(Demo.planner)
            ).json
            let events = (history["rows"] as? [[String: Any]] ?? []).compactMap { $0["event"] as? String }
            #expect(events.contains("in_progress_works_record_created"), "\(events)")
            #expect(!events.contains("planned_works_record_created"))
            // The start is already logged: logging it again is refused.
            let again = try await put(
                app, "/v6/work/works/\(wrn)/start", ["actual_start_date": ISO8601.format(app.clock.now())])
            #expect(again.isError(412), "\(again.json)")
        }
    }

    @Test("R-IMM-02, D-IMMEDIATE-START: immediate works reported before their proposed start are started now")
    func reportedAhead() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork(app.workBody(startIn: 0.25, workType: "immediate"))
            let permit = try await app.permit(wrn, prn)
            #expect(permit["work_status"] as? String == "in_progress")
            #expect(permit["actual_start_date"] as? String == ISO8601.format(app.clock.now()))
        }
    }

    @Test("R-IMM-03: no notice period, no early start, no validity period")
    func noNoticeNoValidity() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork(app.workBody(startIn: 0, lasting: 3, workType: "immediate"))
            let permit = try await app.permit(wrn, prn)
            #expect(permit["work_category"] as? String == "immediate_emergency")
            #expect(permit["is_early_start"] as? Bool != true)
            // No validity period: the contract requires the field, which then shows the proposed
            // start, and the end never slides.
            #expect(permit["validity_period_end_date"] as? String == permit["proposed_start_date"] as? String)
            #expect(permit["sliding_end_date_candidate"] as? Bool == false)
            // The same works as planned works would be an early start needing a justification.
            let planned = try await app.request(
                .post, "/v6/work/works", token: try await app.token(Demo.planner),
                json: app.workBody(startIn: 0.1, lasting: 3))
            #expect(planned.fieldErrors["early_start_pre_approval"] != nil, "\(planned.json)")
        }
    }

    @Test("R-IMM-04: the HA has 2 working days to respond, then the immediate PA deems")
    func deemsAfterTwoWorkingDays() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork(app.workBody(startIn: -0.1, workType: "immediate"))
            let permit = try await app.permit(wrn, prn)
            // Submitted Monday 5 January: the deadline is Wednesday 7 January.
            #expect((permit["deadline_date"] as? String)?.hasPrefix("2026-01-07") == true, "\(permit)")
            app.clock.set(ISO8601.parse("2026-01-07T23:59:00Z")!)
            #expect(try await app.deem() == 0)
            app.clock.set(ISO8601.parse("2026-01-08T00:00:30Z")!)
            #expect(try await app.deem() == 1)
            let deemed = try await app.permit(wrn, prn)
            #expect(deemed["permit_status"] as? String == "granted")
            #expect(deemed["is_deemed"] as? Bool == true)
            #expect(deemed["work_status"] as? String == "in_progress")
        }
    }

    @Test(
        "R-IMM-05: only an immediate PA is granted with a duration challenge, ending 2 working days after the start or later"
    )
    func grantWithDurationChallenge() async throws {
        try await TestApp.run { app throws in
            // Started on Friday 2 January: 2 working days later is Tuesday 6 January, in the past
            // by Wednesday.
            let started = ISO8601.parse("2026-01-02T08:00:00Z")!
            let (wrn, prn) = try await app.submitWork(
                app.workBody(
                    lasting: 10, workType: "immediate",
                    overrides: [
                        "proposed_start_date": ISO8601.format(started), "proposed_start_time": ISO8601.format(started),
                        "proposed_end_date": ISO8601.format(started.addingTimeInterval(10 * 86_400)),
                        "proposed_end_time": ISO8601.format(started.addingTimeInterval(10 * 86_400)),
                    ]))
            app.clock.set(ISO8601.parse("2026-01-07T10:00:00Z")!)
            func challenge(_ end: String) -> [String: Any] {
                [
                    "assessment_status": "granted", "assessment_discount": 0, "is_duration_challenged": true,
                    "reasonable_period_end_date": end, "additional_comments": "Two days are enough",
                ]
            }
            let tooEarly = try await app.assess(wrn, prn, challenge("2026-01-05T17:00:00Z"))
            #expect(tooEarly.isError(400))
            #expect(
                tooEarly.fieldErrors["reasonable_period_end_date"]?.contains("R-IMM-05") == true, "\(tooEarly.json)")
            #expect(try await app.permit(wrn, prn)["permit_status"] as? String == "submitted")
            #expect(try await app.assess(wrn, prn, challenge("2026-01-06T17:00:00Z")).status == .noContent)
            let permit = try await app.permit(wrn, prn)
            #expect(permit["permit_status"] as? String == "granted")
            #expect(permit["is_duration_challenged"] as? Bool == true)
            #expect(
                permit["reasonable_period_end_date"] as? String
                    == ISO8601.format(ISO8601.parse("2026-01-06T17:00:00Z")!))
            let history = try await app.request(
                .get, "/v6/work/works/\(wrn)/history", token: try await app.token(Demo.planner)
            ).json
            #expect(
                (history["rows"] as? [[String: Any]])?.first?["event"] as? String
                    == "permit_granted_with_duration_challenge")

            // A planned PA cannot be granted with one.
            let (plannedWRN, plannedPRN) = try await app.submitWork(app.workBody(startIn: 28, lasting: 5))
            let planned = try await app.assess(plannedWRN, plannedPRN, challenge("2026-02-20T17:00:00Z"))
            #expect(planned.isError(412), "\(planned.json)")
        }
    }

    @Test("R-IMM-06: immediate works started and stopped before any decision close with granted_auto")
    func grantedAuto() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork(app.workBody(startIn: -0.1, workType: "immediate"))
            app.clock.advance(by: 3_600)
            #expect(
                try await put(app, "/v6/work/works/\(wrn)/stop", ["actual_stop_date": ISO8601.format(app.clock.now())])
                    .status == .noContent)
            let permit = try await app.permit(wrn, prn)
            #expect(permit["permit_status"] as? String == "closed")
            #expect(permit["assessment_status"] as? String == "granted_auto")
            #expect(permit["work_status"] as? String == "completed")
            // Closed: nothing left to deem or assess.
            app.clock.advance(by: 10 * 86_400)
            #expect(try await app.deem() == 0)
            #expect(
                try await app.assess(wrn, prn, ["assessment_status": "granted", "assessment_discount": 0]).isError(412))
        }
    }

    @Test("R-IMM-07: an immediate PA may be cancelled while in progress, but not once works stop is logged")
    func cancelling() async throws {
        try await TestApp.run { app throws in
            let cancel: [String: Any] = [
                "permit_status": "cancelled", "permit_cancellation_reason": "other",
                "permit_cancellation_reason_other": "Made safe without digging",
            ]
            let (wrn, prn) = try await app.submitWork(app.workBody(startIn: -0.1, workType: "immediate"))
            #expect(
                try await put(app, "/v6/work/works/\(wrn)/permits/\(prn)/status", cancel).status == .noContent)
            let permit = try await app.permit(wrn, prn)
            #expect(permit["permit_status"] as? String == "cancelled")
            #expect(permit["work_status"] as? String == "cancelled")

            let (wrn2, prn2) = try await app.submitWork(app.workBody(startIn: -0.1, workType: "immediate"))
            try await app.assess(wrn2, prn2, ["assessment_status": "granted", "assessment_discount": 0])
            app.clock.advance(by: 3_600)
            #expect(
                try await put(
                    app, "/v6/work/works/\(wrn2)/stop", ["actual_stop_date": ISO8601.format(app.clock.now())]
                ).status == .noContent)
            let late = try await put(app, "/v6/work/works/\(wrn2)/permits/\(prn2)/status", cancel)
            #expect(late.isError(412), "\(late.json)")
            #expect(try await app.permit(wrn2, prn2)["permit_status"] as? String == "closed")
        }
    }

    @Test("R-IMM-08: works start on immediate works cannot be reverted")
    func noRevertOfStart() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork(app.workBody(startIn: -0.1, workType: "immediate"))
            let revert = try await put(app, "/v6/work/works/\(wrn)/revert-start", ["revert_reason": "Typo"])
            #expect(revert.isError(412), "\(revert.json)")
            #expect(revert.message?.hasPrefix("R-IMM-08") == true, "\(revert.json)")
            #expect(try await app.permit(wrn, prn)["work_status"] as? String == "in_progress")
        }
    }

    @Test("R-IMM-09: no change request on a refused immediate PA")
    func noChangeRequestWhenRefused() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork(app.workBody(startIn: -0.1, workType: "immediate"))
            try await app.assess(
                wrn, prn,
                ["assessment_status": "refused", "reasons_for_refusal": ["RC10"], "additional_comments": "Not urgent"])
            let raised = try await app.request(
                .post, "/v6/work/works/\(wrn)/permits/\(prn)/alterations", token: try await app.token(Demo.planner),
                json: ["change_request_reason": "Need longer", "description_of_work": "Replace the valve and its box"])
            #expect(raised.isError(412), "\(raised.json)")
            let alterations = try await app.request(
                .get, "/v6/reporting/alterations", token: try await app.token(Demo.haOfficer)
            ).json
            #expect((alterations["rows"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("R-IMM-10: the 5-year limit between proposed start and end is for planned works only")
    func noFiveYearLimit() async throws {
        try await TestApp.run { app throws in
            let sixYears = 6 * 366.0
            let (wrn, prn) = try await app.submitWork(
                app.workBody(startIn: -0.1, lasting: sixYears, workType: "immediate"))
            #expect(try await app.permit(wrn, prn)["permit_status"] as? String == "submitted")
            let planned = try await app.request(
                .post, "/v6/work/works", token: try await app.token(Demo.planner),
                json: app.workBody(startIn: 28, lasting: sixYears))
            #expect(planned.fieldErrors["proposed_end_date"]?.contains("5 years") == true, "\(planned.json)")
        }
    }
}
