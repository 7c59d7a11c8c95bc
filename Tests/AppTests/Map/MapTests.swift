import App
import Domain
import Foundation
import Store
import Testing

/// `GET /geojson/works`: the works whose geometry meets a box in British National Grid
/// (R-DATA-03, D-GEOJSON).
@Suite("Map: works in a bounding box")
struct MapTests {
    static let box = "minEasting=451000&minNorthing=201000&maxEasting=451100&maxNorthing=201100"

    /// How many features the map gives in `box` for `query` (the answer must be a 200).
    func features(_ app: TestApp, _ query: String, token: String) async throws -> Int {
        let response = try await app.request(.get, "/v6/geojson/works?\(Self.box)&\(query)", token: token)
        #expect(response.status == .ok, "\(query): \(response.json)")
        return (response.json["features"] as? [Any])?.count ?? -1
    }

    func submit(_ app: TestApp, _ geometry: [String: Any]) async throws -> String {
        try await app.submitWork(app.workBody(overrides: ["works_coordinates": geometry])).0
    }

    @Test("Candidates are read in batches, each starting after the last one's key, every works record once")
    func keyedBatches() async throws {
        try await TestApp.run { app throws in
            var references: [String] = []
            for offset in 0..<5 {
                references.append(
                    try await submit(app, ["type": "Point", "coordinates": [451_010 + Double(offset), 201_010]]))
            }
            let query = Dictionary(
                uniqueKeysWithValues: Self.box.split(separator: "&").map {
                    let parts = $0.split(separator: "=")
                    return (String(parts[0]), [String(parts[1])])
                })
            let request = ListRequest(query: query, visibility: .everything(organisation: "7001"))
            var read: [String] = []
            var after: SQLValue? = nil
            var batches = 0
            while true {
                let batch = try await WorkMapRow.list.rows(request, after: after, limit: 2, in: app.services.database)
                read += batch.map(\.row.workReferenceNumber)
                after = batch.last?.key
                batches += 1
                if batch.count < 2 { break }
            }
            #expect(batches == 3)
            #expect(read.count == 5 && Set(read) == Set(references), "\(read)")
        }
    }

    @Test(
        "R-DATA-03: points, lines and polygons just inside the box are found, ones just outside are not, whatever their bounds"
    )
    func exactIntersection() async throws {
        try await TestApp.run { app throws in
            let inside = try await submit(app, ["type": "Point", "coordinates": [451_050, 201_050]])
            _ = try await submit(app, ["type": "Point", "coordinates": [451_100.5, 201_050]])
            let crossing = try await submit(
                app, ["type": "LineString", "coordinates": [[450_900, 201_050], [451_200, 201_050]]])
            // Its bounds overlap the box; the line itself passes outside the corner.
            _ = try await submit(
                app, ["type": "LineString", "coordinates": [[450_950, 201_020], [451_020, 200_950]]])
            let around = try await submit(
                app,
                [
                    "type": "Polygon",
                    "coordinates": [
                        [[450_000, 200_000], [452_000, 200_000], [452_000, 202_000], [450_000, 200_000]]
                    ],
                ])
            _ = try await submit(
                app,
                [
                    "type": "Polygon",
                    "coordinates": [
                        [[450_000, 200_000], [450_990, 200_000], [450_000, 200_990], [450_000, 200_000]]
                    ],
                ])
            // Another promoter sees them too: the map shows everybody's works.
            let response = try await app.request(
                .get, "/v6/geojson/works?\(Self.box)", token: try await app.token(Demo.gasPlanner))
            #expect(response.status == .ok, "\(response.json)")
            #expect(response.json["type"] as? String == "FeatureCollection")
            let features = response.json["features"] as? [[String: Any]] ?? []
            let found = features.compactMap {
                ($0["properties"] as? [String: Any])?["work_reference_number"] as? String
            }
            #expect(Set(found) == [inside, crossing, around])
            let point = try #require(
                features.first { ($0["properties"] as? [String: Any])?["work_reference_number"] as? String == inside })
            #expect(point["type"] as? String == "Feature")
            #expect((point["geometry"] as? [String: Any])?["type"] as? String == "Point")
            let properties = try #require(point["properties"] as? [String: Any])
            #expect(properties["promoter_organisation"] as? String == "Anytown Water Ltd")
            #expect(properties["permit_status"] as? String == "submitted")
            #expect(
                (properties["work_centre_point"] as? [String: Any])?["coordinates"] as? [Double] == [451_050, 201_050])
        }
    }

    @Test("R-DATA-03: the date window and the works reference narrow the map")
    func windowAndReference() async throws {
        try await TestApp.run { app throws in
            let wrn = try await submit(app, ["type": "Point", "coordinates": [451_050, 201_050]])
            let officer = try await app.token(Demo.haOfficer)
            func count(_ query: String) async throws -> Int { try await features(app, query, token: officer) }
            // The works run from 2 to 4 February.
            #expect(try await count("start_date=2026-02-03T00:00:00Z&end_date=2026-02-10T00:00:00Z") == 1)
            #expect(try await count("start_date=2026-02-05T00:00:00Z") == 0)
            #expect(try await count("end_date=2026-02-01T00:00:00Z") == 0)
            #expect(try await count("work_reference_number=\(wrn.lowercased())") == 1)
            #expect(try await count("work_reference_number=XX00100000000") == 0)
        }
    }

    @Test("R-DATA-03: the window follows the works' actual dates once logged (the spatial index keeps them)")
    func windowFollowsActualDates() async throws {
        try await TestApp.run { app throws in
            let wrn = try await submit(app, ["type": "Point", "coordinates": [451_050, 201_050]])
            let officer = try await app.token(Demo.haOfficer)
            func count(_ query: String) async throws -> Int { try await features(app, query, token: officer) }
            let february = "start_date=2026-02-03T00:00:00Z&end_date=2026-02-10T00:00:00Z"
            let march = "start_date=2026-03-10T00:00:00Z&end_date=2026-03-11T00:00:00Z"
            #expect(try await count(february) == 1)
            #expect(try await count(march) == 0)
            // Started on 1 March and stopped on 20 March, as logged.
            let start = Int64(ISO8601.parse("2026-03-01T08:00:00.000Z")!.timeIntervalSince1970 * 1000)
            let stop = Int64(ISO8601.parse("2026-03-20T17:00:00.000Z")!.timeIntervalSince1970 * 1000)
            try await app.services.database.query(
                "UPDATE permits SET actual_start_date = ?, actual_stop_date = ? WHERE work_reference_number = ?",
                [.int(start), .int(stop), .text(wrn)])
            #expect(try await count(february) == 0)
            #expect(try await count(march) == 1)
        }
    }

    @Test("R-DATA-03: more features than the maximum, or too large a box, is a 403 asking to refine the search")
    func refineTheSearch() async throws {
        try await TestApp.run(configure: { $0.mapLimits.maximumFeatures = 2 }) { app throws in
            for offset in 0..<3 {
                _ = try await submit(app, ["type": "Point", "coordinates": [451_010 + Double(offset) * 10, 201_050]])
            }
            let officer = try await app.token(Demo.haOfficer)
            let crowded = try await app.request(.get, "/v6/geojson/works?\(Self.box)", token: officer)
            #expect(crowded.isError(403))
            #expect(crowded.message?.contains("refine the search area and/or date range") == true)
            let huge = try await app.request(
                .get, "/v6/geojson/works?minEasting=440000&minNorthing=190000&maxEasting=460000&maxNorthing=210000",
                token: officer)
            #expect(huge.isError(403))
            let inverted = try await app.request(
                .get, "/v6/geojson/works?minEasting=451100&minNorthing=201000&maxEasting=451000&maxNorthing=201100",
                token: officer)
            #expect(inverted.fieldErrors["maxEasting"] != nil)
        }
    }
}
