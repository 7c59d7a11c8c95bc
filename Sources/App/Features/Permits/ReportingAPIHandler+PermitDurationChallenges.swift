import Domain
import Foundation
import ReportingAPI
import Store

/// Reporting API: the permits granted with a duration challenge and their review (R-CR-16).
extension ReportingAPIHandler {
    func getPermitDurationChallenges(_ input: Operations.GetPermitDurationChallenges.Input) async throws
        -> Operations.GetPermitDurationChallenges.Output
    {
        let page = try await PermitDurationChallengeRow.list.page(
            try RawRequest.current(), principal: try RequestScope.principal(), in: services.database)
        let names = try await PermitSummaryJSON.names(of: page.rows.map(\.summary), database: services.database)
        return .ok(
            .init(
                body: .json(
                    .init(
                        pagination: .init(totalRows: Double(page.totalRows), hasNextPage: page.hasNextPage),
                        rows: try page.rows.map { try .init($0, names: names) }))))
    }
}

extension Components.Schemas.PermitDurationChallengeSummaryResponse {
    init(_ row: PermitDurationChallengeRow, names: [String: String]) throws {
        let r = row.summary
        let review = row.review
        self.init(
            workReferenceNumber: r.workReferenceNumber, permitReferenceNumber: r.permitReferenceNumber,
            locationDescription: r.worksLocationDescription, street: r.streetName, town: r.town ?? "",
            area: r.areaName ?? "", usrn: Double(r.usrn), promoterSwaCode: r.promoterSWACode,
            promoterOrganisation: names[r.promoterSWACode] ?? r.promoterSWACode,
            highwayAuthority: names[r.highwayAuthoritySWACode] ?? r.highwayAuthoritySWACode,
            proposedStartDate: r.proposedStartDate, proposedEndDate: r.proposedEndDate,
            proposedStartTime: r.proposedStartTime.flatMap(ISO8601.parse),
            proposedEndTime: r.proposedEndTime.flatMap(ISO8601.parse), actualStartDate: r.actualStartDate,
            actualEndDate: r.actualStopDate, reasonablePeriodEndDate: r.reasonablePeriodEndDate,
            assessmentStatusChangedDate: r.dateModified,
            durationChallengeReviewStatus: try review.map { try Wire.map($0.reviewStatus) },
            durationChallengeReviewStatusString: review?.reviewStatus ?? "no_response",
            durationChallengeReviewUpdateDate: review?.reviewUpdateDate,
            durationChallengeNonAcceptanceResponseStatus: try review?.responseStatus.map { try Wire.map($0) },
            durationChallengeNonAcceptanceResponseStatusString: review?.responseStatus,
            durationChallengeNonAcceptanceResponseUpdateDate: review?.responseUpdateDate,
            durationChallengeFollowUpReviewComplete: review?.isFollowUpComplete ?? false,
            workStatus: try Wire.map(r.workStatus), workStatusString: r.workStatus.rawValue)
    }
}
