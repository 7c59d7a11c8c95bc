import Domain
import Foundation

/// One row of the works list (`GET /reporting/works`): a works record with its active permit.
public struct WorkSummaryRow: Sendable, Hashable {
    public var workReferenceNumber: String
    public var streetName: String
    public var town: String?
    public var areaName: String?
    public var workStatus: WorkStatus
    public var worksLocationDescription: String?
    public var proposedStartDate: Date?
    public var proposedEndDate: Date?
    public var actualStartDate: Date?
    public var actualStopDate: Date?
    public var createdAt: Date

    init(row: SQLRow) throws {
        workReferenceNumber = try row.requireString("work_reference_number")
        streetName = try row.requireString("street_name")
        town = row.string("town")
        areaName = row.string("area_name")
        workStatus = try row.value("work_status")
        worksLocationDescription = row.string("works_location_description")
        proposedStartDate = row.instant("proposed_start_date")
        proposedEndDate = row.instant("proposed_end_date")
        actualStartDate = row.instant("actual_start_date")
        actualStopDate = row.instant("actual_stop_date")
        createdAt = try row.requireInstant("created_at")
    }

    /// The works list: works records by reference, newest first.
    public static let list = ListDescription<WorkSummaryRow>(
        from: "works w LEFT JOIN permits p ON p.permit_reference_number = w.active_permit_reference_number",
        columns: """
            w.work_reference_number, w.street_name, w.town, w.area_name, w.work_status, w.created_at, \
            p.works_location_description, p.actual_start_date, p.actual_stop_date, p.proposed_start_date, \
            p.proposed_end_date
            """,
        filters: [ListFilter("work_reference_number", "w.work_reference_number", .prefix)],
        sorts: [:], defaultSort: "w.created_at", tieBreaker: "w.work_reference_number",
        promoterColumn: "w.promoter_swa_code", highwayAuthorityColumn: "w.highway_authority_swa_code",
        workstreamColumn: "w.workstream_prefix", decode: WorkSummaryRow.init(row:))
}
