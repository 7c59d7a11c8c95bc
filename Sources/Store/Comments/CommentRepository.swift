import Foundation

/// A comment on a works record (R-COM-01, R-COM-02).
public struct CommentRow: Sendable, Hashable {
    public var commentReferenceNumber: String
    public var workReferenceNumber: String
    public var sequence: Int
    public var topic: String
    public var detail: String
    public var isInternal: Bool
    public var authorEmail: String
    public var authorOrganisation: String
    public var dateCreated: Date
    public var readBy: String?
    public var readOn: Date?

    public init(
        commentReferenceNumber: String, workReferenceNumber: String, sequence: Int, topic: String, detail: String,
        isInternal: Bool, authorEmail: String, authorOrganisation: String, dateCreated: Date, readBy: String? = nil,
        readOn: Date? = nil
    ) {
        self.commentReferenceNumber = commentReferenceNumber
        self.workReferenceNumber = workReferenceNumber
        self.sequence = sequence
        self.topic = topic
        self.detail = detail
        self.isInternal = isInternal
        self.authorEmail = authorEmail
        self.authorOrganisation = authorOrganisation
        self.dateCreated = dateCreated
        self.readBy = readBy
        self.readOn = readOn
    }
}

/// Comments.
public struct CommentRepository: Sendable {
    let db: any SQLExecutor

    public init(_ db: any SQLExecutor) { self.db = db }

    static let columns =
        "comment_reference_number, work_reference_number, sequence, topic, detail, is_internal, author_email, author_organisation, date_created, read_by, read_on"

    public func nextCommentSequence(ofWork reference: String) async throws -> Int {
        (try await db.first(
            "SELECT COALESCE(MAX(sequence), 0) AS n FROM comments WHERE work_reference_number = ?", .text(reference))?
            .int(
                "n") ?? 0) + 1
    }

    public func insert(_ c: CommentRow) async throws {
        try await db.query(
            "INSERT INTO comments (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                .text(c.commentReferenceNumber), .text(c.workReferenceNumber), .int(Int64(c.sequence)), .text(c.topic),
                .text(c.detail), .bool(c.isInternal), .text(c.authorEmail), .text(c.authorOrganisation),
                .instant(c.dateCreated), .optional(c.readBy), .optionalInstant(c.readOn),
            ])
    }

    public func comments(ofWork reference: String) async throws -> [CommentRow] {
        try await db.query(
            "SELECT \(Self.columns) FROM comments WHERE work_reference_number = ? ORDER BY sequence DESC",
            .text(reference)
        ).map(Self.comment(from:))
    }

    public func comment(_ reference: String) async throws -> CommentRow? {
        try await db.first(
            "SELECT \(Self.columns) FROM comments WHERE comment_reference_number = ?", .text(reference)
        )
        .map(Self.comment(from:))
    }

    public func markRead(_ reference: String, by email: String, at now: Date) async throws {
        try await db.query(
            "UPDATE comments SET read_by = ?, read_on = ? WHERE comment_reference_number = ?", .text(email),
            .instant(now),
            .text(reference))
    }

    public static func comment(from row: SQLRow) throws -> CommentRow {
        CommentRow(
            commentReferenceNumber: try row.requireString("comment_reference_number"),
            workReferenceNumber: try row.requireString("work_reference_number"),
            sequence: try row.requireInt("sequence"),
            topic: try row.requireString("topic"),
            detail: try row.requireString("detail"),
            isInternal: try row.requireBool("is_internal"),
            authorEmail: try row.requireString("author_email"),
            authorOrganisation: try row.requireString("author_organisation"),
            dateCreated: try row.requireInstant("date_created"),
            readBy: row.string("read_by"),
            readOn: row.instant("read_on"))
    }
}
