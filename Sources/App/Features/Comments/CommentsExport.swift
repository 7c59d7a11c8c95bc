import Domain
import ExportAPI
import Store

/// `POST /export/comments/csv`: the comments list as CSV (docs/exports.md).
extension CommentsFeature {
    static let commentsExport = CSVResource(
        type: .comment, name: "comments", source: CommentRow.list,
        columns: [
            CSVColumn("comment_reference_number", "c.comment_reference_number"),
            CSVColumn("work_reference_number", "c.work_reference_number"),
            CSVColumn("street", "w.street_name"), CSVColumn("usrn", "w.usrn", .integer),
            CSVColumn("topic", "c.topic"), CSVColumn("detail", "c.detail"),
            CSVColumn("is_internal", "c.is_internal", .boolean),
            CSVColumn("author_email_address", "c.author_email"),
            CSVColumn("author_organisation_reference", "c.author_organisation"),
            CSVColumn("date_created", "c.date_created", .instant),
            CSVColumn("is_read", "CASE WHEN c.read_on IS NULL THEN 0 ELSE 1 END", .boolean),
            CSVColumn("read_by", "c.read_by"), CSVColumn("read_on", "c.read_on", .instant),
        ])
}

/// Export API: queuing the comments export.
extension ExportAPIHandler {
    func generateCommentsCsv(_ input: Operations.GenerateCommentsCsv.Input) async throws
        -> Operations.GenerateCommentsCsv.Output
    {
        .ok(.init(body: .json(.init(csvId: Double(try await CSVExports(services: services).enqueue(.comment))))))
    }
}
