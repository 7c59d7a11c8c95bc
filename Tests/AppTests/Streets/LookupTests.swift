import App
import Domain
import Foundation
import Store
import Testing

@Suite("Lookup API: streets of the gazetteer")
struct LookupTests {
    /// The bundled demo streets, as the server seeds them.
    static let demo: [Street] = {
        guard let url = DemoGazetteer.url, let data = try? Data(contentsOf: url),
            let streets = try? GazetteerCSV.parse(Array(data)).get()
        else { return [] }
        return streets
    }()

    static func demoStreet(_ usrn: Int) throws -> Street {
        try #require(demo.first { $0.usrn == usrn })
    }

    @Test("GET /nsg/streets/{usrn} returns the street of either highway authority with its geometry in BNG")
    func streetByUSRN() async throws {
        try await TestApp.run { app throws in
            let planner = try await app.token(Demo.planner)
            for (usrn, authority, swa) in [
                (10_010_001, "Anytown Borough Council", "1001"), (10_020_001, "Otherton County Council", "1002"),
            ] {
                let expected = try Self.demoStreet(usrn)
                let response = try await app.request(.get, "/v6/lookup/nsg/streets/\(usrn)", token: planner)
                #expect(response.status == .ok)
                let street = response.json
                #expect(street["usrn"] as? Int == usrn)
                #expect(street["street_descriptor"] as? String == expected.name)
                #expect(street["town"] as? String == expected.town && street["area"] as? String == expected.area)
                #expect(street["road_category"] as? Int == expected.roadCategory)
                #expect(street["authority"] as? String == authority && street["authority_swa_code"] as? String == swa)
                let primary = street["primary_notice_authorities"] as? [[String: Any]]
                #expect(
                    primary?.first?["swa_code"] as? String == swa && primary?.first?["name"] as? String == authority)
                let types = street["reinstatement_types"] as? [[String: Any]] ?? []
                #expect(types.compactMap { $0["reinstatement_type_code"] as? Int } == expected.reinstatementTypeCodes)
                let line = try #require(street["street_line"] as? [String: Any])
                #expect(line["type"] as? String == "MultiLineString")
                let points = try #require((line["coordinates"] as? [[[Double]]])?.first)
                guard case .lineString(let expectedLine) = expected.geometry else { continue }
                #expect(points == expectedLine)
                let centre = try #require(
                    (street["street_centre_point"] as? [String: Any])?["coordinates"] as? [Double])
                #expect(centre.count == 2 && WKT.eastings.contains(centre[0]) && WKT.northings.contains(centre[1]))
            }
        }
    }

    @Test("R-PERMIT-21: a traffic-sensitive street lists its ASDs with codes, periodicity and times")
    func designations() async throws {
        let expected = try #require(Self.demo.first { $0.isTrafficSensitive && $0.designations.count > 1 })
        try await TestApp.run { app throws in
            let officer = try await app.token(Demo.haOfficer)
            let street = try await app.request(.get, "/v6/lookup/nsg/streets/\(expected.usrn)", token: officer).json
            #expect(street["traffic_sensitive"] as? Bool == true)
            let asds = street["additional_special_designations_response"] as? [[String: Any]] ?? []
            #expect(asds.compactMap { $0["street_special_desig_code"] as? Int } == expected.designations.map(\.code))
            let ts = try #require(asds.first { $0["street_special_desig_code"] as? Int == 2 })
            let designation = try #require(expected.designations.first { $0.code == 2 })
            #expect(ts["street_special_desig_code_string"] as? String == "Traffic sensitive")
            #expect(ts["special_desig_start_time"] as? Int == designation.startTime)
            #expect(ts["special_desig_end_time"] as? Int == designation.endTime)
            #expect(ts["special_desig_periodicity_code"] as? Int == designation.periodicityCode)
            #expect(ts["special_desig_description"] as? String == designation.description)
        }
    }

    @Test("An unknown USRN is 404; one outside 100001–99999999 or not whole is 400 naming usrn (R-VAL-03)")
    func unknownAndInvalidUSRN() async throws {
        try await TestApp.run { app throws in
            let planner = try await app.token(Demo.planner)
            #expect(
                try await app.request(.get, "/v6/lookup/nsg/streets/10019999", token: planner).isError(
                    404, "Street not found"))
            for bad in ["100000", "100000000", "10010001.5", "-10010001"] {
                let response = try await app.request(.get, "/v6/lookup/nsg/streets/\(bad)", token: planner)
                #expect(response.isError(400), "\(bad)")
                #expect(response.fieldErrors["usrn"] == "must be a whole number from 100001 to 99999999", "\(bad)")
            }
            #expect(try await app.request(.get, "/v6/lookup/nsg/streets/abc", token: planner).isError(400))
        }
    }

    @Test("GET /nsg/search finds streets by name, town or USRN; the query is required")
    func search() async throws {
        let expected = try Self.demoStreet(10_010_002)
        try await TestApp.run { app throws in
            let contractor = try await app.token(Demo.contractor)
            let query = "\(expected.name) \(expected.town)".addingPercentEncoding(
                withAllowedCharacters: .alphanumerics)!
            let byName = try await app.request(.get, "/v6/lookup/nsg/search?query=\(query)", token: contractor)
            #expect(byName.status == .ok)
            let hit = try #require(byName.array.first { $0["usrn"] as? Int == expected.usrn })
            #expect(hit["street_descriptor"] as? String == expected.name)
            #expect(hit["administrative_area"] as? String == "Anytown Borough Council")
            #expect((hit["street_centre_point"] as? [String: Any])?["type"] as? String == "Point")
            for street in byName.array {
                #expect((street["street_descriptor"] as? String)?.lowercased() == expected.name.lowercased())
            }

            let otherton = try await app.request(.get, "/v6/lookup/nsg/search?query=OTHERTON", token: contractor)
            let othertonStreets = Self.demo.filter {
                Street.supportedStates.contains($0.state)
                    && "\($0.name) \($0.area) \($0.town)".lowercased().contains("otherton")
            }
            #expect(otherton.array.count == min(othertonStreets.count, 50))  // at most 50
            #expect(otherton.array.allSatisfy { $0["administrative_area"] as? String == "Otherton County Council" })

            let byUSRN = try await app.request(.get, "/v6/lookup/nsg/search?query=10020001", token: contractor)
            #expect(byUSRN.array.compactMap { $0["usrn"] as? Int } == [10_020_001])
            #expect(try await app.request(.get, "/v6/lookup/nsg/search?query=zzqx", token: contractor).array.isEmpty)

            let blank = try await app.request(.get, "/v6/lookup/nsg/search?query=%20", token: contractor)
            #expect(blank.isError(400) && blank.fieldErrors["query"] == "must not be empty")
            #expect(try await app.request(.get, "/v6/lookup/nsg/search", token: contractor).isError(400))
        }
    }

    @Test("POST /nsg/streets/search returns the streets at each coordinate, each once")
    func searchByCoordinates() async throws {
        let anytown = try Self.demoStreet(10_010_003)
        let otherton = try Self.demoStreet(10_020_002)
        try await TestApp.run { app throws in
            let planner = try await app.token(Demo.planner)
            let coordinates = [anytown, otherton, anytown].enumerated().map { index, street in
                let p = street.geometry.positions[index == 2 ? 1 : 0]
                return ["easting": p[0], "northing": p[1]]
            }
            let response = try await app.request(
                .post, "/v6/lookup/nsg/streets/search", token: planner, json: ["coordinates": coordinates])
            #expect(response.status == .created)
            let usrns = response.array.compactMap { $0["usrn"] as? Int }
            #expect(usrns.contains(anytown.usrn) && usrns.contains(otherton.usrn))
            #expect(Set(usrns).count == usrns.count)
            #expect(usrns.firstIndex(of: anytown.usrn)! < usrns.firstIndex(of: otherton.usrn)!)

            let nowhere = try await app.request(
                .post, "/v6/lookup/nsg/streets/search", token: planner,
                json: ["coordinates": [["easting": 100, "northing": 100]]])
            #expect(nowhere.status == .created && nowhere.array.isEmpty)

            let outside = try await app.request(
                .post, "/v6/lookup/nsg/streets/search", token: planner,
                json: ["coordinates": [["easting": 800_000, "northing": 100]]])
            #expect(outside.isError(400) && outside.fieldErrors["coordinates[0].easting"] != nil)
            let empty = try await app.request(
                .post, "/v6/lookup/nsg/streets/search", token: planner, json: ["coordinates": []])
            #expect(empty.isError(400) && empty.fieldErrors.keys.contains { $0.hasPrefix("coordinates") })
        }
    }

    @Test("The lookup API needs a token (401)")
    func tokenRequired() async throws {
        try await TestApp.run { app throws in
            #expect(try await app.request(.get, "/v6/lookup/nsg/streets/10010001").isError(401))
            #expect(try await app.request(.get, "/v6/lookup/nsg/search?query=mill").isError(401))
            #expect(
                try await app.request(
                    .post, "/v6/lookup/nsg/streets/search",
                    json: ["coordinates": [["easting": 450000, "northing": 200000]]]
                ).isError(401))
            #expect(
                try await app.request(.get, "/v6/lookup/nsg/streets/10010001", token: "not-a-token").isError(401))
        }
    }
}
