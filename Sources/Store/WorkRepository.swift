import Foundation

/// A works record as stored.
public struct WorkRow: Sendable, Hashable {
    public var workReferenceNumber: String
    public var promoterSWACode: String
    public var highwayAuthoritySWACode: String
    public var workstreamPrefix: String
    public var usrn: Int
    public var streetName: String
    public var town: String?
    public var areaName: String?
    public var roadCategory: Int
    /// GeoJSON geometry, as JSON text.
    public var worksCoordinates: String
    public var workStatus: String
    public var activePermitReferenceNumber: String?
    public var permitCount: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        workReferenceNumber: String, promoterSWACode: String, highwayAuthoritySWACode: String, workstreamPrefix: String,
        usrn: Int, streetName: String, town: String?, areaName: String?, roadCategory: Int, worksCoordinates: String,
        workStatus: String, activePermitReferenceNumber: String?, permitCount: Int, createdAt: Date, updatedAt: Date
    ) {
        self.workReferenceNumber = workReferenceNumber
        self.promoterSWACode = promoterSWACode
        self.highwayAuthoritySWACode = highwayAuthoritySWACode
        self.workstreamPrefix = workstreamPrefix
        self.usrn = usrn
        self.streetName = streetName
        self.town = town
        self.areaName = areaName
        self.roadCategory = roadCategory
        self.worksCoordinates = worksCoordinates
        self.workStatus = workStatus
        self.activePermitReferenceNumber = activePermitReferenceNumber
        self.permitCount = permitCount
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A permit (PAA or PA) as stored: the columns reads filter and sort on, plus the application
/// as submitted (`payload`, JSON) and the latest assessment and cancellation (JSON).
public struct PermitRow: Sendable, Hashable {
    public var permitReferenceNumber: String
    public var workReferenceNumber: String
    public var sequence: Int
    public var promoterSWACode: String
    public var highwayAuthoritySWACode: String
    public var workstreamPrefix: String
    public var permitStatus: String
    public var assessmentStatus: String?
    public var workCategory: String
    public var workType: String
    public var isDeemed: Bool
    public var isEarlyStart: Bool
    public var everModificationRequested: Bool
    public var proposedStartDate: Date
    public var proposedEndDate: Date
    public var actualStartDate: Date?
    public var actualStopDate: Date?
    public var calendarDayDuration: Int
    public var workingDayDuration: Int
    /// `YYYY-MM-DD`.
    public var deadlineDate: String
    /// When the deeming job grants it if still unassessed; nil once decided.
    public var deemAt: Date?
    public var validityPeriodEndDate: String?
    public var descriptionOfWork: String
    public var streetName: String
    public var usrn: Int
    public var payload: String
    public var assessment: String?
    public var cancellation: String?
    public var dateCreated: Date
    public var dateModified: Date

    public init(
        permitReferenceNumber: String, workReferenceNumber: String, sequence: Int, promoterSWACode: String,
        highwayAuthoritySWACode: String, workstreamPrefix: String, permitStatus: String, assessmentStatus: String?,
        workCategory: String, workType: String, isDeemed: Bool, isEarlyStart: Bool, everModificationRequested: Bool,
        proposedStartDate: Date, proposedEndDate: Date, actualStartDate: Date?, actualStopDate: Date?,
        calendarDayDuration: Int, workingDayDuration: Int, deadlineDate: String, deemAt: Date?,
        validityPeriodEndDate: String?, descriptionOfWork: String, streetName: String, usrn: Int, payload: String,
        assessment: String?, cancellation: String?, dateCreated: Date, dateModified: Date
    ) {
        self.permitReferenceNumber = permitReferenceNumber
        self.workReferenceNumber = workReferenceNumber
        self.sequence = sequence
        self.promoterSWACode = promoterSWACode
        self.highwayAuthoritySWACode = highwayAuthoritySWACode
        self.workstreamPrefix = workstreamPrefix
        self.permitStatus = permitStatus
        self.assessmentStatus = assessmentStatus
        self.workCategory = workCategory
        self.workType = workType
        self.isDeemed = isDeemed
        self.isEarlyStart = isEarlyStart
        self.everModificationRequested = everModificationRequested
        self.proposedStartDate = proposedStartDate
        self.proposedEndDate = proposedEndDate
        self.actualStartDate = actualStartDate
        self.actualStopDate = actualStopDate
        self.calendarDayDuration = calendarDayDuration
        self.workingDayDuration = workingDayDuration
        self.deadlineDate = deadlineDate
        self.deemAt = deemAt
        self.validityPeriodEndDate = validityPeriodEndDate
        self.descriptionOfWork = descriptionOfWork
        self.streetName = streetName
        self.usrn = usrn
        self.payload = payload
        self.assessment = assessment
        self.cancellation = cancellation
        self.dateCreated = dateCreated
        self.dateModified = dateModified
    }
}

/// One entry of a works record's history; also the event the event API serves.
public struct HistoryEntry: Sendable, Hashable {
    public var updateID: Int64 = 0
    public var workReferenceNumber: String
    public var permitReferenceNumber: String?
    public var objectReference: String?
    public var objectType: String
    public var event: String
    public var topic: String
    public var details: String
    public var username: String
    public var organisationReference: String?
    public var promoterSWACode: String
    public var highwayAuthoritySWACode: String
    public var internalUserIdentifier: String?
    public var internalUserName: String?
    public var actionDate: Date

    public init(
        workReferenceNumber: String, permitReferenceNumber: String?, objectReference: String?, objectType: String,
        event: String, topic: String, details: String, username: String, organisationReference: String?,
        promoterSWACode: String, highwayAuthoritySWACode: String, internalUserIdentifier: String?,
        internalUserName: String?, actionDate: Date
    ) {
        self.workReferenceNumber = workReferenceNumber
        self.permitReferenceNumber = permitReferenceNumber
        self.objectReference = objectReference
        self.objectType = objectType
        self.event = event
        self.topic = topic
        self.details = details
        self.username = username
        self.organisationReference = organisationReference
        self.promoterSWACode = promoterSWACode
        self.highwayAuthoritySWACode = highwayAuthoritySWACode
        self.internalUserIdentifier = internalUserIdentifier
        self.internalUserName = internalUserName
        self.actionDate = actionDate
    }
}

public struct CommentRow: Sendable, Hashable {
    public var commentReferenceNumber: String
    public var workReferenceNumber: String
    public var sequence: Int
    public var topic: String
    public var detail: String
    public var isInternal: Bool
    public var authorEmail: String
    public var authorOrganisation: String
    public var dateCreated: Date
    public var readBy: String?
    public var readOn: Date?

    public init(
        commentReferenceNumber: String, workReferenceNumber: String, sequence: Int, topic: String, detail: String,
        isInternal: Bool, authorEmail: String, authorOrganisation: String, dateCreated: Date, readBy: String? = nil,
        readOn: Date? = nil
    ) {
        self.commentReferenceNumber = commentReferenceNumber
        self.workReferenceNumber = workReferenceNumber
        self.sequence = sequence
        self.topic = topic
        self.detail = detail
        self.isInternal = isInternal
        self.authorEmail = authorEmail
        self.authorOrganisation = authorOrganisation
        self.dateCreated = dateCreated
        self.readBy = readBy
        self.readOn = readOn
    }
}

/// Works, permits, history and comments.
public struct WorkRepository: Sendable {
    let db: any SQLExecutor

    public init(_ db: any SQLExecutor) { self.db = db }

    // MARK: works

    static let workColumns =
        "work_reference_number, promoter_swa_code, highway_authority_swa_code, workstream_prefix, usrn, street_name, town, area_name, road_category, works_coordinates, work_status, active_permit_reference_number, permit_count, created_at, updated_at"

    public func insert(_ w: WorkRow) async throws {
        try await db.query(
            "INSERT INTO works (\(Self.workColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                .text(w.workReferenceNumber), .text(w.promoterSWACode), .text(w.highwayAuthoritySWACode),
                .text(w.workstreamPrefix), .int(Int64(w.usrn)), .text(w.streetName), .optional(w.town),
                .optional(w.areaName), .int(Int64(w.roadCategory)), .text(w.worksCoordinates), .text(w.workStatus),
                .optional(w.activePermitReferenceNumber), .int(Int64(w.permitCount)), .instant(w.createdAt),
                .instant(w.updatedAt),
            ])
    }

    static let workByReference = "SELECT \(workColumns) FROM works WHERE work_reference_number = ?"
    /// Newest first; binds the work reference and a limit.
    static let permitsOfWork =
        "SELECT \(permitColumns) FROM permits WHERE work_reference_number = ? ORDER BY sequence DESC LIMIT ?"
    /// Newest first; binds the work reference, a limit and an offset.
    static let latestHistory =
        "SELECT update_id, \(historyColumns) FROM work_history WHERE work_reference_number = ? ORDER BY update_id DESC LIMIT ? OFFSET ?"

    /// A works record with its latest permits and history, read together (one trip on SQLite).
    public func view(_ reference: String, permits: Int = 50, history: Int = 50) async throws -> (
        work: WorkRow, permits: [PermitRow], history: [HistoryEntry]
    )? {
        let results = try await db.read([
            SQLStatement(Self.workByReference, [.text(reference)]),
            SQLStatement(Self.permitsOfWork, [.text(reference), .int(Int64(permits))]),
            SQLStatement(Self.latestHistory, [.text(reference), .int(Int64(history)), .int(0)]),
        ])
        guard let row = results[0].first else { return nil }
        return (
            try Self.work(from: row), try results[1].map(Self.permit(from:)), try results[2].map(Self.history(from:))
        )
    }

    /// The works record; `forUpdate` locks it for the rest of the transaction (PostgreSQL).
    public func work(_ reference: String, forUpdate: Bool = false) async throws -> WorkRow? {
        let lock = forUpdate && db.dialect == .postgres ? " FOR UPDATE" : ""
        return try await db.first(
            Self.workByReference + lock, .text(reference)
        ).map(Self.work(from:))
    }

    public func updateWork(
        _ reference: String, status: String, activePermit: String?, permitCount: Int, at now: Date
    ) async throws {
        try await db.query(
            "UPDATE works SET work_status = ?, active_permit_reference_number = ?, permit_count = ?, updated_at = ? WHERE work_reference_number = ?",
            .text(status), .optional(activePermit), .int(Int64(permitCount)), .instant(now), .text(reference))
    }

    static func work(from row: SQLRow) throws -> WorkRow {
        WorkRow(
            workReferenceNumber: try row.requireString("work_reference_number"),
            promoterSWACode: try row.requireString("promoter_swa_code"),
            highwayAuthoritySWACode: try row.requireString("highway_authority_swa_code"),
            workstreamPrefix: try row.requireString("workstream_prefix"),
            usrn: try row.requireInt("usrn"),
            streetName: try row.requireString("street_name"),
            town: row.string("town"),
            areaName: row.string("area_name"),
            roadCategory: try row.requireInt("road_category"),
            worksCoordinates: try row.requireString("works_coordinates"),
            workStatus: try row.requireString("work_status"),
            activePermitReferenceNumber: row.string("active_permit_reference_number"),
            permitCount: row.int("permit_count") ?? 0,
            createdAt: row.instant("created_at") ?? Date(timeIntervalSince1970: 0),
            updatedAt: row.instant("updated_at") ?? Date(timeIntervalSince1970: 0))
    }

    // MARK: permits

    static let permitColumns =
        "permit_reference_number, work_reference_number, sequence, promoter_swa_code, highway_authority_swa_code, workstream_prefix, permit_status, assessment_status, work_category, work_type, is_deemed, is_early_start, ever_modification_requested, proposed_start_date, proposed_end_date, actual_start_date, actual_stop_date, calendar_day_duration, working_day_duration, deadline_date, deem_at, validity_period_end_date, description_of_work, street_name, usrn, payload, assessment, cancellation, date_created, date_modified"

    static func binds(_ p: PermitRow) -> [SQLValue] {
        [
            .text(p.permitReferenceNumber), .text(p.workReferenceNumber), .int(Int64(p.sequence)),
            .text(p.promoterSWACode), .text(p.highwayAuthoritySWACode), .text(p.workstreamPrefix),
            .text(p.permitStatus), .optional(p.assessmentStatus), .text(p.workCategory), .text(p.workType),
            .bool(p.isDeemed), .bool(p.isEarlyStart), .bool(p.everModificationRequested),
            .instant(p.proposedStartDate), .instant(p.proposedEndDate), .optionalInstant(p.actualStartDate),
            .optionalInstant(p.actualStopDate), .int(Int64(p.calendarDayDuration)), .int(Int64(p.workingDayDuration)),
            .text(p.deadlineDate), .optionalInstant(p.deemAt), .optional(p.validityPeriodEndDate),
            .text(p.descriptionOfWork), .text(p.streetName), .int(Int64(p.usrn)), .text(p.payload),
            .optional(p.assessment), .optional(p.cancellation), .instant(p.dateCreated), .instant(p.dateModified),
        ]
    }

    public func insert(_ p: PermitRow) async throws {
        let placeholders = Array(repeating: "?", count: 30).joined(separator: ", ")
        try await db.query("INSERT INTO permits (\(Self.permitColumns)) VALUES (\(placeholders))", Self.binds(p))
    }

    /// Writes back every mutable column of a permit.
    public func update(_ p: PermitRow) async throws {
        try await db.query(
            """
            UPDATE permits SET permit_status = ?, assessment_status = ?, work_category = ?, is_deemed = ?,
            is_early_start = ?, ever_modification_requested = ?, proposed_start_date = ?, proposed_end_date = ?,
            actual_start_date = ?, actual_stop_date = ?, deadline_date = ?, deem_at = ?, assessment = ?,
            cancellation = ?, date_modified = ? WHERE permit_reference_number = ?
            """,
            [
                .text(p.permitStatus), .optional(p.assessmentStatus), .text(p.workCategory), .bool(p.isDeemed),
                .bool(p.isEarlyStart), .bool(p.everModificationRequested), .instant(p.proposedStartDate),
                .instant(p.proposedEndDate), .optionalInstant(p.actualStartDate), .optionalInstant(p.actualStopDate),
                .text(p.deadlineDate), .optionalInstant(p.deemAt), .optional(p.assessment), .optional(p.cancellation),
                .instant(p.dateModified), .text(p.permitReferenceNumber),
            ])
    }

    public func permit(_ reference: String) async throws -> PermitRow? {
        try await db.first(
            "SELECT \(Self.permitColumns) FROM permits WHERE permit_reference_number = ?", .text(reference)
        )
        .map(Self.permit(from:))
    }

    /// The permits of a works record, newest first.
    public func permits(ofWork reference: String, limit: Int = 50) async throws -> [PermitRow] {
        try await db.query(Self.permitsOfWork, .text(reference), .int(Int64(limit))).map(Self.permit(from:))
    }

    /// Submitted permits whose deemed time has come, oldest first.
    public func permitsDue(at now: Date, limit: Int) async throws -> [PermitRow] {
        let lock = db.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await db.query(
            "SELECT \(Self.permitColumns) FROM permits WHERE deem_at IS NOT NULL AND deem_at <= ? ORDER BY deem_at LIMIT ?\(lock)",
            .instant(now), .int(Int64(limit))
        ).map(Self.permit(from:))
    }

    static func permit(from row: SQLRow) throws -> PermitRow {
        PermitRow(
            permitReferenceNumber: try row.requireString("permit_reference_number"),
            workReferenceNumber: try row.requireString("work_reference_number"),
            sequence: try row.requireInt("sequence"),
            promoterSWACode: try row.requireString("promoter_swa_code"),
            highwayAuthoritySWACode: try row.requireString("highway_authority_swa_code"),
            workstreamPrefix: try row.requireString("workstream_prefix"),
            permitStatus: try row.requireString("permit_status"),
            assessmentStatus: row.string("assessment_status"),
            workCategory: try row.requireString("work_category"),
            workType: try row.requireString("work_type"),
            isDeemed: row.bool("is_deemed") ?? false,
            isEarlyStart: row.bool("is_early_start") ?? false,
            everModificationRequested: row.bool("ever_modification_requested") ?? false,
            proposedStartDate: row.instant("proposed_start_date") ?? Date(timeIntervalSince1970: 0),
            proposedEndDate: row.instant("proposed_end_date") ?? Date(timeIntervalSince1970: 0),
            actualStartDate: row.instant("actual_start_date"),
            actualStopDate: row.instant("actual_stop_date"),
            calendarDayDuration: row.int("calendar_day_duration") ?? 0,
            workingDayDuration: row.int("working_day_duration") ?? 0,
            deadlineDate: try row.requireString("deadline_date"),
            deemAt: row.instant("deem_at"),
            validityPeriodEndDate: row.string("validity_period_end_date"),
            descriptionOfWork: try row.requireString("description_of_work"),
            streetName: try row.requireString("street_name"),
            usrn: try row.requireInt("usrn"),
            payload: try row.requireString("payload"),
            assessment: row.string("assessment"),
            cancellation: row.string("cancellation"),
            dateCreated: row.instant("date_created") ?? Date(timeIntervalSince1970: 0),
            dateModified: row.instant("date_modified") ?? Date(timeIntervalSince1970: 0))
    }

    // MARK: history (the event log)

    static let historyColumns =
        "work_reference_number, permit_reference_number, object_reference, object_type, event, topic, details, username, organisation_reference, promoter_swa_code, highway_authority_swa_code, internal_user_identifier, internal_user_name, action_date"

    /// Appends to the history in the caller's transaction. On PostgreSQL an advisory lock held
    /// to commit makes `update_id`s visible in the order they were issued, so a poller reading
    /// "after update_id N" never skips a row that commits late.
    @discardableResult
    public func append(_ h: HistoryEntry) async throws -> Int64 {
        if db.dialect == .postgres {
            try await db.query("SELECT pg_advisory_xact_lock(424242)", [])
        }
        let row = try await db.first(
            "INSERT INTO work_history (\(Self.historyColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING update_id",
            [
                .text(h.workReferenceNumber), .optional(h.permitReferenceNumber), .optional(h.objectReference),
                .text(h.objectType), .text(h.event), .text(h.topic), .text(h.details), .text(h.username),
                .optional(h.organisationReference), .text(h.promoterSWACode), .text(h.highwayAuthoritySWACode),
                .optional(h.internalUserIdentifier), .optional(h.internalUserName), .instant(h.actionDate),
            ])
        return row?.int64("update_id") ?? 0
    }

    /// One page of a works record's history, newest first, with the total for paging.
    public func history(ofWork reference: String, offset: Int, limit: Int) async throws -> (
        rows: [HistoryEntry], total: Int
    ) {
        let total =
            try await db.first(
                "SELECT COUNT(*) AS n FROM work_history WHERE work_reference_number = ?", .text(reference))?.int("n")
            ?? 0
        return (try await recentHistory(ofWork: reference, offset: offset, limit: limit), total)
    }

    /// The latest history rows, newest first (no count: the works view needs none).
    public func recentHistory(ofWork reference: String, offset: Int = 0, limit: Int) async throws -> [HistoryEntry] {
        try await db.query(Self.latestHistory, .text(reference), .int(Int64(limit)), .int(Int64(offset)))
            .map(Self.history(from:))
    }

    static func history(from row: SQLRow) throws -> HistoryEntry {
        var entry = HistoryEntry(
            workReferenceNumber: try row.requireString("work_reference_number"),
            permitReferenceNumber: row.string("permit_reference_number"),
            objectReference: row.string("object_reference"),
            objectType: try row.requireString("object_type"),
            event: try row.requireString("event"),
            topic: try row.requireString("topic"),
            details: try row.requireString("details"),
            username: try row.requireString("username"),
            organisationReference: row.string("organisation_reference"),
            promoterSWACode: try row.requireString("promoter_swa_code"),
            highwayAuthoritySWACode: try row.requireString("highway_authority_swa_code"),
            internalUserIdentifier: row.string("internal_user_identifier"),
            internalUserName: row.string("internal_user_name"),
            actionDate: row.instant("action_date") ?? Date(timeIntervalSince1970: 0))
        entry.updateID = row.int64("update_id") ?? 0
        return entry
    }

    // MARK: comments

    static let commentColumns =
        "comment_reference_number, work_reference_number, sequence, topic, detail, is_internal, author_email, author_organisation, date_created, read_by, read_on"

    public func nextCommentSequence(ofWork reference: String) async throws -> Int {
        (try await db.first(
            "SELECT COALESCE(MAX(sequence), 0) AS n FROM comments WHERE work_reference_number = ?", .text(reference))?
            .int(
                "n") ?? 0) + 1
    }

    public func insert(_ c: CommentRow) async throws {
        try await db.query(
            "INSERT INTO comments (\(Self.commentColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                .text(c.commentReferenceNumber), .text(c.workReferenceNumber), .int(Int64(c.sequence)), .text(c.topic),
                .text(c.detail), .bool(c.isInternal), .text(c.authorEmail), .text(c.authorOrganisation),
                .instant(c.dateCreated), .optional(c.readBy), .optionalInstant(c.readOn),
            ])
    }

    public func comments(ofWork reference: String) async throws -> [CommentRow] {
        try await db.query(
            "SELECT \(Self.commentColumns) FROM comments WHERE work_reference_number = ? ORDER BY sequence DESC",
            .text(reference)
        ).map(Self.comment(from:))
    }

    public func comment(_ reference: String) async throws -> CommentRow? {
        try await db.first(
            "SELECT \(Self.commentColumns) FROM comments WHERE comment_reference_number = ?", .text(reference)
        )
        .map(Self.comment(from:))
    }

    public func markRead(_ reference: String, by email: String, at now: Date) async throws {
        try await db.query(
            "UPDATE comments SET read_by = ?, read_on = ? WHERE comment_reference_number = ?", .text(email),
            .instant(now),
            .text(reference))
    }

    static func comment(from row: SQLRow) throws -> CommentRow {
        CommentRow(
            commentReferenceNumber: try row.requireString("comment_reference_number"),
            workReferenceNumber: try row.requireString("work_reference_number"),
            sequence: try row.requireInt("sequence"),
            topic: try row.requireString("topic"),
            detail: try row.requireString("detail"),
            isInternal: row.bool("is_internal") ?? false,
            authorEmail: try row.requireString("author_email"),
            authorOrganisation: try row.requireString("author_organisation"),
            dateCreated: row.instant("date_created") ?? Date(timeIntervalSince1970: 0),
            readBy: row.string("read_by"),
            readOn: row.instant("read_on"))
    }
}
