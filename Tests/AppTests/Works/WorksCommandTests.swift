import App
import Domain
import Foundation
import Store
import Testing

/// The one works command: access from the access table, typed history events, the outbox, and
/// deeming through the same lock (R-SEC-10, R-SEC-13, R-RESP-03, R-DATA-02).
@Suite("The works command: write grants, events and outbox, deeming")
struct WorksCommandTests {
    @Test(
        "R-SEC-13: a read-only grant on a workstream lets a planner read its works but not create, start, stop or cancel"
    )
    func readOnlyGrant() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()  // workstream 001
            #expect(
                try await app.assess(wrn, prn, ["assessment_status": "granted", "assessment_discount": 0]).status
                    == .noContent)
            try await IdentityRepository(app.services.database).grant(
                Demo.planner, organisation: "7001", prefix: "001", level: .readOnly)
            app.clock.advance(by: 28 * 86_400)  // past the cached caller (D-PRINCIPAL-CACHE) and to the start
            let planner = try await app.token(Demo.planner)
            let now = ISO8601.format(app.clock.now())
            #expect(try await app.request(.get, "/v6/work/works/\(wrn)", token: planner).status == .ok)
            let writes: [(String, String, [String: Any])] = [
                ("POST", "/v6/work/works", app.workBody()),
                ("PUT", "/v6/work/works/\(wrn)/start", ["actual_start_date": now]),
                ("PUT", "/v6/work/works/\(wrn)/stop", ["actual_stop_date": now]),
                (
                    "PUT", "/v6/work/works/\(wrn)/permits/\(prn)/status",
                    [
                        "permit_status": "cancelled", "permit_cancellation_reason": "other",
                        "permit_cancellation_reason_other": "No longer needed",
                    ]
                ),
            ]
            for (method, path, body) in writes {
                let response = try await app.request(method == "POST" ? .post : .put, path, token: planner, json: body)
                #expect(response.isError(401), "\(method) \(path): \(response.status) \(response.json)")
            }
            #expect(try await app.permit(wrn, prn)["permit_status"] as? String == "granted")

            try await IdentityRepository(app.services.database).grant(
                Demo.planner, organisation: "7001", prefix: "001", level: .fullWrite)
            app.clock.advance(by: 10)
            let writer = try await app.token(Demo.planner)
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrn)/start", token: writer, json: ["actual_start_date": now]
                )
                .status == .noContent)
        }
    }

    @Test(
        "R-DATA-02: every event is in the history with the contract's event and object types, and notifiable ones in the outbox"
    )
    func eventsAndOutbox() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let planner = try await app.token(Demo.planner)
            for isInternal in [false, true] {
                #expect(
                    try await app.request(
                        .post, "/v6/work/works/\(wrn)/comments", token: planner,
                        json: ["topic": "GENERAL", "detail": "Note", "is_internal": isInternal]
                    ).status == .created)
            }
            let history = try await HistoryRepository(app.services.database).history(ofWork: wrn, offset: 0, limit: 25)
            #expect(
                history.rows.map(\.event).reversed() == [
                    .plannedWorksRecordCreated, .permitSubmitted, .commentSubmitted, .internalCommentSubmitted,
                ])
            #expect(history.rows.map(\.objectType).reversed() == [.work, .permit, .comment, .comment])
            let outbox = try await app.services.database.query(
                "SELECT update_id, event FROM notification_outbox WHERE work_reference_number = ? ORDER BY update_id",
                [.text(wrn)])
            // The internal comment is only for the author's organisation: nobody else is told.
            #expect(
                outbox.map { $0.string("event") } == [
                    "planned_works_record_created", "permit_submitted", "comment_submitted",
                ])
            let updates = try await app.request(.get, "/v6/event/works/updates?update_id=0", token: planner)
            let types = (updates.json["rows"] as? [[String: Any]] ?? []).map { $0["object_type"] as? String }
            #expect(types == ["work", "permit", "comment", "comment"])
        }
    }

    @Test("R-RESP-03: after the deeming time a decision is refused, and the deeming job grants the permit")
    func decisionAfterDeemingTime() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            // A minor PA submitted Monday has until Wednesday; it deems at 00:00 on Thursday.
            app.clock.set(ISO8601.parse("2026-01-08T00:00:00Z")!)
            let late = try await app.assess(wrn, prn, ["assessment_status": "granted", "assessment_discount": 0])
            #expect(late.isError(412), "\(late.json)")
            #expect(late.message?.contains("R-RESP-03") == true)
            #expect(try await app.deem() == 1)
            let permit = try await app.permit(wrn, prn)
            #expect(permit["permit_status"] as? String == "granted")
            #expect(permit["is_deemed"] as? Bool == true)
        }
    }

    @Test("R-RESP-03: deeming run by several processes at once deems each permit exactly once")
    func deemingExactlyOnce() async throws {
        try await TestApp.run { app throws in
            var references: [String] = []
            for _ in 0..<6 { references.append(try await app.submitWork().0) }
            app.clock.set(ISO8601.parse("2026-01-08T00:00:00Z")!)
            let database = app.services.database
            let clock = app.clock
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<3 {
                    group.addTask { try await Deeming.deemOverduePermits(database: database, clock: clock) }
                }
                return try await group.reduce(0, +)
            }
            #expect(counts == 6)
            for wrn in references {
                let events = try await HistoryRepository(database).history(ofWork: wrn, offset: 0, limit: 25).rows
                #expect(events.filter { $0.event == .permitDeemed }.count == 1, "\(wrn)")
            }
        }
    }
}
