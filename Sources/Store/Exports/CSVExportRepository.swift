import Domain
import Foundation

/// A CSV export as stored (R-DATA-04): what was asked for, by whom, as whom, and how far it got.
public struct CSVExportRow: Sendable {
    public var id: Int64
    public var type: CSVExportType
    public var status: CSVExportStatus
    public var ownerEmail: String
    /// The organisation the export is for (a contractor's: the promoter it acts for).
    public var ownerOrganisation: String
    /// What the owner could see when they asked: the export shows no more.
    public var visibility: ListVisibility
    /// The filters, as the list query reads them.
    public var filters: [String: [String]]
    public var description: String?
    /// `<resource>_<UK local date-time>.csv`, from when it was asked for.
    public var fileName: String
    public var rowCount: Int?
    public var error: String?
    public var leaseOwner: String?
    public var leaseUntil: Date?
    public var attempts: Int
    public var createdAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
}

/// The export queue and the exported files (compressed chunks, so any process serves any file).
public struct CSVExportRepository: Sendable {
    let db: any SQLExecutor

    public init(_ db: any SQLExecutor) { self.db = db }

    static let columns =
        "csv_export_id, export_type, status, owner_email, owner_organisation, visibility, filters, description, file_name, row_count, error, lease_owner, lease_until, attempts, created_at, started_at, finished_at"

    /// Queues an export; `StoreError.uniqueViolation` when the owner has one queued already.
    public func enqueue(
        _ type: CSVExportType, owner: String, organisation: String, visibility: ListVisibility,
        filters: [String: [String]], description: String?, fileName: String, at now: Date
    ) async throws -> Int64 {
        let row = try await db.first(
            """
            INSERT INTO csv_exports (export_type, status, owner_email, owner_organisation, visibility, filters,
            description, file_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING csv_export_id
            """,
            [
                .text(type.rawValue), .text(CSVExportStatus.queued.rawValue), .text(owner), .text(organisation),
                .text(Self.encode(visibility)), .text(Self.encode(filters)), .optional(description), .text(fileName),
                .instant(now),
            ])
        guard let id = row?.int64("csv_export_id") else { throw StoreError.missingColumn("csv_export_id") }
        return id
    }

    public func export(_ id: Int64) async throws -> CSVExportRow? {
        try await db.first("SELECT \(Self.columns) FROM csv_exports WHERE csv_export_id = ?", .int(id))
            .map(Self.export(from:))
    }

    /// The owner's queued export, if any.
    public func queued(of owner: String) async throws -> CSVExportRow? {
        try await db.first(
            "SELECT \(Self.columns) FROM csv_exports WHERE owner_email = ? AND status = ?", .text(owner),
            .text(CSVExportStatus.queued.rawValue)
        ).map(Self.export(from:))
    }

    /// Takes the oldest queued export, or one whose lease has run out (its process died), for
    /// `worker` until `leaseUntil`. On PostgreSQL `FOR UPDATE SKIP LOCKED`: several processes
    /// never take the same one; SQLite has a single writer.
    public func claim(worker: String, now: Date, leaseUntil: Date) async throws -> CSVExportRow? {
        let lock = db.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        guard
            let candidate = try await db.first(
                """
                SELECT csv_export_id FROM csv_exports
                WHERE status = ? OR (status = ? AND lease_until < ?) ORDER BY csv_export_id LIMIT 1\(lock)
                """, .text(CSVExportStatus.queued.rawValue), .text(CSVExportStatus.inProgress.rawValue),
                .instant(now))?.int64("csv_export_id")
        else { return nil }
        try await db.query(
            """
            UPDATE csv_exports SET status = ?, lease_owner = ?, lease_until = ?, attempts = attempts + 1,
            started_at = ? WHERE csv_export_id = ?
            """, .text(CSVExportStatus.inProgress.rawValue), .text(worker), .instant(leaseUntil), .instant(now),
            .int(candidate))
        try await db.query("DELETE FROM csv_export_chunks WHERE csv_export_id = ?", .int(candidate))
        return try await export(candidate)
    }

    /// Extends `worker`'s lease; false when the export is no longer its own (another process
    /// took it over).
    public func renew(_ id: Int64, worker: String, until: Date) async throws -> Bool {
        !(try await db.query(
            "UPDATE csv_exports SET lease_until = ? WHERE csv_export_id = ? AND lease_owner = ? AND status = ? RETURNING csv_export_id",
            .instant(until), .int(id), .text(worker), .text(CSVExportStatus.inProgress.rawValue)
        )
        .isEmpty)
    }

    public func addChunk(_ id: Int64, sequence: Int, data: [UInt8]) async throws {
        try await db.query(
            "INSERT INTO csv_export_chunks (csv_export_id, sequence, data) VALUES (?, ?, ?)", .int(id),
            .int(Int64(sequence)), .blob(data))
    }

    /// Marks `worker`'s export ready; false when it is no longer its own.
    public func finish(_ id: Int64, worker: String, rows: Int, at now: Date) async throws -> Bool {
        !(try await db.query(
            """
            UPDATE csv_exports SET status = ?, row_count = ?, finished_at = ?, lease_owner = NULL,
            lease_until = NULL WHERE csv_export_id = ? AND lease_owner = ? RETURNING csv_export_id
            """, .text(CSVExportStatus.ready.rawValue), .int(Int64(rows)), .instant(now), .int(id),
            .text(worker)
        ).isEmpty)
    }

    public func fail(_ id: Int64, worker: String, error: String, at now: Date) async throws {
        try await db.query(
            """
            UPDATE csv_exports SET status = ?, error = ?, finished_at = ?, lease_owner = NULL, lease_until = NULL
            WHERE csv_export_id = ? AND lease_owner = ?
            """, .text(CSVExportStatus.failed.rawValue), .text(error), .instant(now), .int(id), .text(worker))
        try await db.query("DELETE FROM csv_export_chunks WHERE csv_export_id = ?", .int(id))
    }

    /// Chunks of a ready export from `sequence` on, in order (a few at a time: files stream).
    public func chunks(of id: Int64, from sequence: Int, limit: Int) async throws -> [(sequence: Int, data: [UInt8])] {
        try await db.query(
            "SELECT sequence, data FROM csv_export_chunks WHERE csv_export_id = ? AND sequence >= ? ORDER BY sequence LIMIT ?",
            .int(id), .int(Int64(sequence)), .int(Int64(limit))
        ).map { row in
            guard case .blob(let data) = row["data"] else { throw StoreError.missingColumn("data") }
            return (try row.requireInt("sequence"), data)
        }
    }

    /// The exports list (`GET /reporting/csv-exports`): the caller's own, for the organisation
    /// they act for, newest first.
    public static let list = ListDescription<CSVExportRow>(
        from: "csv_exports e", columns: columns, filters: [], sorts: [:], defaultSort: "e.csv_export_id",
        tieBreaker: "e.csv_export_id", promoterColumn: "e.owner_organisation",
        highwayAuthorityColumn: "e.owner_organisation", workstreamColumn: nil, userColumn: "e.owner_email",
        decode: export(from:))

    static func export(from row: SQLRow) throws -> CSVExportRow {
        CSVExportRow(
            id: try row.int64("csv_export_id") ?? { throw StoreError.missingColumn("csv_export_id") }(),
            type: try row.value("export_type"), status: try row.value("status"),
            ownerEmail: try row.requireString("owner_email"),
            ownerOrganisation: try row.requireString("owner_organisation"),
            visibility: try decodeVisibility(try row.requireString("visibility")),
            filters: try decodeFilters(try row.requireString("filters")), description: row.string("description"),
            fileName: try row.requireString("file_name"), rowCount: row.int("row_count"), error: row.string("error"),
            leaseOwner: row.string("lease_owner"), leaseUntil: row.instant("lease_until"),
            attempts: try row.requireInt("attempts"), createdAt: try row.requireInstant("created_at"),
            startedAt: row.instant("started_at"), finishedAt: row.instant("finished_at"))
    }

    // MARK: stored forms

    /// `ha:1001`, `promoter:7001` or `promoter:7001:001,002` (granted workstreams).
    static func encode(_ visibility: ListVisibility) -> String {
        switch visibility {
        case .highwayAuthority(let code): "ha:\(code)"
        case .promoter(let code, nil): "promoter:\(code)"
        case .promoter(let code, let workstreams?): "promoter:\(code):\(workstreams.joined(separator: ","))"
        case .everything(let code): "all:\(code)"
        }
    }

    static func decodeVisibility(_ text: String) throws -> ListVisibility {
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        switch (parts.first, parts.count) {
        case ("ha", 2): return .highwayAuthority(parts[1])
        case ("all", 2): return .everything(organisation: parts[1])
        case ("promoter", 2): return .promoter(parts[1], workstreams: nil)
        case ("promoter", 3):
            return .promoter(parts[1], workstreams: parts[2].split(separator: ",").map(String.init))
        default: throw StoreError.unknownValue(column: "visibility", value: text)
        }
    }

    static func encode(_ filters: [String: [String]]) -> String {
        let data = (try? JSONEncoder().encode(filters)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func decodeFilters(_ text: String) throws -> [String: [String]] {
        do {
            return try JSONDecoder().decode([String: [String]].self, from: Data(text.utf8))
        } catch {
            throw StoreError.unknownValue(column: "filters", value: text)
        }
    }
}
