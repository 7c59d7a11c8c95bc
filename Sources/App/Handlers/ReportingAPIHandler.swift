import Contract
import Domain
import Foundation
import ReportingAPI
import Store

/// The reporting API: permits and works visible to the caller, 25 a page (R-DATA-01).
struct ReportingAPIHandler: ReportingAPI.APIProtocol {
    let services: AppServices

    static let pageSize = PermitReport.pageSize

    func getStatus(_ input: Operations.GetStatus.Input) async throws -> Operations.GetStatus.Output {
        .ok(.init(body: .json(.init(status: .ok, api: "reporting", version: AppServices.apiVersion))))
    }

    /// Answered by `ContractGate` through `DirectOperations`; this is the same JSON decoded
    /// into the generated types.
    func getPermits(_ input: Operations.GetPermits.Input) async throws -> Operations.GetPermits.Output {
        let value = try await PermitReport(database: services.database).render(
            try DirectOperations.currentRequest(), principal: try RequestScope.principal())
        return .ok(
            .init(body: .json(try WorkResponses.decode(value, as: Components.Schemas.PermitReportingResponse.self))))
    }

    func getWorks(_ input: Operations.GetWorks.Input) async throws -> Operations.GetWorks.Output {
        let principal = try RequestScope.principal()
        let scope = try await VisibilityScope.of(
            principal, swaCode: input.query.swaCode, prefix: "w", database: services.database)
        var clause = scope.clause
        var binds = scope.binds
        if let wrn = input.query.workReferenceNumber {
            clause += " AND w.work_reference_number LIKE ?"
            binds.append(.text("\(wrn.uppercased())%"))
        }
        let rows = try await services.database.query(
            """
            SELECT w.work_reference_number, w.street_name, w.town, w.area_name, w.work_status, w.created_at,
            p.actual_start_date, p.actual_stop_date, p.proposed_start_date, p.proposed_end_date, p.payload
            FROM works w LEFT JOIN permits p ON p.permit_reference_number = w.active_permit_reference_number
            WHERE \(clause) ORDER BY w.created_at DESC LIMIT ?
            """, binds + [.int(Int64(Self.pageSize))])
        let objects = rows.map { row -> JSONValue in
            let payload = JSONValue.storedObject(row.string("payload"))
            let start =
                row.instant("actual_start_date") ?? row.instant("proposed_start_date") ?? Date(timeIntervalSince1970: 0)
            let end = row.instant("actual_stop_date") ?? row.instant("proposed_end_date") ?? start
            return [
                "work_reference_number": .string(row.string("work_reference_number") ?? ""),
                "location_description": .string(payload["works_location_description"]?.stringValue ?? ""),
                "street": .string(row.string("street_name") ?? ""), "town": .string(row.string("town") ?? ""),
                "area": .string(row.string("area_name") ?? ""), "work_status": .string(row.string("work_status") ?? ""),
                "work_status_string": .string(row.string("work_status") ?? ""),
                "work_start_date": .instant(start), "work_end_date": .instant(end),
            ]
        }
        return .ok(
            .init(
                body: .json(
                    try WorkResponses.decode(
                        ["rows": .array(objects)], as: Components.Schemas.WorkSearchReportingResponse.self))))
    }
}
