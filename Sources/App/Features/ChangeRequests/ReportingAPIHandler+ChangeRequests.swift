import Domain
import Foundation
import ReportingAPI
import Store

/// Reporting API: the alterations lists (R-CR, R-DATA-01).
extension ReportingAPIHandler {
    func getAlterations(_ input: Operations.GetAlterations.Input) async throws -> Operations.GetAlterations.Output {
        let page = try await ChangeRequestSummaryRow.list.page(
            try RawRequest.current(), principal: try RequestScope.principal(), in: services.database)
        let names = try await page.organisationNames(
            { [$0.changeRequest.promoterSWACode, $0.changeRequest.highwayAuthoritySWACode] }, in: services.database)
        return .ok(
            .init(
                body: .json(
                    .init(
                        pagination: .init(totalRows: Double(page.totalRows), hasNextPage: page.hasNextPage),
                        rows: try page.rows.map { try .init($0, names: names) }))))
    }

    func getAlterationDurationChallenges(_ input: Operations.GetAlterationDurationChallenges.Input) async throws
        -> Operations.GetAlterationDurationChallenges.Output
    {
        let page = try await ChangeRequestSummaryRow.durationChallenges.page(
            try RawRequest.current(), principal: try RequestScope.principal(), in: services.database)
        let names = try await page.organisationNames(
            { [$0.changeRequest.promoterSWACode, $0.changeRequest.highwayAuthoritySWACode] }, in: services.database)
        return .ok(
            .init(
                body: .json(
                    .init(
                        pagination: .init(totalRows: Double(page.totalRows), hasNextPage: page.hasNextPage),
                        rows: try page.rows.map { try .init($0, names: names) }))))
    }
}

extension Components.Schemas.AlterationSummaryResponse {
    init(_ r: ChangeRequestSummaryRow, names: [String: String]) throws {
        let c = r.changeRequest
        self.init(
            workReferenceNumber: c.workReferenceNumber, permitReferenceNumber: c.permitReferenceNumber,
            alterationReferenceNumber: c.reference, street: r.streetName, town: r.town ?? "", area: r.areaName ?? "",
            locationDescription: r.worksLocationDescription,
            highwayAuthority: names[c.highwayAuthoritySWACode] ?? c.highwayAuthoritySWACode,
            promoter: names[c.promoterSWACode] ?? c.promoterSWACode, workStatus: try Wire.map(r.workStatus),
            workStatusString: r.workStatus.rawValue, proposedStartDate: c.proposedStartDate,
            proposedEndDate: c.proposedEndDate, proposedStartTime: r.proposedStartTime.flatMap(ISO8601.parse),
            proposedEndTime: r.proposedEndTime.flatMap(ISO8601.parse), workCategory: try Wire.map(r.workCategory),
            workCategoryString: r.workCategory.rawValue, alterationStatus: try Wire.map(c.status),
            alterationStatusString: c.status.rawValue, alterationType: try Wire.map(c.type),
            alterationTypeString: c.type.rawValue, dateCreated: c.dateCreated,
            deadlineDate: UKTime.startOfDay(c.deadlineDate), statusChangedDate: c.dateModified,
            laneRentalAssessmentOutcome: try r.laneRentalAssessmentOutcome.map { try Wire.map($0) },
            laneRentalAssessmentOutcomeString: r.laneRentalAssessmentOutcome,
            laneRentalChargesNotAgreed: r.laneRentalChargesNotAgreed,
            laneRentalChargesPotentiallyApply: r.laneRentalApplicable)
    }
}

extension Components.Schemas.AlterationDurationChallengeSummaryResponse {
    init(_ r: ChangeRequestSummaryRow, names: [String: String]) throws {
        let c = r.changeRequest
        let review = c.durationChallenge
        self.init(
            workReferenceNumber: c.workReferenceNumber, permitReferenceNumber: c.permitReferenceNumber,
            alterationReferenceNumber: c.reference, locationDescription: r.worksLocationDescription,
            street: r.streetName, town: r.town ?? "", area: r.areaName ?? "", usrn: Double(r.usrn),
            promoterSwaCode: c.promoterSWACode, promoterOrganisation: names[c.promoterSWACode] ?? c.promoterSWACode,
            highwayAuthority: names[c.highwayAuthoritySWACode] ?? c.highwayAuthoritySWACode,
            proposedStartDate: c.proposedStartDate, proposedEndDate: c.proposedEndDate,
            proposedStartTime: r.proposedStartTime.flatMap(ISO8601.parse),
            proposedEndTime: r.proposedEndTime.flatMap(ISO8601.parse), actualStartDate: r.actualStartDate,
            actualEndDate: r.actualStopDate,
            reasonablePeriodEndDate: c.durationChallenge?.newReasonablePeriodEndDate ?? c.reasonablePeriodEndDate
                ?? c.proposedEndDate,
            statusChangedDate: c.dateModified,
            durationChallengeReviewStatus: try review.map { try Wire.map($0.reviewStatus) },
            durationChallengeReviewStatusString: review?.reviewStatus ?? "no_response",
            durationChallengeReviewUpdateDate: review?.reviewUpdateDate,
            durationChallengeNonAcceptanceResponseStatus: try review?.responseStatus.map { try Wire.map($0) },
            durationChallengeNonAcceptanceResponseStatusString: review?.responseStatus,
            durationChallengeNonAcceptanceResponseUpdateDate: review?.responseUpdateDate,
            durationChallengeFollowUpReviewComplete: review?.isFollowUpComplete ?? false,
            workStatus: try Wire.map(r.workStatus),
            workStatusString: r.workStatus.rawValue)
    }
}
