import Contract
import Domain
import Foundation
import Store

/// Permit summary rows for reporting and permit search: one query over permits and their works.
struct PermitSummaries {
    let database: any SQLExecutor

    static let columns =
        "p.permit_reference_number, p.work_reference_number, p.promoter_swa_code, p.highway_authority_swa_code, p.permit_status, p.assessment_status, p.work_category, p.is_deemed, p.is_early_start, p.proposed_start_date, p.proposed_end_date, p.actual_start_date, p.actual_stop_date, p.deadline_date, p.date_created, p.date_modified, p.description_of_work, p.street_name, p.usrn, p.payload, w.work_status, w.town, w.area_name, w.road_category, w.works_coordinates, w.active_permit_reference_number"

    /// Runs `SELECT … FROM permits p JOIN works w … WHERE <where> ORDER BY <order> LIMIT ? OFFSET ?`
    /// and returns the rows as `PermitSummaryResponse` JSON objects.
    func rows(where clause: String, binds: [SQLValue], order: String, limit: Int, offset: Int) async throws
        -> [JSONValue]
    {
        let sql = """
            SELECT \(Self.columns) FROM permits p JOIN works w ON w.work_reference_number = p.work_reference_number
            WHERE \(clause) ORDER BY \(order) LIMIT ? OFFSET ?
            """
        let rows = try await database.query(sql, binds + [.int(Int64(limit)), .int(Int64(offset))])
        let references = Set(
            rows.flatMap { [$0.string("promoter_swa_code") ?? "", $0.string("highway_authority_swa_code") ?? ""] })
        let names = try await OrganisationNames.shared.names(references, database: database)
        return rows.map { Self.summary($0, names: names) }
    }

    func count(where clause: String, binds: [SQLValue], cap: Int) async throws -> Int {
        let row = try await database.first(
            """
            SELECT COUNT(*) AS n FROM (SELECT 1 FROM permits p JOIN works w ON w.work_reference_number = p.work_reference_number
            WHERE \(clause) LIMIT \(cap)) capped
            """, binds)
        return row?.int("n") ?? 0
    }

    static let highImpactTrafficManagement: Set<String> = [
        "road_closure", "contra_flow", "lane_closure", "multi_way_signals",
    ]

    static func summary(_ row: SQLRow, names: [String: String]) -> JSONValue {
        let payload = JSONValue.storedObject(row.string("payload"))
        func instant(_ column: String) -> JSONValue { .instant(row.instant(column)) }
        func text(_ column: String) -> JSONValue { .string(row.string(column) ?? "") }
        let status = text("permit_status")
        let category = text("work_category")
        let promoter = row.string("promoter_swa_code") ?? ""
        let authority = row.string("highway_authority_swa_code") ?? ""
        let trafficManagement = payload["traffic_management_type"]?.stringValue ?? ""
        let activity = JSONValue.string(payload["activity_type"]?.stringValue ?? "")
        let laneRental = JSONValue.bool(payload["lane_rental_applicable"]?.boolValue ?? false)
        return .compact([
            "work_reference_number": text("work_reference_number"),
            "permit_reference_number": text("permit_reference_number"),
            "promoter_swa_code": .string(promoter), "promoter_organisation": .string(names[promoter] ?? promoter),
            "highway_authority": .string(names[authority] ?? authority),
            "works_coordinates": (try? JSONValue.parse(row.string("works_coordinates") ?? "{}")) ?? .object([:]),
            "location_description": .string(payload["works_location_description"]?.stringValue ?? ""),
            "street": text("street_name"), "town": text("town"), "area": text("area_name"),
            "work_category": category, "work_category_string": category,
            "description_of_work": text("description_of_work"),
            "traffic_management_type": .string(trafficManagement),
            "traffic_management_type_string": .string(trafficManagement),
            "proposed_start_date": instant("proposed_start_date"), "proposed_end_date": instant("proposed_end_date"),
            "status": status, "status_string": status,
            "work_status": text("work_status"), "work_status_string": text("work_status"),
            "deadline_date": .string(WorkResponses.day(row.string("deadline_date")) ?? ""),
            "date_created": instant("date_created"), "status_changed_date": instant("date_modified"),
            "usrn": .int(row.int("usrn") ?? 0),
            "is_active_permit": .bool(
                row.string("active_permit_reference_number") == row.string("permit_reference_number")),
            "road_category": .int(row.int("road_category") ?? 0), "is_traffic_sensitive": false,
            "has_no_final_reinstatement": true, "is_deemed": .bool(row.bool("is_deemed") ?? false),
            "excavation_carried_out": .bool(payload["excavation"]?.boolValue ?? false),
            "is_early_start": .bool(row.bool("is_early_start") ?? false),
            "is_high_impact_traffic_management": .bool(Self.highImpactTrafficManagement.contains(trafficManagement)),
            "is_lane_rental": laneRental, "lane_rental_charges_not_agreed": false,
            "lane_rental_charges_potentially_apply": laneRental,
            "activity_type": activity, "activity_type_string": activity,
            "assessment_status": .text(row.string("assessment_status")),
            "assessment_status_string": .text(row.string("assessment_status")),
            "actual_start_date": instant("actual_start_date"), "actual_end_date": instant("actual_stop_date"),
            "proposed_start_time": payload["proposed_start_time"] ?? .null,
            "proposed_end_time": payload["proposed_end_time"] ?? .null,
            "reasonable_period_end_date": instant("proposed_end_date"),
        ])
    }
}
