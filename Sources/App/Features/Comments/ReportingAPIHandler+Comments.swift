import Foundation
import ReportingAPI
import Store

/// Reporting API: the comments list (R-COM-01, R-COM-02, R-DATA-01).
extension ReportingAPIHandler {
    func getComments(_ input: Operations.GetComments.Input) async throws -> Operations.GetComments.Output {
        let page = try await CommentRow.list.page(
            try RawRequest.current(), principal: try RequestScope.principal(), in: services.database)
        return .ok(
            .init(
                body: .json(
                    .init(
                        pagination: .init(totalRows: Double(page.totalRows), hasNextPage: page.hasNextPage),
                        rows: try page.rows.map(Components.Schemas.CommentSummaryResponse.init)))))
    }
}

extension Components.Schemas.CommentSummaryResponse {
    init(_ c: CommentRow) throws {
        // The reporting API names topics in capitals, as requests do (`GENERAL`; the work API's
        // answers use lower case).
        self.init(
            workReferenceNumber: c.workReferenceNumber, topic: try Wire.map(c.topic), topicString: c.topic,
            authorEmailAddress: c.authorEmail,
            authorOrganisationReference: c.authorOrganisation, detail: c.detail, dateCreated: c.dateCreated,
            commentReferenceNumber: c.commentReferenceNumber, isRead: c.readOn != nil, readOn: c.readOn,
            readBy: c.readBy, isInternal: c.isInternal)
    }
}
