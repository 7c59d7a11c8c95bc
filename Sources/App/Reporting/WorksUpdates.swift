import Contract
import Domain
import Foundation
import Store

/// `GET /event/works/updates`: the works history (the append-only event log) as polled by
/// integrations (R-DATA-02).
struct WorksUpdates {
    let database: any SQLExecutor

    static let defaultPageSize = 100
    static let maximumPageSize = 250

    /// R-DATA-02: rows after `update_id` (or inside the time window), oldest first; `next_update`
    /// is the `update_id` to ask from next. Rows are in commit order, so polling loses none.
    func render(_ q: DirectRequest, principal: Principal) async throws -> JSONValue {
        let requested = q.number("page_size") ?? Double(Self.defaultPageSize)
        guard requested.rounded() == requested, (1...Double(Self.maximumPageSize)).contains(requested) else {
            throw AppError.invalid(field: "page_size", "must be a whole number between 1 and \(Self.maximumPageSize)")
        }
        let pageSize = Int(requested)
        let start = try q.date("start_date")
        let end = try q.date("end_date")
        if let start, let end, end < start {
            throw AppError.invalid(field: "end_date", "must be after start_date")
        }
        let scope = try await VisibilityScope.of(
            principal, swaCode: q.string("swa_code"), prefix: "h", database: database)
        var clauses = [scope.clause.replacingOccurrences(of: "h.workstream_prefix", with: "w.workstream_prefix")]
        var binds = scope.binds
        let updateID = try q.number("update_id").map { value -> Int64 in
            guard value.rounded() == value, value >= 0, value < 9e15 else {
                throw AppError.invalid(field: "update_id", "must be a whole number of at least 0")
            }
            return Int64(value)
        }
        if let updateID {
            clauses.append("h.update_id > ?")
            binds.append(.int(updateID))
        }
        if let start {
            clauses.append("h.action_date >= ?")
            binds.append(.instant(start))
        }
        if let end {
            clauses.append("h.action_date <= ?")
            binds.append(.instant(end))
        }
        if let excluded = q.string("exclude_events_from"), !excluded.isEmpty {
            clauses.append("(h.organisation_reference IS NULL OR h.organisation_reference <> ?)")
            binds.append(.text(excluded))
        }
        if let prefixes = q.strings("workstream_prefix"), !prefixes.isEmpty {
            clauses.append("w.workstream_prefix IN (\(prefixes.map { _ in "?" }.joined(separator: ", ")))")
            binds += prefixes.map { .text($0) }
        }
        let rows = try await database.query(
            """
            SELECT h.update_id, h.work_reference_number, h.permit_reference_number, h.object_reference, h.object_type,
            h.event, h.action_date FROM work_history h JOIN works w ON w.work_reference_number = h.work_reference_number
            WHERE \(clauses.joined(separator: " AND ")) ORDER BY h.update_id LIMIT ?
            """, binds + [.int(Int64(pageSize))])
        let objects = rows.map { row -> JSONValue in
            let type = JSONValue.string((row.string("object_type") ?? "work").lowercased())
            let event = JSONValue.string(row.string("event") ?? "")
            return .compact([
                "work_reference_number": .string(row.string("work_reference_number") ?? ""),
                "update_date_time": .instant(row.instant("action_date") ?? Date(timeIntervalSince1970: 0)),
                "update_id": .int(row.int64("update_id") ?? 0), "event_type": event, "event_type_string": event,
                "object_type": type, "object_type_string": type,
                "object_reference_number": .text(row.string("object_reference")),
                "parent_object_reference_number": .text(
                    row.string("permit_reference_number") ?? row.string("work_reference_number")),
            ])
        }
        return .compact(["rows": .array(objects), "next_update": .int(rows.last?.int64("update_id") ?? updateID)])
    }
}
