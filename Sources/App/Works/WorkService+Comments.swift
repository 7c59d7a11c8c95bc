import Domain
import Foundation
import Store
import WorkAPI

extension WorkService {
    /// R-COM-01: the works' highway authority and its promoter (or the promoter's contractor)
    /// may comment; OVERRUN is for the highway authority only.
    func postComment(wrn rawWRN: String, _ request: Components.Schemas.CommentCreateRequest, principal: Principal)
        async throws -> String
    {
        let wrn = rawWRN.uppercased()
        let at = now
        return try await database.transaction { tx in
            let works = WorkRepository(tx)
            guard let work = try await works.work(wrn, forUpdate: true) else { throw AppError.notFound("Work") }
            try principal.requireMember(of: [work.promoterSWACode, work.highwayAuthoritySWACode])
            if request.topic == .overrun, principal.organisationReference != work.highwayAuthoritySWACode {
                throw AppError.invalid(field: "topic", "OVERRUN is restricted to highway authority users")
            }
            let sequence = try await works.nextCommentSequence(ofWork: wrn)
            let reference = "\(wrn)-COMMENT-\(String(format: "%02d", sequence))"
            let author =
                principal.mayActFor(work.promoterSWACode)
                    && principal.organisationReference != work.highwayAuthoritySWACode
                ? work.promoterSWACode : principal.organisationReference
            try await works.insert(
                CommentRow(
                    commentReferenceNumber: reference, workReferenceNumber: wrn, sequence: sequence,
                    topic: request.topic.rawValue, detail: request.detail, isInternal: request.isInternal ?? false,
                    authorEmail: principal.email, authorOrganisation: author, dateCreated: at))
            try await HistoryWriter(
                works: works, wrn: wrn, promoter: work.promoterSWACode, authority: work.highwayAuthoritySWACode,
                principal: principal, internalUser: (request.internalUserIdentifier, request.internalUserName), at: at
            ).append(
                event: request.isInternal == true ? "internal_comment_submitted" : "comment_submitted",
                topic: "Comment",
                details: "Comment \(reference) added (\(request.topic.rawValue))", object: reference, type: "COMMENT")
            return reference
        }
    }

    /// R-COM-02: internal comments are visible only inside the author's organisation.
    func comment(wrn: String, reference: String, principal: Principal) async throws
        -> Components.Schemas.CommentResponse
    {
        let works = WorkRepository(database)
        guard let comment = try await works.comment(reference.uppercased()),
            comment.workReferenceNumber == wrn.uppercased(),
            !comment.isInternal || principal.mayActFor(comment.authorOrganisation)
        else { throw AppError.notFound("Comment") }
        return Components.Schemas.CommentResponse(comment)
    }

    /// R-COM-02: only the receiving organisation marks a comment read.
    func markRead(wrn rawWRN: String, reference: String, principal: Principal) async throws {
        let wrn = rawWRN.uppercased()
        let at = now
        try await database.transaction { tx in
            let works = WorkRepository(tx)
            guard let work = try await works.work(wrn, forUpdate: true),
                let comment = try await works.comment(reference.uppercased()), comment.workReferenceNumber == wrn
            else { throw AppError.notFound("Comment") }
            try principal.requireMember(of: [work.promoterSWACode, work.highwayAuthoritySWACode])
            guard !principal.mayActFor(comment.authorOrganisation) else {
                throw AppError.preconditionFailed(
                    "R-COM-02: only the receiving organisation can mark a comment as read")
            }
            try await works.markRead(comment.commentReferenceNumber, by: principal.email, at: at)
            try await HistoryWriter(
                works: works, wrn: wrn, promoter: work.promoterSWACode, authority: work.highwayAuthoritySWACode,
                principal: principal, internalUser: (nil, nil), at: at
            ).append(
                event: "comment_read", topic: "Comment", details: "Comment \(comment.commentReferenceNumber) read",
                object: comment.commentReferenceNumber, type: "COMMENT")
        }
    }
}

extension Components.Schemas.CommentResponse {
    init(_ c: CommentRow) {
        self.init(
            commentReferenceNumber: c.commentReferenceNumber,
            commentTopic: .init(rawValue: c.topic) ?? .general, commentTopicString: c.topic, detail: c.detail,
            authorEmailAddress: c.authorEmail, dateCreated: c.dateCreated, isRead: c.readOn != nil, readBy: c.readBy,
            readOn: c.readOn, isInternal: c.isInternal, authorOrganisationRef: c.authorOrganisation)
    }
}
