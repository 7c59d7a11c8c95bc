import Contract
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import App

/// The hot reads are written straight to JSON (`DirectOperations`). Their generated handlers
/// decode that JSON into the contract's generated types and encode it again; both answers must be
/// the same, so every key is one the contract knows and every value has the contract's type.
@Suite("Direct rendering")
struct DirectRenderingTests {
    @Test("GET work, permit, reporting permits, works updates and the map answer as the generated types do")
    func sameAsGeneratedTypes() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            _ = try await app.submitWork(app.workBody(startIn: 3, workType: "immediate"))
            for geometry: [String: Any] in [
                ["type": "Point", "coordinates": [451_010.5, 201_010.25]],
                [
                    "type": "Polygon",
                    "coordinates": [
                        [[450_990, 200_990], [451_030, 200_990], [451_030, 201_030], [450_990, 200_990]]
                    ],
                ],
            ] {
                _ = try await app.submitWork(app.workBody(overrides: ["works_coordinates": geometry]))
            }
            #expect(
                try await app.assess(wrn, prn, ["assessment_status": "granted", "assessment_discount": 0]).status
                    == .noContent)
            // A lane rental assessment (R-LR-02): its fields in both answers.
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrn)/permits/\(prn)/lane-rental-assessments",
                    token: try await app.token(Demo.haOfficer),
                    json: [
                        "outcome": "chargeable", "charges_agreed": false, "charge_band": "charge_band_1",
                        "chargeable_days": 2,
                    ]
                ).status == .noContent)
            // A change request and an imposed change: the permit lists both in both shapes, and
            // the granted one moved the reasonable end (R-CR).
            #expect(
                try await app.request(
                    .post, "/v6/work/works/\(wrn)/permits/\(prn)/alterations/impose",
                    token: try await app.token(Demo.haOfficer),
                    json: ["permit_alteration_reason": "Nights", "permit_conditions": [["condition": "NCT01a"]]]
                ).status == .created)
            #expect(
                try await app.request(
                    .post, "/v6/work/works/\(wrn)/permits/\(prn)/alterations",
                    token: try await app.token(Demo.planner),
                    json: ["change_request_reason": "Wider", "description_of_work": "Wider dig"]
                ).status == .created)
            // Ancillary information, one of it removed (R-PERMIT-24): the permit lists both.
            let ancillary = "/v6/work/works/\(wrn)/permits/\(prn)/ancillary-informations"
            for (type, location) in [
                ("site_compound_for_works", "Car park" as String?),
                ("portable_traffic_signals_or_other_traffic_controls", nil),
            ] {
                var body: [String: Any] = [
                    "ancillary_info_type": type, "ancillary_info_description": "Needed \"here\"",
                    "ancillary_info_coordinates": [["type": "Point", "coordinates": [451_010.5, 201_010]]],
                    "usrns": [10_010_001],
                ]
                body["location_description"] = location
                #expect(
                    try await app.request(.post, ancillary, token: try await app.token(Demo.planner), json: body)
                        .status == .created)
            }
            #expect(
                try await app.request(
                    .put, "\(ancillary)/\(prn)-AI-01/remove", token: try await app.token(Demo.planner),
                    json: ["ancillary_info_removal_reason": "Moved"]
                ).status == .ok)
            app.clock.advance(by: 28 * 86_400)
            let planner = try await app.token(Demo.planner)
            let officer = try await app.token(Demo.haOfficer)
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrn)/start", token: planner,
                    json: ["actual_start_date": ISO8601.format(app.clock.now())]
                ).status == .noContent)
            #expect(
                try await app.request(
                    .post, "/v6/work/works/\(wrn)/comments", token: officer,
                    json: ["topic": "GENERAL", "detail": "Please \"quote\" the\nreference"]
                ).status == .created)

            var config = AppConfiguration()
            config.clock = app.clock
            config.rendersHotReadsDirectly = false
            let typed = Application(router: try buildRouter(services: app.services, config: config))
            let reads: [(String, String)] = [
                ("/v6/work/works/\(wrn)", planner),
                ("/v6/work/works/\(wrn)/permits/\(prn)", officer),
                ("/v6/reporting/permits?status=granted&status=submitted&include_total_count=true", officer),
                (
                    "/v6/reporting/permits?sort_column=start_date&sort_direction=asc&work_category=immediate_urgent",
                    planner
                ),
                ("/v6/event/works/updates", planner),
                ("/v6/event/works/updates?update_id=1&page_size=2", officer),
                (
                    "/v6/geojson/works?minEasting=450900&minNorthing=200900&maxEasting=451100&maxNorthing=201100",
                    planner
                ),
            ]
            let map = try await app.request(.get, reads[6].0, token: planner)
            #expect((map.json["features"] as? [Any])?.count == 4, "\(map.json)")
            let permitRead = try await app.request(.get, reads[1].0, token: officer)
            #expect((permitRead.json["change_requests"] as? [Any])?.count == 2, "\(permitRead.json)")
            #expect((permitRead.json["permit_alterations"] as? [Any])?.count == 2)
            #expect((permitRead.json["ancillary_informations"] as? [Any])?.count == 2)
            try await typed.test(.router) { client in
                for (path, token) in reads {
                    let direct = try await app.request(.get, path, token: token)
                    let generated = try await client.execute(
                        uri: path, method: .get, headers: [.init("token")!: token])
                    #expect(direct.status == .ok, "\(path): \(direct.json)")
                    #expect(generated.status == .ok, "\(path): \(String(buffer: generated.body))")
                    let a = try JSONSerialization.jsonObject(with: Data(direct.body.readableBytesView)) as? NSDictionary
                    let b =
                        try JSONSerialization.jsonObject(with: Data(generated.body.readableBytesView)) as? NSDictionary
                    #expect(a != nil && a == b, "\(path)\ndirect:    \(a ?? [:])\ngenerated: \(b ?? [:])")
                }
            }
        }
    }

    @Test("Directly rendered operations check their parameters against the contract")
    func parametersChecked() async throws {
        try await TestApp.run { app throws in
            let planner = try await app.token(Demo.planner)
            let bad = try await app.request(.get, "/v6/reporting/permits?status=nonsense&offset=x", token: planner)
            #expect(bad.isError(400))
            #expect(bad.fieldErrors["status[0]"] != nil || bad.fieldErrors["status"] != nil, "\(bad.json)")
            #expect(bad.fieldErrors["offset"] != nil, "\(bad.json)")
            #expect(
                try await app.request(.get, "/v6/event/works/updates?page_size=251", token: planner).fieldErrors[
                    "page_size"] != nil)
            for bad in ["-1", "1.5"] {
                #expect(
                    try await app.request(.get, "/v6/event/works/updates?update_id=\(bad)", token: planner)
                        .fieldErrors["update_id"] != nil)
            }
            #expect(
                try await app.request(.get, "/v6/reporting/permits?start_date=yesterday", token: planner).fieldErrors[
                    "start_date"] != nil)
            #expect(try await app.request(.get, "/v6/work/works/NOPE", token: planner).isError(404))
            #expect(try await app.request(.get, "/v6/work/works/NOPE").isError(401))
        }
    }

    @Test("JSON text is escaped and numbers are written as JSON numbers")
    func bytes() throws {
        let value: JSONValue = ["a": "quote \" back\\ \n tab\t \u{01} é", "n": 12, "f": 2.5, "neg": -3, "z": 0]
        let text = String(decoding: value.bytes, as: UTF8.self)
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect(parsed?["a"] as? String == "quote \" back\\ \n tab\t \u{01} é")
        #expect(parsed?["n"] as? Int == 12)
        #expect(parsed?["f"] as? Double == 2.5)
        #expect(parsed?["neg"] as? Int == -3)
        #expect(parsed?["z"] as? Int == 0)
        #expect(text.contains("\"n\":12"))
    }

    @Test("Instants are written as Street Manager writes them, in UTC with milliseconds")
    func instants() {
        #expect(ISO8601.format(Date(timeIntervalSince1970: 1_767_603_600)) == "2026-01-05T09:00:00.000Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: 951_782_400.25)) == "2000-02-29T00:00:00.250Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59.000Z")
        #expect(ISO8601.format(Date(timeIntervalSince1970: 4_102_444_799.999)) == "2099-12-31T23:59:59.999Z")
        // The hand-written calendar against Foundation's, on instants from 1900 to 2200.
        var random = SystemRandomNumberGenerator()
        let foundation = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        for _ in 0..<2_000 {
            // Whole seconds: Foundation's fraction of a Double may round a millisecond down.
            let seconds = Int64.random(in: -2_208_988_800..<7_258_118_400, using: &random)
            let milliseconds = seconds * 1000
            let date = Date(timeIntervalSince1970: Double(seconds))
            #expect(ISO8601.format(milliseconds: milliseconds) == foundation.format(date), "\(milliseconds)")
        }
    }

    @Test("Reporting filters on the reasonable period end date (from and to)")
    func reasonablePeriodEndDate() async throws {
        try await TestApp.run { app throws in
            let (_, prn) = try await app.submitWork(app.workBody(startIn: 28, lasting: 2))
            let officer = try await app.token(Demo.haOfficer)
            let end = app.clock.now().addingTimeInterval(30 * 86_400)
            func rows(_ query: String) async throws -> [String] {
                let response = try await app.request(.get, "/v6/reporting/permits?\(query)", token: officer)
                #expect(response.status == .ok, "\(response.json)")
                return (response.json["rows"] as? [[String: Any]] ?? []).compactMap {
                    $0["permit_reference_number"] as? String
                }
            }
            let before = ISO8601.format(end.addingTimeInterval(-86_400))
            let after = ISO8601.format(end.addingTimeInterval(86_400))
            #expect(try await rows("reasonable_period_end_date_from=\(before)") == [prn])
            #expect(try await rows("reasonable_period_end_date_from=\(after)").isEmpty)
            #expect(try await rows("reasonable_period_end_date_to=\(after)") == [prn])
            #expect(try await rows("reasonable_period_end_date_to=\(before)").isEmpty)
        }
    }
}
