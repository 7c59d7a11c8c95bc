import Contract
import Domain
import Foundation
import GeoJSONAPI
import OpenAPIRuntime
import Store

/// Works on the map: a bounding box in British National Grid and a date window (R-DATA-03,
/// D-GEOJSON). The answer is written straight to JSON (D-DIRECT: a hundred features through the
/// generated types cost a dozen milliseconds of encoding); its generated handler builds the same
/// answer as the generated types, and a test holds the two equal.
enum MapFeature: Feature {
    static let operations = ["geojson": ["getWorksIntersectBoundingBox"]]

    static func directRenderers(_ services: AppServices) -> [String: [String: DirectRenderer]] {
        ["geojson": ["getWorksIntersectBoundingBox": { try await MapQuery(services: services).bytes($0) }]]
    }
}

/// How big a map query may be (R-DATA-03).
public struct MapLimits: Sendable {
    /// The most features one answer holds (`GEOJSON_MAX_FEATURES`); more is a 403.
    public var maximumFeatures = 100
    /// The largest box, in square metres (`GEOJSON_MAX_AREA_KM2`); larger is a 403.
    public var maximumArea = 100.0 * 1_000_000

    public init() {}
}

/// One map query: the works whose geometry meets the box, inside the date window.
struct MapQuery {
    let services: AppServices

    static let refine = "The search returned too many results: refine the search area and/or date range"

    /// A works record found, with its geometry parsed from the stored GeoJSON.
    struct Found {
        var row: WorkMapRow
        var geometry: Geometry
        /// The stored geometry's `coordinates`, as stored (JSON).
        var coordinates: ArraySlice<UInt8>
    }

    /// The works found for the request being served (its query was checked against the
    /// contract), and the names of their organisations.
    ///
    /// `fromCells` reads each candidate by position where the database holds it, and decodes only
    /// those whose geometry meets the box (the direct answer); otherwise rows are decoded by name
    /// first (the generated answer, which a test holds equal to the direct one).
    func find(_ raw: RawRequest, fromCells: Bool = true) async throws -> (found: [Found], names: [String: String]) {
        let box = try box(raw)
        let limits = services.mapLimits
        let principal = try RequestScope.principal()
        let request = ListRequest(
            query: raw.query, visibility: .everything(organisation: principal.organisationReference))
        let found =
            try await ListDescription<WorkMapRow>.mapErrors {
                fromCells
                    ? try await candidatesFromCells(request, box: box, maximum: limits.maximumFeatures)
                    : try await candidates(request, box: box, maximum: limits.maximumFeatures)
            }
        let names = try await OrganisationNames.shared.names(
            Set(found.flatMap { [$0.row.promoterSWACode, $0.row.highwayAuthoritySWACode] }), database: services.database
        )
        return (found, names)
    }

    /// The box and date window of a map request (its query was checked against the contract):
    /// each a 400 when out of order; a box larger than allowed is a 403 (R-DATA-03).
    func box(_ raw: RawRequest) throws -> Box {
        func number(_ name: String) throws -> Double {
            guard let text = raw.string(name), let value = Double(text), value.isFinite else {
                throw AppError.invalid(field: name, "must be a number")
            }
            return value
        }
        let minEasting = try number("minEasting"), minNorthing = try number("minNorthing")
        let maxEasting = try number("maxEasting"), maxNorthing = try number("maxNorthing")
        var errors: [FieldError] = []
        if maxEasting < minEasting { errors.append(.init(field: "maxEasting", message: "must be at least minEasting")) }
        if maxNorthing < minNorthing {
            errors.append(.init(field: "maxNorthing", message: "must be at least minNorthing"))
        }
        if let start = try raw.date("start_date"), let end = try raw.date("end_date"), end < start {
            errors.append(.init(field: "end_date", message: "must be on or after start_date"))
        }
        if !errors.isEmpty { throw AppError.invalid(errors) }
        let limits = services.mapLimits
        // R-DATA-03: too large an area is refused like too many features.
        guard (maxEasting - minEasting) * (maxNorthing - minNorthing) <= limits.maximumArea else {
            throw AppError(.forbidden, Self.refine)
        }
        return (minEasting: minEasting, minNorthing: minNorthing, maxEasting: maxEasting, maxNorthing: maxNorthing)
    }

    typealias Box = (minEasting: Double, minNorthing: Double, maxEasting: Double, maxNorthing: Double)

    /// Candidates (bounding box and dates, from the list) whose geometry meets `box`, read in
    /// batches; more than `maximum` is a 403.
    func candidates(_ request: ListRequest, box: Box, maximum: Int) async throws -> [Found] {
        var found: [Found] = []
        var after: SQLValue? = nil
        while true {
            let candidates = try await WorkMapRow.list.rows(
                request, after: after, limit: Self.batch, in: services.database)
            after = candidates.last?.key
            for (_, row) in candidates {
                guard let (geometry, coordinates) = Self.geometry(Array(row.worksCoordinates.utf8)),
                    geometry.intersects(
                        minEasting: box.minEasting, minNorthing: box.minNorthing, maxEasting: box.maxEasting,
                        maxNorthing: box.maxNorthing)
                else { continue }
                found.append(Found(row: row, geometry: geometry, coordinates: coordinates))
                if found.count > maximum { throw AppError(.forbidden, Self.refine) }
            }
            if candidates.count < Self.batch { return found }
        }
    }

    /// The same, each candidate read from the database's cells: its geometry first, the rest only
    /// when the geometry meets the box.
    func candidatesFromCells(_ request: ListRequest, box: Box, maximum: Int) async throws -> [Found] {
        final class Collected: @unchecked Sendable {
            var found: [Found] = []
            var rows = 0
            var last: SQLValue? = nil
        }
        let collected = Collected()
        repeat {
            collected.rows = 0
            try await WorkMapRow.list.scan(request, after: collected.last, limit: Self.batch, in: services.database) {
                cells in
                collected.rows += 1
                collected.last = cells.value(0)
                let utf8 = cells.withText(WorkMapRow.coordinatesCell) { Array($0) }
                guard let (geometry, coordinates) = Self.geometry(utf8),
                    geometry.intersects(
                        minEasting: box.minEasting, minNorthing: box.minNorthing, maxEasting: box.maxEasting,
                        maxNorthing: box.maxNorthing)
                else { return }
                collected.found.append(
                    Found(row: try WorkMapRow(cells: cells), geometry: geometry, coordinates: coordinates))
                if collected.found.count > maximum { throw AppError(.forbidden, Self.refine) }
            }
        } while collected.rows == Self.batch
        return collected.found
    }

    /// Candidates read at once.
    static let batch = 1_000

    /// A stored geometry and the JSON of its coordinates: read by hand (`StoredGeometryText`),
    /// or, for text of another shape, parsed in full.
    static func geometry(_ utf8: [UInt8]) -> (Geometry, ArraySlice<UInt8>)? {
        if let stored = StoredGeometryText(utf8: utf8) { return (stored.geometry, stored.coordinates) }
        guard let value = try? JSONValue.parse(String(decoding: utf8, as: UTF8.self)),
            let geometry = Geometry(geoJSON: value),
            let coordinates = value["coordinates"]
        else { return nil }
        return (geometry, ArraySlice(coordinates.bytes))
    }
}

/// GeoJSON API: works whose geometry meets the box.
extension GeoJSONAPIHandler {
    /// Answered by `ContractGate` from `MapQuery.bytes`; this is the same answer built as the
    /// generated types (a test holds the two equal).
    func getWorksIntersectBoundingBox(_ input: Operations.GetWorksIntersectBoundingBox.Input) async throws
        -> Operations.GetWorksIntersectBoundingBox.Output
    {
        let (found, names) = try await MapQuery(services: services).find(try RawRequest.current(), fromCells: false)
        return .ok(
            .init(
                body: .json(
                    .init(
                        _type: .featureCollection,
                        features: try found.map {
                            try Components.Schemas.WorkFeature($0.row, $0.geometry, names: names)
                        }
                    ))))
    }
}

extension Geometry {
    /// A stored GeoJSON geometry (Point, LineString or Polygon, R-VAL-02); nil for anything else.
    init?(geoJSON value: JSONValue) {
        func position(_ value: JSONValue) -> [Double]? {
            guard let items = value.arrayValue, items.count >= 2, let e = items[0].doubleValue,
                let n = items[1].doubleValue
            else { return nil }
            return [e, n]
        }
        func positions(_ value: JSONValue) -> [[Double]]? {
            guard let items = value.arrayValue else { return nil }
            let all = items.compactMap(position)
            return all.count == items.count ? all : nil
        }
        guard let type = value["type"]?.stringValue, let coordinates = value["coordinates"] else { return nil }
        switch type {
        case "Point":
            guard let p = position(coordinates) else { return nil }
            self = .point(p)
        case "LineString":
            guard let line = positions(coordinates), !line.isEmpty else { return nil }
            self = .lineString(line)
        case "Polygon":
            guard let ringValues = coordinates.arrayValue else { return nil }
            let rings = ringValues.compactMap(positions)
            guard rings.count == ringValues.count, !rings.isEmpty else { return nil }
            self = .polygon(rings)
        default:
            return nil
        }
    }
}

extension Components.Schemas.WorkFeature {
    init(_ r: WorkMapRow, _ geometry: Geometry, names: [String: String]) throws {
        let stored = try StoredJSON.decode(Components.Schemas.StoredGeometry.self, from: r.worksCoordinates)
        guard let prn = r.permitReferenceNumber, let category = r.workCategory, let status = r.permitStatus,
            let start = r.startDate, let end = r.endDate, let trafficManagement = r.trafficManagementType
        else { throw AppError(.internalServerError, "Works \(r.workReferenceNumber) has no active permit") }
        self.init(
            _type: .feature,
            geometry: .init(
                _type: try Wire.map(geometry.typeName), typeString: geometry.typeName, coordinates: stored.coordinates),
            properties: .init(
                workReferenceNumber: r.workReferenceNumber, permitReferenceNumber: prn,
                promoterOrganisation: names[r.promoterSWACode] ?? r.promoterSWACode, promoterSwaCode: r.promoterSWACode,
                workCategory: try Wire.map(category), workCategoryString: category.rawValue, startDate: start,
                endDate: end, trafficManagementType: try Wire.map(trafficManagement),
                trafficManagementTypeString: trafficManagement, street: r.streetName, usrn: Double(r.usrn),
                town: r.town ?? "", area: r.areaName ?? "",
                highwayAuthority: names[r.highwayAuthoritySWACode] ?? r.highwayAuthoritySWACode,
                workCentrePoint: .init(_type: .point, coordinates: geometry.centrePoint),
                permitStatus: try Wire.map(status), permitStatusString: status.rawValue))
    }
}

extension Components.Schemas {
    /// The coordinates of a stored geometry, as the generated `GeoJSONGeometry` carries them.
    struct StoredGeometry: Decodable {
        var coordinates: [OpenAPIValueContainer]
    }
}
