import Domain
import Foundation
import ReportingAPI
import Store

/// The reporting API: permits and works visible to the caller, 25 a page (R-DATA-01).
struct ReportingAPIHandler: ReportingAPI.APIProtocol {
    let services: AppServices

    static let pageSize = 25
    /// R-DATA-01: `total_rows` is capped at 501.
    static let totalCap = 501

    func getStatus(_ input: Operations.GetStatus.Input) async throws -> Operations.GetStatus.Output {
        .ok(.init(body: .json(.init(status: .ok, api: "reporting", version: AppServices.apiVersion))))
    }

    func getPermits(_ input: Operations.GetPermits.Input) async throws -> Operations.GetPermits.Output {
        let q = input.query
        let principal = try RequestScope.principal()
        let scope = try await VisibilityScope.of(principal, swaCode: q.swaCode, database: services.database)
        var clauses = [scope.clause]
        var binds = scope.binds
        func any(_ column: String, _ values: [String]?) {
            guard let values, !values.isEmpty else { return }
            // One value as equality, so the first page can be read in index order.
            clauses.append(
                values.count == 1
                    ? "\(column) = ?" : "\(column) IN (\(values.map { _ in "?" }.joined(separator: ", ")))")
            binds += values.map { .text($0) }
        }
        func flag(_ column: String, _ value: Bool?) {
            guard let value else { return }
            clauses.append("\(column) = ?")
            binds.append(.bool(value))
        }
        func on(_ sql: String, _ value: Date?) {
            guard let value else { return }
            clauses.append(sql)
            binds.append(.instant(value))
        }
        any("p.permit_status", q.status?.map(\.rawValue))
        any("w.work_status", q.workStatus?.map(\.rawValue))
        any("p.work_category", q.workCategory?.map(\.rawValue))
        flag("p.is_early_start", q.isEarlyStart)
        flag("p.is_deemed", q.isDeemed)
        flag("p.ever_modification_requested", q.everModificationRequested)
        if q.activePermitOnly == true { clauses.append("w.active_permit_reference_number = p.permit_reference_number") }
        // Proposed dates overlapping the window.
        on("p.proposed_end_date >= ?", q.startDate)
        on("p.proposed_start_date <= ?", q.endDate)
        on("p.actual_start_date >= ?", q.workStartDateFrom)
        on("p.actual_start_date <= ?", q.workStartDateTo)
        on("p.actual_stop_date >= ?", q.workEndDateFrom)
        on("p.actual_stop_date <= ?", q.workEndDateTo)
        on("p.date_created >= ?", q.startDateCreated)
        on("p.date_created <= ?", q.endDateCreated)
        if let usrn = q.usrn {
            guard let number = Int64(usrn) else { throw AppError.invalid(field: "usrn", "must be a whole number") }
            clauses.append("p.usrn = ?")
            binds.append(.int(number))
        }
        if let prn = q.permitReferenceNumber {
            clauses.append("p.permit_reference_number = ?")
            binds.append(.text(prn.uppercased()))
        }
        if let wrn = q.workReferenceNumber {
            clauses.append("p.work_reference_number = ?")
            binds.append(.text(wrn.uppercased()))
        }
        if let street = q.streetDescriptor, !street.isEmpty {
            clauses.append("LOWER(p.street_name) LIKE ?")
            binds.append(.text("%\(street.lowercased())%"))
        }
        if let organisation = q.organisation, !organisation.isEmpty {
            clauses.append("(p.promoter_swa_code = ? OR p.highway_authority_swa_code = ?)")
            binds += [.text(organisation), .text(organisation)]
        }
        let column: String =
            switch q.sortColumn {
            case .deadlineDate: "p.deadline_date"
            case .endDate, .reasonablePeriodEndDate: "p.proposed_end_date"
            case .startDate: "p.proposed_start_date"
            case .statusChangedDate: "p.date_modified"
            case .dateCreated, .none: "p.date_created"
            }
        let direction = q.sortDirection == .asc ? "ASC" : "DESC"
        let offset = max(0, Int(q.offset ?? 0))
        let summaries = PermitSummaries(database: services.database)
        let clause = clauses.joined(separator: " AND ")
        var rows = try await summaries.rows(
            where: clause, binds: binds, order: "\(column) \(direction), p.permit_reference_number \(direction)",
            limit: Self.pageSize + 1, offset: offset)
        let hasNext = rows.count > Self.pageSize
        rows = Array(rows.prefix(Self.pageSize))
        var pagination: [String: Any] = [
            "has_next_page": hasNext, "total_rows": offset + rows.count + (hasNext ? 1 : 0),
        ]
        if q.includeTotalCount == true {
            pagination["total_rows"] = try await summaries.count(where: clause, binds: binds, cap: Self.totalCap)
        }
        let object: [String: Any] = ["pagination": pagination, "rows": rows]
        return .ok(
            .init(body: .json(try WorkResponses.decode(object, as: Components.Schemas.PermitReportingResponse.self))))
    }

    func getWorks(_ input: Operations.GetWorks.Input) async throws -> Operations.GetWorks.Output {
        let principal = try RequestScope.principal()
        let scope = try await VisibilityScope.of(
            principal, swaCode: input.query.swaCode, prefix: "w", database: services.database)
        var clause = scope.clause
        var binds = scope.binds
        if let wrn = input.query.workReferenceNumber {
            clause += " AND w.work_reference_number LIKE ?"
            binds.append(.text("\(wrn.uppercased())%"))
        }
        let rows = try await services.database.query(
            """
            SELECT w.work_reference_number, w.street_name, w.town, w.area_name, w.work_status, w.created_at,
            p.actual_start_date, p.actual_stop_date, p.proposed_start_date, p.proposed_end_date, p.payload
            FROM works w LEFT JOIN permits p ON p.permit_reference_number = w.active_permit_reference_number
            WHERE \(clause) ORDER BY w.created_at DESC LIMIT ?
            """, binds + [.int(Int64(Self.pageSize))])
        let objects = rows.map { row -> [String: Any] in
            let payload =
                (try? JSONSerialization.jsonObject(with: Data((row.string("payload") ?? "{}").utf8))) as? [String: Any]
                ?? [:]
            let start =
                row.instant("actual_start_date") ?? row.instant("proposed_start_date") ?? Date(timeIntervalSince1970: 0)
            let end = row.instant("actual_stop_date") ?? row.instant("proposed_end_date") ?? start
            return [
                "work_reference_number": row.string("work_reference_number") ?? "",
                "location_description": payload["works_location_description"] as? String ?? "",
                "street": row.string("street_name") ?? "", "town": row.string("town") ?? "",
                "area": row.string("area_name") ?? "", "work_status": row.string("work_status") ?? "",
                "work_status_string": row.string("work_status") ?? "", "work_start_date": ISO8601.format(start),
                "work_end_date": ISO8601.format(end),
            ]
        }
        return .ok(
            .init(
                body: .json(
                    try WorkResponses.decode(["rows": objects], as: Components.Schemas.WorkSearchReportingResponse.self)
                )))
    }
}
