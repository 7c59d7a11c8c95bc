import Domain
import Foundation

/// An ancillary information item on the map (`GET /geojson/ancillary-informations`,
/// R-DATA-03): what the item says, its points, and its permit's works.
public struct AncillaryInfoMapRow: Sendable, Hashable {
    public var reference: String
    public var permitReferenceNumber: String
    public var workReferenceNumber: String
    public var promoterSWACode: String
    public var type: AncillaryInfoType
    public var status: AncillaryInfoStatus
    public var locationDescription: String?
    /// The GeoJSON Points as sent, a JSON array.
    public var coordinates: String
    public var usrns: [Int]
    public var dateCreated: Date

    init(row: SQLRow) throws {
        reference = try row.requireString("ancillary_info_reference_number")
        permitReferenceNumber = try row.requireString("permit_reference_number")
        workReferenceNumber = try row.requireString("work_reference_number")
        promoterSWACode = try row.requireString("promoter_swa_code")
        type = try row.value("ancillary_info_type")
        status = try row.value("ancillary_info_status")
        locationDescription = row.string("location_description")
        coordinates = try row.requireString("ancillary_info_coordinates")
        usrns = AncillaryInfoRepository.usrns(from: try row.requireString("usrns"))
        dateCreated = try row.requireInstant("date_created")
    }

    /// Added items (a removed one is no longer on the street, D-ANCILLARY-INFO) whose box meets
    /// the map's box, their permit's works overlapping the date window (the actual dates where
    /// logged, the proposed ones otherwise, as the works map reads them): candidates for the
    /// exact test of their points. The box comes from the items' own spatial index (migration 22).
    public static let list: ListDescription<AncillaryInfoMapRow> = {
        var list = ListDescription<AncillaryInfoMapRow>(
            from:
                "ancillary_information a JOIN permits p ON p.permit_reference_number = a.permit_reference_number",
            columns: """
                a.ancillary_info_reference_number, a.permit_reference_number, a.work_reference_number, \
                a.promoter_swa_code, a.ancillary_info_type, a.ancillary_info_status, a.location_description, \
                a.ancillary_info_coordinates, a.usrns, a.date_created
                """,
            filters: [
                ListFilter(
                    "minEasting", "",
                    .boundingBox(
                        ["minEasting", "minNorthing", "maxEasting", "maxNorthing"], rtree: "r", table: "a",
                        box: "ancillary_info_box")),
                ListFilter("start_date", "COALESCE(p.actual_stop_date, p.proposed_end_date)", .from, .instant),
                ListFilter("end_date", "COALESCE(p.actual_start_date, p.proposed_start_date)", .to, .instant),
                ListFilter(
                    "ancillary_info_reference_number", "a.ancillary_info_reference_number", .equals, .upperText),
            ],
            sorts: [:], defaultSort: "a.ancillary_info_reference_number",
            tieBreaker: "a.ancillary_info_reference_number", promoterColumn: "a.promoter_swa_code",
            highwayAuthorityColumn: "a.highway_authority_swa_code", workstreamColumn: nil,
            restriction: "a.ancillary_info_status = 'added'", defaultAscending: true,
            decode: AncillaryInfoMapRow.init(row:))
        // The candidates come from the items' R*Tree on SQLite.
        list.dialectFrom[.sqlite] = (
            "ancillary_information_rtree r JOIN ancillary_information a ON a.rowid = r.id "
                + "JOIN permits p ON p.permit_reference_number = a.permit_reference_number", "r.id"
        )
        return list
    }()
}
