import Domain
import Foundation
import Store

/// Who makes a change to a works record, and under which operation's access rule.
struct WorksCaller: Sendable {
    /// Nil for the system itself (deeming and other background services).
    var principal: Principal?
    /// The access rule of the operation being served (nil for the system).
    var rule: AccessRule?
    /// R-SEC-18: the integrator's own user, stored with the history.
    var internalUserIdentifier: String?
    var internalUserName: String?

    static let system = WorksCaller(principal: nil, rule: nil)

    /// The caller of the request being served, under its operation's access rule.
    static func current(internalUserIdentifier: String? = nil, internalUserName: String? = nil) throws -> WorksCaller {
        let principal = try RequestScope.principal()
        guard let operation = RequestScope.current?.operation,
            let rule = AccessPolicy.rule(api: operation.api, operationId: operation.operationId)
        else { throw AppError(.internalServerError, "No operation recorded for a works command") }
        return WorksCaller(
            principal: principal, rule: rule, internalUserIdentifier: internalUserIdentifier,
            internalUserName: internalUserName)
    }

    /// R-SEC-10, R-SEC-12, R-SEC-13, R-SEC-14: whether the caller may write to works of this
    /// promoter, highway authority and workstream under its operation's rule. The side comes from
    /// the user's role (a user holds one of Planner, Contractor and HighwayAuthority, R-SEC-09):
    /// highway authority users write only to records of their own authority, whatever the
    /// workstream; promoter users (and contractors acting for the promoter) only to their
    /// promoter's records, and only in workstreams they hold a full-write grant for when they
    /// have grants at all (D-WORKSTREAMS).
    func requireWriteAccess(promoter: String, highwayAuthority: String, workstream: String) throws {
        guard let principal, let rule else { return }
        guard rule.permits(principal) else { throw AppError.accessRestricted }
        guard rule.requiresMembership else { return }
        if principal.has(.highwayAuthority) {
            guard principal.organisationReference == highwayAuthority else { throw AppError.accessRestricted }
            return
        }
        guard principal.mayActFor(promoter) else { throw AppError.accessRestricted }
        let grants = principal.workstreamGrants.filter { $0.organisation == promoter }
        if !grants.isEmpty,
            !grants.contains(where: { $0.prefix == workstream && $0.level == .fullWrite })
        {
            throw AppError(.unauthorized, "Access restricted: read-only access to workstream \(workstream) (R-SEC-13)")
        }
    }
}

/// The one way to change a works record and what hangs off it. In one transaction it locks the
/// works record (`SELECT … FOR UPDATE` on PostgreSQL; SQLite has one writer), checks the
/// caller's role, organisation membership and workstream write grant from the access table,
/// lets the feature apply its domain transition and write its rows, then appends the typed
/// history events (the event log) and an outbox row for each notifiable one.
struct WorksCommand: Sendable {
    let database: any Database
    let clock: any WallClock

    init(database: any Database, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    init(_ services: AppServices) {
        self.init(database: services.database, clock: services.clock)
    }

    /// Runs `body` on the works record `reference`, locked; 404 when there is none.
    func run<T: Sendable>(
        on reference: String, by caller: WorksCaller, _ body: @Sendable (WorksChange) async throws -> T
    ) async throws -> T {
        let wrn = reference.uppercased()
        let at = clock.now()
        return try await database.transaction { tx in
            guard let work = try await WorkRepository(tx).work(wrn, forUpdate: true) else {
                throw AppError.notFound("Work")
            }
            try caller.requireWriteAccess(
                promoter: work.promoterSWACode, highwayAuthority: work.highwayAuthoritySWACode,
                workstream: work.workstreamPrefix)
            let change = WorksChange(tx: tx, at: at, caller: caller, work: work)
            let result = try await body(change)
            try await change.finish()
            return result
        }
    }

    /// Creates the works record `work` (inside the same checks), then runs `body` on it.
    func create<T: Sendable>(
        _ work: WorkRow, by caller: WorksCaller, _ body: @Sendable (WorksChange) async throws -> T
    ) async throws -> T {
        try caller.requireWriteAccess(
            promoter: work.promoterSWACode, highwayAuthority: work.highwayAuthoritySWACode,
            workstream: work.workstreamPrefix)
        return try await database.transaction { tx in
            try await WorkRepository(tx).insert(work)
            let change = WorksChange(tx: tx, at: work.createdAt, caller: caller, work: work)
            let result = try await body(change)
            try await change.finish()
            return result
        }
    }
}

/// A works record locked for one command: what the command reads and writes through, and the
/// history events it records. Used by one task, inside one transaction.
final class WorksChange: @unchecked Sendable {
    let tx: any SQLExecutor
    /// The instant of the change: every row and event of the command carries it.
    let at: Date
    let caller: WorksCaller
    private(set) var work: WorkRow
    private let loadedWork: WorkRow
    private var events: [HistoryEntry] = []

    init(tx: any SQLExecutor, at: Date, caller: WorksCaller, work: WorkRow) {
        self.tx = tx
        self.at = at
        self.caller = caller
        self.work = work
        self.loadedWork = work
    }

    var permits: PermitRepository { PermitRepository(tx) }
    var comments: CommentRepository { CommentRepository(tx) }

    /// The permit `reference` of this works record, or its active permit when nil; 404 otherwise.
    func permit(_ reference: String? = nil) async throws -> PermitRow {
        let wanted = reference?.uppercased() ?? work.activePermitReferenceNumber ?? ""
        guard let permit = try await permits.permit(wanted), permit.workReferenceNumber == work.workReferenceNumber
        else { throw AppError.notFound("Permit") }
        return permit
    }

    /// Changes the works record; it is written when the command ends.
    func updateWork(_ update: (inout WorkRow) -> Void) {
        update(&work)
        work.updatedAt = at
    }

    /// Records a history event of this works record (written when the command ends).
    func record(
        _ event: AuditEvent, object: AuditObjectType, reference: String?, permit: String? = nil, details: String
    ) {
        events.append(
            HistoryEntry(
                workReferenceNumber: work.workReferenceNumber, permitReferenceNumber: permit,
                objectReference: reference, objectType: object, event: event, details: details,
                username: caller.principal?.email ?? "system",
                organisationReference: caller.principal?.organisationReference,
                promoterSWACode: work.promoterSWACode, highwayAuthoritySWACode: work.highwayAuthoritySWACode,
                internalUserIdentifier: caller.internalUserIdentifier, internalUserName: caller.internalUserName,
                actionDate: at))
    }

    /// Writes the works record if it changed, then the events and their outbox rows, and the
    /// chargeable transactions the events make (R-FEE-02 … R-FEE-04), all in the command's
    /// transaction.
    fileprivate func finish() async throws {
        if work != loadedWork { try await WorkRepository(tx).update(work) }
        let history = HistoryRepository(tx)
        for event in events { try await history.append(event) }
        try await recordChargeableTransactions(events)
    }
}
