import App
import Domain
import Foundation
import Store
import Testing

/// Submitting works: whose street, whose works type, whose deadline, which dates (R-WORK-10,
/// R-CAT-01/10, R-RESP-01, R-PERMIT-20/21, R-VAL-06).
@Suite("Submitting works: the street's authority, HS2, traffic sensitivity, dates")
struct WorkSubmissionTests {
    @Test("R-WORK-10: works go to the street's own highway authority, not another")
    func streetsOwnAuthority() async throws {
        try await TestApp.run { app throws in
            let planner = try await app.token(Demo.planner)
            // USRN 10010005 is a street of Anytown (1001).
            let wrong = try await app.request(
                .post, "/v6/work/works", token: planner,
                json: app.workBody(usrn: 10_010_005, overrides: ["highway_authority_swa_code": "1002"]))
            #expect(wrong.isError(400), "\(wrong.json)")
            #expect(wrong.fieldErrors["highway_authority_swa_code"]?.contains("1001") == true, "\(wrong.json)")
            let right = try await app.request(
                .post, "/v6/work/works", token: planner, json: app.workBody(usrn: 10_010_005))
            #expect(right.status == .created)
        }
    }

    @Test("R-CAT-01/10: hs2_highway_works is for the HS2 promoter (7374) only, and is categorised hs2_highway")
    func hs2WorkType() async throws {
        try await TestApp.run { app throws in
            let planner = try await app.token(Demo.planner)
            let refused = try await app.request(
                .post, "/v6/work/works", token: planner, json: app.workBody(workType: "hs2_highway_works"))
            #expect(refused.isError(400))
            #expect(refused.fieldErrors["work_type"]?.contains("R-CAT-01") == true, "\(refused.json)")

            let (wrn, prn) = try await app.submitWork(Self.hs2Body(app), as: Demo.hs2Planner)
            let permit = try await app.permit(wrn, prn)
            #expect(permit["work_category"] as? String == "hs2_highway")
            #expect(permit["work_type"] as? String == "hs2_highway_works")
            // R-RESP-01: 28 calendar days from Monday 5 January.
            #expect(permit["deadline_date"] as? String == "2026-02-02T00:00:00.000Z")
        }
    }

    @Test("R-RESP-01: Transport for London has 42 days to decide an HS2 highway application")
    func transportForLondon() async throws {
        try await TestApp.run { app throws in
            let database = app.services.database
            try await IdentityRepository(database).insert(
                Organisation(
                    reference: PermitRules.transportForLondonSWACode, name: "Transport for London",
                    type: .highwayAuthority, prefix: "TL"), at: app.clock.now())
            try await database.query(
                """
                INSERT INTO streets (usrn, street_name, name_lower, town, area, search_text, road_category,
                ha_swa_code, street_state, reinstatement_type_codes, geometry_wkt, min_easting, min_northing,
                max_easting, max_northing, traffic_sensitive, updated_at)
                SELECT 10030001, street_name, name_lower, town, area, search_text, road_category, ?, street_state,
                reinstatement_type_codes, geometry_wkt, min_easting, min_northing, max_easting, max_northing,
                traffic_sensitive, updated_at FROM streets WHERE usrn = 10010005
                """, [.text(PermitRules.transportForLondonSWACode)])
            var body = Self.hs2Body(app)
            body["usrn"] = 10_030_001
            body["highway_authority_swa_code"] = PermitRules.transportForLondonSWACode
            let (wrn, prn) = try await app.submitWork(body, as: Demo.hs2Planner)
            let permit = try await app.request(
                .get, "/v6/work/works/\(wrn)/permits/\(prn)", token: try await app.token(Demo.hs2Planner)
            ).json
            #expect(permit["deadline_date"] as? String == "2026-02-16T00:00:00.000Z", "\(permit)")
        }
    }

    @Test("R-PERMIT-21: a traffic-sensitive street counts only when the promoter selects its designation")
    func trafficSensitiveBySelection() async throws {
        try await TestApp.run { app throws in
            // USRN 10010024 (road category 4) is traffic sensitive at all times.
            let selected = app.workBody(
                usrn: 10_010_024, overrides: ["permit_asds": [["street_special_desig_code": 2]]])
            let (wrnSelected, prnSelected) = try await app.submitWork(selected)
            let (wrnNone, prnNone) = try await app.submitWork(app.workBody(usrn: 10_010_024))
            let withSelection = try await app.permit(wrnSelected, prnSelected)
            let withoutSelection = try await app.permit(wrnNone, prnNone)
            // R-PERMIT-20: no validity period on a traffic-sensitive street.
            #expect(withSelection["sliding_end_date_candidate"] as? Bool == false)
            #expect(withoutSelection["sliding_end_date_candidate"] as? Bool == true)
            #expect(
                (withSelection["permit_asds"] as? [[String: Any]])?.first?["street_special_desig_code_string"]
                    as? String
                    == "Traffic sensitive")
            #expect((withSelection["permit_not_selected_asds"] as? [Any])?.isEmpty == true)
            let notSelected = withoutSelection["permit_not_selected_asds"] as? [[String: Any]] ?? []
            #expect(notSelected.map { $0["street_special_desig_code"] as? Int } == [2], "\(withoutSelection)")

            let officer = try await app.token(Demo.haOfficer)
            for (prn, sensitive) in [(prnSelected, true), (prnNone, false)] {
                let rows =
                    try await app.request(
                        .get, "/v6/reporting/permits?permit_reference_number=\(prn)", token: officer
                    ).json["rows"] as? [[String: Any]]
                #expect(rows?.first?["is_traffic_sensitive"] as? Bool == sensitive, "\(prn)")
            }
            _ = (wrnSelected, wrnNone)
        }
    }

    @Test("R-PERMIT-20: works started late within the validity period move the proposed end; a revert moves it back")
    func validitySlide() async throws {
        try await TestApp.run { app throws in
            // A minor PA on Bell Lane (road category 4, not traffic sensitive): Monday 2 February 09:00
            // to Wednesday 4 February 09:00, valid to start on Monday or Tuesday.
            let (wrn, prn) = try await app.submitWork(app.workBody(usrn: 10_010_005))
            let before = try await app.permit(wrn, prn)
            #expect(before["validity_period_end_date"] as? String == "2026-02-03T00:00:00.000Z")
            #expect(before["proposed_end_date"] as? String == "2026-02-04T09:00:00.000Z")
            #expect(
                try await app.assess(wrn, prn, ["assessment_status": "granted", "assessment_discount": 0]).status
                    == .noContent)
            app.clock.set(ISO8601.parse("2026-02-03T10:00:00Z")!)
            let planner = try await app.token(Demo.planner)
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrn)/start", token: planner,
                    json: ["actual_start_date": "2026-02-03T10:00:00Z"]
                ).status == .noContent)
            // Three working days from the Tuesday start: Tuesday to Thursday.
            #expect(try await app.permit(wrn, prn)["proposed_end_date"] as? String == "2026-02-05T09:00:00.000Z")
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrn)/revert-start", token: planner,
                    json: ["revert_reason": "Logged against the wrong works"]
                ).status == .noContent)
            #expect(try await app.permit(wrn, prn)["proposed_end_date"] as? String == "2026-02-04T09:00:00.000Z")
        }
    }

    @Test("R-VAL-06: a date-only start today (UK) is not in the past; the five-year limit is exact")
    func dates() async throws {
        try await TestApp.run { app throws in
            let planner = try await app.token(Demo.planner)
            // Now is 09:00 on Monday 5 January: midnight today is earlier, but still today.
            let today = app.workBody(overrides: [
                "proposed_start_date": "2026-01-05T00:00:00Z", "proposed_end_date": "2026-01-07T00:00:00Z",
                "early_start_pre_approval": false, "early_start_reason": "Burst main",
            ])
            let accepted = try await app.request(.post, "/v6/work/works", token: planner, json: today)
            #expect(accepted.status == .created, "\(accepted.json)")
            var yesterday = today
            yesterday["proposed_start_date"] = "2026-01-04T12:00:00Z"
            let refused = try await app.request(.post, "/v6/work/works", token: planner, json: yesterday)
            #expect(refused.fieldErrors["proposed_start_time"] != nil, "\(refused.json)")

            let fiveYears = app.workBody(overrides: [
                "proposed_start_date": "2026-06-01T08:00:00Z", "proposed_end_date": "2031-06-01T08:00:00Z",
            ])
            let long = try await app.request(.post, "/v6/work/works", token: planner, json: fiveYears)
            #expect(long.status == .created, "\(long.json)")
            var oneDayMore = fiveYears
            oneDayMore["proposed_end_date"] = "2031-06-02T08:00:00Z"
            let tooLong = try await app.request(.post, "/v6/work/works", token: planner, json: oneDayMore)
            #expect(tooLong.fieldErrors["proposed_end_date"] != nil, "\(tooLong.json)")
        }
    }

    static func hs2Body(_ app: TestApp) -> [String: Any] {
        app.workBody(
            workType: "hs2_highway_works",
            overrides: ["promoter_swa_code": PermitRules.hs2PromoterSWACode, "hs2_in_act_limits": false])
    }
}
