import Domain
import EventAPI
import Foundation
import Store

/// The event API: polling the works history (the append-only event log) and permit search.
struct EventAPIHandler: EventAPI.APIProtocol {
    let services: AppServices

    static let defaultPageSize = 100
    static let maximumPageSize = 250

    func getStatus(_ input: Operations.GetStatus.Input) async throws -> Operations.GetStatus.Output {
        .ok(.init(body: .json(.init(status: .ok, api: "event", version: AppServices.apiVersion))))
    }

    /// R-DATA-02: rows after `update_id` (or inside the time window), oldest first; `next_update`
    /// is the `update_id` to ask from next. Rows are in commit order, so polling loses none.
    func getWorksUpdates(_ input: Operations.GetWorksUpdates.Input) async throws -> Operations.GetWorksUpdates.Output {
        let q = input.query
        let pageSize = Int(q.pageSize ?? Double(Self.defaultPageSize))
        guard (1...Self.maximumPageSize).contains(pageSize), Double(pageSize) == (q.pageSize ?? Double(pageSize)) else {
            throw AppError.invalid(field: "page_size", "must be a whole number between 1 and \(Self.maximumPageSize)")
        }
        if let start = q.startDate, let end = q.endDate, end < start {
            throw AppError.invalid(field: "end_date", "must be after start_date")
        }
        let principal = try RequestScope.principal()
        let scope = try await VisibilityScope.of(
            principal, swaCode: q.swaCode, prefix: "h", database: services.database)
        var clauses = [scope.clause.replacingOccurrences(of: "h.workstream_prefix", with: "w.workstream_prefix")]
        var binds = scope.binds
        if let updateID = q.updateId {
            clauses.append("h.update_id > ?")
            binds.append(.int(Int64(updateID)))
        }
        if let start = q.startDate {
            clauses.append("h.action_date >= ?")
            binds.append(.instant(start))
        }
        if let end = q.endDate {
            clauses.append("h.action_date <= ?")
            binds.append(.instant(end))
        }
        if let excluded = q.excludeEventsFrom, !excluded.isEmpty {
            clauses.append("(h.organisation_reference IS NULL OR h.organisation_reference <> ?)")
            binds.append(.text(excluded))
        }
        if let prefixes = q.workstreamPrefix, !prefixes.isEmpty {
            clauses.append("w.workstream_prefix IN (\(prefixes.map { _ in "?" }.joined(separator: ", ")))")
            binds += prefixes.map { .text($0) }
        }
        let rows = try await services.database.query(
            """
            SELECT h.update_id, h.work_reference_number, h.permit_reference_number, h.object_reference, h.object_type,
            h.event, h.action_date FROM work_history h JOIN works w ON w.work_reference_number = h.work_reference_number
            WHERE \(clauses.joined(separator: " AND ")) ORDER BY h.update_id LIMIT ?
            """, binds + [.int(Int64(pageSize))])
        let objects = rows.map { row -> [String: Any] in
            let type = (row.string("object_type") ?? "work").lowercased()
            var object: [String: Any] = [
                "work_reference_number": row.string("work_reference_number") ?? "",
                "update_date_time": ISO8601.format(row.instant("action_date") ?? Date(timeIntervalSince1970: 0)),
                "update_id": row.int64("update_id") ?? 0, "event_type": row.string("event") ?? "",
                "event_type_string": row.string("event") ?? "", "object_type": type, "object_type_string": type,
            ]
            object["object_reference_number"] = row.string("object_reference")
            object["parent_object_reference_number"] =
                row.string("permit_reference_number") ?? row.string("work_reference_number")
            return object
        }
        var response: [String: Any] = ["rows": objects]
        response["next_update"] = rows.last?.int64("update_id") ?? q.updateId.map { Int64($0) }
        return .ok(
            .init(body: .json(try WorkResponses.decode(response, as: Components.Schemas.WorkUpdateResponse.self))))
    }

    /// R-DATA-02: up to 1000 work references, 100 to 500 rows a page, cursor-paged.
    func getPermitSummaries(_ input: Operations.GetPermitSummaries.Input) async throws
        -> Operations.GetPermitSummaries.Output
    {
        guard case .json(let body) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let principal = try RequestScope.principal()
        let scope = try await VisibilityScope.of(principal, swaCode: nil, database: services.database)
        var clauses = [scope.clause]
        var binds = scope.binds
        if let references = body.workReferenceNumbers, !references.isEmpty {
            clauses.append("p.work_reference_number IN (\(references.map { _ in "?" }.joined(separator: ", ")))")
            binds += references.map { .text($0.uppercased()) }
        }
        let cursor = Int(body.nextCursor ?? 0)
        let pageSize = Int(body.pageSize ?? 100)
        let rows = try await PermitSummaries(database: services.database).rows(
            where: clauses.joined(separator: " AND "), binds: binds, order: "p.date_created, p.permit_reference_number",
            limit: pageSize, offset: cursor)
        let next = rows.count == pageSize ? cursor + pageSize : 0
        return .created(
            .init(
                body: .json(
                    try WorkResponses.decode(
                        ["rows": rows, "next_cursor": next], as: Components.Schemas.PermitSearchReportingResponse.self))
            ))
    }
}
