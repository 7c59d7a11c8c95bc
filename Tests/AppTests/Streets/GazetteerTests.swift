import App
import Domain
import Foundation
import Logging
import Store
import Testing

@Suite("Gazetteer: CSV and WKT parsing, import")
struct GazetteerTests {
    static let header =
        "usrn,street_name,town,area,road_category,ha_swa_code,street_state,reinstatement_type_code,geometry_wkt,traffic_sensitive,ts_periodicity_code,ts_start_time,ts_end_time,ts_description,special_engineering_difficulty,sed_description,sed_location_text,protected_street,ps_description"

    static let small = """
        \(header)
        20010001,Mill Lane,Testbury,Old Town,4,1001,2,4,"LINESTRING (450100 200100, 450200 200100, 450200 200250)",Y,2,700,1000,"Peak hours, weekdays",N,,,N,
        20010002,Market Square,Testbury,Old Town,3,1001,2,3;0,"POLYGON ((450300 200300, 450400 200300, 450400 200400, 450300 200400, 450300 200300))",N,,,,,Y,Bridge over the railway,Bridge deck,Y,Emergency route
        20010003,"Smith's Yard, \"\"The Old Forge\"\"\",Testbury,,5,1001,1,8,POINT (450500.5 200500.25),N,,,,,N,,,N,

        """

    /// A fresh, migrated database of the suite's kind (SQLite in memory, or a new PostgreSQL database).
    static func withDatabase(_ body: (any Database) async throws -> Void) async throws {
        var config = AppConfiguration()
        let url = try await TestDatabase.fresh(in: "", seeded: false)
        config.databaseURL = url ?? "sqlite://:memory:"
        let logger = Logger(label: "gazetteer-test")
        let database = try await openDatabase(config: config, logger: logger)
        do {
            try await Migrator(database: database, logger: logger).migrate()
            try await body(database)
        } catch {
            await database.shutdown()
            await TestDatabase.drop(url)
            throw error
        }
        await database.shutdown()
        await TestDatabase.drop(url)
    }

    @Test("A small file imports: fields, designations, reinstatement types and geometry are kept")
    func importsSmallFile() async throws {
        try await Self.withDatabase { database in
            let progress = ProgressLog()
            let summary = try await GazetteerImporter.import(
                csv: Array(Self.small.utf8), into: database, progressEvery: 1,
                progress: { written, total in progress.append("\(written)/\(total)") })
            #expect(summary == .init(rows: 3, inserted: 3, updated: 0))
            #expect(progress.entries.last == "3/3")

            let streets = StreetRepository(database)
            let mill = try #require(try await streets.street(20_010_001))
            #expect(mill.name == "Mill Lane" && mill.town == "Testbury" && mill.area == "Old Town")
            #expect(mill.roadCategory == 4 && mill.authoritySWACode == "1001" && mill.reinstatementTypeCodes == [4])
            #expect(mill.geometry == .lineString([[450100, 200100], [450200, 200100], [450200, 200250]]))
            #expect(mill.isTrafficSensitive)
            #expect(
                mill.designations == [
                    SpecialDesignation(
                        code: 2, description: "Peak hours, weekdays", periodicityCode: 2, startTime: 700, endTime: 1000)
                ])

            let square = try #require(try await streets.street(20_010_002))
            #expect(square.reinstatementTypeCodes == [3, 5])  // R-VAL-04: 0 is read as 5
            #expect(square.designations.map(\.code) == [3, 1])
            #expect(square.designations[0].locationText == "Bridge deck" && !square.designations[0].wholeRoad)
            guard case .polygon(let rings) = square.geometry else { Issue.record("not a polygon"); return }
            #expect(rings.count == 1 && rings[0].count == 5)

            let yard = try #require(try await streets.street(20_010_003))
            #expect(yard.name == "Smith's Yard, \"The Old Forge\"" && yard.area == "" && yard.state == 1)
            #expect(yard.geometry == .point([450500.5, 200500.25]))

            #expect(try await streets.search("mill testbury", limit: 10).map(\.usrn) == [20_010_001])
            #expect(try await streets.search("20010002", limit: 10).map(\.usrn) == [20_010_002])
            #expect(try await streets.search("100%", limit: 10).isEmpty)
            #expect(try await streets.streets(near: [450150, 200105], within: 15).map(\.usrn) == [20_010_001])
            #expect(try await streets.streets(near: [450350, 200350], within: 15).map(\.usrn) == [20_010_002])
            #expect(
                try await streets.streets(usrns: [20_010_003, 99_999_999, 20_010_001]).map(\.usrn) == [
                    20_010_003, 20_010_001,
                ])
        }
    }

    @Test("A file with bad lines is refused with each line number and reason; nothing is written")
    func refusesBadLines() async throws {
        try await Self.withDatabase { database in
            let csv = """
                \(Self.header)
                20010001,Mill Lane,Testbury,Old Town,4,1001,2,4,"LINESTRING (450100 200100, 450200 200100)",N,,,,,N,,,N,
                99999,Short Road,Testbury,Old Town,11,1001,2,12,"LINESTRING (450100 200100, 450200 200100)",N,,,,,N,,,N,
                20010003,"Quoted
                Name",Testbury,Old Town,4,1001,2,4,"POLYGON ((450300 200300, 450400 200300, 450400 200400))",N,,,,,N,,,N,
                20010001,Mill Lane,Testbury,Old Town,4,1001,2,4,POINT (1 2),N,,,,,N,,,N,
                20010005,Gap Road,Testbury,Old Town,4,1001,2,4,POINT (1 2),N,1,,,,N,,,N,
                20010006,Few Fields,Testbury
                """
            let error = await #expect(throws: GazetteerImporter.Refused.self) {
                try await GazetteerImporter.import(csv: Array(csv.utf8), into: database)
            }
            let rejected = try #require(error?.rejected)
            #expect(rejected.map(\.line) == [3, 4, 6, 7, 8])
            #expect(rejected[0].reason.contains("usrn must be a whole number from 100001 to 99999999"))
            #expect(rejected[0].reason.contains("road_category"))
            #expect(rejected[0].reason.contains("reinstatement_type_code \"12\""))
            #expect(rejected[1].reason.contains("polygon ring 1 needs at least four points"))
            #expect(rejected[2].reason == "usrn 20010001 is already on line 2")
            #expect(rejected[3].reason.contains("ts_periodicity_code given but traffic_sensitive is not Y"))
            #expect(rejected[4].reason == "has 3 fields, the header has 19")
            #expect(try await StreetRepository(database).count() == 0)
        }
    }

    @Test("A header with unknown or missing columns is refused on line 1")
    func refusesBadHeader() async throws {
        let result = GazetteerCSV.parse(Array("usrn,street_name,colour\n1,a,b\n".utf8))
        guard case .failure(let failure) = result else {
            Issue.record("accepted")
            return
        }
        #expect(failure.rejected.count == 1 && failure.rejected[0].line == 1)
        #expect(failure.rejected[0].reason.contains("unknown column(s) colour"))
        #expect(failure.rejected[0].reason.contains("missing column(s) town, area"))
    }

    @Test("D-INTERESTED: interested parties are read, kept and replaced; a malformed SWA code is refused")
    func interestedParties() async throws {
        let header =
            "usrn,street_name,town,area,road_category,ha_swa_code,street_state,reinstatement_type_code,geometry_wkt,interested_swa_codes\n"
        let good = header + "20010001,Mill Lane,Testbury,,4,1001,2,4,POINT (450100 200100),1002;0020;1001;1002\n"
        let streets = try GazetteerCSV.parse(Array(good.utf8)).get()
        // The street's own authority and repeats are left out.
        #expect(streets.first?.interestedParties == ["1002", "0020"])
        let bad = GazetteerCSV.parse(
            Array((header + "20010001,Mill Lane,Testbury,,4,1001,2,4,POINT (450100 200100),10022\n").utf8))
        guard case .failure(let failure) = bad else {
            Issue.record("a bad SWA code was accepted")
            return
        }
        #expect(failure.description.contains("interested_swa_codes"))
        try await Self.withDatabase { database in
            let repository = StreetRepository(database)
            try await repository.upsert(streets, at: Date())
            #expect(try await repository.street(20_010_001)?.interestedParties == ["0020", "1002"])
            var changed = streets
            changed[0].interestedParties = ["1002"]
            try await repository.upsert(changed, at: Date())
            #expect(try await repository.street(20_010_001)?.interestedParties == ["1002"])
        }
    }

    @Test("Importing again updates streets by USRN and replaces their designations")
    func reimportUpserts() async throws {
        try await Self.withDatabase { database in
            try await GazetteerImporter.import(csv: Array(Self.small.utf8), into: database)
            let again = """
                \(Self.header)
                20010001,Mill Lane (North),Testbury,New Town,3,1001,2,3,"LINESTRING (450100 200100, 450300 200100)",N,,,,,N,,,Y,
                20010004,Kiln Close,Testbury,Old Town,4,1001,2,4,"LINESTRING (450600 200600, 450700 200600)",N,,,,,N,,,N,
                """
            let summary = try await GazetteerImporter.import(csv: Array(again.utf8), into: database)
            #expect(summary == .init(rows: 2, inserted: 1, updated: 1))
            let streets = StreetRepository(database)
            #expect(try await streets.count() == 4)
            let mill = try #require(try await streets.street(20_010_001))
            #expect(mill.name == "Mill Lane (North)" && mill.area == "New Town" && mill.roadCategory == 3)
            #expect(!mill.isTrafficSensitive && mill.designations.map(\.code) == [1])
            #expect(try await streets.search("north", limit: 10).map(\.usrn) == [20_010_001])
            #expect(try await streets.streets(near: [450250, 200250], within: 15).isEmpty)
        }
    }

    @Test("R-VAL-04: streets in states other than 1 and 2 are kept but not looked up")
    func unsupportedStates() async throws {
        try await Self.withDatabase { database in
            let csv = """
                \(Self.header)
                20010009,Closed Road,Testbury,Old Town,4,1001,4,4,"LINESTRING (450100 200100, 450200 200100)",N,,,,,N,,,N,
                """
            try await GazetteerImporter.import(csv: Array(csv.utf8), into: database)
            let streets = StreetRepository(database)
            #expect(try await streets.count() == 1)
            #expect(try await streets.street(20_010_009) == nil)
            #expect(try await streets.search("closed", limit: 10).isEmpty)
        }
    }

    @Test("The bundled demo gazetteer is valid and covers both highway authorities")
    func demoGazetteer() async throws {
        let url = try #require(DemoGazetteer.url)
        let streets = try GazetteerCSV.parse(Array(try Data(contentsOf: url))).get()
        let anytown = streets.filter { $0.authoritySWACode == "1001" }
        let otherton = streets.filter { $0.authoritySWACode == "1002" }
        #expect(anytown.count >= 200 && otherton.count >= 50)
        #expect(anytown.first?.usrn == 10_010_001 && otherton.first?.usrn == 10_020_001)
        #expect(streets.contains { $0.isTrafficSensitive })
        #expect(streets.contains { $0.designations.contains { $0.code == 3 } })
        #expect(streets.contains { $0.designations.contains { $0.code == 1 } })
    }

    @Test("WKT: POINT, LINESTRING and POLYGON become GeoJSON coordinates; bad text is refused with a reason")
    func wkt() throws {
        #expect(try WKT.parse("POINT (450000 200000)") == .point([450000, 200000]))
        #expect(try WKT.parse("point(450000.5 200000.25)") == .point([450000.5, 200000.25]))
        #expect(try WKT.parse("SRID=27700;POINT (1 2)") == .point([1, 2]))
        #expect(
            try WKT.parse(" LINESTRING ( 450000 200000 , 450100 200050,450200 200000 ) ")
                == .lineString([[450000, 200000], [450100, 200050], [450200, 200000]]))
        let square = "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 4 2, 4 4, 2 2))"
        #expect(
            try WKT.parse(square)
                == .polygon([[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[2, 2], [4, 2], [4, 4], [2, 2]]]))
        #expect(try WKT.parse(WKT.format(try WKT.parse(square))) == (try WKT.parse(square)))
        #expect(WKT.format(.point([450000.5, 200000])) == "POINT (450000.5 200000)")

        func reason(_ text: String) -> String {
            do {
                _ = try WKT.parse(text)
                return "accepted"
            } catch { return error.description }
        }
        #expect(
            reason("POLYGON ((0 0, 10 0, 10 10, 0 10))")
                == "polygon ring 1 is not closed (first and last points differ)")
        #expect(reason("LINESTRING (1 1)") == "a LINESTRING needs at least two distinct points")
        #expect(reason("POINT Z (1 2 3)") == "only 2-D coordinates (easting northing) are accepted")
        #expect(reason("POINT (1 2 3)") == "only 2-D coordinates (easting northing) are accepted")
        #expect(reason("MULTIPOINT ((1 2))").hasPrefix("unsupported geometry type MULTIPOINT"))
        #expect(reason("SRID=4326;POINT (-1.5 52)") == "SRID 4326 is not 27700 (British National Grid)")
        #expect(reason("POINT (-1.5 52.1)").contains("outside British National Grid"))
        #expect(reason("POINT (1 2) extra") == "unexpected text after the geometry")
        #expect(reason("POINT (1 two)") == "expected a number")
        #expect(reason("LINESTRING (1 2, 3 4") == "expected ')' but found the end")
        #expect(reason("POINT EMPTY") == "POINT EMPTY has no coordinates")
    }

    @Test("Geometry: centre points and distances in metres")
    func geometry() {
        let line = Geometry.lineString([[0, 0], [100, 0], [100, 100]])
        #expect(line.centrePoint == [100, 0])
        #expect(line.distance(to: [50, 10]) == 10)
        let square = Geometry.polygon([[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]])
        #expect(square.centrePoint == [5, 5])
        #expect(square.distance(to: [5, 5]) == 0 && square.distance(to: [13, 14]) == 5)
        #expect(Geometry.point([3, 4]).distance(to: [0, 0]) == 5)
    }

    @Test("CSV: quoted commas, doubled quotes, line breaks inside quotes, CRLF and a byte-order mark")
    func csv() {
        let text = "\u{FEFF}a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",z\n\n3,4\nbad\"quote,5\n"
        let records = CSVReader.records(Array(text.utf8))
        #expect(records.map(\.line) == [1, 2, 3, 6, 7])
        #expect(records[0].fields == ["a", "b"])
        #expect(records[1].fields == ["x, y", "say \"hi\""])
        #expect(records[2].fields == ["two\nlines", "z"])
        #expect(records[3].fields == ["3", "4"] && records[3].error == nil)
        #expect(records[4].error == "field 1 has a quote but is not enclosed in quotes")
        let open = CSVReader.records(Array("a\n\"never closed,1\n2\n".utf8))
        #expect(open.last?.line == 2 && open.last?.error == "field 1 opens a quote that is never closed")
    }
}

/// Collects progress reports.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func append(_ entry: String) { lock.withLock { items.append(entry) } }
    var entries: [String] { lock.withLock { items } }
}
