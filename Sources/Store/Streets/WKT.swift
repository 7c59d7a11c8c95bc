import Domain
import Foundation

/// Well-known text for the three geometry kinds of the gazetteer, in British National Grid:
/// `POINT (x y)`, `LINESTRING (x y, x y, …)`, `POLYGON ((x y, …), (…))`. Keywords are
/// case-insensitive; an EWKT `SRID=27700;` prefix is accepted, any other SRID is refused.
public enum WKT {
    /// Eastings and northings of the National Grid (metres).
    public static let eastings = 0.0...700_000.0
    public static let northings = 0.0...1_300_000.0

    public static func parse(_ text: String) throws(WKTError) -> Geometry {
        var scanner = Scanner(Array(text.utf8))
        if scanner.consume(keyword: "SRID") {
            try scanner.expect(UInt8(ascii: "="))
            let srid = try scanner.number()
            guard srid == 27700 else { throw WKTError("SRID \(format(srid)) is not 27700 (British National Grid)") }
            try scanner.expect(UInt8(ascii: ";"))
        }
        let keyword = scanner.word().uppercased()
        if keyword.isEmpty { throw WKTError("expected POINT, LINESTRING or POLYGON") }
        let modifier = scanner.word().uppercased()
        switch modifier {
        case "": break
        case "EMPTY": throw WKTError("\(keyword) EMPTY has no coordinates")
        case "Z", "M", "ZM": throw WKTError("only 2-D coordinates (easting northing) are accepted")
        default: throw WKTError("unexpected \(modifier) after \(keyword)")
        }
        let geometry: Geometry
        switch keyword {
        case "POINT":
            let points = try scanner.positions()
            guard points.count == 1 else { throw WKTError("a POINT has exactly one coordinate pair") }
            geometry = .point(points[0])
        case "LINESTRING":
            let line = try scanner.positions()
            guard Set(line).count >= 2 else { throw WKTError("a LINESTRING needs at least two distinct points") }
            geometry = .lineString(line)
        case "POLYGON":
            let rings = try scanner.rings()
            for (index, ring) in rings.enumerated() {
                guard ring.count >= 4 else { throw WKTError("polygon ring \(index + 1) needs at least four points") }
                guard ring.first == ring.last else {
                    throw WKTError("polygon ring \(index + 1) is not closed (first and last points differ)")
                }
            }
            geometry = .polygon(rings)
        default:
            throw WKTError("unsupported geometry type \(keyword) (use POINT, LINESTRING or POLYGON)")
        }
        guard scanner.atEnd else { throw WKTError("unexpected text after the geometry") }
        for position in geometry.positions {
            guard eastings.contains(position[0]), northings.contains(position[1]) else {
                throw WKTError(
                    "coordinate \(format(position[0])) \(format(position[1])) is outside British National Grid (easting 0–700000, northing 0–1300000)"
                )
            }
        }
        return geometry
    }

    /// The geometry as WKT, coordinates as written (no exponent).
    public static func format(_ geometry: Geometry) -> String {
        func pair(_ p: [Double]) -> String { "\(format(p[0])) \(format(p[1]))" }
        func list(_ ps: [[Double]]) -> String { "(" + ps.map(pair).joined(separator: ", ") + ")" }
        switch geometry {
        case .point(let p): return "POINT (\(pair(p)))"
        case .lineString(let line): return "LINESTRING \(list(line))"
        case .polygon(let rings): return "POLYGON (" + rings.map(list).joined(separator: ", ") + ")"
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15
            ? String(Int64(value)) : String(value)
    }
}

public struct WKTError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

private struct Scanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool {
        mutating get {
            skipSpace()
            return index == bytes.count
        }
    }

    mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    mutating func word() -> String {
        skipSpace()
        let start = index
        while index < bytes.count, (0x41...0x5A).contains(bytes[index] & 0xDF) { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func consume(keyword: String) -> Bool {
        let saved = index
        if word().uppercased() == keyword { return true }
        index = saved
        return false
    }

    mutating func consume(_ byte: UInt8) -> Bool {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func expect(_ byte: UInt8) throws(WKTError) {
        guard consume(byte) else {
            let found = index < bytes.count ? "'\(String(decoding: [bytes[index]], as: UTF8.self))'" : "the end"
            throw WKTError("expected '\(String(decoding: [byte], as: UTF8.self))' but found \(found)")
        }
    }

    mutating func number() throws(WKTError) -> Double {
        skipSpace()
        let start = index
        while index < bytes.count, Self.numberBytes.contains(bytes[index]) { index += 1 }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard !text.isEmpty, let value = Double(text), value.isFinite else {
            throw WKTError(text.isEmpty ? "expected a number" : "\(text) is not a number")
        }
        return value
    }

    static let numberBytes = Set("0123456789+-.eE".utf8)

    mutating func position() throws(WKTError) -> [Double] {
        let easting = try number()
        let northing = try number()
        skipSpace()
        if index < bytes.count, Self.numberBytes.contains(bytes[index]) {
            throw WKTError("only 2-D coordinates (easting northing) are accepted")
        }
        return [easting, northing]
    }

    /// `(x y, x y, …)`
    mutating func positions() throws(WKTError) -> [[Double]] {
        try expect(UInt8(ascii: "("))
        var result = [try position()]
        while consume(UInt8(ascii: ",")) { result.append(try position()) }
        try expect(UInt8(ascii: ")"))
        return result
    }

    /// `((x y, …), (…))`
    mutating func rings() throws(WKTError) -> [[[Double]]] {
        try expect(UInt8(ascii: "("))
        var result = [try positions()]
        while consume(UInt8(ascii: ",")) { result.append(try positions()) }
        try expect(UInt8(ascii: ")"))
        return result
    }
}
