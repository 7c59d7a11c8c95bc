import Foundation

/// Multi-row inserts for bulk loading (the `generate` command): one statement per batch.
extension WorkRepository {
    static func valuesList(columns: Int, rows: Int) -> String {
        let one = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        return Array(repeating: one, count: rows).joined(separator: ", ")
    }

    public func insertMany(works: [WorkRow]) async throws {
        guard !works.isEmpty else { return }
        var binds: [SQLValue] = []
        binds.reserveCapacity(works.count * 15)
        for w in works {
            binds += [
                .text(w.workReferenceNumber), .text(w.promoterSWACode), .text(w.highwayAuthoritySWACode),
                .text(w.workstreamPrefix), .int(Int64(w.usrn)), .text(w.streetName), .optional(w.town),
                .optional(w.areaName), .int(Int64(w.roadCategory)), .text(w.worksCoordinates), .text(w.workStatus),
                .optional(w.activePermitReferenceNumber), .int(Int64(w.permitCount)), .instant(w.createdAt),
                .instant(w.updatedAt),
            ]
        }
        try await db.query(
            "INSERT INTO works (\(Self.workColumns)) VALUES \(Self.valuesList(columns: 15, rows: works.count))", binds)
    }

    public func insertMany(permits: [PermitRow]) async throws {
        guard !permits.isEmpty else { return }
        try await db.query(
            "INSERT INTO permits (\(Self.permitColumns)) VALUES \(Self.valuesList(columns: 30, rows: permits.count))",
            permits.flatMap(Self.binds))
    }

    /// Appends history rows in one statement. For offline bulk loads only: it takes no ordering
    /// lock, so it must not run while servers are polled.
    public func appendMany(_ entries: [HistoryEntry]) async throws {
        guard !entries.isEmpty else { return }
        var binds: [SQLValue] = []
        for h in entries {
            binds += [
                .text(h.workReferenceNumber), .optional(h.permitReferenceNumber), .optional(h.objectReference),
                .text(h.objectType), .text(h.event), .text(h.topic), .text(h.details), .text(h.username),
                .optional(h.organisationReference), .text(h.promoterSWACode), .text(h.highwayAuthoritySWACode),
                .optional(h.internalUserIdentifier), .optional(h.internalUserName), .instant(h.actionDate),
            ]
        }
        try await db.query(
            "INSERT INTO work_history (\(Self.historyColumns)) VALUES \(Self.valuesList(columns: 14, rows: entries.count))",
            binds)
    }
}
