import Contract
import Domain
import Foundation
import GeoJSONAPI
import Store

/// A stored GeoJSON geometry, read from its text without building a `JSONValue`: its shape, for
/// the exact test against the box, and the bytes of its `coordinates`, which the map answers as
/// they are stored. Nil for text it does not expect (another member, an escaped key); the caller
/// then reads it the general way.
struct StoredGeometryText {
    var geometry: Geometry
    var coordinates: ArraySlice<UInt8>

    /// The shapes `coordinates` takes: a position, a list of positions, a list of such lists.
    /// Read straight into arrays of numbers (a tree of boxed values cost a dozen allocations a
    /// feature); anything else (deeper, mixed) is left to the general parser.
    fileprivate enum Shape {
        case position([Double])
        case positions([[Double]])
        case rings([[[Double]]])
    }

    init?(_ text: String) { self.init(utf8: Array(text.utf8)) }

    init?(utf8: [UInt8]) {
        var reader = Reader(bytes: utf8)
        var type: String?
        var shape: Shape?
        var range: Range<Int>?
        guard reader.take(UInt8(ascii: "{")) else { return nil }
        while true {
            guard let key = reader.simpleString(), reader.take(UInt8(ascii: ":")) else { return nil }
            switch key {
            case "type":
                guard let value = reader.simpleString() else { return nil }
                type = value
            case "coordinates":
                reader.skipSpace()
                let start = reader.index
                guard let value = reader.shape() else { return nil }
                shape = value
                range = start..<reader.index
            default:
                return nil
            }
            if reader.take(UInt8(ascii: ",")) { continue }
            guard reader.take(UInt8(ascii: "}")) else { return nil }
            break
        }
        reader.skipSpace()
        guard reader.index == utf8.count, let type, let shape, let range else { return nil }
        func position(_ numbers: [Double]) -> [Double]? { numbers.count >= 2 ? [numbers[0], numbers[1]] : nil }
        func positions(_ list: [[Double]]) -> [[Double]]? {
            var all: [[Double]] = []
            all.reserveCapacity(list.count)
            for numbers in list {
                guard let p = position(numbers) else { return nil }
                all.append(p)
            }
            return all
        }
        switch (type, shape) {
        case ("Point", .position(let numbers)):
            guard let p = position(numbers) else { return nil }
            geometry = .point(p)
        case ("LineString", .positions(let list)):
            guard let line = positions(list), !line.isEmpty else { return nil }
            geometry = .lineString(line)
        case ("Polygon", .rings(let list)):
            var rings: [[[Double]]] = []
            rings.reserveCapacity(list.count)
            for ring in list {
                guard let ring = positions(ring) else { return nil }
                rings.append(ring)
            }
            geometry = .polygon(rings)
        default:
            return nil
        }
        coordinates = utf8[range]
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        mutating func skipSpace() {
            while index < bytes.count,
                bytes[index] == 32 || bytes[index] == 9 || bytes[index] == 10 || bytes[index] == 13
            {
                index += 1
            }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// A string without escapes.
        mutating func simpleString() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                if bytes[index] == UInt8(ascii: "\\") || bytes[index] < 0x20 { return nil }
                index += 1
            }
            guard index < bytes.count else { return nil }
            defer { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        /// `coordinates`: at most three levels of arrays, numbers in the innermost.
        fileprivate mutating func shape(depth: Int = 0) -> Shape? {
            guard depth < 3, take(UInt8(ascii: "[")) else { return nil }
            skipSpace()
            guard index < bytes.count else { return nil }
            if bytes[index] != UInt8(ascii: "[") {
                var numbers: [Double] = []
                numbers.reserveCapacity(2)
                if take(UInt8(ascii: "]")) { return .position(numbers) }
                while true {
                    skipSpace()
                    guard let value = number() else { return nil }
                    numbers.append(value)
                    if take(UInt8(ascii: ",")) { continue }
                    guard take(UInt8(ascii: "]")) else { return nil }
                    return .position(numbers)
                }
            }
            var positions: [[Double]] = []
            var lists: [[[Double]]] = []
            while true {
                switch shape(depth: depth + 1) {
                case .position(let numbers)?:
                    guard lists.isEmpty else { return nil }
                    positions.append(numbers)
                case .positions(let list)?:
                    guard positions.isEmpty else { return nil }
                    lists.append(list)
                default:
                    return nil
                }
                if take(UInt8(ascii: ",")) { continue }
                guard take(UInt8(ascii: "]")) else { return nil }
                return lists.isEmpty ? .positions(positions) : .rings(lists)
            }
        }

        static let powers: [Double] = (0...22).map { pow(10, Double($0)) }

        /// A JSON number. Exact when it has at most 15 significant digits and a small exponent
        /// (one correctly rounded operation on exact values); otherwise read by the library.
        mutating func number() -> Double? {
            let start = index
            var negative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            var mantissa: UInt64 = 0
            var digits = 0
            var exponent = 0
            var sawDigit = false
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                if digits < 19 { mantissa = mantissa * 10 + UInt64(bytes[index] - 48) } else { exponent += 1 }
                if mantissa > 0 || digits > 0 { digits += 1 }
                sawDigit = true
                index += 1
            }
            guard sawDigit else { return nil }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                var fraction = false
                while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                    if digits < 19 {
                        mantissa = mantissa * 10 + UInt64(bytes[index] - 48)
                        exponent -= 1
                    }
                    if mantissa > 0 || digits > 0 { digits += 1 }
                    fraction = true
                    index += 1
                }
                guard fraction else { return nil }
            }
            var simple = true
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                simple = false
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                    index += 1
                }
                var exponentDigits = false
                while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                    exponentDigits = true
                    index += 1
                }
                guard exponentDigits else { return nil }
            }
            if simple, digits <= 15, exponent >= -22, exponent <= 22 {
                let value = Double(mantissa)
                let scaled = exponent < 0 ? value / Self.powers[-exponent] : value * Self.powers[exponent]
                return negative ? -scaled : scaled
            }
            return Double(String(decoding: bytes[start..<index], as: UTF8.self))
        }
    }
}

extension MapQuery {
    /// The answer written straight to bytes: the same members as `WorkFeature.init(_:_:names:)`.
    func bytes(_ raw: RawRequest) async throws -> JSONBytes {
        let (found, names) = try await find(raw)
        var out = JSONBytes(capacity: 256 + found.count * 900)
        out.raw(#"{"type":"FeatureCollection","features":["#)
        for (index, f) in found.enumerated() {
            if index > 0 { out.raw(",") }
            try Self.write(f, names: names, into: &out)
        }
        out.raw("]}")
        return out
    }

    static func write(_ f: Found, names: [String: String], into out: inout JSONBytes) throws {
        let r = f.row
        guard let prn = r.permitReferenceNumber, let category = r.workCategory, let status = r.permitStatus,
            let start = r.startDate, let end = r.endDate, let trafficManagement = r.trafficManagementType,
            Components.Schemas.TrafficManagementTypeResponse(rawValue: trafficManagement) != nil
        else { throw AppError(.internalServerError, "Works \(r.workReferenceNumber) has no active permit") }
        let type = f.geometry.typeName
        out.raw(#"{"type":"Feature","geometry":{"type":"#)
        out.string(type)
        out.raw(#","type_string":"#)
        out.string(type)
        out.raw(#","coordinates":"#)
        out.raw(f.coordinates)
        out.raw(#"},"properties":{"work_reference_number":"#)
        out.string(r.workReferenceNumber)
        out.raw(#","permit_reference_number":"#)
        out.string(prn)
        out.raw(#","promoter_organisation":"#)
        out.string(names[r.promoterSWACode] ?? r.promoterSWACode)
        out.raw(#","promoter_swa_code":"#)
        out.string(r.promoterSWACode)
        out.raw(#","work_category":"#)
        out.string(category.rawValue)
        out.raw(#","work_category_string":"#)
        out.string(category.rawValue)
        out.raw(#","start_date":"#)
        out.instant(start)
        out.raw(#","end_date":"#)
        out.instant(end)
        out.raw(#","traffic_management_type":"#)
        out.string(trafficManagement)
        out.raw(#","traffic_management_type_string":"#)
        out.string(trafficManagement)
        out.raw(#","street":"#)
        out.string(r.streetName)
        out.raw(#","usrn":"#)
        out.number(Double(r.usrn))
        out.raw(#","town":"#)
        out.string(r.town ?? "")
        out.raw(#","area":"#)
        out.string(r.areaName ?? "")
        out.raw(#","highway_authority":"#)
        out.string(names[r.highwayAuthoritySWACode] ?? r.highwayAuthoritySWACode)
        out.raw(#","work_centre_point":{"type":"Point","coordinates":["#)
        for (index, value) in f.geometry.centrePoint.enumerated() {
            if index > 0 { out.raw(",") }
            out.number(value)
        }
        out.raw(#"]},"permit_status":"#)
        out.string(status.rawValue)
        out.raw(#","permit_status_string":"#)
        out.string(status.rawValue)
        out.raw("}}")
    }
}
