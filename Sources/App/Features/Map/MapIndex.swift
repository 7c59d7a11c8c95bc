import Contract
import Domain
import Foundation
import Logging
import Store

/// The map's spatial index is the bounding box stored with each works record.
enum MapIndex {
    static func bounds(_ geometry: JSONValue) -> Bounds? {
        Geometry(geoJSON: geometry).map(Bounds.init)
    }

    /// Works records made before boxes were stored get theirs, a batch at a time, when a server
    /// starts (the box is computed from the stored geometry).
    static func fillMissingBounds(database: any Database, logger: Logger) async throws {
        var filled = 0
        while true {
            let missing = try await WorkRepository(database).withoutBounds(limit: 1_000)
            if missing.isEmpty { break }
            try await database.transaction { tx in
                let works = WorkRepository(tx)
                for (reference, coordinates) in missing {
                    // A geometry that cannot be read gets an empty box far away, so it is not asked again.
                    let box =
                        (try? JSONValue.parse(coordinates)).flatMap(bounds)
                        ?? Bounds(minEasting: -1, minNorthing: -1, maxEasting: -1, maxNorthing: -1)
                    try await works.setBounds(reference, box)
                }
            }
            filled += missing.count
        }
        if filled > 0 { logger.info("stored map boxes of earlier works", metadata: ["count": "\(filled)"]) }
    }
}

extension Bounds {
    init(_ geometry: Geometry) {
        let b = geometry.bounds
        self.init(
            minEasting: b.minEasting, minNorthing: b.minNorthing, maxEasting: b.maxEasting, maxNorthing: b.maxNorthing)
    }
}
