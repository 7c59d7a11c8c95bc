import Domain
import Foundation
import ReportingAPI
import Store

/// Reporting API: the inspections, reinspections and non-compliances lists (R-INSP, R-NC,
/// R-DATA-01), scoped to the caller's organisation as every list is.
extension ReportingAPIHandler {
    func getInspections(_ input: Operations.GetInspections.Input) async throws -> Operations.GetInspections.Output {
        let page = try await InspectionSummaryRow.list.page(
            try RawRequest.current(), principal: try RequestScope.principal(), in: services.database)
        let names = try await page.organisationNames(
            { [$0.inspection.promoterSWACode, $0.inspection.highwayAuthoritySWACode] }, in: services.database)
        return .ok(
            .init(
                body: .json(
                    .init(
                        pagination: .init(totalRows: Double(page.totalRows), hasNextPage: page.hasNextPage),
                        rows: try page.rows.map { try .init($0, names: names) }))))
    }

    func getReinspections(_ input: Operations.GetReinspections.Input) async throws
        -> Operations.GetReinspections.Output
    {
        let page = try await ReinspectionSummaryRow.list.page(
            try RawRequest.current(), principal: try RequestScope.principal(), in: services.database)
        let names = try await page.organisationNames(
            { [$0.scheduled.promoterSWACode, $0.scheduled.highwayAuthoritySWACode] }, in: services.database)
        return .ok(
            .init(
                body: .json(
                    .init(
                        pagination: .init(totalRows: Double(page.totalRows), hasNextPage: page.hasNextPage),
                        rows: try page.rows.map { try .init($0, names: names) }))))
    }

    func getNonCompliances(_ input: Operations.GetNonCompliances.Input) async throws
        -> Operations.GetNonCompliances.Output
    {
        let page = try await NonComplianceSummaryRow.list.page(
            try RawRequest.current(), principal: try RequestScope.principal(), in: services.database)
        let names = try await page.organisationNames(
            { [$0.nonCompliance.promoterSWACode, $0.nonCompliance.highwayAuthoritySWACode] }, in: services.database)
        return .ok(
            .init(
                body: .json(
                    .init(
                        pagination: .init(totalRows: Double(page.totalRows), hasNextPage: page.hasNextPage),
                        rows: try page.rows.map { try .init($0, names: names) }))))
    }
}

extension Components.Schemas.InspectionSummaryResponse {
    init(_ r: InspectionSummaryRow, names: [String: String]) throws {
        let i = r.inspection
        self.init(
            inspectionDate: i.startDate, workReferenceNumber: i.workReferenceNumber,
            locationDescription: r.place.locationDescription, street: r.place.streetName, town: r.place.town ?? "",
            area: r.place.areaName ?? "", inspectionReferenceNumber: i.reference, inspectionType: try Wire.map(i.type),
            inspectionTypeString: i.type.rawValue, inspectionCategory: try Wire.map(i.category),
            inspectionCategoryString: i.category?.rawValue, inspectionOutcome: try Wire.map(Optional(i.outcome)),
            inspectionOutcomeString: i.outcome.rawValue, inspectorName: i.inspectorName,
            highwayAuthority: names[i.highwayAuthoritySWACode] ?? i.highwayAuthoritySWACode,
            promoterOrganisation: names[i.promoterSWACode] ?? i.promoterSWACode, madeSafeByHa: i.madeSafeByHA,
            dateCreated: i.dateCreated, inspectionStatus: try Wire.map(i.status),
            inspectionStatusString: i.status.rawValue, dateModified: i.dateModified,
            promoterResponseStatus: try Wire.map(i.promoterResponseStatus),
            promoterResponseStatusString: i.promoterResponseStatus?.rawValue,
            haResponseStatus: try Wire.map(i.haResponseStatus), haResponseStatusString: i.haResponseStatus?.rawValue,
            autoAcceptanceDueDate: i.autoAcceptanceDueDate, isAutoAccepted: i.isAutoAccepted)
    }
}

extension Components.Schemas.ReinspectionSummaryResponse {
    init(_ r: ReinspectionSummaryRow, names: [String: String]) throws {
        let s = r.scheduled
        self.init(
            inspectionDate: s.dateTime ?? s.date, workReferenceNumber: s.workReferenceNumber,
            locationDescription: r.place.locationDescription, street: r.place.streetName, town: r.place.town ?? "",
            area: r.place.areaName ?? "", inspectionType: try Wire.map(s.type), inspectionTypeString: s.type.rawValue,
            inspectionCategory: try Wire.map(s.category), inspectionCategoryString: s.category?.rawValue,
            highwayAuthority: names[s.highwayAuthoritySWACode] ?? s.highwayAuthoritySWACode,
            promoterOrganisation: names[s.promoterSWACode] ?? s.promoterSWACode, dateModified: s.dateCreated)
    }
}

extension Components.Schemas.NonComplianceSummaryResponse {
    init(_ r: NonComplianceSummaryRow, names: [String: String]) throws {
        let n = r.nonCompliance
        self.init(
            nonComplianceReferenceNumber: n.reference, workReferenceNumber: n.workReferenceNumber,
            promoterOrganisation: names[n.promoterSWACode] ?? n.promoterSWACode,
            haOrganisation: names[n.highwayAuthoritySWACode] ?? n.highwayAuthoritySWACode,
            dateCreated: n.dateCreated, associatedInspections: Double(r.associatedInspections),
            nonComplianceStatus: try Wire.map(n.status), nonComplianceStatusString: n.status.rawValue,
            latestHaResponseStatus: try Wire.map(n.haResponseStatus),
            latestHaResponseStatusString: n.haResponseStatus.rawValue, latestHaResponseDate: n.haResponseDate,
            latestPromoterResponseStatus: try Wire.map(n.promoterResponseStatus),
            latestPromoterResponseStatusString: n.promoterResponseStatus?.rawValue,
            latestPromoterResponseDate: n.promoterResponseDate, street: r.place.streetName, town: r.place.town ?? "",
            area: r.place.areaName ?? "", mostRecentInspectionType: try Wire.map(r.latestType),
            mostRecentInspectionTypeString: r.latestType.rawValue,
            mostRecentInspectionOutcome: try Wire.map(r.latestOutcome),
            mostRecentInspectionOutcomeString: r.latestOutcome.rawValue,
            mostRecentInspectionPromoterResponseStatus: try Wire.map(r.latestPromoterResponse),
            mostRecentInspectionPromoterResponseStatusString: r.latestPromoterResponse?.rawValue,
            mostRecentInspectionHaResponseStatus: try Wire.map(r.latestHAResponse),
            mostRecentInspectionHaResponseStatusString: r.latestHAResponse?.rawValue)
    }
}
