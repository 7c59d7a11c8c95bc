import Domain
import Testing

/// R-DATA-03: map queries find the works whose geometry meets the box, not only its bounds.
@Suite("Geometry: intersection with a bounding box")
struct GeometryIntersectionTests {
    /// The box [100, 200] × [100, 200].
    func hits(_ geometry: Geometry) -> Bool {
        geometry.intersects(minEasting: 100, minNorthing: 100, maxEasting: 200, maxNorthing: 200)
    }

    @Test("R-DATA-03: a point inside or on the edge of the box meets it; one just outside does not")
    func points() {
        #expect(hits(.point([150, 150])))
        #expect(hits(.point([100, 200])))
        #expect(!hits(.point([99.99, 150])))
        #expect(!hits(.point([150, 200.01])))
    }

    @Test("R-DATA-03: a line crossing the box meets it though no vertex is inside; one passing its corner does not")
    func lines() {
        #expect(hits(.lineString([[50, 150], [250, 150]])))  // straight through
        #expect(hits(.lineString([[150, 150], [300, 300]])))  // starts inside
        #expect(hits(.lineString([[50, 50], [100, 100]])))  // touches a corner
        // Its bounds overlap the box, but it passes below the corner (100, 100).
        #expect(!hits(.lineString([[50, 120], [120, 50]])))
        #expect(!hits(.lineString([[0, 0], [50, 400]])))
    }

    @Test(
        "R-DATA-03: a polygon overlapping, containing or inside the box meets it; one round it with the box in its hole does not"
    )
    func polygons() {
        let around: [[Double]] = [[0, 0], [300, 0], [300, 300], [0, 300], [0, 0]]
        let hole: [[Double]] = [[90, 90], [210, 90], [210, 210], [90, 210], [90, 90]]
        #expect(hits(.polygon([around])))  // contains the box
        #expect(!hits(.polygon([around, hole])))  // the box sits in its hole
        #expect(hits(.polygon([[[120, 120], [180, 120], [180, 180], [120, 120]]])))  // inside the box
        #expect(hits(.polygon([[[150, 50], [250, 150], [150, 250], [50, 150], [150, 50]]])))  // overlapping
        // A triangle whose bounds overlap the box but which stops short of its corner (100, 100).
        #expect(!hits(.polygon([[[0, 0], [190, 0], [0, 190], [0, 0]]])))
        #expect(hits(.polygon([[[0, 0], [210, 0], [0, 210], [0, 0]]])))
        #expect(!hits(.polygon([[[210, 210], [300, 210], [300, 300], [210, 210]]])))
    }
}
