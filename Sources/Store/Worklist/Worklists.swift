import Domain
import Foundation

/// One entry of a worklist (R-RESP-10): a permit with the columns the worklists answer. Each list
/// reads the columns it needs; a column a list does not read is nil.
public struct WorklistRow: Sendable, Hashable {
    public var permitReferenceNumber: String
    public var workReferenceNumber: String
    public var promoterSWACode: String
    public var highwayAuthoritySWACode: String
    public var workstreamPrefix: String
    public var workCategory: WorkCategory
    public var worksLocationDescription: String
    public var trafficManagementType: String
    public var proposedStartDate: Date
    public var proposedEndDate: Date
    public var actualStartDate: Date?
    public var deadlineDate: LocalDate
    public var validityPeriodEndDate: LocalDate?
    /// `Worklists.reasonablePeriodEnd`.
    public var reasonablePeriodEndDate: Date
    public var dateCreated: Date
    public var dateModified: Date
    /// The reasons of the latest refusal (from the stored assessment), when refused.
    public var reasonsForRefusal: [String]

    init(row: SQLRow) throws {
        permitReferenceNumber = try row.requireString("permit_reference_number")
        workReferenceNumber = try row.requireString("work_reference_number")
        promoterSWACode = try row.requireString("promoter_swa_code")
        highwayAuthoritySWACode = try row.requireString("highway_authority_swa_code")
        workstreamPrefix = try row.requireString("workstream_prefix")
        workCategory = try row.value("work_category")
        worksLocationDescription = try row.requireString("works_location_description")
        trafficManagementType = try row.requireString("traffic_management_type")
        proposedStartDate = try row.requireInstant("proposed_start_date")
        proposedEndDate = try row.requireInstant("proposed_end_date")
        actualStartDate = row.instant("actual_start_date")
        deadlineDate = try row.localDate("deadline_date")
        validityPeriodEndDate = row.string("validity_period_end_date").flatMap(LocalDate.init(iso:))
        reasonablePeriodEndDate = try row.requireInstant("reasonable_period_end_date")
        dateCreated = try row.requireInstant("date_created")
        dateModified = try row.requireInstant("date_modified")
        reasonsForRefusal = try Self.reasons(in: row.string("assessment"))
    }

    private struct StoredAssessment: Decodable {
        var reasons_for_refusal: [String]?
    }

    static func reasons(in assessment: String?) throws -> [String] {
        guard let assessment else { return [] }
        return try JSONDecoder().decode(StoredAssessment.self, from: Data(assessment.utf8)).reasons_for_refusal ?? []
    }
}

/// The worklists (R-RESP-10, D-WORKLIST): short lists of what needs doing about now, each a
/// date window (`WorklistWindows`) over the permits the caller sees, at most
/// `WorklistWindows.maximumEntries`, in a fixed order. Who sees what is the lists' rule
/// (`ListVisibility`); the windows are computed by the caller from its clock.
public struct Worklists: Sendable {
    /// A permit's reasonable period end date (R-CR-17), as every list reads it.
    public static let reasonablePeriodEnd = PermitSummaryRow.reasonablePeriodEnd

    /// The list the dismissals of `potential-works-overrunning` belong to.
    public static let potentialWorksOverrunning = "potential_works_overrunning"

    let db: any SQLExecutor

    public init(_ db: any SQLExecutor) { self.db = db }

    static let columns = """
        p.permit_reference_number, p.work_reference_number, p.promoter_swa_code, p.highway_authority_swa_code, \
        p.workstream_prefix, p.work_category, p.works_location_description, p.traffic_management_type, \
        p.proposed_start_date, p.proposed_end_date, p.actual_start_date, p.deadline_date, p.validity_period_end_date, \
        \(reasonablePeriodEnd) AS reasonable_period_end_date, p.date_created, p.date_modified
        """

    /// Permits with their works record, scoped by the permit's organisations.
    static func permits(columns extra: String = "") -> ListDescription<WorklistRow> {
        ListDescription(
            from: "permits p", columns: columns + extra, filters: [], sorts: [:], defaultSort: "p.date_created",
            tieBreaker: "p.permit_reference_number", promoterColumn: "p.promoter_swa_code",
            highwayAuthorityColumn: "p.highway_authority_swa_code", workstreamColumn: "p.workstream_prefix",
            decode: WorklistRow.init(row:))
    }

    /// Works records in `status` with their active permit, scoped by the works' organisations
    /// (an index of each side's works by status finds them, migration 19) and the permit's
    /// workstream.
    static func activePermits(ofWorksIn status: WorkStatus) -> (list: ListDescription<WorklistRow>, clause: String) {
        var list = permits()
        list.from = "works w JOIN permits p ON p.permit_reference_number = w.active_permit_reference_number"
        list.promoterColumn = "w.promoter_swa_code"
        list.highwayAuthorityColumn = "w.highway_authority_swa_code"
        return (list, "w.work_status = '\(status.rawValue)'")
    }

    /// R-RESP-03: PAAs and PAs awaiting assessment whose response period ends on `deadline`:
    /// newest submission first.
    public func permitsAboutToDeem(_ visibility: ListVisibility, deadline: LocalDate) async throws -> [WorklistRow] {
        try await rows(
            Self.permits(), visibility,
            where: "p.permit_status IN ('submitted', 'under_assessment') AND p.deadline_date = ?",
            [.text(deadline.iso)], order: "p.date_created DESC")
    }

    /// Planned works whose active PA is granted or awaiting assessment, proposed to start within
    /// `window`: latest proposed start first.
    public func workStartsDue(_ visibility: ListVisibility, window: Range<Date>) async throws -> [WorklistRow] {
        let (list, planned) = Self.activePermits(ofWorksIn: .planned)
        return try await rows(
            list, visibility,
            where: """
                \(planned) AND p.work_category <> '\(WorkCategory.paa.rawValue)' AND p.actual_start_date IS NULL \
                AND p.permit_status IN ('granted', 'submitted', 'under_assessment') \
                AND p.proposed_start_date >= ? AND p.proposed_start_date < ?
                """,
            [.instant(window.lowerBound), .instant(window.upperBound)], order: "p.proposed_start_date DESC")
    }

    /// Works in progress proposed to end within `window`: latest proposed end first.
    public func workStopsDue(_ visibility: ListVisibility, window: Range<Date>) async throws -> [WorklistRow] {
        let (list, inProgress) = Self.activePermits(ofWorksIn: .inProgress)
        return try await rows(
            list, visibility,
            where: "\(inProgress) AND p.proposed_end_date >= ? AND p.proposed_end_date < ?",
            [.instant(window.lowerBound), .instant(window.upperBound)], order: "p.proposed_end_date DESC")
    }

    /// Works in progress whose reasonable period ended within `window`, less those the highway
    /// authority dismissed for that very end date: latest end first.
    public func potentialWorksOverrunning(_ visibility: ListVisibility, window: Range<Date>) async throws
        -> [WorklistRow]
    {
        let (list, inProgress) = Self.activePermits(ofWorksIn: .inProgress)
        let end = Self.reasonablePeriodEnd
        return try await rows(
            list, visibility,
            where: """
                \(inProgress) AND \(end) >= ? AND \(end) < ? AND NOT EXISTS (SELECT 1 FROM worklist_dismissals d \
                WHERE d.worklist = ? AND d.permit_reference_number = p.permit_reference_number \
                AND d.reasonable_period_end_date = \(end))
                """,
            [.instant(window.lowerBound), .instant(window.upperBound), .text(Self.potentialWorksOverrunning)],
            order: "\(end) DESC")
    }

    /// Refused PAAs and PAs (a refusal is final: nothing changes a refused permit but its
    /// cancellation, so its last change is its refusal): latest refusal first.
    public func refusedPermits(_ visibility: ListVisibility) async throws -> [WorklistRow] {
        try await rows(
            Self.permits(columns: ", p.assessment"), visibility, where: "p.permit_status = 'refused'", [],
            order: "p.date_modified DESC")
    }

    /// Dismisses the permit's entry in the potential works overrunning list for its current
    /// reasonable period end date (again: the same). False when the permit is not one of
    /// `highwayAuthority`'s.
    public func dismissPotentialWorksOverrunning(
        _ permitReferenceNumber: String, highwayAuthority: String, by user: String, at now: Date
    ) async throws -> Bool {
        let dismissed = try await db.query(
            """
            INSERT INTO worklist_dismissals (worklist, permit_reference_number, reasonable_period_end_date, dismissed_by, dismissed_at)
            SELECT ?, p.permit_reference_number, \(Self.reasonablePeriodEnd), ?, ? FROM permits p
            WHERE p.permit_reference_number = ? AND p.highway_authority_swa_code = ?
            ON CONFLICT (worklist, permit_reference_number) DO UPDATE SET
            reasonable_period_end_date = excluded.reasonable_period_end_date, dismissed_by = excluded.dismissed_by,
            dismissed_at = excluded.dismissed_at
            RETURNING permit_reference_number
            """,
            [
                .text(Self.potentialWorksOverrunning), .text(user), .instant(now), .text(permitReferenceNumber),
                .text(highwayAuthority),
            ])
        return !dismissed.isEmpty
    }

    private func rows(
        _ list: ListDescription<WorklistRow>, _ visibility: ListVisibility, where clause: String,
        _ binds: [SQLValue], order: String
    ) async throws -> [WorklistRow] {
        let (scope, scopeBinds) = try list.condition(
            ListRequest(query: [:], visibility: visibility), dialect: db.dialect)
        let sql = """
            SELECT \(list.columns) FROM \(list.from) WHERE \(scope) AND \(clause) \
            ORDER BY \(order), \(list.tieBreaker) LIMIT ?
            """
        return try await db.query(sql, scopeBinds + binds + [.int(Int64(WorklistWindows.maximumEntries))])
            .map(list.decode)
    }
}

/// One entry of the change requests about to deem (R-RESP-08, R-RESP-10).
public struct ChangeRequestWorklistRow: Sendable, Hashable {
    public var changeRequest: ChangeRequestRow
    public var workCategory: WorkCategory
    public var worksLocationDescription: String
    public var workStatus: WorkStatus
}

extension Worklists {
    /// Change requests and works extensions of `highwayAuthority` awaiting assessment whose
    /// response period ends on `deadline`: newest first.
    public func changeRequestsAboutToDeem(highwayAuthority: String, deadline: LocalDate) async throws
        -> [ChangeRequestWorklistRow]
    {
        try await db.query(
            """
            SELECT \(ChangeRequestRepository.columns(as: "c")), p.work_category, p.works_location_description, w.work_status
            FROM change_requests c JOIN permits p ON p.permit_reference_number = c.permit_reference_number
            JOIN works w ON w.work_reference_number = c.work_reference_number
            WHERE c.highway_authority_swa_code = ? AND c.change_request_status = 'submitted' AND c.deadline_date = ?
            ORDER BY c.date_created DESC, c.change_request_reference_number LIMIT ?
            """,
            .text(highwayAuthority), .text(deadline.iso), .int(Int64(WorklistWindows.maximumEntries))
        ).map { row in
            ChangeRequestWorklistRow(
                changeRequest: try ChangeRequestRepository.row(from: row), workCategory: try row.value("work_category"),
                worksLocationDescription: try row.requireString("works_location_description"),
                workStatus: try row.value("work_status"))
        }
    }
}
