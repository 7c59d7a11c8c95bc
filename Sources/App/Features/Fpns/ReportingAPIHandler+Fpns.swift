import Domain
import Foundation
import ReportingAPI
import Store

/// Reporting API: the fixed penalty notices list (R-FPN, R-DATA-01).
extension ReportingAPIHandler {
    func getFpns(_ input: Operations.GetFpns.Input) async throws -> Operations.GetFpns.Output {
        let raw = try RawRequest.current()
        try FpnsFeature.checkWindows(
            [("start_date", "end_date"), ("status_changed_date_from", "status_changed_date_to")]
        ) { try raw.date($0) }
        let page = try await FPNRow.list.page(raw, principal: try RequestScope.principal(), in: services.database)
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

extension FpnsFeature {
    /// A window whose end is before its start is a 400 naming the end (the contract's x-rules).
    static func checkWindows(_ windows: [(String, String)], _ date: (String) throws -> Date?) throws {
        for (start, end) in windows {
            if let from = try date(start), let to = try date(end), to < from {
                throw AppError.invalid(field: end, "must be on or after \(start)")
            }
        }
    }
}

extension Components.Schemas.FPNSummaryResponse {
    init(_ f: FPNRow, names: [String: String]) throws {
        self.init(
            fpnReferenceNumber: f.reference, workReferenceNumber: f.workReferenceNumber,
            promoter: names[f.promoterSWACode] ?? f.promoterSWACode,
            highwayAuthority: names[f.highwayAuthoritySWACode] ?? f.highwayAuthoritySWACode,
            offenceCode: try Wire.map(f.offenceCode), offenceCodeString: f.offenceCode.rawValue,
            streetName: f.streetName, issueDate: f.issueDateTime, status: try Wire.map(f.status),
            statusString: f.status.rawValue, statusChangedDate: f.statusChangedDate)
    }
}
