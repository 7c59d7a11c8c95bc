import Contract
import Domain
import Foundation
import GeoJSONAPI
import OpenAPIRuntime
import Store

/// GeoJSON API: forward plans whose works' geometry meets the box (R-DATA-03, D-GEOJSON,
/// D-FORWARD-PLANS): every organisation's plans to every signed-in user, with the works map's
/// limits (a box too large, or more features than allowed, is a 403).
extension GeoJSONAPIHandler {
    func getForwardPlansIntersectBoundingBox(_ input: Operations.GetForwardPlansIntersectBoundingBox.Input)
        async throws -> Operations.GetForwardPlansIntersectBoundingBox.Output
    {
        let query = MapQuery(services: services)
        let raw = try RawRequest.current()
        let box = try query.box(raw)
        let request = ListRequest(
            query: raw.query, visibility: .everything(organisation: try RequestScope.principal().organisationReference))
        let maximum = services.mapLimits.maximumFeatures
        var found: [(ForwardPlanMapRow, Geometry)] = []
        var after: SQLValue? = nil
        while true {
            let candidates = try await ListDescription<ForwardPlanMapRow>.mapErrors {
                try await ForwardPlanMapRow.list.rows(
                    request, after: after, limit: MapQuery.batch, in: services.database)
            }
            after = candidates.last?.key
            for (_, row) in candidates {
                guard let (geometry, _) = MapQuery.geometry(Array(row.worksCoordinates.utf8)),
                    geometry.intersects(
                        minEasting: box.minEasting, minNorthing: box.minNorthing, maxEasting: box.maxEasting,
                        maxNorthing: box.maxNorthing)
                else { continue }
                found.append((row, geometry))
                if found.count > maximum { throw AppError(.forbidden, MapQuery.refine) }
            }
            if candidates.count < MapQuery.batch { break }
        }
        let names = try await OrganisationNames.shared.names(
            Set(found.map { $0.0.promoterSWACode }), database: services.database)
        return .ok(
            .init(
                body: .json(
                    .init(
                        _type: .featureCollection,
                        features: try found.map { try Components.Schemas.ForwardPlanFeature($0.0, $0.1, names: names) }
                    ))))
    }
}

extension Components.Schemas.ForwardPlanFeature {
    init(_ r: ForwardPlanMapRow, _ geometry: Geometry, names: [String: String]) throws {
        let stored = try StoredJSON.decode(Components.Schemas.StoredGeometry.self, from: r.worksCoordinates)
        self.init(
            _type: .feature,
            geometry: .init(
                _type: try Wire.map(geometry.typeName), typeString: geometry.typeName, coordinates: stored.coordinates),
            properties: .init(
                forwardPlanReferenceNumber: r.reference, workReferenceNumber: r.workReferenceNumber,
                forwardPlanStatus: try Wire.map(r.status), forwardPlanStatusString: r.status.rawValue,
                workCentrePoint: .init(_type: .point, coordinates: geometry.centrePoint), street: r.streetName,
                area: r.areaName, startDate: r.startDate, endDate: r.endDate, descriptionOfWork: r.descriptionOfWork,
                promoterOrganisation: names[r.promoterSWACode] ?? r.promoterSWACode,
                locationDescription: r.worksLocationDescription))
    }
}
