import Contract
import Domain
import Foundation
import Testing

@testable import App

/// The map reads stored geometries by hand (`StoredGeometryText`): the same shapes and numbers as
/// the general parser, the coordinates' bytes as stored, and nil for anything else.
@Suite("Map: stored geometries read by hand")
struct StoredGeometryTextTests {
    @Test("Points, lines and polygons read as the general parser reads them, numbers exactly")
    func sameAsParser() throws {
        var generator = SystemRandomNumberGenerator()
        var texts = [
            #"{"coordinates":[451000.5,201000.25],"type":"Point"}"#,
            #"{"type":"LineString","coordinates":[[451000,201000],[451050.125,201020]]}"#,
            #"{ "coordinates" : [ [ [0,0],[1e3,0],[0,1E-2],[0,0] ], [[1,1],[2,2],[1,2],[1,1]] ] , "type" : "Polygon" }"#,
            #"{"coordinates":[-0.0,12345678901234567890.5],"type":"Point"}"#,
            #"{"coordinates":[0.1,0.7,3],"type":"Point"}"#,
        ]
        for _ in 0..<500 {
            let e = Double.random(in: 0..<700_000, using: &generator)
            let n = (Double.random(in: 0..<1_300_000, using: &generator) * 1000).rounded() / 1000
            texts.append(#"{"coordinates":[\#(e),\#(n)],"type":"Point"}"#)
        }
        for text in texts {
            let stored = try #require(StoredGeometryText(text), "\(text)")
            let value = try JSONValue.parse(text)
            #expect(stored.geometry == Geometry(geoJSON: value), "\(text)")
            let coordinates = try JSONValue.parse(Array(stored.coordinates))
            #expect(coordinates == value["coordinates"], "\(text)")
        }
    }

    @Test("Other shapes are left to the general parser")
    func othersFallBack() {
        for text in [
            #"{"coordinates":[1,2],"type":"Point","bbox":[1,2,1,2]}"#, #"{"c\u006fordinates":[1,2],"type":"Point"}"#,
            #"{"coordinates":[1],"type":"Point"}"#, #"{"coordinates":[],"type":"LineString"}"#,
            #"{"coordinates":[[1,2]],"type":"MultiPoint"}"#, #"{"coordinates":[1,2],"type":"Point"} x"#,
            #"{"coordinates":[1.,2],"type":"Point"}"#, #"{"coordinates":[[[[[[[[[1]]]]]]]]],"type":"Point"}"#, "",
            // Mixed depths, and coordinates of another shape than the type's.
            #"{"coordinates":[[1,2],[[1,2]]],"type":"LineString"}"#, #"{"coordinates":[[1,2],[3,4]],"type":"Polygon"}"#,
            #"{"coordinates":[[[1,2],[3,4]]],"type":"LineString"}"#, #"{"coordinates":[[1,2]],"type":"Point"}"#,
            #"{"coordinates":[[[[1,2]]]],"type":"Polygon"}"#, #"{"coordinates":[1,[2]],"type":"Point"}"#,
        ] {
            #expect(StoredGeometryText(text) == nil, "\(text)")
        }
    }
}
