import Domain
import Foundation

/// One row of the forward plans list (`GET /reporting/forward-plans` and its CSV export): a
/// plan with its works record.
public struct ForwardPlanSummaryRow: Sendable, Hashable {
    public var reference: String
    public var workReferenceNumber: String
    public var promoterSWACode: String
    public var highwayAuthoritySWACode: String
    public var worksLocationDescription: String
    public var streetName: String
    public var town: String?
    public var areaName: String?
    public var startDate: Date
    public var endDate: Date
    public var status: ForwardPlanStatus
    public var dateCreated: Date

    init(row: SQLRow) throws {
        reference = try row.requireString("forward_plan_reference_number")
        workReferenceNumber = try row.requireString("work_reference_number")
        promoterSWACode = try row.requireString("promoter_swa_code")
        highwayAuthoritySWACode = try row.requireString("highway_authority_swa_code")
        worksLocationDescription = try row.requireString("works_location_description")
        streetName = try row.requireString("street_name")
        town = row.string("town")
        areaName = row.string("area_name")
        startDate = try row.requireInstant("start_date")
        endDate = try row.requireInstant("end_date")
        status = try row.value("forward_plan_status")
        dateCreated = try row.requireInstant("date_created")
    }

    /// The forward plans list: each query parameter of `GET /reporting/forward-plans` mapped to its
    /// column (D-FORWARD-PLANS). The works' actual dates are those of the application the plan
    /// was progressed into (the works record's active permit).
    public static let list = ListDescription<ForwardPlanSummaryRow>(
        from: """
            forward_plans f JOIN works w ON w.work_reference_number = f.work_reference_number \
            LEFT JOIN permits p ON p.permit_reference_number = w.active_permit_reference_number
            """,
        columns: """
            f.forward_plan_reference_number, f.work_reference_number, f.promoter_swa_code, \
            f.highway_authority_swa_code, f.works_location_description, w.street_name, w.town, w.area_name, \
            f.start_date, f.end_date, f.forward_plan_status, f.date_created
            """,
        filters: [
            ListFilter("forward_plan_status", "f.forward_plan_status", .anyOf),
            // The plan's dates overlapping the window, as the permits list reads its dates.
            ListFilter("proposed_start_date", "f.end_date", .from, .instant),
            ListFilter("proposed_end_date", "f.start_date", .to, .instant),
            ListFilter("work_start_date_from", "p.actual_start_date", .from, .instant),
            ListFilter("work_start_date_to", "p.actual_start_date", .to, .instant),
            ListFilter("work_end_date_from", "p.actual_stop_date", .from, .instant),
            ListFilter("work_end_date_to", "p.actual_stop_date", .to, .instant),
            ListFilter(
                "organisation", "",
                .condition("(f.promoter_swa_code = ? OR f.highway_authority_swa_code = ?)", uses: 2)),
            ListFilter("street_descriptor", "w.street_name", .contains),
            ListFilter("usrn", "w.usrn", .equals, .integer),
            ListFilter("forward_plan_reference_number", "f.forward_plan_reference_number", .equals, .upperText),
            ListFilter(
                "geographical_area_reference_number", "",
                .unsupported("geographical areas (R-VAL-14) are not built yet")),
        ],
        sorts: ["start_date": "f.start_date", "end_date": "f.end_date"], defaultSort: "f.date_created",
        tieBreaker: "f.forward_plan_reference_number", promoterColumn: "f.promoter_swa_code",
        highwayAuthorityColumn: "f.highway_authority_swa_code", workstreamColumn: "f.workstream_prefix",
        decode: ForwardPlanSummaryRow.init(row:))
}

/// A forward plan on the map (`GET /geojson/forward-plans`, R-DATA-03): its works record's
/// geometry and what the plan says.
public struct ForwardPlanMapRow: Sendable, Hashable {
    public var reference: String
    public var workReferenceNumber: String
    public var promoterSWACode: String
    public var status: ForwardPlanStatus
    /// GeoJSON geometry, as JSON text.
    public var worksCoordinates: String
    public var streetName: String
    public var areaName: String?
    public var startDate: Date
    public var endDate: Date
    public var descriptionOfWork: String
    public var worksLocationDescription: String

    init(row: SQLRow) throws {
        reference = try row.requireString("forward_plan_reference_number")
        workReferenceNumber = try row.requireString("work_reference_number")
        promoterSWACode = try row.requireString("promoter_swa_code")
        status = try row.value("forward_plan_status")
        worksCoordinates = try row.requireString("works_coordinates")
        streetName = try row.requireString("street_name")
        areaName = row.string("area_name")
        startDate = try row.requireInstant("start_date")
        endDate = try row.requireInstant("end_date")
        descriptionOfWork = try row.requireString("description_of_work")
        worksLocationDescription = try row.requireString("works_location_description")
    }

    /// Forward plans whose works' bounding box meets the map's box, inside the date window (the
    /// plan's dates overlapping it): candidates for the exact test of their geometry. The box
    /// comes from the works records' spatial index, as for the works map (D-GEOJSON).
    public static let list: ListDescription<ForwardPlanMapRow> = {
        var list = ListDescription<ForwardPlanMapRow>(
            from: "forward_plans f JOIN works w ON w.work_reference_number = f.work_reference_number",
            columns: """
                f.forward_plan_reference_number, f.work_reference_number, f.promoter_swa_code, f.forward_plan_status, \
                w.works_coordinates, w.street_name, w.area_name, f.start_date, f.end_date, f.description_of_work, \
                f.works_location_description
                """,
            filters: [
                ListFilter(
                    "minEasting", "",
                    .boundingBox(["minEasting", "minNorthing", "maxEasting", "maxNorthing"], rtree: "r", table: "w")),
                ListFilter("start_date", "f.end_date", .from, .instant),
                ListFilter("end_date", "f.start_date", .to, .instant),
                ListFilter("forward_plan_reference_number", "f.forward_plan_reference_number", .equals, .upperText),
            ],
            sorts: [:], defaultSort: "f.forward_plan_reference_number", tieBreaker: "f.forward_plan_reference_number",
            promoterColumn: "f.promoter_swa_code", highwayAuthorityColumn: "f.highway_authority_swa_code",
            workstreamColumn: nil, defaultAscending: true, decode: ForwardPlanMapRow.init(row:))
        // The candidates come from the works' R*Tree on SQLite (migration 13), as the works map's.
        list.dialectFrom[.sqlite] = (
            "works_rtree r JOIN works w ON w.rowid = r.id "
                + "JOIN forward_plans f ON f.work_reference_number = w.work_reference_number", "r.id"
        )
        return list
    }()
}
