import Domain
import Foundation

/// A change request on a permit as stored (R-CR): what the promoter (or the HA) proposed, the
/// permit's application as it was before, and the assessment and duration challenge that
/// followed.
public struct ChangeRequestRow: Sendable, Hashable {
    public var reference: String
    public var permitReferenceNumber: String
    public var workReferenceNumber: String
    public var sequence: Int
    public var promoterSWACode: String
    public var highwayAuthoritySWACode: String
    public var workstreamPrefix: String
    public var type: ChangeRequestType
    public var status: ChangeRequestStatus
    public var reason: String
    /// The application fields the change proposes (a JSON object, keys as in `PermitCreateRequest`).
    public var proposal: String
    /// The permit's application (`PermitRow.payload`) and proposed dates before the change.
    public var originalPayload: String
    public var originalProposedStartDate: Date
    public var originalProposedEndDate: Date
    /// The proposed dates once the change is applied.
    public var proposedStartDate: Date
    public var proposedEndDate: Date
    /// R-RESP-02, R-RESP-08: the HA's last day to decide, and when the deeming service deems it
    /// (nil once decided).
    public var deadlineDate: LocalDate
    public var deemAt: Date?
    public var assessmentComments: String? = nil
    public var assessmentDiscount: Int? = nil
    /// R-CR-09: set by a grant with duration challenge.
    public var reasonablePeriodEndDate: Date? = nil
    /// R-CR-16: the promoter's review of a duration challenge and the HA's answer to a
    /// non-acceptance.
    public var durationChallenge: DurationChallengeReview? = nil
    public var dateCreated: Date
    public var dateModified: Date

    public init(
        reference: String, permitReferenceNumber: String, workReferenceNumber: String, sequence: Int,
        promoterSWACode: String, highwayAuthoritySWACode: String, workstreamPrefix: String, type: ChangeRequestType,
        status: ChangeRequestStatus, reason: String, proposal: String, originalPayload: String,
        originalProposedStartDate: Date, originalProposedEndDate: Date, proposedStartDate: Date,
        proposedEndDate: Date, deadlineDate: LocalDate, deemAt: Date?, dateCreated: Date, dateModified: Date
    ) {
        self.reference = reference
        self.permitReferenceNumber = permitReferenceNumber
        self.workReferenceNumber = workReferenceNumber
        self.sequence = sequence
        self.promoterSWACode = promoterSWACode
        self.highwayAuthoritySWACode = highwayAuthoritySWACode
        self.workstreamPrefix = workstreamPrefix
        self.type = type
        self.status = status
        self.reason = reason
        self.proposal = proposal
        self.originalPayload = originalPayload
        self.originalProposedStartDate = originalProposedStartDate
        self.originalProposedEndDate = originalProposedEndDate
        self.proposedStartDate = proposedStartDate
        self.proposedEndDate = proposedEndDate
        self.deadlineDate = deadlineDate
        self.deemAt = deemAt
        self.dateCreated = dateCreated
        self.dateModified = dateModified
    }
}

/// Change requests.
public struct ChangeRequestRepository: Sendable {
    let db: any SQLExecutor

    public init(_ db: any SQLExecutor) { self.db = db }

    static let columns =
        "change_request_reference_number, permit_reference_number, work_reference_number, sequence, promoter_swa_code, highway_authority_swa_code, workstream_prefix, change_request_type, change_request_status, change_request_reason, proposal, original_payload, original_proposed_start_date, original_proposed_end_date, proposed_start_date, proposed_end_date, deadline_date, deem_at, assessment_comments, assessment_discount, reasonable_period_end_date, duration_challenge_review_status, duration_challenge_reason_for_non_acceptance, duration_challenge_review_update_date, duration_challenge_non_acceptance_response_status, duration_challenge_non_acceptance_response_details, duration_challenge_non_acceptance_response_update_date, duration_challenge_new_reasonable_period_end_date, duration_challenge_old_reasonable_period_end_date, date_created, date_modified"
    static let columnCount = 31

    /// The change requests of the permit `reference` names (a bound `?` by default, or a
    /// subquery), oldest first, by the permits' index.
    static func ofPermit(_ reference: String = "?") -> String {
        "SELECT \(columns) FROM change_requests WHERE permit_reference_number = \(reference) ORDER BY sequence"
    }

    static func binds(_ c: ChangeRequestRow) -> [SQLValue] {
        [
            .text(c.reference), .text(c.permitReferenceNumber), .text(c.workReferenceNumber),
            .int(Int64(c.sequence)), .text(c.promoterSWACode), .text(c.highwayAuthoritySWACode),
            .text(c.workstreamPrefix), .text(c.type.rawValue), .text(c.status.rawValue), .text(c.reason),
            .text(c.proposal), .text(c.originalPayload), .instant(c.originalProposedStartDate),
            .instant(c.originalProposedEndDate), .instant(c.proposedStartDate), .instant(c.proposedEndDate),
            .text(c.deadlineDate.description), .optionalInstant(c.deemAt), .optional(c.assessmentComments),
            .optional(c.assessmentDiscount), .optionalInstant(c.reasonablePeriodEndDate),
        ] + reviewBinds(c.durationChallenge) + [.instant(c.dateCreated), .instant(c.dateModified)]
    }

    /// `columns`, each named through `alias` (for joins).
    static func columns(as alias: String) -> String {
        columns.split(separator: ", ").map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    /// The review's columns, in the order of `columns`.
    static func reviewBinds(_ r: DurationChallengeReview?) -> [SQLValue] {
        [
            .optional(r?.reviewStatus), .optional(r?.reasonForNonAcceptance), .optionalInstant(r?.reviewUpdateDate),
            .optional(r?.responseStatus), .optional(r?.responseDetails), .optionalInstant(r?.responseUpdateDate),
            .optionalInstant(r?.newReasonablePeriodEndDate), .optionalInstant(r?.oldReasonablePeriodEndDate),
        ]
    }

    public func insert(_ c: ChangeRequestRow) async throws {
        try await db.query(
            "INSERT INTO change_requests (\(Self.columns)) VALUES (\(SQL.placeholders(Self.columnCount)))",
            Self.binds(c))
    }

    /// Writes back every column but the keys and what was proposed.
    public func update(_ c: ChangeRequestRow) async throws {
        try await db.query(
            """
            UPDATE change_requests SET change_request_status = ?, deem_at = ?, assessment_comments = ?,
            assessment_discount = ?, reasonable_period_end_date = ?, duration_challenge_review_status = ?,
            duration_challenge_reason_for_non_acceptance = ?, duration_challenge_review_update_date = ?,
            duration_challenge_non_acceptance_response_status = ?, duration_challenge_non_acceptance_response_details = ?,
            duration_challenge_non_acceptance_response_update_date = ?,
            duration_challenge_new_reasonable_period_end_date = ?, duration_challenge_old_reasonable_period_end_date = ?,
            date_modified = ?
            WHERE change_request_reference_number = ?
            """,
            [
                .text(c.status.rawValue), .optionalInstant(c.deemAt), .optional(c.assessmentComments),
                .optional(c.assessmentDiscount), .optionalInstant(c.reasonablePeriodEndDate),
            ] + Self.reviewBinds(c.durationChallenge) + [.instant(c.dateModified), .text(c.reference)])
    }

    public func changeRequest(_ reference: String) async throws -> ChangeRequestRow? {
        try await db.first(
            "SELECT \(Self.columns) FROM change_requests WHERE change_request_reference_number = ?", .text(reference)
        ).map(Self.row(from:))
    }

    /// The change requests of a permit, oldest first.
    public func changeRequests(ofPermit reference: String) async throws -> [ChangeRequestRow] {
        try await db.query(
            Self.ofPermit(),
            .text(reference)
        ).map(Self.row(from:))
    }

    /// Works records with a change request awaiting assessment whose deeming time has come,
    /// oldest first (each once).
    public func worksWithChangeRequestsDue(at now: Date, limit: Int) async throws -> [String] {
        try await db.query(
            "SELECT work_reference_number, MIN(deem_at) AS due FROM change_requests WHERE deem_at IS NOT NULL AND deem_at <= ? GROUP BY work_reference_number ORDER BY due LIMIT ?",
            .instant(now), .int(Int64(limit))
        ).map { try $0.requireString("work_reference_number") }
    }

    static func row(from row: SQLRow) throws -> ChangeRequestRow {
        var c = ChangeRequestRow(
            reference: try row.requireString("change_request_reference_number"),
            permitReferenceNumber: try row.requireString("permit_reference_number"),
            workReferenceNumber: try row.requireString("work_reference_number"),
            sequence: try row.requireInt("sequence"),
            promoterSWACode: try row.requireString("promoter_swa_code"),
            highwayAuthoritySWACode: try row.requireString("highway_authority_swa_code"),
            workstreamPrefix: try row.requireString("workstream_prefix"),
            type: try row.value("change_request_type"),
            status: try row.value("change_request_status"),
            reason: try row.requireString("change_request_reason"),
            proposal: try row.requireString("proposal"),
            originalPayload: try row.requireString("original_payload"),
            originalProposedStartDate: try row.requireInstant("original_proposed_start_date"),
            originalProposedEndDate: try row.requireInstant("original_proposed_end_date"),
            proposedStartDate: try row.requireInstant("proposed_start_date"),
            proposedEndDate: try row.requireInstant("proposed_end_date"),
            deadlineDate: try row.localDate("deadline_date"),
            deemAt: row.instant("deem_at"),
            dateCreated: try row.requireInstant("date_created"),
            dateModified: try row.requireInstant("date_modified"))
        c.assessmentComments = row.string("assessment_comments")
        c.assessmentDiscount = row.int("assessment_discount")
        c.reasonablePeriodEndDate = row.instant("reasonable_period_end_date")
        if let status = row.string("duration_challenge_review_status"),
            let reviewed = row.instant("duration_challenge_review_update_date")
        {
            c.durationChallenge = DurationChallengeReview(
                reviewStatus: status,
                reasonForNonAcceptance: row.string("duration_challenge_reason_for_non_acceptance"),
                reviewUpdateDate: reviewed,
                responseStatus: row.string("duration_challenge_non_acceptance_response_status"),
                responseDetails: row.string("duration_challenge_non_acceptance_response_details"),
                responseUpdateDate: row.instant("duration_challenge_non_acceptance_response_update_date"),
                newReasonablePeriodEndDate: row.instant("duration_challenge_new_reasonable_period_end_date"),
                oldReasonablePeriodEndDate: row.instant("duration_challenge_old_reasonable_period_end_date"))
        }
        return c
    }
}

extension ChangeRequestRepository {
    /// R-RESP-08: the change requests of a works record awaiting assessment whose deeming time has
    /// come.
    public func due(ofWork reference: String, at now: Date) async throws -> [ChangeRequestRow] {
        try await db.query(
            "SELECT \(Self.columns) FROM change_requests WHERE work_reference_number = ? AND change_request_status = 'submitted' AND deem_at <= ?",
            .text(reference), .instant(now)
        ).map(Self.row(from:))
    }

    /// The change requests of a permit still awaiting assessment (at most one, R-CR-04).
    public func awaitingAssessment(ofPermit reference: String) async throws -> [ChangeRequestRow] {
        try await db.query(
            "SELECT \(Self.columns) FROM change_requests WHERE permit_reference_number = ? AND change_request_status = 'submitted'",
            .text(reference)
        ).map(Self.row(from:))
    }
}

extension PermitRepository {
    /// A permit of the works record `work` with its change requests (oldest first) and its latest
    /// ancillary information (R-PERMIT-24, oldest of them first), read with the record in one
    /// trip; nil when either is missing or the permit belongs to other works.
    public func permitWithChildren(_ reference: String, ofWork work: String) async throws -> (
        work: WorkRow, permit: PermitRow, changeRequests: [ChangeRequestRow], ancillaryInfo: [AncillaryInfoRow]
    )? {
        let results = try await db.read([
            SQLStatement(WorkRepository.byReference, [.text(work)]),
            SQLStatement(
                "SELECT \(Self.columns) FROM \(Self.withApplication) WHERE p.permit_reference_number = ?",
                [.text(reference)]),
            SQLStatement(ChangeRequestRepository.ofPermit(), [.text(reference)]),
            SQLStatement(AncillaryInfoRepository.ofPermit(), [.text(reference)]),
        ])
        guard let workRow = try results[0].first.map(WorkRepository.work(from:)),
            let permit = try results[1].first.map(Self.permit(from:)), permit.workReferenceNumber == work
        else { return nil }
        return (
            workRow, permit, try results[2].map(ChangeRequestRepository.row(from:)),
            Array(try results[3].map(AncillaryInfoRepository.row(from:)).reversed())
        )
    }
}

extension PermitRepository {
    /// R-CR-08: a change applied to a permit rewrites its application.
    public func updateApplication(_ reference: String, payload: String) async throws {
        try await db.query(
            "UPDATE permit_applications SET payload = ? WHERE permit_reference_number = ?", .text(payload),
            .text(reference))
    }
}
