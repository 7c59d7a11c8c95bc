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
    func rows(where clause: String, binds: [SQLValue], order: String, limit: Int, offset: Int) async throws -> [[String:
        Any]]
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

    static func summary(_ row: SQLRow, names: [String: String]) -> [String: Any] {
        let payload =
            (try? JSONSerialization.jsonObject(with: Data((row.string("payload") ?? "{}").utf8))) as? [String: Any]
            ?? [:]
        func instant(_ column: String) -> String? { row.instant(column).map(ISO8601.format) }
        let status = row.string("permit_status") ?? ""
        let category = row.string("work_category") ?? ""
        let promoter = row.string("promoter_swa_code") ?? ""
        let authority = row.string("highway_authority_swa_code") ?? ""
        let trafficManagement = payload["traffic_management_type"] as? String ?? ""
        let activity = payload["activity_type"] as? String ?? ""
        var object: [String: Any] = [
            "work_reference_number": row.string("work_reference_number") ?? "",
            "permit_reference_number": row.string("permit_reference_number") ?? "",
            "promoter_swa_code": promoter, "promoter_organisation": names[promoter] ?? promoter,
            "highway_authority": names[authority] ?? authority,
            "works_coordinates":
                (try? JSONSerialization.jsonObject(with: Data((row.string("works_coordinates") ?? "{}").utf8))) ?? [:],
            "location_description": payload["works_location_description"] as? String ?? "",
            "street": row.string("street_name") ?? "", "town": row.string("town") ?? "",
            "area": row.string("area_name") ?? "",
            "work_category": category, "work_category_string": category,
            "description_of_work": row.string("description_of_work") ?? "",
            "traffic_management_type": trafficManagement, "traffic_management_type_string": trafficManagement,
            "proposed_start_date": instant("proposed_start_date") ?? "",
            "proposed_end_date": instant("proposed_end_date") ?? "",
            "status": status, "status_string": status,
            "work_status": row.string("work_status") ?? "", "work_status_string": row.string("work_status") ?? "",
            "deadline_date": WorkResponses.day(row.string("deadline_date")) ?? "",
            "date_created": instant("date_created") ?? "", "status_changed_date": instant("date_modified") ?? "",
            "usrn": row.int("usrn") ?? 0,
            "is_active_permit": row.string("active_permit_reference_number") == row.string("permit_reference_number"),
            "road_category": row.int("road_category") ?? 0, "is_traffic_sensitive": false,
            "has_no_final_reinstatement": true, "is_deemed": row.bool("is_deemed") ?? false,
            "excavation_carried_out": payload["excavation"] as? Bool ?? false,
            "is_early_start": row.bool("is_early_start") ?? false,
            "is_high_impact_traffic_management": ["road_closure", "contra_flow", "lane_closure", "multi_way_signals"]
                .contains(trafficManagement),
            "is_lane_rental": payload["lane_rental_applicable"] as? Bool ?? false,
            "lane_rental_charges_not_agreed": false,
            "lane_rental_charges_potentially_apply": payload["lane_rental_applicable"] as? Bool ?? false,
            "activity_type": activity, "activity_type_string": activity,
        ]
        object["assessment_status"] = row.string("assessment_status")
        object["assessment_status_string"] = row.string("assessment_status")
        object["actual_start_date"] = instant("actual_start_date")
        object["actual_end_date"] = instant("actual_stop_date")
        object["proposed_start_time"] = payload["proposed_start_time"]
        object["proposed_end_time"] = payload["proposed_end_time"]
        object["reasonable_period_end_date"] = instant("proposed_end_date")
        return object
    }
}
