import Domain
import Foundation
import Store
import Testing

@testable import App

/// Ancillary information on permits: adding, reading and removing items, their history, the
/// permit's list of them and the map (R-PERMIT-24, R-VAL-02, R-VAL-03, R-DATA-03).
@Suite("Ancillary information")
struct AncillaryInfoTests {
    static func point(_ easting: Double, _ northing: Double) -> [String: Any] {
        ["type": "Point", "coordinates": [easting, northing]]
    }

    /// A valid `CreateAncillaryInfoRequest`: welfare facilities at two points near the works.
    func body(overrides: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = [
            "ancillary_info_type": "site_welfare_facilities",
            "ancillary_info_description": "Welfare van and toilet",
            "location_description": "Lay-by opposite number 12",
            "ancillary_info_coordinates": [Self.point(451_200, 201_200), Self.point(451_210, 201_204)],
            "usrns": [10_010_001, 10_010_002],
        ]
        for (key, value) in overrides { body[key] = value }
        return body
    }

    func path(_ wrn: String, _ prn: String, _ reference: String? = nil) -> String {
        "/v6/work/works/\(wrn)/permits/\(prn)/ancillary-informations" + (reference.map { "/\($0)" } ?? "")
    }

    func add(_ app: TestApp, _ wrn: String, _ prn: String, _ body: [String: Any], as email: String = Demo.planner)
        async throws -> JSONResponse
    {
        try await app.request(.post, path(wrn, prn), token: try await app.token(email), json: body)
    }

    /// Adds a valid item; returns its reference.
    func added(_ app: TestApp, _ wrn: String, _ prn: String, _ body: [String: Any]? = nil) async throws -> String {
        let response = try await add(app, wrn, prn, body ?? self.body())
        #expect(response.status == .created, "add: \(response.status) \(response.json)")
        return try #require(response.json["ancillary_info_reference_number"] as? String)
    }

    func read(_ app: TestApp, _ wrn: String, _ prn: String, _ reference: String, as email: String = Demo.haOfficer)
        async throws -> JSONResponse
    {
        try await app.request(.get, path(wrn, prn, reference), token: try await app.token(email))
    }

    func remove(
        _ app: TestApp, _ wrn: String, _ prn: String, _ reference: String, _ body: [String: Any],
        as email: String = Demo.planner
    ) async throws -> JSONResponse {
        try await app.request(
            .put, path(wrn, prn, reference) + "/remove", token: try await app.token(email), json: body)
    }

    func history(_ app: TestApp, _ wrn: String) async throws -> [[String: Any]] {
        let history = try await app.request(
            .get, "/v6/work/works/\(wrn)/history", token: try await app.token(Demo.planner)
        ).json
        return (history["rows"] as? [[String: Any]]) ?? []
    }

    @Test("R-PERMIT-24: an item added to a permit reads back as sent, and the permit lists it")
    func addAndRead() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            let reference = try await added(app, wrn, prn)
            #expect(reference == "\(prn)-AI-01")

            // Read by the highway authority, the reference in any case.
            let shown = try await read(app, wrn, prn, reference.lowercased())
            #expect(shown.status == .ok, "\(shown.json)")
            let json = shown.json
            #expect(json["ancillary_info_reference_number"] as? String == reference)
            #expect(json["ancillary_info_type"] as? String == "site_welfare_facilities")
            #expect(json["ancillary_info_type_string"] as? String == "site_welfare_facilities")
            #expect(json["ancillary_info_status"] as? String == "added")
            #expect(json["ancillary_info_status_string"] as? String == "added")
            #expect(json["ancillary_info_description"] as? String == "Welfare van and toilet")
            #expect(json["location_description"] as? String == "Lay-by opposite number 12")
            #expect(json["date_created"] as? String == ISO8601.format(app.clock.now()))
            #expect(json["date_removed"] == nil && json["ancillary_info_removal_reason"] == nil)
            #expect(json["usrns"] as? [Double] == [10_010_001, 10_010_002])
            let points = try #require(json["ancillary_info_coordinates"] as? [[String: Any]])
            #expect(points.count == 2)
            #expect(points.first?["type"] as? String == "Point")
            #expect(points.first?["coordinates"] as? [Double] == [451_200, 201_200])

            // A second one is numbered after it; the permit lists both, oldest first.
            var signals = body(overrides: [
                "ancillary_info_type": "portable_traffic_signals_or_other_traffic_controls",
                "ancillary_info_coordinates": [Self.point(451_020, 201_010)],
            ])
            signals["location_description"] = nil
            let second = try await added(app, wrn, prn, signals)
            #expect(second == "\(prn)-AI-02")
            let permit = try await app.permit(wrn, prn)
            let listed = try #require(permit["ancillary_informations"] as? [[String: Any]], "\(permit)")
            #expect(listed.compactMap { $0["ancillary_info_reference_number"] as? String } == [reference, second])
            #expect(listed.last?["location_description"] == nil)
            #expect(
                listed.last?["ancillary_info_type"] as? String == "portable_traffic_signals_or_other_traffic_controls")
            // The works record's active permit lists them too.
            let work = try await app.request(.get, "/v6/work/works/\(wrn)", token: try await app.token(Demo.planner))
            #expect(
                ((work.json["active_permit"] as? [String: Any])?["ancillary_informations"] as? [[String: Any]])?
                    .compactMap { $0["ancillary_info_reference_number"] as? String } == [reference, second])

            // Another permit's or works record's path does not reach it; an unknown one is a 404.
            let (otherWrn, otherPrn) = try await app.submitWork()
            #expect(try await read(app, otherWrn, otherPrn, reference).isError(404))
            #expect(try await read(app, wrn, prn, "\(prn)-AI-09").isError(404))
            #expect(try await add(app, wrn, "\(wrn)-09", body()).isError(404))
            #expect(try await add(app, "NOPE", prn, body()).isError(404))
        }
    }

    @Test("R-PERMIT-24, R-VAL-02, R-VAL-03: each invalid value is a 400 naming the field and the rule; nothing changes")
    func invalid() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            func refused(_ overrides: [String: Any], _ field: String, naming rule: String? = nil) async throws {
                let answer = try await add(app, wrn, prn, body(overrides: overrides))
                #expect(answer.isError(400), "\(overrides): \(answer.status) \(answer.json)")
                let message = answer.fieldErrors[field]
                #expect(message != nil, "\(field) not named: \(answer.json)")
                if let rule { #expect(message?.contains(rule) == true, "\(field): \(message ?? "")") }
            }
            // R-VAL-02: Points only, in British National Grid.
            let line: [String: Any] = [
                "type": "LineString", "coordinates": [[451_000, 201_000], [451_010, 201_000]],
            ]
            try await refused(
                ["ancillary_info_coordinates": [Self.point(451_000, 201_000), line]],
                "ancillary_info_coordinates[1].type", naming: "R-VAL-02")
            try await refused(
                ["ancillary_info_coordinates": [Self.point(-5, 201_000)]],
                "ancillary_info_coordinates[0].coordinates", naming: "R-VAL-02")
            try await refused(
                ["ancillary_info_coordinates": [[451_000, 201_000]]], "ancillary_info_coordinates[0]",
                naming: "R-VAL-02")
            try await refused(["ancillary_info_coordinates": []], "ancillary_info_coordinates", naming: "R-PERMIT-24")
            try await refused(
                ["ancillary_info_coordinates": (0..<11).map { Self.point(451_000 + Double($0), 201_000) }],
                "ancillary_info_coordinates")
            // The same point twice: as the same JSON (the contract), or written another way.
            try await refused(
                ["ancillary_info_coordinates": [Self.point(451_000, 201_000), Self.point(451_000, 201_000)]],
                "ancillary_info_coordinates")
            try await refused(
                [
                    "ancillary_info_coordinates": [
                        Self.point(451_000, 201_000), ["type": "Point", "coordinates": [451_000, 201_000, 30]],
                    ]
                ], "ancillary_info_coordinates[1]", naming: "R-PERMIT-24")
            // 1–25 distinct USRNs, whole, in range, streets of the gazetteer.
            try await refused(["usrns": []], "usrns", naming: "R-PERMIT-24")
            try await refused(["usrns": (0..<26).map { 10_010_001 + $0 }], "usrns")
            try await refused(["usrns": [10_010_001, 10_010_001]], "usrns")
            try await refused(["usrns": [10_010_001, 10_099_999]], "usrns[1]", naming: "R-VAL-03")
            try await refused(["usrns": [100_001]], "usrns[0]")
            try await refused(["usrns": [10_010_001.5]], "usrns[0]")
            // Texts.
            try await refused(["ancillary_info_description": "  "], "ancillary_info_description", naming: "R-PERMIT-24")
            try await refused(
                ["ancillary_info_description": String(repeating: "x", count: 501)], "ancillary_info_description")
            try await refused(
                ["location_description": String(repeating: "x", count: 501)], "location_description")
            try await refused(["ancillary_info_type": "scaffolding"], "ancillary_info_type")
            try await refused(["ancillary_info_description": NSNull()], "ancillary_info_description")

            // Nothing was added, nor recorded.
            #expect(try await app.permit(wrn, prn)["ancillary_informations"] == nil)
            #expect(
                !(try await history(app, wrn)).contains { ($0["event"] as? String)?.hasPrefix("ancillary") == true })
            #expect(try await added(app, wrn, prn) == "\(prn)-AI-01")
        }
    }

    @Test("R-PERMIT-24: a location description is required unless the item is portable traffic signals")
    func locationDescription() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            for type in ["site_welfare_facilities", "site_compound_or_material_storage", "site_compound_for_works"] {
                for location in [nil, "", "  "] as [String?] {
                    var sent = body(overrides: ["ancillary_info_type": type])
                    sent["location_description"] = location
                    let answer = try await add(app, wrn, prn, sent)
                    #expect(answer.isError(400), "\(type): \(answer.json)")
                    #expect(
                        answer.fieldErrors["location_description"]?.hasPrefix("R-PERMIT-24") == true, "\(answer.json)")
                }
            }
            var signals = body(overrides: ["ancillary_info_type": "portable_traffic_signals_or_other_traffic_controls"])
            signals["location_description"] = nil
            #expect(try await added(app, wrn, prn, signals) == "\(prn)-AI-01")
        }
    }

    @Test("R-PERMIT-24: removing needs a reason; a removed item keeps it with its time; removing twice is a 412")
    func removal() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            let reference = try await added(app, wrn, prn)
            let blank = try await remove(app, wrn, prn, reference, ["ancillary_info_removal_reason": " "])
            #expect(
                blank.fieldErrors["ancillary_info_removal_reason"]?.hasPrefix("R-PERMIT-24") == true, "\(blank.json)")
            let missing = try await remove(app, wrn, prn, reference, [:])
            #expect(missing.isError(400) && missing.fieldErrors["ancillary_info_removal_reason"] != nil)
            let long = try await remove(
                app, wrn, prn, reference, ["ancillary_info_removal_reason": String(repeating: "x", count: 501)])
            #expect(long.fieldErrors["ancillary_info_removal_reason"] != nil, "\(long.json)")
            #expect(try await read(app, wrn, prn, reference).json["ancillary_info_status"] as? String == "added")

            app.clock.advance(by: 3_600)
            let removed = try await remove(
                app, wrn, prn, reference.lowercased(), ["ancillary_info_removal_reason": "Van parked elsewhere"])
            #expect(removed.status == .ok, "\(removed.json)")
            #expect(removed.json["ancillary_info_reference_number"] as? String == reference)
            let json = try await read(app, wrn, prn, reference).json
            #expect(json["ancillary_info_status"] as? String == "removed")
            #expect(json["ancillary_info_status_string"] as? String == "removed")
            #expect(json["ancillary_info_removal_reason"] as? String == "Van parked elsewhere")
            #expect(json["date_removed"] as? String == ISO8601.format(app.clock.now()))
            let listed = try await app.permit(wrn, prn)["ancillary_informations"] as? [[String: Any]]
            #expect(listed?.first?["ancillary_info_status"] as? String == "removed")
            #expect(listed?.first?["date_removed"] as? String == ISO8601.format(app.clock.now()))

            let again = try await remove(app, wrn, prn, reference, ["ancillary_info_removal_reason": "Again"])
            #expect(again.isError(412), "\(again.json)")
            #expect(
                again.message?.contains("R-PERMIT-24") == true && again.message?.contains("already removed") == true)
            #expect(
                try await read(app, wrn, prn, reference).json["ancillary_info_removal_reason"] as? String
                    == "Van parked elsewhere")
            #expect(
                try await remove(app, wrn, prn, "\(prn)-AI-07", ["ancillary_info_removal_reason": "None"]).isError(404))
        }
    }

    @Test("R-PERMIT-22, R-SEC-10, R-SEC-12: the promoter's planners and contractors add and remove; all roles read")
    func whoMay() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            // A contractor acting for the promoter adds and removes.
            let byContractor = try await add(app, wrn, prn, body(), as: Demo.contractor)
            #expect(byContractor.status == .created, "\(byContractor.json)")
            let reference = try #require(byContractor.json["ancillary_info_reference_number"] as? String)
            // Another promoter's planner and the highway authority do neither.
            #expect(try await add(app, wrn, prn, body(), as: Demo.gasPlanner).isError(401))
            #expect(try await add(app, wrn, prn, body(), as: Demo.haOfficer).isError(401))
            let reason = ["ancillary_info_removal_reason": "Not ours"]
            #expect(try await remove(app, wrn, prn, reference, reason, as: Demo.gasPlanner).isError(401))
            #expect(try await remove(app, wrn, prn, reference, reason, as: Demo.haOfficer).isError(401))
            // Reads are open to every role, as the permit is (D-ACCESS).
            #expect(try await read(app, wrn, prn, reference, as: Demo.gasPlanner).status == .ok)
            #expect(try await read(app, wrn, prn, reference, as: Demo.othertonOfficer).status == .ok)
            #expect(try await app.request(.get, path(wrn, prn, reference)).isError(401))
            // Nothing changed, then the contractor removes it.
            #expect(try await read(app, wrn, prn, reference).json["ancillary_info_status"] as? String == "added")
            #expect(
                try await remove(
                    app, wrn, prn, reference, ["ancillary_info_removal_reason": "Done"], as: Demo.contractor
                )
                .status == .ok)
        }
    }

    @Test(
        "R-PERMIT-24: only a live PA takes or loses ancillary information: not a PAA, not a cancelled or closed permit")
    func livePermitsOnly() async throws {
        try await TestApp.run { app throws in
            // A PAA: no works run under it.
            let (paaWrn, paa) = try await app.submitWork(app.workBody(startIn: 100, ttro: true))
            let onPAA = try await add(app, paaWrn, paa, body())
            #expect(onPAA.isError(412), "\(onPAA.json)")
            #expect(onPAA.message?.contains("R-PERMIT-24") == true && onPAA.message?.contains("PAA") == true)

            // A granted PA takes it; once the works stop (the permit closes) it changes no more.
            let (wrn, prn) = try await app.submitWork()
            try await app.assess(wrn, prn, ["assessment_status": "granted", "assessment_discount": 0])
            let reference = try await added(app, wrn, prn)
            app.clock.advance(by: 28 * 86_400)
            let planner = try await app.token(Demo.planner)
            for (step, key) in [("start", "actual_start_date"), ("stop", "actual_stop_date")] {
                #expect(
                    try await app.request(
                        .put, "/v6/work/works/\(wrn)/\(step)", token: planner,
                        json: [key: ISO8601.format(app.clock.now())]
                    ).status == .noContent)
            }
            let closed = try await remove(app, wrn, prn, reference, ["ancillary_info_removal_reason": "Late"])
            #expect(closed.isError(412), "\(closed.json)")
            #expect(closed.message?.contains("closed") == true)
            #expect(try await add(app, wrn, prn, body()).isError(412))

            // A cancelled permit.
            let (cancelledWrn, cancelled) = try await app.submitWork()
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(cancelledWrn)/permits/\(cancelled)/status", token: planner,
                    json: [
                        "permit_status": "cancelled", "permit_cancellation_reason": "other",
                        "permit_cancellation_reason_other": "Not needed",
                    ]
                ).status == .noContent)
            let onCancelled = try await add(app, cancelledWrn, cancelled, body())
            #expect(onCancelled.isError(412) && onCancelled.message?.contains("cancelled") == true)
        }
    }

    @Test("R-DATA-02: each add and remove is a history event of the permit, in the event feed and the outbox")
    func historyEvents() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            let reference = try await added(app, wrn, prn)
            #expect(
                try await remove(
                    app, wrn, prn, reference,
                    ["ancillary_info_removal_reason": "Not needed", "internal_user_name": "Pat Planner"]
                ).status == .ok)
            let rows = try await history(app, wrn)
            let events = rows.compactMap { $0["event"] as? String }
            #expect(events.prefix(2) == ["ancillary_info_removed", "ancillary_info_added"], "\(rows)")
            // About the permit (the contract has no object type of its own for the items); the
            // details name the item.
            let latest = try #require(rows.first)
            #expect(latest["topic"] as? String == "Permit")
            #expect(latest["object_reference"] as? String == prn)
            #expect(latest["internal_user_name"] as? String == "Pat Planner")
            #expect((latest["details"] as? String)?.contains("\(reference) removed: Not needed") == true, "\(latest)")
            #expect((rows[1]["details"] as? String)?.contains("\(reference) added") == true)

            let updates = try await app.request(
                .get, "/v6/event/works/updates?update_id=0", token: try await app.token(Demo.haOfficer)
            ).json
            let feed = (updates["rows"] as? [[String: Any]] ?? []).suffix(2)
            #expect(
                feed.compactMap { $0["event_type"] as? String } == ["ancillary_info_added", "ancillary_info_removed"])
            #expect(feed.allSatisfy { $0["object_type"] as? String == "permit" })
            #expect(feed.allSatisfy { $0["parent_object_reference_number"] as? String == prn }, "\(updates)")
            let outbox = try await app.services.database.query(
                "SELECT event FROM notification_outbox WHERE work_reference_number = ? ORDER BY update_id",
                [.text(wrn)])
            #expect(outbox.suffix(2).map { $0.string("event") } == ["ancillary_info_added", "ancillary_info_removed"])
        }
    }

    @Test("R-DATA-03: the map shows every organisation's added items whose points meet the box, with the map's limits")
    func map() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            // Two points: one in the box, one far outside it.
            let reference = try await added(
                app, wrn, prn,
                body(overrides: [
                    "ancillary_info_coordinates": [Self.point(451_200, 201_200), Self.point(455_000, 205_000)]
                ]))
            let elsewhere = try await added(
                app, wrn, prn, body(overrides: ["ancillary_info_coordinates": [Self.point(460_000, 210_000)]]))
            let gas = try await app.token(Demo.gasPlanner)
            let box = "minEasting=451100&minNorthing=201100&maxEasting=451300&maxNorthing=201300"
            let found = try await app.request(.get, "/v6/geojson/ancillary-informations?\(box)", token: gas)
            #expect(found.status == .ok, "\(found.json)")
            #expect(found.json["type"] as? String == "FeatureCollection")
            let features = try #require(found.json["features"] as? [[String: Any]])
            #expect(features.count == 1, "\(found.json)")
            let feature = try #require(features.first)
            #expect(feature["type"] as? String == "Feature")
            let geometry = feature["geometry"] as? [String: Any]
            #expect(geometry?["type"] as? String == "Point" && geometry?["type_string"] as? String == "Point")
            #expect(geometry?["coordinates"] as? [Double] == [451_200, 201_200])
            let properties = try #require(feature["properties"] as? [String: Any])
            #expect(properties["ancillary_info_reference_number"] as? String == reference)
            #expect(properties["permit_reference_number"] as? String == prn)
            #expect(properties["work_reference_number"] as? String == wrn)
            #expect(properties["ancillary_info_status"] as? String == "added")
            #expect(properties["promoter_organisation"] as? String == "Anytown Water Ltd")
            #expect((properties["ancillary_info_coordinates"] as? [Any])?.count == 2)
            #expect(
                (properties["ancillary_info_centre_point"] as? [String: Any])?["coordinates"] as? [Double] == [
                    453_100, 203_100,
                ])
            #expect(properties["usrns"] as? [Double] == [10_010_001, 10_010_002])

            func count(_ query: String) async throws -> Int {
                let answer = try await app.request(.get, "/v6/geojson/ancillary-informations?\(query)", token: gas)
                #expect(answer.status == .ok, "\(query): \(answer.json)")
                return (answer.json["features"] as? [Any])?.count ?? -1
            }
            // Edges count; a box around the other points finds the other item.
            #expect(try await count("minEasting=451200&minNorthing=201200&maxEasting=451200&maxNorthing=201200") == 1)
            #expect(try await count("minEasting=459000&minNorthing=209000&maxEasting=461000&maxNorthing=211000") == 1)
            #expect(try await count("minEasting=451201&minNorthing=201100&maxEasting=451300&maxNorthing=201300") == 0)
            // The window keeps items of permits whose works overlap it (proposed 2 to 4 February).
            #expect(try await count("\(box)&end_date=2026-01-10T00:00:00Z") == 0)
            #expect(try await count("\(box)&start_date=2026-02-03T00:00:00Z&end_date=2026-02-10T00:00:00Z") == 1)
            #expect(try await count("\(box)&start_date=2026-03-01T00:00:00Z") == 0)
            #expect(try await count("\(box)&ancillary_info_reference_number=\(reference.lowercased())") == 1)
            #expect(try await count("\(box)&ancillary_info_reference_number=\(elsewhere)") == 0)

            // D-ANCILLARY-INFO: a removed item leaves the map.
            #expect(
                try await remove(app, wrn, prn, reference, ["ancillary_info_removal_reason": "Moved"]).status == .ok)
            #expect(try await count(box) == 0)

            // R-DATA-03: boxes out of order or too large are refused.
            let reversed = try await app.request(
                .get,
                "/v6/geojson/ancillary-informations?minEasting=451300&minNorthing=201100&maxEasting=451100&maxNorthing=201300",
                token: gas)
            #expect(reversed.isError(400) && reversed.fieldErrors["maxEasting"] != nil, "\(reversed.json)")
            let large = try await app.request(
                .get,
                "/v6/geojson/ancillary-informations?minEasting=400000&minNorthing=200000&maxEasting=420000&maxNorthing=220000",
                token: gas)
            #expect(large.isError(403, MapQuery.refine), "\(large.json)")
        }
    }

    @Test("R-DATA-03: more ancillary information points in the box than allowed is a 403 asking to refine the search")
    func tooMany() async throws {
        try await TestApp.run(configure: { $0.mapLimits.maximumFeatures = 2 }) { app throws in
            let (wrn, prn) = try await app.submitWork()
            let box = "minEasting=451100&minNorthing=201100&maxEasting=451300&maxNorthing=201300"
            // One item with two points in the box is two features: at the limit.
            _ = try await added(app, wrn, prn)
            let two = try await app.request(
                .get, "/v6/geojson/ancillary-informations?\(box)", token: try await app.token(Demo.planner))
            #expect((two.json["features"] as? [Any])?.count == 2, "\(two.json)")
            _ = try await added(
                app, wrn, prn, body(overrides: ["ancillary_info_coordinates": [Self.point(451_150, 201_150)]]))
            let answer = try await app.request(
                .get, "/v6/geojson/ancillary-informations?\(box)", token: try await app.token(Demo.planner))
            #expect(answer.isError(403, MapQuery.refine), "\(answer.json)")
        }
    }
}
