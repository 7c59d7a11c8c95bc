import Contract
import Domain
import Foundation
import GeoJSONAPI
import OpenAPIRuntime
import Store

/// GeoJSON API: the ancillary information whose points meet the box (R-DATA-03, R-PERMIT-24,
/// D-GEOJSON, D-ANCILLARY-INFO): every organisation's added items to every signed-in user, with
/// the works map's limits (a box too large, or more features than allowed, is a 403). Each point
/// of an item inside the box is a feature (the contract's geometries have no MultiPoint) carrying
/// the item: its reference, all its points and their centre.
extension GeoJSONAPIHandler {
    func getAncillaryInformationIntersectBoundingBox(
        _ input: Operations.GetAncillaryInformationIntersectBoundingBox.Input
    ) async throws -> Operations.GetAncillaryInformationIntersectBoundingBox.Output {
        let query = MapQuery(services: services)
        let raw = try RawRequest.current()
        let box = try query.box(raw)
        let request = ListRequest(
            query: raw.query, visibility: .everything(organisation: try RequestScope.principal().organisationReference))
        let maximum = services.mapLimits.maximumFeatures
        var found: [(row: AncillaryInfoMapRow, point: Int, points: [[Double]])] = []
        var after: SQLValue? = nil
        while true {
            let candidates = try await ListDescription<AncillaryInfoMapRow>.mapErrors {
                try await AncillaryInfoMapRow.list.rows(
                    request, after: after, limit: MapQuery.batch, in: services.database)
            }
            after = candidates.last?.key
            for (_, row) in candidates {
                let points = AncillaryInfoMapRow.points(row.coordinates)
                for (index, point) in points.enumerated()
                where Geometry.point(point).intersects(
                    minEasting: box.minEasting, minNorthing: box.minNorthing, maxEasting: box.maxEasting,
                    maxNorthing: box.maxNorthing)
                {
                    found.append((row, index, points))
                    if found.count > maximum { throw AppError(.forbidden, MapQuery.refine) }
                }
            }
            if candidates.count < MapQuery.batch { break }
        }
        let names = try await OrganisationNames.shared.names(
            Set(found.map { $0.row.promoterSWACode }), database: services.database)
        return .ok(
            .init(
                body: .json(
                    .init(
                        _type: .featureCollection,
                        features: try found.map {
                            try Components.Schemas.AncillaryInfoFeature(
                                $0.row, point: $0.point, of: $0.points, names: names)
                        }))))
    }
}

extension AncillaryInfoMapRow {
    /// The positions of stored GeoJSON Points, in order.
    static func points(_ stored: String) -> [[Double]] {
        guard let value = try? JSONValue.parse(stored), let elements = value.arrayValue else { return [] }
        return elements.compactMap {
            guard case .point(let position)? = Geometry(geoJSON: $0) else { return nil }
            return position
        }
    }
}

extension Components.Schemas.AncillaryInfoFeature {
    /// The item's point `index` (of `points`) as a feature.
    init(_ r: AncillaryInfoMapRow, point index: Int, of points: [[Double]], names: [String: String]) throws {
        let stored = try StoredJSON.decode([Components.Schemas.StoredGeometry].self, from: r.coordinates)
        guard stored.indices.contains(index) else {
            throw AppError(.internalServerError, "Ancillary information \(r.reference) has no point \(index)")
        }
        self.init(
            _type: .feature,
            geometry: .init(_type: .point, typeString: "Point", coordinates: stored[index].coordinates),
            properties: .init(
                workReferenceNumber: r.workReferenceNumber, permitReferenceNumber: r.permitReferenceNumber,
                ancillaryInfoReferenceNumber: r.reference, locationDescription: r.locationDescription ?? "",
                ancillaryInfoType: try Wire.map(r.type), ancillaryInfoStatus: try Wire.map(r.status),
                ancillaryInfoTypeString: r.type.rawValue, ancillaryInfoStatusString: r.status.rawValue,
                ancillaryInfoCentrePoint: .init(_type: .point, coordinates: AncillaryInfoRules.centrePoint(points)),
                ancillaryInfoCoordinates: try StoredJSON.decode([OpenAPIValueContainer].self, from: r.coordinates),
                promoterOrganisation: names[r.promoterSWACode] ?? r.promoterSWACode, dateCreated: r.dateCreated,
                usrns: r.usrns.map(Double.init)))
    }
}
