import Contract
import Domain
import Foundation
import ReportingAPI
import Store

/// Reporting API: the forward plans list (R-DATA-01): 25 a page, the caller's side's plans.
extension ReportingAPIHandler {
    func getForwardPlans(_ input: Operations.GetForwardPlans.Input) async throws -> Operations.GetForwardPlans.Output {
        let raw = try RawRequest.current()
        try ForwardPlanFilters.checkRanges { try raw.date($0) }
        let page = try await ForwardPlanSummaryRow.list.page(
            raw, principal: try RequestScope.principal(), in: services.database)
        let names = try await page.organisationNames(
            { [$0.promoterSWACode, $0.highwayAuthoritySWACode] }, in: services.database)
        return .ok(
            .init(
                body: .json(
                    .init(
                        pagination: .init(totalRows: Double(page.totalRows), hasNextPage: page.hasNextPage),
                        rows: try page.rows.map { try .init($0, names: names) }))))
    }
}

/// The date windows of the forward plans list and export: each end on or after its start.
enum ForwardPlanFilters {
    static let ranges = [
        ("proposed_start_date", "proposed_end_date"), ("work_start_date_from", "work_start_date_to"),
        ("work_end_date_from", "work_end_date_to"),
    ]

    /// A 400 naming each window whose end is before its start; `date` reads a filter's value.
    static func checkRanges(_ date: (String) throws -> Date?) throws {
        var errors: [FieldError] = []
        for (from, to) in ranges {
            if let start = try date(from), let end = try date(to), end < start {
                errors.append(FieldError(field: to, message: "must be on or after \(from)"))
            }
        }
        if !errors.isEmpty { throw AppError.invalid(errors) }
    }
}

extension Components.Schemas.ForwardPlanSummaryResponse {
    init(_ r: ForwardPlanSummaryRow, names: [String: String]) throws {
        self.init(
            workReferenceNumber: r.workReferenceNumber, forwardPlanReferenceNumber: r.reference,
            promoterOrganisation: names[r.promoterSWACode] ?? r.promoterSWACode,
            highwayAuthority: names[r.highwayAuthoritySWACode] ?? r.highwayAuthoritySWACode,
            locationDescription: r.worksLocationDescription, street: r.streetName, town: r.town ?? "",
            area: r.areaName ?? "", proposedStartDate: r.startDate, proposedEndDate: r.endDate,
            forwardPlanStatus: try Wire.map(r.status), forwardPlanStatusString: r.status.rawValue,
            dateCreated: r.dateCreated)
    }
}
