import Domain
import Foundation

/// An inspection as stored (R-INSP): what the highway authority recorded, its withdrawal and the
/// answers to its outcome.
public struct InspectionRow: Sendable, Hashable {
    public var reference: String
    public var workReferenceNumber: String
    public var sequence: Int
    public var promoterSWACode: String
    public var highwayAuthoritySWACode: String
    public var workstreamPrefix: String
    public var type: InspectionType
    public var category: InspectionCategory?
    public var outcome: InspectionOutcome
    public var startDate: Date
    public var failureReasons: [FailureReasonDetail]
    public var outcomeDetails: String?
    public var wasCallLogged: Bool?
    public var callLoggedTo: String?
    public var callLoggedReference: String?
    public var callLoggedSummary: String?
    public var defectFixedOnSite: DefectFixedOnSite?
    public var additionalComments: String?
    public var evidence: Bool
    /// R-INSP-07: the evidence files' ids, as sent.
    public var fileIDs: [Int]
    public var reinspectionDate: Date?
    public var reinspectionDateTime: Date?
    public var username: String
    public var inspectorName: String?
    public var madeSafeByHA: Bool?
    public var status: InspectionStatus
    public var reasonForWithdrawal: InspectionWithdrawalReason?
    public var withdrawalDetails: String?
    public var promoterResponseStatus: InspectionOutcomeStatus?
    public var promoterResponseDate: Date?
    public var promoterResponseDetails: String?
    public var haResponseStatus: InspectionOutcomeStatus?
    public var haResponseDate: Date?
    public var haResponseDetails: String?
    public var autoAcceptanceDueDate: Date?
    public var isAutoAccepted: Bool
    public var nonComplianceReference: String?
    public var dateCreated: Date
    public var dateModified: Date

    public init(
        reference: String, workReferenceNumber: String, sequence: Int, promoterSWACode: String,
        highwayAuthoritySWACode: String, workstreamPrefix: String, type: InspectionType,
        category: InspectionCategory?, outcome: InspectionOutcome, startDate: Date,
        failureReasons: [FailureReasonDetail], outcomeDetails: String?, wasCallLogged: Bool?, callLoggedTo: String?,
        callLoggedReference: String?, callLoggedSummary: String?, defectFixedOnSite: DefectFixedOnSite?,
        additionalComments: String?, evidence: Bool, fileIDs: [Int], reinspectionDate: Date?,
        reinspectionDateTime: Date?, username: String, inspectorName: String?, madeSafeByHA: Bool?,
        status: InspectionStatus = .recorded, autoAcceptanceDueDate: Date?, nonComplianceReference: String?,
        dateCreated: Date
    ) {
        self.reference = reference
        self.workReferenceNumber = workReferenceNumber
        self.sequence = sequence
        self.promoterSWACode = promoterSWACode
        self.highwayAuthoritySWACode = highwayAuthoritySWACode
        self.workstreamPrefix = workstreamPrefix
        self.type = type
        self.category = category
        self.outcome = outcome
        self.startDate = startDate
        self.failureReasons = failureReasons
        self.outcomeDetails = outcomeDetails
        self.wasCallLogged = wasCallLogged
        self.callLoggedTo = callLoggedTo
        self.callLoggedReference = callLoggedReference
        self.callLoggedSummary = callLoggedSummary
        self.defectFixedOnSite = defectFixedOnSite
        self.additionalComments = additionalComments
        self.evidence = evidence
        self.fileIDs = fileIDs
        self.reinspectionDate = reinspectionDate
        self.reinspectionDateTime = reinspectionDateTime
        self.username = username
        self.inspectorName = inspectorName
        self.madeSafeByHA = madeSafeByHA
        self.status = status
        self.isAutoAccepted = false
        self.autoAcceptanceDueDate = autoAcceptanceDueDate
        self.nonComplianceReference = nonComplianceReference
        self.dateCreated = dateCreated
        self.dateModified = dateCreated
    }

    /// R-INSP-13: the state its answers are checked against.
    public var responses: InspectionOutcomeResponses.State {
        .init(status: status, outcome: outcome, promoterStatus: promoterResponseStatus, haStatus: haResponseStatus)
    }
}

/// The one scheduled inspection of a works record (R-INSP-10, R-INSP-11).
public struct ScheduledInspectionRow: Sendable, Hashable {
    public var workReferenceNumber: String
    public var promoterSWACode: String
    public var highwayAuthoritySWACode: String
    public var workstreamPrefix: String
    public var type: InspectionType
    public var category: InspectionCategory?
    public var date: Date
    public var dateTime: Date?
    public var username: String
    public var dateCreated: Date

    public init(
        workReferenceNumber: String, promoterSWACode: String, highwayAuthoritySWACode: String,
        workstreamPrefix: String, type: InspectionType, category: InspectionCategory?, date: Date, dateTime: Date?,
        username: String, dateCreated: Date
    ) {
        self.workReferenceNumber = workReferenceNumber
        self.promoterSWACode = promoterSWACode
        self.highwayAuthoritySWACode = highwayAuthoritySWACode
        self.workstreamPrefix = workstreamPrefix
        self.type = type
        self.category = category
        self.date = date
        self.dateTime = dateTime
        self.username = username
        self.dateCreated = dateCreated
    }
}

/// A non-compliance as stored (R-NC-01): its status, where its joint site meeting stands and
/// each side's latest answer.
public struct NonComplianceRow: Sendable, Hashable {
    public var reference: String
    public var workReferenceNumber: String
    public var sequence: Int
    public var promoterSWACode: String
    public var highwayAuthoritySWACode: String
    public var workstreamPrefix: String
    public var status: NonComplianceStatus
    public var jsmRequestedBy: ResponseSide?
    public var jsmRequestedByOrganisation: String?
    public var jsmSuggestedTime: Date?
    public var jsmStatus: JointSiteMeetingStatus?
    public var promoterResponseStatus: NonComplianceResponseStatus?
    public var promoterResponseDate: Date?
    public var promoterResponseDetails: String?
    public var promoterResponseJSMDate: Date?
    public var haResponseStatus: NonComplianceResponseStatus
    public var haResponseDate: Date
    public var haResponseDetails: String?
    public var haResponseJSMDate: Date?
    public var dateCreated: Date

    /// A new non-compliance, issued by the highway authority at `at`.
    public init(
        reference: String, workReferenceNumber: String, sequence: Int, promoterSWACode: String,
        highwayAuthoritySWACode: String, workstreamPrefix: String, at: Date
    ) {
        self.reference = reference
        self.workReferenceNumber = workReferenceNumber
        self.sequence = sequence
        self.promoterSWACode = promoterSWACode
        self.highwayAuthoritySWACode = highwayAuthoritySWACode
        self.workstreamPrefix = workstreamPrefix
        self.status = .issued
        self.haResponseStatus = .issued
        self.haResponseDate = at
        self.dateCreated = at
    }

    public var lifecycle: NonComplianceLifecycle.State {
        .init(status: status, jsmStatus: jsmStatus, jsmRequestedBy: jsmRequestedBy)
    }
}

/// What a historic works record holds that no permit does (R-INSP-14).
public struct HistoricWorkRow: Sendable, Hashable {
    public var workReferenceNumber: String
    public var worksLocationDescription: String
    public var descriptionOfWork: String?
    public var workStartDate: Date?
    public var workEndDate: Date?
    public var dateCreated: Date

    public init(
        workReferenceNumber: String, worksLocationDescription: String, descriptionOfWork: String?,
        workStartDate: Date?, workEndDate: Date?, dateCreated: Date
    ) {
        self.workReferenceNumber = workReferenceNumber
        self.worksLocationDescription = worksLocationDescription
        self.descriptionOfWork = descriptionOfWork
        self.workStartDate = workStartDate
        self.workEndDate = workEndDate
        self.dateCreated = dateCreated
    }
}

/// Inspections, scheduled inspections, non-compliances and historic works records.
public struct InspectionRepository: Sendable {
    let db: any SQLExecutor

    public init(_ db: any SQLExecutor) { self.db = db }

    /// The most inspections a works record's answer lists (SEED-v6: "the latest 50").
    public static let workSummaryLimit = 50

    static let columnList = [
        "inspection_reference_number", "work_reference_number", "sequence", "promoter_swa_code",
        "highway_authority_swa_code", "workstream_prefix", "inspection_type", "inspection_category",
        "inspection_outcome", "inspection_start_date", "failure_reason_details", "inspection_outcome_details",
        "was_call_logged", "call_logged_to", "call_logged_reference", "call_logged_summary", "defect_fixed_on_site",
        "additional_comments", "inspection_evidence", "file_ids", "reinspection_date", "reinspection_date_time",
        "username", "inspector_name", "made_safe_by_ha", "inspection_status", "reason_for_withdrawal",
        "withdrawal_details", "promoter_response_status", "promoter_response_status_change_date",
        "promoter_response_details", "ha_response_status", "ha_response_status_change_date", "ha_response_details",
        "auto_acceptance_due_date", "is_auto_accepted", "non_compliance_reference_number", "date_created",
        "date_modified",
    ]

    public static let columns = columnList.joined(separator: ", ")

    /// The columns with a table alias (`i.inspection_reference_number, …`).
    public static func columns(as alias: String) -> String {
        columnList.map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    static func binds(_ i: InspectionRow) throws -> [SQLValue] {
        [
            .text(i.reference), .text(i.workReferenceNumber), .int(Int64(i.sequence)), .text(i.promoterSWACode),
            .text(i.highwayAuthoritySWACode), .text(i.workstreamPrefix), .text(i.type.rawValue),
            .optional(i.category?.rawValue), .text(i.outcome.rawValue), .instant(i.startDate),
            .text(try failureText(i.failureReasons)), .optional(i.outcomeDetails), .optional(i.wasCallLogged),
            .optional(i.callLoggedTo), .optional(i.callLoggedReference), .optional(i.callLoggedSummary),
            .optional(i.defectFixedOnSite?.rawValue), .optional(i.additionalComments), .bool(i.evidence),
            .text("[" + i.fileIDs.map(String.init).joined(separator: ",") + "]"),
            .optionalInstant(i.reinspectionDate), .optionalInstant(i.reinspectionDateTime), .text(i.username),
            .optional(i.inspectorName), .optional(i.madeSafeByHA), .text(i.status.rawValue),
            .optional(i.reasonForWithdrawal?.rawValue), .optional(i.withdrawalDetails),
            .optional(i.promoterResponseStatus?.rawValue), .optionalInstant(i.promoterResponseDate),
            .optional(i.promoterResponseDetails), .optional(i.haResponseStatus?.rawValue),
            .optionalInstant(i.haResponseDate), .optional(i.haResponseDetails),
            .optionalInstant(i.autoAcceptanceDueDate), .bool(i.isAutoAccepted), .optional(i.nonComplianceReference),
            .instant(i.dateCreated), .instant(i.dateModified),
        ]
    }

    static func failureText(_ reasons: [FailureReasonDetail]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(reasons), as: UTF8.self)
    }

    public func insert(_ i: InspectionRow) async throws {
        try await db.query(
            "INSERT INTO inspections (\(Self.columns)) VALUES (\(SQL.placeholders(Self.columnList.count)))",
            try Self.binds(i))
    }

    /// Writes back what changes of an inspection: its withdrawal, the answers to its outcome and
    /// the non-compliance it belongs to.
    public func update(_ i: InspectionRow) async throws {
        try await db.query(
            """
            UPDATE inspections SET inspection_status = ?, reason_for_withdrawal = ?, withdrawal_details = ?,
            promoter_response_status = ?, promoter_response_status_change_date = ?, promoter_response_details = ?,
            ha_response_status = ?, ha_response_status_change_date = ?, ha_response_details = ?,
            is_auto_accepted = ?, non_compliance_reference_number = ?, date_modified = ?
            WHERE inspection_reference_number = ?
            """,
            [
                .text(i.status.rawValue), .optional(i.reasonForWithdrawal?.rawValue), .optional(i.withdrawalDetails),
                .optional(i.promoterResponseStatus?.rawValue), .optionalInstant(i.promoterResponseDate),
                .optional(i.promoterResponseDetails), .optional(i.haResponseStatus?.rawValue),
                .optionalInstant(i.haResponseDate), .optional(i.haResponseDetails), .bool(i.isAutoAccepted),
                .optional(i.nonComplianceReference), .instant(i.dateModified), .text(i.reference),
            ])
    }

    public func delete(_ reference: String) async throws {
        try await db.query("DELETE FROM inspections WHERE inspection_reference_number = ?", .text(reference))
    }

    public func inspection(_ reference: String) async throws -> InspectionRow? {
        try await db.first(
            "SELECT \(Self.columns) FROM inspections WHERE inspection_reference_number = ?", .text(reference)
        ).map(Self.row(from:))
    }

    /// The highest number given to an inspection of the works record (0 when it has none).
    public func lastSequence(ofWork reference: String) async throws -> Int {
        try await db.first(
            "SELECT MAX(sequence) AS last FROM inspections WHERE work_reference_number = ?", .text(reference)
        )?.int("last") ?? 0
    }

    /// The latest inspections of a works record (the `workSummaryLimit` newest), newest first.
    public static let ofWork =
        "SELECT \(columns) FROM inspections WHERE work_reference_number = ? ORDER BY sequence DESC LIMIT \(workSummaryLimit)"

    /// The inspections linked to a non-compliance, oldest first.
    public func inspections(ofNonCompliance reference: String) async throws -> [InspectionRow] {
        try await db.query(
            "SELECT \(Self.columns) FROM inspections WHERE non_compliance_reference_number = ? ORDER BY sequence",
            .text(reference)
        ).map(Self.row(from:))
    }

    /// R-INSP-13: the works records with a recorded outcome unanswered past its due date.
    public func worksWithOutcomesDue(at now: Date, limit: Int) async throws -> [String] {
        try await db.query(
            """
            SELECT DISTINCT work_reference_number FROM inspections WHERE auto_acceptance_due_date <= ?
            AND promoter_response_status IS NULL AND inspection_status = 'recorded'
            ORDER BY work_reference_number LIMIT ?
            """,
            .instant(now), .int(Int64(limit))
        ).compactMap { $0.string("work_reference_number") }
    }

    /// The works record's inspections whose outcome is unanswered past its due date.
    public func outcomesDue(ofWork reference: String, at now: Date) async throws -> [InspectionRow] {
        try await db.query(
            """
            SELECT \(Self.columns) FROM inspections WHERE work_reference_number = ? AND auto_acceptance_due_date <= ?
            AND promoter_response_status IS NULL AND inspection_status = 'recorded' ORDER BY sequence
            """,
            .text(reference), .instant(now)
        ).map(Self.row(from:))
    }

    static func fileIDs(from text: String) -> [Int] {
        text.split(whereSeparator: { $0 == "[" || $0 == "]" || $0 == "," || $0 == " " }).compactMap { Int($0) }
    }

    public static func row(from row: SQLRow) throws -> InspectionRow {
        let failures = try JSONDecoder().decode(
            [FailureReasonDetail].self, from: Data(try row.requireString("failure_reason_details").utf8))
        var i = InspectionRow(
            reference: try row.requireString("inspection_reference_number"),
            workReferenceNumber: try row.requireString("work_reference_number"),
            sequence: try row.requireInt("sequence"), promoterSWACode: try row.requireString("promoter_swa_code"),
            highwayAuthoritySWACode: try row.requireString("highway_authority_swa_code"),
            workstreamPrefix: try row.requireString("workstream_prefix"), type: try row.value("inspection_type"),
            category: try row.optionalValue("inspection_category"), outcome: try row.value("inspection_outcome"),
            startDate: try row.requireInstant("inspection_start_date"), failureReasons: failures,
            outcomeDetails: row.string("inspection_outcome_details"), wasCallLogged: row.bool("was_call_logged"),
            callLoggedTo: row.string("call_logged_to"), callLoggedReference: row.string("call_logged_reference"),
            callLoggedSummary: row.string("call_logged_summary"),
            defectFixedOnSite: try row.optionalValue("defect_fixed_on_site"),
            additionalComments: row.string("additional_comments"),
            evidence: try row.requireBool("inspection_evidence"),
            fileIDs: fileIDs(from: try row.requireString("file_ids")),
            reinspectionDate: row.instant("reinspection_date"),
            reinspectionDateTime: row.instant("reinspection_date_time"), username: try row.requireString("username"),
            inspectorName: row.string("inspector_name"), madeSafeByHA: row.bool("made_safe_by_ha"),
            status: try row.value("inspection_status"),
            autoAcceptanceDueDate: row.instant("auto_acceptance_due_date"),
            nonComplianceReference: row.string("non_compliance_reference_number"),
            dateCreated: try row.requireInstant("date_created"))
        i.reasonForWithdrawal = try row.optionalValue("reason_for_withdrawal")
        i.withdrawalDetails = row.string("withdrawal_details")
        i.promoterResponseStatus = try row.optionalValue("promoter_response_status")
        i.promoterResponseDate = row.instant("promoter_response_status_change_date")
        i.promoterResponseDetails = row.string("promoter_response_details")
        i.haResponseStatus = try row.optionalValue("ha_response_status")
        i.haResponseDate = row.instant("ha_response_status_change_date")
        i.haResponseDetails = row.string("ha_response_details")
        i.isAutoAccepted = try row.requireBool("is_auto_accepted")
        i.dateModified = try row.requireInstant("date_modified")
        return i
    }

    // MARK: Scheduled inspections

    static let scheduledColumns =
        "work_reference_number, promoter_swa_code, highway_authority_swa_code, workstream_prefix, inspection_type, inspection_category, scheduled_date, scheduled_date_time, username, date_created"

    public static let scheduledOfWork =
        "SELECT \(scheduledColumns) FROM scheduled_inspections WHERE work_reference_number = ?"

    public func scheduled(ofWork reference: String) async throws -> ScheduledInspectionRow? {
        try await db.first(Self.scheduledOfWork, .text(reference)).map(Self.scheduled(from:))
    }

    public func insertScheduled(_ s: ScheduledInspectionRow) async throws {
        try await db.query(
            "INSERT INTO scheduled_inspections (\(Self.scheduledColumns)) VALUES (\(SQL.placeholders(10)))",
            [
                .text(s.workReferenceNumber), .text(s.promoterSWACode), .text(s.highwayAuthoritySWACode),
                .text(s.workstreamPrefix), .text(s.type.rawValue), .optional(s.category?.rawValue), .instant(s.date),
                .optionalInstant(s.dateTime), .text(s.username), .instant(s.dateCreated),
            ])
    }

    /// Removes the works record's scheduled inspection; whether there was one.
    @discardableResult
    public func deleteScheduled(ofWork reference: String) async throws -> Bool {
        let existing = try await scheduled(ofWork: reference)
        try await db.query("DELETE FROM scheduled_inspections WHERE work_reference_number = ?", .text(reference))
        return existing != nil
    }

    public static func scheduled(from row: SQLRow) throws -> ScheduledInspectionRow {
        ScheduledInspectionRow(
            workReferenceNumber: try row.requireString("work_reference_number"),
            promoterSWACode: try row.requireString("promoter_swa_code"),
            highwayAuthoritySWACode: try row.requireString("highway_authority_swa_code"),
            workstreamPrefix: try row.requireString("workstream_prefix"), type: try row.value("inspection_type"),
            category: try row.optionalValue("inspection_category"), date: try row.requireInstant("scheduled_date"),
            dateTime: row.instant("scheduled_date_time"), username: try row.requireString("username"),
            dateCreated: try row.requireInstant("date_created"))
    }

    // MARK: Non-compliances

    static let nonComplianceColumnList = [
        "non_compliance_reference_number", "work_reference_number", "sequence", "promoter_swa_code",
        "highway_authority_swa_code", "workstream_prefix", "non_compliance_status", "jsm_requested_by",
        "jsm_requested_by_organisation", "jsm_suggested_time", "jsm_status", "promoter_response_status",
        "promoter_response_update_date", "promoter_response_additional_details", "promoter_response_jsm_date",
        "ha_response_status", "ha_response_update_date", "ha_response_additional_details", "ha_response_jsm_date",
        "date_created",
    ]
    public static let nonComplianceColumns = nonComplianceColumnList.joined(separator: ", ")

    public static func nonComplianceColumns(as alias: String) -> String {
        nonComplianceColumnList.map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    static func binds(_ n: NonComplianceRow) -> [SQLValue] {
        [
            .text(n.reference), .text(n.workReferenceNumber), .int(Int64(n.sequence)), .text(n.promoterSWACode),
            .text(n.highwayAuthoritySWACode), .text(n.workstreamPrefix), .text(n.status.rawValue),
            .optional(n.jsmRequestedBy?.rawValue), .optional(n.jsmRequestedByOrganisation),
            .optionalInstant(n.jsmSuggestedTime), .optional(n.jsmStatus?.rawValue),
            .optional(n.promoterResponseStatus?.rawValue), .optionalInstant(n.promoterResponseDate),
            .optional(n.promoterResponseDetails), .optionalInstant(n.promoterResponseJSMDate),
            .text(n.haResponseStatus.rawValue), .instant(n.haResponseDate), .optional(n.haResponseDetails),
            .optionalInstant(n.haResponseJSMDate), .instant(n.dateCreated),
        ]
    }

    public func insert(_ n: NonComplianceRow) async throws {
        try await db.query(
            "INSERT INTO non_compliances (\(Self.nonComplianceColumns)) VALUES (\(SQL.placeholders(Self.nonComplianceColumnList.count)))",
            Self.binds(n))
    }

    /// Writes back every mutable column of a non-compliance.
    public func update(_ n: NonComplianceRow) async throws {
        let binds = Self.binds(n)
        try await db.query(
            """
            UPDATE non_compliances SET non_compliance_status = ?, jsm_requested_by = ?, jsm_requested_by_organisation = ?,
            jsm_suggested_time = ?, jsm_status = ?, promoter_response_status = ?, promoter_response_update_date = ?,
            promoter_response_additional_details = ?, promoter_response_jsm_date = ?, ha_response_status = ?,
            ha_response_update_date = ?, ha_response_additional_details = ?, ha_response_jsm_date = ?
            WHERE non_compliance_reference_number = ?
            """,
            Array(binds[6..<19]) + [.text(n.reference)])
    }

    public func deleteNonCompliance(_ reference: String) async throws {
        try await db.query(
            "DELETE FROM non_compliance_permits WHERE non_compliance_reference_number = ?", .text(reference))
        try await db.query("DELETE FROM non_compliances WHERE non_compliance_reference_number = ?", .text(reference))
    }

    public func nonCompliance(_ reference: String) async throws -> NonComplianceRow? {
        try await db.first(
            "SELECT \(Self.nonComplianceColumns) FROM non_compliances WHERE non_compliance_reference_number = ?",
            .text(reference)
        ).map(Self.nonCompliance(from:))
    }

    public func lastNonComplianceSequence(ofWork reference: String) async throws -> Int {
        try await db.first(
            "SELECT MAX(sequence) AS last FROM non_compliances WHERE work_reference_number = ?", .text(reference)
        )?.int("last") ?? 0
    }

    /// The non-compliances of a works record, oldest first.
    public static let nonCompliancesOfWork =
        "SELECT \(nonComplianceColumns) FROM non_compliances WHERE work_reference_number = ? ORDER BY sequence"

    /// R-NC-02: links a permit to a non-compliance; false when it already was.
    public func link(permit: String, to reference: String, at: Date) async throws -> Bool {
        if try await db.first(
            "SELECT permit_reference_number FROM non_compliance_permits WHERE non_compliance_reference_number = ? AND permit_reference_number = ?",
            .text(reference), .text(permit)) != nil
        {
            return false
        }
        try await db.query(
            "INSERT INTO non_compliance_permits (non_compliance_reference_number, permit_reference_number, date_linked) VALUES (?, ?, ?)",
            .text(reference), .text(permit), .instant(at))
        return true
    }

    /// The permits linked to a non-compliance, in the order they were linked.
    public func linkedPermits(of reference: String) async throws -> [String] {
        try await db.query(
            "SELECT permit_reference_number FROM non_compliance_permits WHERE non_compliance_reference_number = ? ORDER BY date_linked, permit_reference_number",
            .text(reference)
        ).compactMap { $0.string("permit_reference_number") }
    }

    public static func nonCompliance(from row: SQLRow) throws -> NonComplianceRow {
        var n = NonComplianceRow(
            reference: try row.requireString("non_compliance_reference_number"),
            workReferenceNumber: try row.requireString("work_reference_number"),
            sequence: try row.requireInt("sequence"), promoterSWACode: try row.requireString("promoter_swa_code"),
            highwayAuthoritySWACode: try row.requireString("highway_authority_swa_code"),
            workstreamPrefix: try row.requireString("workstream_prefix"),
            at: try row.requireInstant("date_created"))
        n.status = try row.value("non_compliance_status")
        n.jsmRequestedBy = try row.optionalValue("jsm_requested_by")
        n.jsmRequestedByOrganisation = row.string("jsm_requested_by_organisation")
        n.jsmSuggestedTime = row.instant("jsm_suggested_time")
        n.jsmStatus = try row.optionalValue("jsm_status")
        n.promoterResponseStatus = try row.optionalValue("promoter_response_status")
        n.promoterResponseDate = row.instant("promoter_response_update_date")
        n.promoterResponseDetails = row.string("promoter_response_additional_details")
        n.promoterResponseJSMDate = row.instant("promoter_response_jsm_date")
        n.haResponseStatus = try row.value("ha_response_status")
        n.haResponseDate = try row.requireInstant("ha_response_update_date")
        n.haResponseDetails = row.string("ha_response_additional_details")
        n.haResponseJSMDate = row.instant("ha_response_jsm_date")
        return n
    }

    // MARK: Historic works

    public func insert(_ h: HistoricWorkRow) async throws {
        try await db.query(
            "INSERT INTO historic_works (work_reference_number, works_location_description, description_of_work, work_start_date, work_end_date, date_created) VALUES (?, ?, ?, ?, ?, ?)",
            .text(h.workReferenceNumber), .text(h.worksLocationDescription), .optional(h.descriptionOfWork),
            .optionalInstant(h.workStartDate), .optionalInstant(h.workEndDate), .instant(h.dateCreated))
    }

    public static let historicOfWork =
        "SELECT work_reference_number, works_location_description, description_of_work, work_start_date, work_end_date, date_created FROM historic_works WHERE work_reference_number = ?"

    public static func historic(from row: SQLRow) throws -> HistoricWorkRow {
        HistoricWorkRow(
            workReferenceNumber: try row.requireString("work_reference_number"),
            worksLocationDescription: try row.requireString("works_location_description"),
            descriptionOfWork: row.string("description_of_work"), workStartDate: row.instant("work_start_date"),
            workEndDate: row.instant("work_end_date"), dateCreated: try row.requireInstant("date_created"))
    }
}
