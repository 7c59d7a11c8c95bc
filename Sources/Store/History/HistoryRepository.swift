import Domain
import Foundation

/// One entry of a works record's history; also the event the event API serves.
public struct HistoryEntry: Sendable, Hashable {
    public var updateID: Int64 = 0
    public var workReferenceNumber: String
    public var permitReferenceNumber: String?
    public var objectReference: String?
    public var objectType: AuditObjectType
    public var event: AuditEvent
    public var details: String
    public var username: String
    public var organisationReference: String?
    public var promoterSWACode: String
    public var highwayAuthoritySWACode: String
    public var internalUserIdentifier: String?
    public var internalUserName: String?
    public var actionDate: Date

    public init(
        workReferenceNumber: String, permitReferenceNumber: String?, objectReference: String?,
        objectType: AuditObjectType, event: AuditEvent, details: String, username: String,
        organisationReference: String?, promoterSWACode: String, highwayAuthoritySWACode: String,
        internalUserIdentifier: String?, internalUserName: String?, actionDate: Date
    ) {
        self.workReferenceNumber = workReferenceNumber
        self.permitReferenceNumber = permitReferenceNumber
        self.objectReference = objectReference
        self.objectType = objectType
        self.event = event
        self.details = details
        self.username = username
        self.organisationReference = organisationReference
        self.promoterSWACode = promoterSWACode
        self.highwayAuthoritySWACode = highwayAuthoritySWACode
        self.internalUserIdentifier = internalUserIdentifier
        self.internalUserName = internalUserName
        self.actionDate = actionDate
    }

    /// The history's topic (`Works record`, `Permit`, …).
    public var topic: String { objectType.topic }
}

/// One event of the log as pollers see it (`WorkUpdateSummaryResponse`).
public struct WorkUpdate: Sendable, Hashable {
    public var updateID: Int64
    public var workReferenceNumber: String
    public var permitReferenceNumber: String?
    public var objectReference: String?
    public var objectType: AuditObjectType
    public var event: AuditEvent
    public var actionDate: Date

    init(row: SQLRow) throws {
        updateID = try row.int64("update_id") ?? { throw StoreError.missingColumn("update_id") }()
        workReferenceNumber = try row.requireString("work_reference_number")
        permitReferenceNumber = row.string("permit_reference_number")
        objectReference = row.string("object_reference")
        objectType = try row.value("object_type")
        event = try row.value("event")
        actionDate = try row.requireInstant("action_date")
    }
}

/// The works history: the append-only event log integrations poll (R-DATA-02), and the
/// notification outbox written with it.
public struct HistoryRepository: Sendable {
    let db: any SQLExecutor

    public init(_ db: any SQLExecutor) { self.db = db }

    static let columns =
        "work_reference_number, permit_reference_number, object_reference, object_type, event, topic, details, username, organisation_reference, promoter_swa_code, highway_authority_swa_code, internal_user_identifier, internal_user_name, action_date"

    static func binds(_ h: HistoryEntry) -> [SQLValue] {
        [
            .text(h.workReferenceNumber), .optional(h.permitReferenceNumber), .optional(h.objectReference),
            .text(h.objectType.rawValue), .text(h.event.rawValue), .text(h.topic), .text(h.details), .text(h.username),
            .optional(h.organisationReference), .text(h.promoterSWACode), .text(h.highwayAuthoritySWACode),
            .optional(h.internalUserIdentifier), .optional(h.internalUserName), .instant(h.actionDate),
        ]
    }

    /// Appends to the history in the caller's transaction, with an outbox row when the event is
    /// notifiable (D-OUTBOX). On PostgreSQL an advisory lock held to commit makes `update_id`s
    /// visible in the order they were issued, so a poller reading "after update_id N" never
    /// skips a row that commits late.
    @discardableResult
    public func append(_ h: HistoryEntry) async throws -> Int64 {
        if db.dialect == .postgres {
            try await db.query("SELECT pg_advisory_xact_lock(424242)", [])
        }
        let row = try await db.first(
            "INSERT INTO work_history (\(Self.columns)) VALUES (\(SQL.placeholders(14))) RETURNING update_id",
            Self.binds(h))
        let updateID = try row?.int64("update_id") ?? { throw StoreError.missingColumn("update_id") }()
        if h.event.isNotifiable {
            try await db.query(
                "INSERT INTO notification_outbox (update_id, work_reference_number, event, created_at) VALUES (?, ?, ?, ?)",
                .int(updateID), .text(h.workReferenceNumber), .text(h.event.rawValue), .instant(h.actionDate))
        }
        return updateID
    }

    /// Newest first; binds the work reference, a limit and an offset.
    static let latest =
        "SELECT update_id, \(columns) FROM work_history WHERE work_reference_number = ? ORDER BY update_id DESC LIMIT ? OFFSET ?"

    /// One page of a works record's history, newest first, with the total for paging.
    public func history(ofWork reference: String, offset: Int, limit: Int) async throws -> (
        rows: [HistoryEntry], total: Int
    ) {
        let results = try await db.read([
            SQLStatement("SELECT COUNT(*) AS n FROM work_history WHERE work_reference_number = ?", [.text(reference)]),
            SQLStatement(Self.latest, [.text(reference), .int(Int64(limit)), .int(Int64(offset))]),
        ])
        return (try results[1].map(Self.entry(from:)), results[0].first?.int("n") ?? 0)
    }

    /// What a poller asks of the event log (R-DATA-02).
    public struct UpdatesQuery: Sendable {
        public var visibility: ListVisibility
        /// Events after this `update_id`.
        public var after: Int64?
        public var from: Date?
        public var to: Date?
        /// Leaves out events made by this organisation.
        public var excludingOrganisation: String?
        public var workstreams: [String]?
        public var limit: Int

        public init(
            visibility: ListVisibility, after: Int64?, from: Date?, to: Date?, excludingOrganisation: String?,
            workstreams: [String]?, limit: Int
        ) {
            self.visibility = visibility
            self.after = after
            self.from = from
            self.to = to
            self.excludingOrganisation = excludingOrganisation
            self.workstreams = workstreams
            self.limit = limit
        }
    }

    /// Events visible to the poller, oldest first. Rows appear in commit order, so polling after
    /// the last `update_id` seen loses none.
    public func updates(_ q: UpdatesQuery) async throws -> [WorkUpdate] {
        var clauses: [String] = []
        var binds: [SQLValue] = []
        func among(_ column: String, _ values: [String]) {
            clauses.append("\(column) IN (\(SQL.placeholders(values.count)))")
            binds += values.map { .text($0) }
        }
        switch q.visibility {
        case .highwayAuthority(let code):
            clauses.append("h.highway_authority_swa_code = ?")
            binds.append(.text(code))
        case .promoter(let code, let workstreams):
            clauses.append("h.promoter_swa_code = ?")
            binds.append(.text(code))
            if let workstreams { among("w.workstream_prefix", workstreams) }
        case .everything:
            clauses.append("1 = 1")
        }
        if let after = q.after {
            clauses.append("h.update_id > ?")
            binds.append(.int(after))
        }
        if let from = q.from {
            clauses.append("h.action_date >= ?")
            binds.append(.instant(from))
        }
        if let to = q.to {
            clauses.append("h.action_date <= ?")
            binds.append(.instant(to))
        }
        if let excluded = q.excludingOrganisation {
            clauses.append("(h.organisation_reference IS NULL OR h.organisation_reference <> ?)")
            binds.append(.text(excluded))
        }
        if let workstreams = q.workstreams { among("w.workstream_prefix", workstreams) }
        return try await db.query(
            """
            SELECT h.update_id, h.work_reference_number, h.permit_reference_number, h.object_reference, h.object_type,
            h.event, h.action_date FROM work_history h JOIN works w ON w.work_reference_number = h.work_reference_number
            WHERE \(clauses.joined(separator: " AND ")) ORDER BY h.update_id LIMIT ?
            """, binds + [.int(Int64(q.limit))]
        ).map(WorkUpdate.init(row:))
    }

    /// Notifiable events not yet delivered, oldest first (for the notification service).
    public func undelivered(limit: Int) async throws -> [(updateID: Int64, event: AuditEvent)] {
        try await db.query(
            "SELECT update_id, event FROM notification_outbox WHERE delivered_at IS NULL ORDER BY update_id LIMIT ?",
            .int(Int64(limit))
        ).map {
            (try $0.int64("update_id") ?? { throw StoreError.missingColumn("update_id") }(), try $0.value("event"))
        }
    }

    static func entry(from row: SQLRow) throws -> HistoryEntry {
        var entry = HistoryEntry(
            workReferenceNumber: try row.requireString("work_reference_number"),
            permitReferenceNumber: row.string("permit_reference_number"),
            objectReference: row.string("object_reference"),
            objectType: try row.value("object_type"),
            event: try row.value("event"),
            details: try row.requireString("details"),
            username: try row.requireString("username"),
            organisationReference: row.string("organisation_reference"),
            promoterSWACode: try row.requireString("promoter_swa_code"),
            highwayAuthoritySWACode: try row.requireString("highway_authority_swa_code"),
            internalUserIdentifier: row.string("internal_user_identifier"),
            internalUserName: row.string("internal_user_name"),
            actionDate: try row.requireInstant("action_date"))
        entry.updateID = row.int64("update_id") ?? 0
        return entry
    }
}
