import Domain
import Foundation

/// A works record on the map (`GET /geojson/works`, R-DATA-03): its geometry and what its active
/// permit says.
public struct WorkMapRow: Sendable, Hashable {
    public var workReferenceNumber: String
    public var permitReferenceNumber: String?
    public var promoterSWACode: String
    public var highwayAuthoritySWACode: String
    /// GeoJSON geometry, as JSON text.
    public var worksCoordinates: String
    public var streetName: String
    public var usrn: Int
    public var town: String?
    public var areaName: String?
    public var workCategory: WorkCategory?
    public var permitStatus: PermitStatus?
    public var trafficManagementType: String?
    /// The works' dates: actual where logged, proposed otherwise.
    public var startDate: Date?
    public var endDate: Date?

    init(row: SQLRow) throws {
        workReferenceNumber = try row.requireString("work_reference_number")
        permitReferenceNumber = row.string("permit_reference_number")
        promoterSWACode = try row.requireString("promoter_swa_code")
        highwayAuthoritySWACode = try row.requireString("highway_authority_swa_code")
        worksCoordinates = try row.requireString("works_coordinates")
        streetName = try row.requireString("street_name")
        usrn = try row.requireInt("usrn")
        town = row.string("town")
        areaName = row.string("area_name")
        workCategory = try row.optionalValue("work_category")
        permitStatus = try row.optionalValue("permit_status")
        trafficManagementType = row.string("traffic_management_type")
        startDate = row.instant("start_date")
        endDate = row.instant("end_date")
    }

    /// The row in `cells` of a `list.scan`, read by position (`list`'s columns after the key):
    /// for the map's many candidates, cheaper than a row looked up by name.
    public init(cells c: SQLCells) throws {
        func text(_ index: Int) -> String? {
            c.kind(index) == .text ? c.withText(index) { String(decoding: $0, as: UTF8.self) } : nil
        }
        func required(_ index: Int, _ name: String) throws -> String {
            guard let value = text(index) else { throw StoreError.missingColumn(name) }
            return value
        }
        func value<T: RawRepresentable>(_ index: Int, _ name: String) throws -> T? where T.RawValue == String {
            guard let raw = text(index) else { return nil }
            guard let value = T(rawValue: raw) else { throw StoreError.unknownValue(column: name, value: raw) }
            return value
        }
        func instant(_ index: Int) -> Date? {
            switch c.kind(index) {
            case .integer: Date(timeIntervalSince1970: Double(c.int64(index)) / 1000)
            case .double: Date(timeIntervalSince1970: c.double(index) / 1000)
            case .null, .text, .blob: nil
            }
        }
        workReferenceNumber = try required(1, "work_reference_number")
        permitReferenceNumber = text(2)
        promoterSWACode = try required(3, "promoter_swa_code")
        highwayAuthoritySWACode = try required(4, "highway_authority_swa_code")
        worksCoordinates = try required(Self.coordinatesCell, "works_coordinates")
        streetName = try required(6, "street_name")
        usrn = Int(c.int64(7))
        town = text(8)
        areaName = text(9)
        workCategory = try value(10, "work_category")
        permitStatus = try value(11, "permit_status")
        trafficManagementType = text(12)
        startDate = instant(13)
        endDate = instant(14)
    }

    /// Where a scanned row holds `works_coordinates`.
    public static let coordinatesCell = 5

    /// Works records whose bounding box meets the map's box, inside the date window: the list the
    /// map query reads, candidates for the exact test of their geometry.
    public static let list: ListDescription<WorkMapRow> = {
        var list = ListDescription<WorkMapRow>(
            from: "works w LEFT JOIN permits p ON p.permit_reference_number = w.active_permit_reference_number",
            // In this order for `init(cells:)`.
            columns: """
                w.work_reference_number, p.permit_reference_number, w.promoter_swa_code, w.highway_authority_swa_code, \
                w.works_coordinates, w.street_name, w.usrn, w.town, w.area_name, p.work_category, p.permit_status, \
                p.traffic_management_type, COALESCE(p.actual_start_date, p.proposed_start_date) AS start_date, \
                COALESCE(p.actual_stop_date, p.proposed_end_date) AS end_date
                """,
            filters: [
                ListFilter(
                    "minEasting", "",
                    .boundingBox(["minEasting", "minNorthing", "maxEasting", "maxNorthing"], rtree: "r", table: "w")),
                ListFilter(
                    "start_date", "COALESCE(p.actual_stop_date, p.proposed_end_date)", .from, .instant,
                    indexed: [.sqlite: "r.end_ms"]),
                ListFilter(
                    "end_date", "COALESCE(p.actual_start_date, p.proposed_start_date)", .to, .instant,
                    indexed: [.sqlite: "r.start_ms"]),
                ListFilter("work_reference_number", "w.work_reference_number", .equals, .upperText),
            ],
            sorts: [:], defaultSort: "w.work_reference_number", tieBreaker: "w.work_reference_number",
            promoterColumn: "w.promoter_swa_code", highwayAuthorityColumn: "w.highway_authority_swa_code",
            workstreamColumn: nil,
            // A works record with no application yet (a forward plan's, R-FP-05) has no permit to
            // show: it is on the forward plans map.
            restriction: "w.active_permit_reference_number IS NOT NULL", defaultAscending: true,
            decode: WorkMapRow.init(row:))
        // The candidates come from the spatial index first: SQLite's R*Tree (box and dates,
        // migration 13) drives the query.
        list.dialectFrom[.sqlite] = (
            "works_rtree r JOIN works w ON w.rowid = r.id "
                + "LEFT JOIN permits p ON p.permit_reference_number = w.active_permit_reference_number", "r.id"
        )
        return list
    }()
}
