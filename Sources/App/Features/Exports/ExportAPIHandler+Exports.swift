import Domain
import ExportAPI
import Foundation
import OpenAPIRuntime
import Store

/// CSV exports: downloading a ready file and the list of the caller's exports (R-DATA-04). Each
/// resource's `generate…Csv` operation lives with its feature and queues through `CSVExports`.
enum ExportsFeature: Feature {
    static let operations = ["export": ["getCsv"], "reporting": ["getCsvExports"]]
}

/// Export API: the file of a ready export.
extension ExportAPIHandler {
    /// The owner's export only (404 for anybody else's); a 412 until it is ready. The file is
    /// read from the database chunk by chunk, so any server process serves any export.
    func getCsv(_ input: Operations.GetCsv.Input) async throws -> Operations.GetCsv.Output {
        let principal = try RequestScope.principal()
        let id = try WholeNumber.checked(input.path.csvId, field: "csvId", in: 1...Int(Int32.max))
        guard let export = try await CSVExportRepository(services.database).export(Int64(id)),
            export.ownerEmail == principal.email
        else { throw AppError.notFound("CSV export") }
        guard export.status == .ready else {
            throw AppError.preconditionFailed(
                "R-DATA-04: export \(id) is \(export.status.rawValue.replacingOccurrences(of: "_", with: " ")), not ready"
            )
        }
        let file = CSVExporter.file(export.id, database: services.database).map {
            HTTPBody.ByteChunk($0.readableBytesView)
        }
        return .ok(
            .init(
                headers: .init(contentDisposition: "attachment; filename=\"\(export.fileName)\""),
                body: .csv(HTTPBody(file, length: .unknown, iterationBehavior: .single))))
    }
}
