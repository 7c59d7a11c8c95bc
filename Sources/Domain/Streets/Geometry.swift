import Foundation

/// A geometry in British National Grid (EPSG:27700): coordinates are `[easting, northing]` in
/// metres (R-VAL-02). The three kinds the gazetteer holds, with GeoJSON's nesting.
public enum Geometry: Sendable, Hashable {
    case point([Double])
    case lineString([[Double]])
    /// Exterior ring first, then any holes; every ring closed.
    case polygon([[[Double]]])

    public var typeName: String {
        switch self {
        case .point: "Point"
        case .lineString: "LineString"
        case .polygon: "Polygon"
        }
    }

    /// Every vertex.
    public var positions: [[Double]] {
        switch self {
        case .point(let p): [p]
        case .lineString(let line): line
        case .polygon(let rings): rings.flatMap { $0 }
        }
    }

    /// The lines a street is drawn with: the line itself, or a polygon's rings.
    public var lines: [[[Double]]] {
        switch self {
        case .point: []
        case .lineString(let line): [line]
        case .polygon(let rings): rings
        }
    }

    /// `(minE, minN, maxE, maxN)`.
    public var bounds: (minEasting: Double, minNorthing: Double, maxEasting: Double, maxNorthing: Double) {
        let all = positions
        return (
            all.map { $0[0] }.min() ?? 0, all.map { $0[1] }.min() ?? 0,
            all.map { $0[0] }.max() ?? 0, all.map { $0[1] }.max() ?? 0
        )
    }

    /// A representative point: the point itself, halfway along a line, or the mean of a
    /// polygon's exterior vertices (its first vertex not counted twice). Rounded to centimetres.
    public var centrePoint: [Double] {
        switch self {
        case .point(let p):
            return p
        case .lineString(let line):
            return Self.rounded(Self.halfway(along: line))
        case .polygon(let rings):
            let ring = Array((rings.first ?? []).dropLast())
            guard !ring.isEmpty else { return [0, 0] }
            let count = Double(ring.count)
            return Self.rounded([ring.map { $0[0] }.reduce(0, +) / count, ring.map { $0[1] }.reduce(0, +) / count])
        }
    }

    /// The shortest distance in metres from `point` to this geometry (0 inside a polygon).
    public func distance(to point: [Double]) -> Double {
        switch self {
        case .point(let p):
            return hypot(p[0] - point[0], p[1] - point[1])
        case .lineString(let line):
            return Self.distance(from: point, toLine: line)
        case .polygon(let rings):
            if let outer = rings.first, Self.contains(outer, point),
                !rings.dropFirst().contains(where: { Self.contains($0, point) })
            {
                return 0
            }
            return rings.map { Self.distance(from: point, toLine: $0) }.min() ?? .infinity
        }
    }

    /// Whether the geometry meets the box `[minEasting, maxEasting] × [minNorthing, maxNorthing]`
    /// (edges included): a point inside it, a line crossing or touching it, a polygon overlapping
    /// it (the box inside the polygon counts, the box inside a hole does not).
    public func intersects(minEasting: Double, minNorthing: Double, maxEasting: Double, maxNorthing: Double) -> Bool {
        let box = Box(minX: minEasting, minY: minNorthing, maxX: maxEasting, maxY: maxNorthing)
        switch self {
        case .point(let p):
            return box.contains(p)
        case .lineString(let line):
            return Self.crosses(line, box)
        case .polygon(let rings):
            if rings.contains(where: { Self.crosses($0, box) }) { return true }
            // No edge meets the box: either the box is inside the polygon (and not in a hole), or apart.
            let corner = [minEasting, minNorthing]
            guard let outer = rings.first, Self.contains(outer, corner) else { return false }
            return !rings.dropFirst().contains { Self.contains($0, corner) }
        }
    }

    struct Box {
        let minX, minY, maxX, maxY: Double

        func contains(_ p: [Double]) -> Bool { p[0] >= minX && p[0] <= maxX && p[1] >= minY && p[1] <= maxY }
    }

    /// A polyline meets the box: a vertex inside it, or a segment crossing it (Liang–Barsky).
    static func crosses(_ line: [[Double]], _ box: Box) -> Bool {
        if let first = line.first, box.contains(first) { return true }
        for (a, b) in zip(line, line.dropFirst()) where segment(a, b, meets: box) { return true }
        return false
    }

    static func segment(_ a: [Double], _ b: [Double], meets box: Box) -> Bool {
        let (dx, dy) = (b[0] - a[0], b[1] - a[1])
        var (t0, t1) = (0.0, 1.0)
        for (p, q) in [(-dx, a[0] - box.minX), (dx, box.maxX - a[0]), (-dy, a[1] - box.minY), (dy, box.maxY - a[1])] {
            if p == 0 {
                if q < 0 { return false }
            } else {
                let t = q / p
                if p < 0 {
                    if t > t1 { return false }
                    t0 = max(t0, t)
                } else {
                    if t < t0 { return false }
                    t1 = min(t1, t)
                }
            }
        }
        return t0 <= t1
    }

    static func halfway(along line: [[Double]]) -> [Double] {
        guard let first = line.first else { return [0, 0] }
        let legs = zip(line, line.dropFirst()).map { hypot($1[0] - $0[0], $1[1] - $0[1]) }
        var remaining = legs.reduce(0, +) / 2
        for (index, length) in legs.enumerated() {
            if remaining <= length, length > 0 {
                let (a, b) = (line[index], line[index + 1])
                let t = remaining / length
                return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]
            }
            remaining -= length
        }
        return first
    }

    static func distance(from p: [Double], toLine line: [[Double]]) -> Double {
        guard line.count > 1 else { return line.first.map { hypot($0[0] - p[0], $0[1] - p[1]) } ?? .infinity }
        return zip(line, line.dropFirst()).map { a, b in
            let (dx, dy) = (b[0] - a[0], b[1] - a[1])
            let lengthSquared = dx * dx + dy * dy
            let t = lengthSquared == 0 ? 0 : max(0, min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared))
            return hypot(a[0] + t * dx - p[0], a[1] + t * dy - p[1])
        }.min() ?? .infinity
    }

    /// Even-odd ray casting.
    static func contains(_ ring: [[Double]], _ p: [Double]) -> Bool {
        var inside = false
        for (a, b) in zip(ring, ring.dropFirst()) where (a[1] > p[1]) != (b[1] > p[1]) {
            let x = a[0] + (p[1] - a[1]) / (b[1] - a[1]) * (b[0] - a[0])
            if p[0] < x { inside.toggle() }
        }
        return inside
    }

    static func rounded(_ p: [Double]) -> [Double] { p.map { ($0 * 100).rounded() / 100 } }
}
