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
    /// read from the database chunk by chunk, so any server process serves any export. An export
    /// of one CSV file per organisation is a zip of them (D-FEES); a client whose `Accept` admits
    /// neither gets a 406.
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
        let isZip = Features.exports.first { $0.type == export.type }?.isSplit(export.filters) ?? false
        let mediaType = isZip ? "application/zip" : "text/csv"
        guard Self.accepts(input.headers.accept.map(\.contentType.rawValue), mediaType) else {
            throw AppError(.notAcceptable, "Export \(id) is \(mediaType), which the Accept header does not admit")
        }
        let file = HTTPBody(
            CSVExporter.file(export.id, database: services.database).map { HTTPBody.ByteChunk($0.readableBytesView) },
            length: .unknown, iterationBehavior: .single)
        return .ok(
            .init(
                headers: .init(contentDisposition: "attachment; filename=\"\(export.fileName)\""),
                body: isZip ? .applicationZip(file) : .csv(file)))
    }

    /// Whether an `Accept` header's media ranges admit `mediaType` (no header admits anything).
    static func accepts(_ ranges: [String], _ mediaType: String) -> Bool {
        guard !ranges.isEmpty else { return true }
        let family = mediaType.split(separator: "/").first.map { "\($0)/*" } ?? ""
        return ranges.contains { range in
            let range = range.lowercased()
            return range == mediaType || range == "*/*" || range == family
        }
    }
}
