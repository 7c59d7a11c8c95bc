import Foundation

/// Multi-row inserts for bulk loading (the `generate` command): one statement per batch.
public struct BulkLoad: Sendable {
    let db: any SQLExecutor

    public init(_ db: any SQLExecutor) { self.db = db }

    static func valuesList(columns: Int, rows: Int) -> String {
        Array(repeating: "(\(SQL.placeholders(columns)))", count: rows).joined(separator: ", ")
    }

    public func insert(works: [WorkRow]) async throws {
        guard !works.isEmpty else { return }
        try await db.query(
            "INSERT INTO works (\(WorkRepository.columns)) VALUES \(Self.valuesList(columns: WorkRepository.columnCount, rows: works.count))",
            works.flatMap(WorkRepository.binds))
    }

    public func insert(permits all: [PermitRow]) async throws {
        // At most 500 rows a statement: SQLite binds at most 32,766 values.
        for start in stride(from: 0, to: all.count, by: 500) {
            try await insert(permitsChunk: Array(all[start..<min(start + 500, all.count)]))
        }
    }

    private func insert(permitsChunk permits: [PermitRow]) async throws {
        guard !permits.isEmpty else { return }
        try await db.query(
            "INSERT INTO permits (\(PermitRepository.permitColumns)) VALUES \(Self.valuesList(columns: PermitRepository.permitColumnCount, rows: permits.count))",
            permits.flatMap(PermitRepository.binds))
        try await db.query(
            "INSERT INTO permit_applications (\(PermitRepository.applicationColumns)) VALUES \(Self.valuesList(columns: PermitRepository.applicationColumnCount, rows: permits.count))",
            permits.flatMap(PermitRepository.applicationBinds))
    }

    public func insert(changeRequests: [ChangeRequestRow]) async throws {
        guard !changeRequests.isEmpty else { return }
        try await db.query(
            "INSERT INTO change_requests (\(ChangeRequestRepository.columns)) VALUES \(Self.valuesList(columns: ChangeRequestRepository.columnCount, rows: changeRequests.count))",
            changeRequests.flatMap(ChangeRequestRepository.binds))
    }

    public func insert(forwardPlans: [ForwardPlanRow]) async throws {
        guard !forwardPlans.isEmpty else { return }
        try await db.query(
            "INSERT INTO forward_plans (\(ForwardPlanRepository.columns)) VALUES \(Self.valuesList(columns: ForwardPlanRepository.columnCount, rows: forwardPlans.count))",
            forwardPlans.flatMap(ForwardPlanRepository.binds))
    }

    /// Appends history rows in one statement. For offline bulk loads only: it takes no ordering
    /// lock and writes no outbox rows (there is nobody to notify of a synthetic past), so it must
    /// not run while servers are polled.
    public func append(_ entries: [HistoryEntry]) async throws {
        guard !entries.isEmpty else { return }
        try await db.query(
            "INSERT INTO work_history (\(HistoryRepository.columns)) VALUES \(Self.valuesList(columns: 14, rows: entries.count))",
            entries.flatMap(HistoryRepository.binds))
    }
}
