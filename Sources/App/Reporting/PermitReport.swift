import Contract
import Domain
import Foundation
import Store

/// `GET /reporting/permits`: the permits visible to the caller, filtered, sorted and 25 a page
/// (R-DATA-01), as JSON.
struct PermitReport {
    let database: any SQLExecutor

    static let pageSize = 25
    /// R-DATA-01: `total_rows` is capped at 501.
    static let totalCap = 501

    func render(_ q: DirectRequest, principal: Principal) async throws -> JSONValue {
        let scope = try await VisibilityScope.of(principal, swaCode: q.string("swa_code"), database: database)
        var clauses = [scope.clause]
        var binds = scope.binds
        func any(_ column: String, _ name: String) {
            guard let values = q.strings(name), !values.isEmpty else { return }
            // One value as equality, so the first page can be read in index order.
            clauses.append(
                values.count == 1
                    ? "\(column) = ?" : "\(column) IN (\(values.map { _ in "?" }.joined(separator: ", ")))")
            binds += values.map { .text($0) }
        }
        func flag(_ column: String, _ name: String) {
            guard let value = q.bool(name) else { return }
            clauses.append("\(column) = ?")
            binds.append(.bool(value))
        }
        func on(_ sql: String, _ name: String) throws {
            guard let value = try q.date(name) else { return }
            clauses.append(sql)
            binds.append(.instant(value))
        }
        any("p.permit_status", "status")
        any("w.work_status", "work_status")
        any("p.work_category", "work_category")
        flag("p.is_early_start", "is_early_start")
        flag("p.is_deemed", "is_deemed")
        flag("p.ever_modification_requested", "ever_modification_requested")
        if q.bool("active_permit_only") == true {
            clauses.append("w.active_permit_reference_number = p.permit_reference_number")
        }
        // Proposed dates overlapping the window.
        try on("p.proposed_end_date >= ?", "start_date")
        try on("p.proposed_start_date <= ?", "end_date")
        try on("p.actual_start_date >= ?", "work_start_date_from")
        try on("p.actual_start_date <= ?", "work_start_date_to")
        try on("p.actual_stop_date >= ?", "work_end_date_from")
        try on("p.actual_stop_date <= ?", "work_end_date_to")
        try on("p.date_created >= ?", "start_date_created")
        try on("p.date_created <= ?", "end_date_created")
        try on("p.proposed_end_date >= ?", "reasonable_period_end_date_from")
        try on("p.proposed_end_date <= ?", "reasonable_period_end_date_to")
        if let usrn = q.string("usrn") {
            guard let number = Int64(usrn) else { throw AppError.invalid(field: "usrn", "must be a whole number") }
            clauses.append("p.usrn = ?")
            binds.append(.int(number))
        }
        if let prn = q.string("permit_reference_number") {
            clauses.append("p.permit_reference_number = ?")
            binds.append(.text(prn.uppercased()))
        }
        if let wrn = q.string("work_reference_number") {
            clauses.append("p.work_reference_number = ?")
            binds.append(.text(wrn.uppercased()))
        }
        if let street = q.string("street_descriptor"), !street.isEmpty {
            clauses.append("LOWER(p.street_name) LIKE ?")
            binds.append(.text("%\(street.lowercased())%"))
        }
        if let organisation = q.string("organisation"), !organisation.isEmpty {
            clauses.append("(p.promoter_swa_code = ? OR p.highway_authority_swa_code = ?)")
            binds += [.text(organisation), .text(organisation)]
        }
        let column: String =
            switch q.string("sort_column") {
            case "deadline_date": "p.deadline_date"
            case "end_date", "reasonable_period_end_date": "p.proposed_end_date"
            case "start_date": "p.proposed_start_date"
            case "status_changed_date": "p.date_modified"
            default: "p.date_created"
            }
        let direction = q.string("sort_direction") == "asc" ? "ASC" : "DESC"
        let offset = max(0, Int(q.number("offset") ?? 0))
        let summaries = PermitSummaries(database: database)
        let clause = clauses.joined(separator: " AND ")
        var rows = try await summaries.rows(
            where: clause, binds: binds, order: "\(column) \(direction), p.permit_reference_number \(direction)",
            limit: Self.pageSize + 1, offset: offset)
        let hasNext = rows.count > Self.pageSize
        rows = Array(rows.prefix(Self.pageSize))
        var total = offset + rows.count + (hasNext ? 1 : 0)
        if q.bool("include_total_count") == true {
            total = try await summaries.count(where: clause, binds: binds, cap: Self.totalCap)
        }
        return [
            "pagination": ["has_next_page": .bool(hasNext), "total_rows": .int(total)],
            "rows": .array(rows),
        ]
    }
}
