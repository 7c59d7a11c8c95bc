import Contract
import Domain
import Foundation
import GeoJSONAPI
import OpenAPIRuntime
import Store

/// Works on the map: a bounding box in British National Grid and a date window (R-DATA-03,
/// D-GEOJSON).
enum MapFeature: Feature {
    static let operations = ["geojson": ["getWorksIntersectBoundingBox"]]
}

/// How big a map query may be (R-DATA-03).
public struct MapLimits: Sendable {
    /// The most features one answer holds (`GEOJSON_MAX_FEATURES`); more is a 403.
    public var maximumFeatures = 100
    /// The largest box, in square metres (`GEOJSON_MAX_AREA_KM2`); larger is a 403.
    public var maximumArea = 100.0 * 1_000_000

    public init() {}
}

/// GeoJSON API: works whose geometry meets the box.
extension GeoJSONAPIHandler {
    static let refine = "The search returned too many results: refine the search area and/or date range"

    func getWorksIntersectBoundingBox(_ input: Operations.GetWorksIntersectBoundingBox.Input) async throws
        -> Operations.GetWorksIntersectBoundingBox.Output
    {
        let q = input.query
        var errors: [FieldError] = []
        if q.maxEasting < q.minEasting {
            errors.append(.init(field: "maxEasting", message: "must be at least minEasting"))
        }
        if q.maxNorthing < q.minNorthing {
            errors.append(.init(field: "maxNorthing", message: "must be at least minNorthing"))
        }
        if let start = q.startDate, let end = q.endDate, end < start {
            errors.append(.init(field: "end_date", message: "must be on or after start_date"))
        }
        if !errors.isEmpty { throw AppError.invalid(errors) }
        let limits = services.mapLimits
        // R-DATA-03: too large an area is refused like too many features.
        guard (q.maxEasting - q.minEasting) * (q.maxNorthing - q.minNorthing) <= limits.maximumArea else {
            throw AppError(.forbidden, Self.refine)
        }
        let principal = try RequestScope.principal()
        let request = ListRequest(
            query: try RawRequest.current().query,
            visibility: .everything(organisation: principal.organisationReference))
        var found: [(WorkMapRow, Geometry)] = []
        var offset = 0
        let batch = 500
        while true {
            var page = request
            page.offset = offset
            let candidates = try await ListDescription<WorkMapRow>.mapErrors {
                try await WorkMapRow.list.rows(page, limit: batch, in: services.database)
            }
            for row in candidates {
                guard let geometry = try? Geometry(geoJSON: JSONValue.parse(row.worksCoordinates)),
                    geometry.intersects(
                        minEasting: q.minEasting, minNorthing: q.minNorthing, maxEasting: q.maxEasting,
                        maxNorthing: q.maxNorthing)
                else { continue }
                found.append((row, geometry))
                if found.count > limits.maximumFeatures { throw AppError(.forbidden, Self.refine) }
            }
            if candidates.count < batch { break }
            offset += batch
        }
        let names = try await OrganisationNames.shared.names(
            Set(found.flatMap { [$0.0.promoterSWACode, $0.0.highwayAuthoritySWACode] }), database: services.database)
        return .ok(
            .init(
                body: .json(
                    .init(
                        _type: .featureCollection,
                        features: try found.map { try Components.Schemas.WorkFeature($0.0, $0.1, names: names) }))))
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
