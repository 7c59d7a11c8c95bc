import App
import Domain
import Foundation
import Testing

@Suite("The traffic management in place on a live permit (R-PERMIT-23)")
struct CurrentTrafficManagementTests {
    func record(_ app: TestApp, _ wrn: String, _ prn: String, _ body: [String: Any], as email: String = Demo.planner)
        async throws -> JSONResponse
    {
        try await app.request(
            .put, "/v6/work/works/\(wrn)/permits/\(prn)/current-traffic-management-type",
            token: try await app.token(email), json: body)
    }

    @Test("R-PERMIT-23: the promoter records it once the permit is granted; signals need an emergency contact")
    func grantedPermit() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            let early = try await record(app, wrn, prn, ["current_traffic_management_type": "road_closure"])
            #expect(early.isError(412) && early.message?.hasPrefix("R-PERMIT-23") == true, "\(early.json)")
            #expect(
                try await app.assess(wrn, prn, ["assessment_status": "granted", "assessment_discount": 0]).status
                    == .noContent)
            #expect(
                try await record(app, wrn, prn, ["current_traffic_management_type": "road_closure"], as: Demo.haOfficer)
                    .isError(401, "Access restricted"))
            #expect(
                try await record(app, wrn, prn, ["current_traffic_management_type": "tidal_flow"])
                    .fieldErrors["current_traffic_management_type"] != nil)
            let signals = try await record(app, wrn, prn, ["current_traffic_management_type": "two_way_signals"])
            #expect(signals.isError(400))
            #expect(
                Set(signals.fieldErrors.keys) == [
                    "current_traffic_management_emergency_contact_name",
                    "current_traffic_management_emergency_contact_number",
                ], "\(signals.json)")
            #expect(try await app.permit(wrn, prn)["current_traffic_management_type"] == nil)

            #expect(
                try await record(
                    app, wrn, prn,
                    [
                        "current_traffic_management_type": "two_way_signals",
                        "current_traffic_management_emergency_contact_name": "Site office",
                        "current_traffic_management_emergency_contact_number": "07000 111222",
                    ]
                ).status == .noContent)
            let permit = try await app.permit(wrn, prn)
            #expect(permit["current_traffic_management_type"] as? String == "two_way_signals")
            #expect(permit["current_traffic_management_type_string"] as? String == "two_way_signals")
            #expect(permit["current_traffic_management_update_date"] as? String == ISO8601.format(app.clock.now()))
            #expect(permit["current_traffic_management_emergency_contact_name"] as? String == "Site office")
            #expect(permit["current_traffic_management_emergency_contact_number"] as? String == "07000 111222")
            #expect(permit["permit_status"] as? String == "granted")
            let history = try await app.request(
                .get, "/v6/work/works/\(wrn)/history", token: try await app.token(Demo.haOfficer)
            ).json
            #expect(
                (history["rows"] as? [[String: Any]])?.first?["event"] as? String
                    == "current_traffic_management_type_updated")

            // A later report replaces it; the contact goes with signals.
            #expect(
                try await record(app, wrn, prn, ["current_traffic_management_type": "give_and_take"]).status
                    == .noContent)
            let replaced = try await app.permit(wrn, prn)
            #expect(replaced["current_traffic_management_type"] as? String == "give_and_take")
            #expect(replaced["current_traffic_management_emergency_contact_name"] == nil)
        }
    }

    @Test("R-PERMIT-23: immediate works in progress, awaiting assessment, are live too")
    func immediateWorks() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork(app.workBody(startIn: 0, workType: "immediate"))
            let work = try await app.request(.get, "/v6/work/works/\(wrn)", token: try await app.token(Demo.planner))
            #expect(work.json["work_status"] as? String == "in_progress", "\(work.json)")
            #expect(
                try await record(app, wrn, prn, ["current_traffic_management_type": "lane_closure"]).status
                    == .noContent)
            #expect(try await app.permit(wrn, prn)["current_traffic_management_type"] as? String == "lane_closure")
        }
    }
}
