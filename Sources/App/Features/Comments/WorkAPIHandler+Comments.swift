import Domain
import Foundation
import Store
import WorkAPI

/// Comments on a works record (R-COM-01, R-COM-02).
enum CommentsFeature: Feature {
    static let operations = [
        "work": ["postComment", "getComment", "markCommentAsRead"],
        "reporting": ["getComments"],
        "export": ["generateCommentsCsv"],
    ]

    static var exports: [CSVResource] { [commentsExport] }
}

/// Work API: comments.
extension WorkAPIHandler {
    /// R-COM-01: the works' highway authority and its promoter (or the promoter's contractor)
    /// may comment; OVERRUN is for the highway authority only. References are
    /// `{WRN}-COMMENT-{NN}` (Q-12).
    func postComment(_ input: Operations.PostComment.Input) async throws -> Operations.PostComment.Output {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        let reference = try await WorksCommand(services).run(on: input.path.workReferenceNumber, by: caller) {
            change in
            let work = change.work
            guard let principal = caller.principal else { throw AppError.accessRestricted }
            if request.topic == .overrun, principal.organisationReference != work.highwayAuthoritySWACode {
                throw AppError.invalid(field: "topic", "OVERRUN is restricted to highway authority users")
            }
            let sequence = try await change.comments.nextCommentSequence(ofWork: work.workReferenceNumber)
            let reference = "\(work.workReferenceNumber)-COMMENT-\(String(format: "%02d", sequence))"
            let author =
                principal.mayActFor(work.promoterSWACode)
                    && principal.organisationReference != work.highwayAuthoritySWACode
                ? work.promoterSWACode : principal.organisationReference
            try await change.comments.insert(
                CommentRow(
                    commentReferenceNumber: reference, workReferenceNumber: work.workReferenceNumber,
                    sequence: sequence, topic: request.topic.rawValue, detail: request.detail,
                    isInternal: request.isInternal ?? false, authorEmail: principal.email, authorOrganisation: author,
                    dateCreated: change.at))
            change.record(
                request.isInternal == true ? .internalCommentSubmitted : .commentSubmitted, object: .comment,
                reference: reference, details: "Comment \(reference) added (\(request.topic.rawValue))")
            return reference
        }
        return .created(.init(body: .json(.init(commentReferenceNumber: reference))))
    }

    /// R-COM-02: internal comments are visible only inside the author's organisation.
    func getComment(_ input: Operations.GetComment.Input) async throws -> Operations.GetComment.Output {
        let principal = try RequestScope.principal()
        guard
            let comment = try await CommentRepository(services.database).comment(
                input.path.commentReferenceNumber.uppercased()),
            comment.workReferenceNumber == input.path.workReferenceNumber.uppercased(),
            !comment.isInternal || principal.mayActFor(comment.authorOrganisation)
        else { throw AppError.notFound("Comment") }
        return .ok(.init(body: .json(try Components.Schemas.CommentResponse(comment))))
    }

    /// R-COM-02: only the receiving organisation marks a comment read.
    func markCommentAsRead(_ input: Operations.MarkCommentAsRead.Input) async throws
        -> Operations.MarkCommentAsRead.Output
    {
        let caller = try WorksCaller.current()
        try await WorksCommand(services).run(on: input.path.workReferenceNumber, by: caller) { change in
            guard let principal = caller.principal,
                let comment = try await change.comments.comment(input.path.commentReferenceNumber.uppercased()),
                comment.workReferenceNumber == change.work.workReferenceNumber
            else { throw AppError.notFound("Comment") }
            guard !principal.mayActFor(comment.authorOrganisation) else {
                throw AppError.preconditionFailed(
                    "R-COM-02: only the receiving organisation can mark a comment as read")
            }
            try await change.comments.markRead(comment.commentReferenceNumber, by: principal.email, at: change.at)
            change.record(
                .commentRead, object: .comment, reference: comment.commentReferenceNumber,
                details: "Comment \(comment.commentReferenceNumber) read")
        }
        return .created(.init())
    }
}

extension Components.Schemas.CommentResponse {
    init(_ c: CommentRow) throws {
        self.init(
            // Requests name topics in capitals (`GENERAL`), responses in lower case (`general`).
            commentReferenceNumber: c.commentReferenceNumber, commentTopic: try Wire.map(c.topic.lowercased()),
            commentTopicString: c.topic.lowercased(), detail: c.detail, authorEmailAddress: c.authorEmail,
            dateCreated: c.dateCreated, isRead: c.readOn != nil, readBy: c.readBy, readOn: c.readOn,
            isInternal: c.isInternal, authorOrganisationRef: c.authorOrganisation)
    }
}
