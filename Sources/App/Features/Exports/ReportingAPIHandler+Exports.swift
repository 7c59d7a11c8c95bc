import Domain
import Foundation
import ReportingAPI
import Store

/// Reporting API: the caller's own exports, for the organisation they act for (R-DATA-04).
extension ReportingAPIHandler {
    func getCsvExports(_ input: Operations.GetCsvExports.Input) async throws -> Operations.GetCsvExports.Output {
        let page = try await CSVExportRepository.list.page(
            try RawRequest.current(), principal: try RequestScope.principal(), in: services.database)
        return .ok(
            .init(
                body: .json(
                    .init(
                        pagination: .init(totalRows: Double(page.totalRows), hasNextPage: page.hasNextPage),
                        rows: try page.rows.map(Components.Schemas.CSVExportSummaryResponse.init)))))
    }
}

extension Components.Schemas.CSVExportSummaryResponse {
    init(_ e: CSVExportRow) throws {
        self.init(
            csvExportId: Double(e.id), filename: e.fileName, dateCreated: e.createdAt,
            csvExportStatus: try Wire.map(e.status), csvExportStatusString: e.status.rawValue, username: e.ownerEmail,
            csvExportType: try Wire.map(e.type), csvExportTypeString: e.type.rawValue,
            exportDescription: e.description)
    }
}
