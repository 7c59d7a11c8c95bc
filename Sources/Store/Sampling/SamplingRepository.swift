import Domain
import Foundation

/// A sample inspection target as stored (R-SAMP-02, R-SAMP-03): its numbers, its progress in the
/// current quarter (R-SAMP-06), and who set it.
public struct SampleInspectionTargetRow: Sendable, Hashable {
    public var reference: String
    public var sequence: Int
    public var highwayAuthoritySWACode: String
    public var promoterSWACode: String
    public var status: SampleTargetStatus
    /// The yearly inspection units (the baseline, or the average of the annual units).
    public var inspectionUnits: Double
    public var inspectionUnitsBaseline: Double?
    public var inspectionRate: Double
    public var isInspectionRateAutoUpdated: Bool = false
    public var targetA: Int
    public var targetB: Int
    public var targetC: Int
    public var completedA: Int = 0
    public var completedB: Int = 0
    public var completedC: Int = 0
    public var generatedA: Int = 0
    public var generatedB: Int = 0
    public var generatedC: Int = 0
    public var quarterStart: Date?
    public var quarterEnd: Date?
    public var internalUserIdentifier: String?
    public var internalUserName: String?
    public var createdBy: String
    public var dateCreated: Date
    public var updatedBy: String
    public var dateUpdated: Date
    public var closedBy: String?
    public var closedAt: Date?

    public init(
        reference: String, sequence: Int, highwayAuthoritySWACode: String, promoterSWACode: String,
        inspectionUnits: Double, inspectionUnitsBaseline: Double?, inspectionRate: Double, targetA: Int, targetB: Int,
        targetC: Int, quarterStart: Date?, quarterEnd: Date?, internalUserIdentifier: String?,
        internalUserName: String?, by user: String, at: Date
    ) {
        self.reference = reference
        self.sequence = sequence
        self.highwayAuthoritySWACode = highwayAuthoritySWACode
        self.promoterSWACode = promoterSWACode
        self.status = .active
        self.inspectionUnits = inspectionUnits
        self.inspectionUnitsBaseline = inspectionUnitsBaseline
        self.inspectionRate = inspectionRate
        self.targetA = targetA
        self.targetB = targetB
        self.targetC = targetC
        self.quarterStart = quarterStart
        self.quarterEnd = quarterEnd
        self.internalUserIdentifier = internalUserIdentifier
        self.internalUserName = internalUserName
        self.createdBy = user
        self.dateCreated = at
        self.updatedBy = user
        self.dateUpdated = at
    }

    public func target(_ category: SampleInspectionCategory) -> Int {
        switch category {
        case .a: targetA
        case .b: targetB
        case .c: targetC
        }
    }

    public func completed(_ category: SampleInspectionCategory) -> Int {
        switch category {
        case .a: completedA
        case .b: completedB
        case .c: completedC
        }
    }
}

/// A sample issued on a works record (R-SAMP-04, R-SAMP-05), with what became of it.
public struct SampleInspectionRow: Sendable, Hashable {
    public var reference: String
    public var workReferenceNumber: String
    public var targetReference: String
    public var highwayAuthoritySWACode: String
    public var promoterSWACode: String
    public var workstreamPrefix: String
    public var category: SampleInspectionCategory
    public var status: SampleInspectionStatus
    public var expiryDate: Date
    public var generationJobID: Int64?
    public var dateCreated: Date
    public var completedByInspection: String?
    public var dateCompleted: Date?
    public var dateExpired: Date?

    public init(
        reference: String, workReferenceNumber: String, targetReference: String, highwayAuthoritySWACode: String,
        promoterSWACode: String, workstreamPrefix: String, category: SampleInspectionCategory,
        status: SampleInspectionStatus, expiryDate: Date, generationJobID: Int64?, dateCreated: Date,
        completedByInspection: String? = nil, dateCompleted: Date? = nil, dateExpired: Date? = nil
    ) {
        self.reference = reference
        self.workReferenceNumber = workReferenceNumber
        self.targetReference = targetReference
        self.highwayAuthoritySWACode = highwayAuthoritySWACode
        self.promoterSWACode = promoterSWACode
        self.workstreamPrefix = workstreamPrefix
        self.category = category
        self.status = status
        self.expiryDate = expiryDate
        self.generationJobID = generationJobID
        self.dateCreated = dateCreated
        self.completedByInspection = completedByInspection
        self.dateCompleted = dateCompleted
        self.dateExpired = dateExpired
    }
}

/// An inspection counted towards a target (R-SAMP-06), and the sample it completed, if any.
public struct SampleProgressRow: Sendable, Hashable {
    public var inspectionReference: String
    public var workReferenceNumber: String
    public var targetReference: String
    public var category: SampleInspectionCategory
    public var quarterStart: Date?
    public var sampleReference: String?
    public var dateRecorded: Date

    public init(
        inspectionReference: String, workReferenceNumber: String, targetReference: String,
        category: SampleInspectionCategory, quarterStart: Date?, sampleReference: String?, dateRecorded: Date
    ) {
        self.inspectionReference = inspectionReference
        self.workReferenceNumber = workReferenceNumber
        self.targetReference = targetReference
        self.category = category
        self.quarterStart = quarterStart
        self.sampleReference = sampleReference
        self.dateRecorded = dateRecorded
    }
}

/// A generation request (R-SAMP-04) and how far it got.
public struct SampleGenerationJobRow: Sendable, Hashable {
    public var id: Int64
    public var highwayAuthoritySWACode: String
    public var username: String
    public var sampleInspectionRate: Double
    public var status: SampleGenerationJobStatus
    public var issuedCount: Int?
    public var error: String?
    public var leaseOwner: String?
    public var leaseUntil: Date?
    public var attempts: Int
    public var dateCreated: Date
    public var startedAt: Date?
    public var finishedAt: Date?
}

/// A highway authority's quarter (R-SAMP-09).
public struct SampleQuarterRow: Sendable, Hashable {
    public var highwayAuthoritySWACode: String
    public var start: Date
    public var end: Date
    public var status: SampleQuarterStatus
    public var startedBy: String
    public var startedAt: Date
    public var endedBy: String?
    public var endedAt: Date?
    public var internalUserIdentifier: String?
    public var internalUserName: String?

    public init(
        highwayAuthoritySWACode: String, start: Date, end: Date, startedBy: String, startedAt: Date,
        internalUserIdentifier: String?, internalUserName: String?
    ) {
        self.highwayAuthoritySWACode = highwayAuthoritySWACode
        self.start = start
        self.end = end
        self.status = .started
        self.startedBy = startedBy
        self.startedAt = startedAt
        self.internalUserIdentifier = internalUserIdentifier
        self.internalUserName = internalUserName
    }
}

/// A works record a sample of category A may be issued on (R-SAMP-05): live works of the
/// promoter in the authority's area, not sampled in that category before.
public struct SampleCandidate: Sendable, Hashable {
    public var workReferenceNumber: String
    public var proposedEndDate: Date
    public var actualStopDate: Date?
}

/// The sampling store: targets, annual units, samples, progress, jobs, quarters, expiry runs.
public struct SamplingRepository: Sendable {
    let db: any SQLExecutor

    public init(_ db: any SQLExecutor) { self.db = db }

    // MARK: targets

    static let targetColumnList = [
        "sample_inspection_target_reference_number", "sequence", "highway_authority_swa_code", "promoter_swa_code",
        "target_status", "inspection_units", "inspection_units_baseline", "inspection_rate",
        "is_inspection_rate_auto_updated", "target_a", "target_b", "target_c", "completed_a", "completed_b",
        "completed_c", "generated_a", "generated_b", "generated_c", "quarter_start", "quarter_end",
        "internal_user_identifier", "internal_user_name", "created_by", "date_created", "updated_by", "date_updated",
        "closed_by", "closed_at",
    ]

    /// The target columns, qualified with `alias` when given.
    public static func targetColumns(as alias: String? = nil) -> String {
        targetColumnList.map { column in alias.map { "\($0).\(column)" } ?? column }.joined(separator: ", ")
    }

    /// Serialises target numbering (and the 30-target count) per database on PostgreSQL; SQLite
    /// has one writer.
    public func lockTargets() async throws {
        if db.dialect == .postgres { try await db.query("SELECT pg_advisory_xact_lock(727327)", []) }
    }

    public func nextTargetSequence(highwayAuthority: String) async throws -> Int {
        (try await db.first(
            "SELECT MAX(sequence) AS last FROM sample_inspection_targets WHERE highway_authority_swa_code = ?",
            .text(highwayAuthority))?.int("last") ?? 0) + 1
    }

    public func activeTargetCount(highwayAuthority: String) async throws -> Int {
        try await db.first(
            "SELECT COUNT(*) AS n FROM sample_inspection_targets WHERE highway_authority_swa_code = ? AND target_status = 'active'",
            .text(highwayAuthority))?.int("n") ?? 0
    }

    /// Inserts a target; `StoreError.uniqueViolation` when the pair has an active one already.
    public func insert(_ t: SampleInspectionTargetRow) async throws {
        try await db.query(
            "INSERT INTO sample_inspection_targets (\(Self.targetColumns())) VALUES (\(SQL.placeholders(Self.targetColumnList.count)))",
            Self.binds(t))
    }

    static func binds(_ t: SampleInspectionTargetRow) -> [SQLValue] {
        [
            .text(t.reference), .int(Int64(t.sequence)), .text(t.highwayAuthoritySWACode), .text(t.promoterSWACode),
            .text(t.status.rawValue), .double(t.inspectionUnits),
            t.inspectionUnitsBaseline.map { SQLValue.double($0) } ?? SQLValue.null,
            .double(t.inspectionRate), .bool(t.isInspectionRateAutoUpdated), .int(Int64(t.targetA)),
            .int(Int64(t.targetB)), .int(Int64(t.targetC)), .int(Int64(t.completedA)), .int(Int64(t.completedB)),
            .int(Int64(t.completedC)), .int(Int64(t.generatedA)), .int(Int64(t.generatedB)), .int(Int64(t.generatedC)),
            .optionalInstant(t.quarterStart), .optionalInstant(t.quarterEnd), .optional(t.internalUserIdentifier),
            .optional(t.internalUserName), .text(t.createdBy), .instant(t.dateCreated), .text(t.updatedBy),
            .instant(t.dateUpdated), .optional(t.closedBy), .optionalInstant(t.closedAt),
        ]
    }

    /// Writes back every column of the target but its key.
    public func update(_ t: SampleInspectionTargetRow) async throws {
        let columns = Self.targetColumnList.dropFirst().map { "\($0) = ?" }.joined(separator: ", ")
        let binds = Self.binds(t)
        try await db.query(
            "UPDATE sample_inspection_targets SET \(columns) WHERE sample_inspection_target_reference_number = ?",
            Array(binds.dropFirst()) + [binds[0]])
    }

    public func target(_ reference: String, forUpdate: Bool = false) async throws -> SampleInspectionTargetRow? {
        let lock = forUpdate && db.dialect == .postgres ? " FOR UPDATE" : ""
        return try await db.first(
            "SELECT \(Self.targetColumns()) FROM sample_inspection_targets WHERE sample_inspection_target_reference_number = ?\(lock)",
            .text(reference)
        ).map(Self.target(from:))
    }

    /// The active target of the pair, if any (locked on PostgreSQL when asked).
    public func activeTarget(highwayAuthority: String, promoter: String, forUpdate: Bool = false) async throws
        -> SampleInspectionTargetRow?
    {
        let lock = forUpdate && db.dialect == .postgres ? " FOR UPDATE" : ""
        return try await db.first(
            """
            SELECT \(Self.targetColumns()) FROM sample_inspection_targets
            WHERE highway_authority_swa_code = ? AND promoter_swa_code = ? AND target_status = 'active'\(lock)
            """, .text(highwayAuthority), .text(promoter)
        ).map(Self.target(from:))
    }

    public func activeTargets(highwayAuthority: String) async throws -> [SampleInspectionTargetRow] {
        try await db.query(
            """
            SELECT \(Self.targetColumns()) FROM sample_inspection_targets
            WHERE highway_authority_swa_code = ? AND target_status = 'active' ORDER BY sequence
            """, .text(highwayAuthority)
        ).map(Self.target(from:))
    }

    /// R-SAMP-06: moves a target's progress in `category` by `delta`, never below 0.
    public func addProgress(_ reference: String, category: SampleInspectionCategory, delta: Int) async throws {
        let column = "completed_\(category.rawValue)"
        try await db.query(
            """
            UPDATE sample_inspection_targets SET \(column) = CASE WHEN \(column) + ? < 0 THEN 0 ELSE \(column) + ? END
            WHERE sample_inspection_target_reference_number = ?
            """, .int(Int64(delta)), .int(Int64(delta)), .text(reference))
    }

    /// R-SAMP-04: counts a sample generated for the target.
    public func countGenerated(_ reference: String, category: SampleInspectionCategory) async throws {
        let column = "generated_\(category.rawValue)"
        try await db.query(
            "UPDATE sample_inspection_targets SET \(column) = \(column) + 1 WHERE sample_inspection_target_reference_number = ?",
            .text(reference))
    }

    /// R-SAMP-09 (D-SAMPLING): the authority's active targets count afresh in a new quarter.
    public func startQuarter(highwayAuthority: String, start: Date, end: Date) async throws {
        try await db.query(
            """
            UPDATE sample_inspection_targets SET quarter_start = ?, quarter_end = ?, completed_a = 0, completed_b = 0,
            completed_c = 0, generated_a = 0, generated_b = 0, generated_c = 0
            WHERE highway_authority_swa_code = ? AND target_status = 'active'
            """, .instant(start), .instant(end), .text(highwayAuthority))
    }

    static func target(from row: SQLRow) throws -> SampleInspectionTargetRow {
        var t = SampleInspectionTargetRow(
            reference: try row.requireString("sample_inspection_target_reference_number"),
            sequence: try row.requireInt("sequence"),
            highwayAuthoritySWACode: try row.requireString("highway_authority_swa_code"),
            promoterSWACode: try row.requireString("promoter_swa_code"),
            inspectionUnits: row.double("inspection_units") ?? 0,
            inspectionUnitsBaseline: row.double("inspection_units_baseline"),
            inspectionRate: row.double("inspection_rate") ?? 0, targetA: try row.requireInt("target_a"),
            targetB: try row.requireInt("target_b"), targetC: try row.requireInt("target_c"),
            quarterStart: row.instant("quarter_start"), quarterEnd: row.instant("quarter_end"),
            internalUserIdentifier: row.string("internal_user_identifier"),
            internalUserName: row.string("internal_user_name"), by: try row.requireString("created_by"),
            at: try row.requireInstant("date_created"))
        t.status = try row.value("target_status")
        t.isInspectionRateAutoUpdated = try row.requireBool("is_inspection_rate_auto_updated")
        t.completedA = try row.requireInt("completed_a")
        t.completedB = try row.requireInt("completed_b")
        t.completedC = try row.requireInt("completed_c")
        t.generatedA = try row.requireInt("generated_a")
        t.generatedB = try row.requireInt("generated_b")
        t.generatedC = try row.requireInt("generated_c")
        t.updatedBy = try row.requireString("updated_by")
        t.dateUpdated = try row.requireInstant("date_updated")
        t.closedBy = row.string("closed_by")
        t.closedAt = row.instant("closed_at")
        return t
    }

    // MARK: annual inspection units

    /// R-SAMP-03: records the annual units sent with a target (a year sent again is replaced).
    public func saveAnnualUnits(
        _ years: [AnnualInspectionUnits], highwayAuthority: String, promoter: String, at now: Date
    ) async throws {
        for year in years {
            try await db.query(
                """
                INSERT INTO sample_inspection_annual_units (highway_authority_swa_code, promoter_swa_code,
                financial_year_start, annual_inspection_units, is_auto_calculated, date_updated) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (highway_authority_swa_code, promoter_swa_code, financial_year_start) DO UPDATE SET
                annual_inspection_units = excluded.annual_inspection_units,
                is_auto_calculated = excluded.is_auto_calculated, date_updated = excluded.date_updated
                """, .text(highwayAuthority), .text(promoter), .instant(year.financialYearStart),
                year.units.map { SQLValue.double($0) } ?? SQLValue.null, .bool(year.isAutoCalculated), .instant(now))
        }
    }

    /// The annual units recorded for the pair, oldest year first; only years starting before
    /// `before` when given.
    public func annualUnits(highwayAuthority: String, promoter: String, before: Date?) async throws
        -> [AnnualInspectionUnits]
    {
        var sql = """
            SELECT financial_year_start, annual_inspection_units, is_auto_calculated FROM sample_inspection_annual_units
            WHERE highway_authority_swa_code = ? AND promoter_swa_code = ?
            """
        var binds: [SQLValue] = [.text(highwayAuthority), .text(promoter)]
        if let before {
            sql += " AND financial_year_start < ?"
            binds.append(.instant(before))
        }
        return try await db.query(sql + " ORDER BY financial_year_start", binds).map { row in
            AnnualInspectionUnits(
                financialYearStart: try row.requireInstant("financial_year_start"),
                units: row.double("annual_inspection_units"),
                isAutoCalculated: try row.requireBool("is_auto_calculated"))
        }
    }

    // MARK: samples

    static let sampleColumnList = [
        "sample_inspection_reference_number", "work_reference_number", "sample_inspection_target_reference_number",
        "highway_authority_swa_code", "promoter_swa_code", "workstream_prefix", "inspection_category",
        "sample_status", "sample_expiry_date", "generation_job_id", "date_created", "completed_by_inspection",
        "date_completed", "date_expired",
    ]

    public static func sampleColumns(as alias: String? = nil) -> String {
        sampleColumnList.map { column in alias.map { "\($0).\(column)" } ?? column }.joined(separator: ", ")
    }

    /// Inserts a sample unless the works record has one of the category already; whether it did.
    @discardableResult
    public func insert(_ s: SampleInspectionRow) async throws -> Bool {
        !(try await db.query(
            """
            INSERT INTO sample_inspections (\(Self.sampleColumns())) VALUES (\(SQL.placeholders(Self.sampleColumnList.count)))
            ON CONFLICT (sample_inspection_reference_number) DO NOTHING RETURNING sample_inspection_reference_number
            """,
            [
                .text(s.reference), .text(s.workReferenceNumber), .text(s.targetReference),
                .text(s.highwayAuthoritySWACode), .text(s.promoterSWACode), .text(s.workstreamPrefix),
                .text(s.category.rawValue), .text(s.status.rawValue), .instant(s.expiryDate),
                .optional(s.generationJobID), .instant(s.dateCreated), .optional(s.completedByInspection),
                .optionalInstant(s.dateCompleted), .optionalInstant(s.dateExpired),
            ]
        ).isEmpty)
    }

    /// Writes back a sample's status and what settled it.
    public func update(_ s: SampleInspectionRow) async throws {
        try await db.query(
            """
            UPDATE sample_inspections SET sample_status = ?, completed_by_inspection = ?, date_completed = ?,
            date_expired = ? WHERE sample_inspection_reference_number = ?
            """, .text(s.status.rawValue), .optional(s.completedByInspection), .optionalInstant(s.dateCompleted),
            .optionalInstant(s.dateExpired), .text(s.reference))
    }

    public func sample(_ reference: String) async throws -> SampleInspectionRow? {
        try await db.first(
            "SELECT \(Self.sampleColumns()) FROM sample_inspections WHERE sample_inspection_reference_number = ?",
            .text(reference)
        ).map(Self.sample(from:))
    }

    /// The samples of a works record, oldest first.
    public func samples(ofWork reference: String) async throws -> [SampleInspectionRow] {
        try await db.query(
            "SELECT \(Self.sampleColumns()) FROM sample_inspections WHERE work_reference_number = ? ORDER BY date_created, sample_inspection_reference_number",
            .text(reference)
        ).map(Self.sample(from:))
    }

    /// R-SAMP-04: how many samples of the category the target has issued now (completed and
    /// expired ones are not counted).
    public func issuedCount(target: String, category: SampleInspectionCategory) async throws -> Int {
        try await db.first(
            """
            SELECT COUNT(*) AS n FROM sample_inspections WHERE sample_inspection_target_reference_number = ?
            AND inspection_category = ? AND sample_status = 'issued'
            """, .text(target), .text(category.rawValue))?.int("n") ?? 0
    }

    /// R-SAMP-05: up to `limit` live works of the promoter in the authority's area, not sampled
    /// in category A before, whose expiry (their proposed end, or stop) is still to come, in a
    /// random order (a sample).
    public func categoryACandidates(highwayAuthority: String, promoter: String, after now: Date, limit: Int)
        async throws -> [SampleCandidate]
    {
        try await db.query(
            """
            SELECT w.work_reference_number, p.proposed_end_date, p.actual_stop_date FROM works w
            JOIN permits p ON p.permit_reference_number = w.active_permit_reference_number
            WHERE w.highway_authority_swa_code = ? AND w.promoter_swa_code = ? AND w.work_status = 'in_progress'
            AND COALESCE(p.actual_stop_date, p.proposed_end_date) > ?
            AND NOT EXISTS (SELECT 1 FROM sample_inspections s WHERE s.work_reference_number = w.work_reference_number
            AND s.inspection_category = 'a')
            ORDER BY RANDOM() LIMIT ?
            """, .text(highwayAuthority), .text(promoter), .instant(now), .int(Int64(limit))
        ).map { row in
            SampleCandidate(
                workReferenceNumber: try row.requireString("work_reference_number"),
                proposedEndDate: try row.requireInstant("proposed_end_date"),
                actualStopDate: row.instant("actual_stop_date"))
        }
    }

    /// R-SAMP-05, R-SAMP-07: works records with a sample due to expire at `now` (its expiry
    /// passed, or its target closed), at most `limit`.
    public func worksWithSamplesDue(at now: Date, limit: Int) async throws -> [String] {
        try await db.query(
            """
            SELECT DISTINCT s.work_reference_number FROM sample_inspections s
            JOIN sample_inspection_targets t ON t.sample_inspection_target_reference_number = s.sample_inspection_target_reference_number
            WHERE s.sample_status = 'issued' AND (s.sample_expiry_date <= ? OR t.target_status = 'closed')
            ORDER BY s.work_reference_number LIMIT ?
            """, .instant(now), .int(Int64(limit))
        ).map { try $0.requireString("work_reference_number") }
    }

    /// R-SAMP-07: the works records with an issued sample of the target.
    public func worksWithIssuedSamples(target: String) async throws -> [String] {
        try await db.query(
            """
            SELECT DISTINCT work_reference_number FROM sample_inspections
            WHERE sample_inspection_target_reference_number = ? AND sample_status = 'issued' ORDER BY work_reference_number
            """, .text(target)
        ).map { try $0.requireString("work_reference_number") }
    }

    /// The works record's open samples (issued: not completed, not expired; R-SAMP-08) of the
    /// highway authority bound second, in reference order: what `GET /works/{wrn}` shows it.
    static let openOfWork =
        "SELECT * FROM sample_inspections WHERE work_reference_number = ? AND highway_authority_swa_code = ? AND sample_status = 'issued' ORDER BY sample_inspection_reference_number"

    static func sample(from row: SQLRow) throws -> SampleInspectionRow {
        SampleInspectionRow(
            reference: try row.requireString("sample_inspection_reference_number"),
            workReferenceNumber: try row.requireString("work_reference_number"),
            targetReference: try row.requireString("sample_inspection_target_reference_number"),
            highwayAuthoritySWACode: try row.requireString("highway_authority_swa_code"),
            promoterSWACode: try row.requireString("promoter_swa_code"),
            workstreamPrefix: try row.requireString("workstream_prefix"),
            category: try row.value("inspection_category"), status: try row.value("sample_status"),
            expiryDate: try row.requireInstant("sample_expiry_date"), generationJobID: row.int64("generation_job_id"),
            dateCreated: try row.requireInstant("date_created"),
            completedByInspection: row.string("completed_by_inspection"),
            dateCompleted: row.instant("date_completed"), dateExpired: row.instant("date_expired"))
    }

    // MARK: progress (R-SAMP-06)

    /// Records that an inspection counted towards a target; false when it was counted already.
    public func insert(_ p: SampleProgressRow) async throws -> Bool {
        !(try await db.query(
            """
            INSERT INTO sample_inspection_progress (inspection_reference_number, work_reference_number,
            sample_inspection_target_reference_number, inspection_category, quarter_start,
            sample_inspection_reference_number, date_recorded) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (inspection_reference_number) DO NOTHING RETURNING inspection_reference_number
            """, .text(p.inspectionReference), .text(p.workReferenceNumber), .text(p.targetReference),
            .text(p.category.rawValue), .optionalInstant(p.quarterStart), .optional(p.sampleReference),
            .instant(p.dateRecorded)
        ).isEmpty)
    }

    public func progress(ofInspection reference: String) async throws -> SampleProgressRow? {
        try await db.first(
            """
            SELECT inspection_reference_number, work_reference_number, sample_inspection_target_reference_number,
            inspection_category, quarter_start, sample_inspection_reference_number, date_recorded
            FROM sample_inspection_progress WHERE inspection_reference_number = ?
            """, .text(reference)
        ).map { row in
            SampleProgressRow(
                inspectionReference: try row.requireString("inspection_reference_number"),
                workReferenceNumber: try row.requireString("work_reference_number"),
                targetReference: try row.requireString("sample_inspection_target_reference_number"),
                category: try row.value("inspection_category"), quarterStart: row.instant("quarter_start"),
                sampleReference: row.string("sample_inspection_reference_number"),
                dateRecorded: try row.requireInstant("date_recorded"))
        }
    }

    public func deleteProgress(ofInspection reference: String) async throws {
        try await db.query(
            "DELETE FROM sample_inspection_progress WHERE inspection_reference_number = ?", .text(reference))
    }

    // MARK: generation jobs (R-SAMP-04)

    static let jobColumns =
        "sample_generation_job_id, highway_authority_swa_code, username, sample_inspection_rate, job_status, issued_count, error, lease_owner, lease_until, attempts, date_created, started_at, finished_at"

    /// Queues a generation; `StoreError.uniqueViolation` when the authority has one queued or
    /// running.
    public func enqueueJob(highwayAuthority: String, username: String, rate: Double, at now: Date) async throws
        -> Int64
    {
        let row = try await db.first(
            """
            INSERT INTO sample_generation_jobs (highway_authority_swa_code, username, sample_inspection_rate,
            job_status, date_created) VALUES (?, ?, ?, ?, ?) RETURNING sample_generation_job_id
            """, .text(highwayAuthority), .text(username), .double(rate),
            .text(SampleGenerationJobStatus.queued.rawValue), .instant(now))
        guard let id = row?.int64("sample_generation_job_id") else {
            throw StoreError.missingColumn("sample_generation_job_id")
        }
        return id
    }

    /// The authority's job that is queued or running, if any.
    public func pendingJob(highwayAuthority: String) async throws -> SampleGenerationJobRow? {
        try await db.first(
            """
            SELECT \(Self.jobColumns) FROM sample_generation_jobs WHERE highway_authority_swa_code = ?
            AND job_status IN ('queued', 'in_progress')
            """, .text(highwayAuthority)
        ).map(Self.job(from:))
    }

    public func job(_ id: Int64) async throws -> SampleGenerationJobRow? {
        try await db.first(
            "SELECT \(Self.jobColumns) FROM sample_generation_jobs WHERE sample_generation_job_id = ?", .int(id)
        ).map(Self.job(from:))
    }

    /// Takes the oldest queued job, or a running one whose lease has run out (its process died),
    /// for `worker` until `leaseUntil`. On PostgreSQL `FOR UPDATE SKIP LOCKED`: two processes
    /// never take the same one; SQLite has a single writer. Run it in a transaction.
    public func claimJob(worker: String, now: Date, leaseUntil: Date) async throws -> SampleGenerationJobRow? {
        let lock = db.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        guard
            let id = try await db.first(
                """
                SELECT sample_generation_job_id FROM sample_generation_jobs
                WHERE job_status = ? OR (job_status = ? AND lease_until < ?)
                ORDER BY sample_generation_job_id LIMIT 1\(lock)
                """, .text(SampleGenerationJobStatus.queued.rawValue),
                .text(SampleGenerationJobStatus.inProgress.rawValue), .instant(now)
            )?.int64("sample_generation_job_id")
        else { return nil }
        try await db.query(
            """
            UPDATE sample_generation_jobs SET job_status = ?, lease_owner = ?, lease_until = ?, attempts = attempts + 1,
            started_at = ? WHERE sample_generation_job_id = ?
            """, .text(SampleGenerationJobStatus.inProgress.rawValue), .text(worker), .instant(leaseUntil),
            .instant(now), .int(id))
        return try await job(id)
    }

    /// Marks `worker`'s job complete; false when it is no longer its own.
    public func finishJob(_ id: Int64, worker: String, issued: Int, at now: Date) async throws -> Bool {
        !(try await db.query(
            """
            UPDATE sample_generation_jobs SET job_status = ?, issued_count = ?, finished_at = ?, lease_owner = NULL,
            lease_until = NULL WHERE sample_generation_job_id = ? AND lease_owner = ? RETURNING sample_generation_job_id
            """, .text(SampleGenerationJobStatus.complete.rawValue), .int(Int64(issued)), .instant(now), .int(id),
            .text(worker)
        ).isEmpty)
    }

    public func failJob(_ id: Int64, worker: String, error: String, at now: Date) async throws {
        try await db.query(
            """
            UPDATE sample_generation_jobs SET job_status = ?, error = ?, finished_at = ?, lease_owner = NULL,
            lease_until = NULL WHERE sample_generation_job_id = ? AND lease_owner = ?
            """, .text(SampleGenerationJobStatus.failed.rawValue), .text(error), .instant(now), .int(id),
            .text(worker))
    }

    static func job(from row: SQLRow) throws -> SampleGenerationJobRow {
        SampleGenerationJobRow(
            id: try row.int64("sample_generation_job_id")
                ?? { throw StoreError.missingColumn("sample_generation_job_id") }(),
            highwayAuthoritySWACode: try row.requireString("highway_authority_swa_code"),
            username: try row.requireString("username"),
            sampleInspectionRate: row.double("sample_inspection_rate") ?? 0, status: try row.value("job_status"),
            issuedCount: row.int("issued_count"), error: row.string("error"), leaseOwner: row.string("lease_owner"),
            leaseUntil: row.instant("lease_until"), attempts: try row.requireInt("attempts"),
            dateCreated: try row.requireInstant("date_created"), startedAt: row.instant("started_at"),
            finishedAt: row.instant("finished_at"))
    }

    // MARK: quarters (R-SAMP-09)

    /// The authority's latest quarter (locked on PostgreSQL when asked).
    public func latestQuarter(highwayAuthority: String, forUpdate: Bool = false) async throws -> SampleQuarterRow? {
        if forUpdate, db.dialect == .postgres {
            try await db.query("SELECT pg_advisory_xact_lock(727328)", [])
        }
        return try await db.first(
            """
            SELECT highway_authority_swa_code, quarter_start, quarter_end, quarter_status, started_by, started_at,
            ended_by, ended_at, internal_user_identifier, internal_user_name FROM sample_inspection_quarters
            WHERE highway_authority_swa_code = ? ORDER BY quarter_start DESC LIMIT 1
            """, .text(highwayAuthority)
        ).map { row in
            var q = SampleQuarterRow(
                highwayAuthoritySWACode: try row.requireString("highway_authority_swa_code"),
                start: try row.requireInstant("quarter_start"), end: try row.requireInstant("quarter_end"),
                startedBy: try row.requireString("started_by"), startedAt: try row.requireInstant("started_at"),
                internalUserIdentifier: row.string("internal_user_identifier"),
                internalUserName: row.string("internal_user_name"))
            q.status = try row.value("quarter_status")
            q.endedBy = row.string("ended_by")
            q.endedAt = row.instant("ended_at")
            return q
        }
    }

    public func insert(_ q: SampleQuarterRow) async throws {
        try await db.query(
            """
            INSERT INTO sample_inspection_quarters (highway_authority_swa_code, quarter_start, quarter_end,
            quarter_status, started_by, started_at, ended_by, ended_at, internal_user_identifier, internal_user_name)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, .text(q.highwayAuthoritySWACode), .instant(q.start), .instant(q.end), .text(q.status.rawValue),
            .text(q.startedBy), .instant(q.startedAt), .optional(q.endedBy), .optionalInstant(q.endedAt),
            .optional(q.internalUserIdentifier), .optional(q.internalUserName))
    }

    /// Writes back the quarter's status and its end.
    public func update(_ q: SampleQuarterRow) async throws {
        try await db.query(
            """
            UPDATE sample_inspection_quarters SET quarter_status = ?, ended_by = ?, ended_at = ?
            WHERE highway_authority_swa_code = ? AND quarter_start = ?
            """, .text(q.status.rawValue), .optional(q.endedBy), .optionalInstant(q.endedAt),
            .text(q.highwayAuthoritySWACode), .instant(q.start))
    }

    // MARK: expiry runs (R-SAMP-05)

    /// Claims the expiry run of the UK day `date` for `worker` until `leaseUntil`: true for the
    /// one process that gets it (the first, or a later one once the first's lease ran out
    /// unfinished); every statement is a single atomic write, so it holds across processes.
    public func claimExpiryRun(_ date: LocalDate, worker: String, now: Date, leaseUntil: Date) async throws -> Bool {
        let inserted = try await db.query(
            """
            INSERT INTO sample_expiry_runs (run_date, lease_owner, lease_until, started_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (run_date) DO NOTHING RETURNING run_date
            """, .text(date.iso), .text(worker), .instant(leaseUntil), .instant(now))
        if !inserted.isEmpty { return true }
        return
            !(try await db.query(
                """
                UPDATE sample_expiry_runs SET lease_owner = ?, lease_until = ?, started_at = ?
                WHERE run_date = ? AND finished_at IS NULL AND lease_until < ? RETURNING run_date
                """, .text(worker), .instant(leaseUntil), .instant(now), .text(date.iso), .instant(now)
            ).isEmpty)
    }

    /// Whether the run of the UK day `date` is finished or held by a live lease at `now` (a read:
    /// the service looks every few seconds, and writes only when there may be a run to claim).
    public func expiryRunTaken(_ date: LocalDate, now: Date) async throws -> Bool {
        guard
            let row = try await db.first(
                "SELECT finished_at, lease_until FROM sample_expiry_runs WHERE run_date = ?", .text(date.iso))
        else { return false }
        return row.instant("finished_at") != nil || (row.instant("lease_until").map { $0 >= now } ?? false)
    }

    public func finishExpiryRun(_ date: LocalDate, worker: String, expired: Int, at now: Date) async throws {
        try await db.query(
            """
            UPDATE sample_expiry_runs SET finished_at = ?, expired_count = ?, lease_owner = NULL, lease_until = NULL
            WHERE run_date = ? AND lease_owner = ?
            """, .instant(now), .int(Int64(expired)), .text(date.iso), .text(worker))
    }
}
