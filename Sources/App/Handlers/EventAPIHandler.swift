import Contract
import Domain
import EventAPI
import Foundation
import Store

/// The event API: polling the works history (the append-only event log) and permit search.
struct EventAPIHandler: EventAPI.APIProtocol {
    let services: AppServices

    func getStatus(_ input: Operations.GetStatus.Input) async throws -> Operations.GetStatus.Output {
        .ok(.init(body: .json(.init(status: .ok, api: "event", version: AppServices.apiVersion))))
    }

    /// Answered by `ContractGate` through `DirectOperations`; this is the same JSON decoded
    /// into the generated types.
    func getWorksUpdates(_ input: Operations.GetWorksUpdates.Input) async throws -> Operations.GetWorksUpdates.Output {
        let value = try await WorksUpdates(database: services.database).render(
            try DirectOperations.currentRequest(), principal: try RequestScope.principal())
        return .ok(.init(body: .json(try WorkResponses.decode(value, as: Components.Schemas.WorkUpdateResponse.self))))
    }

    /// R-DATA-02: up to 1000 work references, 100 to 500 rows a page, cursor-paged.
    func getPermitSummaries(_ input: Operations.GetPermitSummaries.Input) async throws
        -> Operations.GetPermitSummaries.Output
    {
        guard case .json(let body) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let principal = try RequestScope.principal()
        let scope = try await VisibilityScope.of(principal, swaCode: nil, database: services.database)
        var clauses = [scope.clause]
        var binds = scope.binds
        if let references = body.workReferenceNumbers, !references.isEmpty {
            clauses.append("p.work_reference_number IN (\(references.map { _ in "?" }.joined(separator: ", ")))")
            binds += references.map { .text($0.uppercased()) }
        }
        let cursor = Int(body.nextCursor ?? 0)
        let pageSize = Int(body.pageSize ?? 100)
        let rows = try await PermitSummaries(database: services.database).rows(
            where: clauses.joined(separator: " AND "), binds: binds, order: "p.date_created, p.permit_reference_number",
            limit: pageSize, offset: cursor)
        let next = rows.count == pageSize ? cursor + pageSize : 0
        return .created(
            .init(
                body: .json(
                    try WorkResponses.decode(
                        ["rows": .array(rows), "next_cursor": .int(next)],
                        as: Components.Schemas.PermitSearchReportingResponse.self))
            ))
    }
}
