import Contract
import Domain
import Foundation
import OpenAPIRuntime
import ReportingAPI
import Store

/// Reporting API: the permits list (R-DATA-01).
extension ReportingAPIHandler {
    /// Answered by `ContractGate` from `PermitSummaryJSON`; this is the same answer built as the
    /// generated types (a test holds the two equal).
    func getPermits(_ input: Operations.GetPermits.Input) async throws -> Operations.GetPermits.Output {
        .ok(.init(body: .json(try await permitsPage(PermitSummaryRow.list))))
    }

    /// A page of a permits list as `PermitReportingResponse` (the permits and the
    /// interested-party permits lists answer the same shape).
    func permitsPage(_ list: ListDescription<PermitSummaryRow>) async throws
        -> Components.Schemas.PermitReportingResponse
    {
        let page = try await list.page(
            try RawRequest.current(), principal: try RequestScope.principal(), in: services.database)
        let names = try await PermitSummaryJSON.names(of: page.rows, database: services.database)
        return .init(
            pagination: .init(totalRows: Double(page.totalRows), hasNextPage: page.hasNextPage),
            rows: try page.rows.map { try .init($0, names: names) })
    }
}

extension Components.Schemas.PermitSummaryResponse {
    init(_ r: PermitSummaryRow, names: [String: String]) throws {
        self.init(
            workReferenceNumber: r.workReferenceNumber, permitReferenceNumber: r.permitReferenceNumber,
            promoterSwaCode: r.promoterSWACode, promoterOrganisation: names[r.promoterSWACode] ?? r.promoterSWACode,
            highwayAuthority: names[r.highwayAuthoritySWACode] ?? r.highwayAuthoritySWACode,
            worksCoordinates: try StoredJSON.decode(OpenAPIValueContainer.self, from: r.worksCoordinates),
            locationDescription: r.worksLocationDescription, street: r.streetName, town: r.town ?? "",
            area: r.areaName ?? "", workCategory: try Wire.map(r.workCategory),
            workCategoryString: r.workCategory.rawValue, descriptionOfWork: r.descriptionOfWork,
            trafficManagementType: try Wire.map(r.trafficManagementType),
            trafficManagementTypeString: r.trafficManagementType,
            assessmentStatus: try Wire.map(r.assessmentStatus), assessmentStatusString: r.assessmentStatus?.rawValue,
            proposedStartDate: r.proposedStartDate, proposedEndDate: r.proposedEndDate,
            proposedStartTime: r.proposedStartTime.flatMap(ISO8601.parse),
            proposedEndTime: r.proposedEndTime.flatMap(ISO8601.parse), actualStartDate: r.actualStartDate,
            actualEndDate: r.actualStopDate, status: try Wire.map(r.permitStatus),
            statusString: r.permitStatus.rawValue, workStatus: try Wire.map(r.workStatus),
            workStatusString: r.workStatus.rawValue, deadlineDate: UKTime.startOfDay(r.deadlineDate),
            dateCreated: r.dateCreated, statusChangedDate: r.dateModified, usrn: Double(r.usrn),
            isActivePermit: r.isActivePermit, roadCategory: Double(r.roadCategory),
            isTrafficSensitive: r.isTrafficSensitive, hasNoFinalReinstatement: !r.finalReinstatement,
            isDeemed: r.isDeemed, excavationCarriedOut: r.excavation, isEarlyStart: r.isEarlyStart,
            isHighImpactTrafficManagement: PermitRules.isHighImpact(trafficManagementType: r.trafficManagementType),
            isLaneRental: r.laneRentalApplicable,
            laneRentalAssessmentOutcome: try r.laneRentalAssessmentOutcome.map { try Wire.map($0) },
            laneRentalAssessmentOutcomeString: r.laneRentalAssessmentOutcome,
            laneRentalChargesNotAgreed: r.laneRentalChargesNotAgreed,
            laneRentalChargesPotentiallyApply: r.laneRentalApplicable,
            paaToPaDeadlineDate: r.paaToPADeadline.map(UKTime.startOfDay), activityType: try Wire.map(r.activityType),
            activityTypeString: r.activityType, reasonablePeriodEndDate: r.reasonablePeriodEndDate)
    }
}

extension PermitSummaryRow {
    /// R-PAA-07: for a PAA that can still be progressed, the last day to do it.
    var paaToPADeadline: LocalDate? {
        guard workCategory == .paa, [.submitted, .underAssessment, .granted].contains(permitStatus) else { return nil }
        return PermitRules.paaToPADeadline(proposedStart: proposedStartDate)
    }
}
