import Contract
import Domain
import Foundation
import Store
import WorkAPI

/// Works records: submitting one with its first application, reading it and its history,
/// logging works start and stop on site, and the works list (R-WORK, R-PERMIT-16 … -19).
enum WorksFeature: Feature {
    static let operations = [
        "work": [
            "createWork", "getWork", "getEarliestPermit", "getWorkHistory", "updateActualStartDate",
            "updateActualStopDate",
            "revertActualStartDate", "revertActualStopDate",
        ],
        "reporting": ["getWorks"],
    ]

    static func directRenderers(_ services: AppServices) -> [String: [String: DirectRenderer]] {
        let database = services.database
        return ["work": ["getWork": { try await WorkJSON.work($0.path("workReferenceNumber"), database: database) }]]
    }
}

/// Work API: works records.
extension WorkAPIHandler {
    func createWork(_ input: Operations.CreateWork.Input) async throws -> Operations.CreateWork.Output {
        guard case .json(let body) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let submitted = try await WorkSubmission(services: services).submit(body)
        return .created(
            .init(
                body: .json(
                    .init(
                        workReferenceNumber: submitted.workReferenceNumber,
                        permitReferenceNumber: submitted.permitReferenceNumber))))
    }

    /// Answered by `ContractGate` from `WorkJSON`; this is the same answer built as the
    /// generated type (a test holds the two equal).
    func getWork(_ input: Operations.GetWork.Input) async throws -> Operations.GetWork.Output {
        let caller = try RequestScope.principal()
        guard
            let view = try await WorkRepository(services.database).view(
                input.path.workReferenceNumber.uppercased(), samplesOf: caller.sampleAuthority)
        else { throw AppError.notFound("Work") }
        let names = try await OrganisationNames.shared.names(
            [view.work.promoterSWACode, view.work.highwayAuthoritySWACode], database: services.database)
        return .ok(
            .init(
                body: .json(
                    try Components.Schemas.WorkResponse(view, names: names))))
    }

    /// The first application made on the works record (D-EARLIEST): its lowest permit number,
    /// whatever became of it; read like the works record itself.
    func getEarliestPermit(_ input: Operations.GetEarliestPermit.Input) async throws
        -> Operations.GetEarliestPermit.Output
    {
        let wrn = input.path.workReferenceNumber.uppercased()
        guard let first = try await PermitRepository(services.database).firstPermit(ofWork: wrn) else {
            guard try await WorkRepository(services.database).work(wrn) != nil else { throw AppError.notFound("Work") }
            throw AppError.notFound("Permit")
        }
        return .ok(.init(body: .json(try Components.Schemas.PermitSummaryResponse(first))))
    }

    /// R-COM-03: history, 25 rows a page, newest first.
    func getWorkHistory(_ input: Operations.GetWorkHistory.Input) async throws -> Operations.GetWorkHistory.Output {
        let wrn = input.path.workReferenceNumber.uppercased()
        guard try await WorkRepository(services.database).work(wrn) != nil else { throw AppError.notFound("Work") }
        let offset = try RawRequest.current().wholeNumber("offset", in: 0...WholeNumber.maximumOffset) ?? 0
        let page = try await HistoryRepository(services.database).history(ofWork: wrn, offset: offset, limit: 25)
        return .ok(
            .init(
                body: .json(
                    .init(
                        pagination: .init(
                            totalRows: Double(page.total), hasNextPage: offset + page.rows.count < page.total),
                        rows: try page.rows.map(Components.Schemas.WorkHistorySummaryResponse.init)))))
    }

    /// R-PERMIT-16, R-PERMIT-20: works start on the active permit; a late start within the
    /// validity period moves the proposed end.
    func updateActualStartDate(_ input: Operations.UpdateActualStartDate.Input) async throws
        -> Operations.UpdateActualStartDate.Output
    {
        guard case .json(let body) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        try await onSite(input.path.workReferenceNumber, body.internalUserIdentifier, body.internalUserName) {
            permit, change in
            let transition = try lifecycle { () throws(LifecycleError) in
                try PermitLifecycle.startWorks(
                    permit: permit.state(on: change.work), at: body.actualStartDate, now: change.at)
            }
            return (transition, .workStartLogged, "Works start logged for \(ISO8601.format(body.actualStartDate))")
        }
        return .noContent(.init())
    }

    /// R-PERMIT-17, R-IMM-06: works stop closes the permit.
    func updateActualStopDate(_ input: Operations.UpdateActualStopDate.Input) async throws
        -> Operations.UpdateActualStopDate.Output
    {
        guard case .json(let body) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        try await onSite(input.path.workReferenceNumber, body.internalUserIdentifier, body.internalUserName) {
            permit, change in
            let transition = try lifecycle { () throws(LifecycleError) in
                try PermitLifecycle.stopWorks(
                    permit: permit.state(on: change.work), at: body.actualStopDate, now: change.at)
            }
            return (transition, .workStopLogged, "Works stop logged for \(ISO8601.format(body.actualStopDate))")
        }
        return .noContent(.init())
    }

    /// R-PERMIT-18: reverting works start (the proposed end moved by it goes back).
    func revertActualStartDate(_ input: Operations.RevertActualStartDate.Input) async throws
        -> Operations.RevertActualStartDate.Output
    {
        guard case .json(let body) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        try await onSite(input.path.workReferenceNumber, body.internalUserIdentifier, body.internalUserName) {
            permit, change in
            let transition = try lifecycle { () throws(LifecycleError) in
                try PermitLifecycle.revertStart(permit: permit.state(on: change.work))
            }
            return (transition, .workStartReverted, "Works start reverted: \(body.revertReason)")
        }
        return .noContent(.init())
    }

    /// R-PERMIT-19: reverting works stop.
    func revertActualStopDate(_ input: Operations.RevertActualStopDate.Input) async throws
        -> Operations.RevertActualStopDate.Output
    {
        guard case .json(let body) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        try await onSite(input.path.workReferenceNumber, body.internalUserIdentifier, body.internalUserName) {
            permit, change in
            let transition = try lifecycle { () throws(LifecycleError) in
                try PermitLifecycle.revertStop(permit: permit.state(on: change.work))
            }
            return (transition, .workStopReverted, "Works stop reverted: \(body.revertReason)")
        }
        return .noContent(.init())
    }

    /// A step on site: on the works' active permit, through the works command.
    private func onSite(
        _ wrn: String, _ internalUserIdentifier: String?, _ internalUserName: String?,
        _ decide: @escaping @Sendable (PermitRow, WorksChange) throws -> (PermitTransition, AuditEvent, String)
    ) async throws {
        let caller = try WorksCaller.current(
            internalUserIdentifier: internalUserIdentifier, internalUserName: internalUserName)
        try await WorksCommand(services).run(on: wrn, by: caller) { change in
            let permit = try await change.permit()
            let (transition, event, details) = try decide(permit, change)
            try await change.apply(transition, to: permit, event: event, details: details)
        }
    }
}
