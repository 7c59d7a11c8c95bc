import Domain
import Foundation
import ReportingAPI
import Store

/// Reporting API: the sampling lists (R-SAMP-04, R-SAMP-07, R-SAMP-08, R-DATA-01).
extension ReportingAPIHandler {
    /// `GET /pbi-sample-generation-jobs`: the generation requests of the caller's highway
    /// authority, newest first.
    func getPbiSampleGenerationJobs(_ input: Operations.GetPbiSampleGenerationJobs.Input) async throws
        -> Operations.GetPbiSampleGenerationJobs.Output
    {
        let page = try await SamplingRepository.jobList.page(
            try RawRequest.current(), principal: try RequestScope.principal(), in: services.database)
        return .ok(
            .init(
                body: .json(
                    .init(
                        pagination: .init(totalRows: Double(page.totalRows), hasNextPage: page.hasNextPage),
                        rows: try page.rows.map { try .init($0) }))))
    }

    /// `GET /pbi-sample-inspection-targets` (R-SAMP-07): the active targets the caller sees.
    func getPbiSampleInspectionTargets(_ input: Operations.GetPbiSampleInspectionTargets.Input) async throws
        -> Operations.GetPbiSampleInspectionTargets.Output
    {
        let page = try await SamplingRepository.targetList.page(
            try RawRequest.current(), principal: try RequestScope.principal(), in: services.database)
        let names = try await page.organisationNames({ [$0.promoterSWACode] }, in: services.database)
        return .ok(
            .init(
                body: .json(
                    .init(
                        pagination: .init(totalRows: Double(page.totalRows), hasNextPage: page.hasNextPage),
                        rows: page.rows.map { .init($0, names: names) }))))
    }

    /// `GET /pbi-sample-inspections` (R-SAMP-08): the active samples of the caller's authority.
    func getPbiSampleInspections(_ input: Operations.GetPbiSampleInspections.Input) async throws
        -> Operations.GetPbiSampleInspections.Output
    {
        let request = try RawRequest.current()
        try SampleInspectionFilters.checkRange { try request.date($0) }
        let page = try await SamplingRepository.sampleList.page(
            request, principal: try RequestScope.principal(), in: services.database)
        let names = try await page.organisationNames({ [$0.sample.promoterSWACode] }, in: services.database)
        return .ok(
            .init(
                body: .json(
                    .init(
                        pagination: .init(totalRows: Double(page.totalRows), hasNextPage: page.hasNextPage),
                        rows: try page.rows.map { try .init($0, names: names) }))))
    }
}

/// The sample inspections list's and export's date range.
enum SampleInspectionFilters {
    /// `sample_expiry_date_to` must not be before `sample_expiry_date_from` (the contract's
    /// x-rule): a 400 naming it.
    static func checkRange(_ date: (String) throws -> Date?) throws {
        if let from = try date("sample_expiry_date_from"), let to = try date("sample_expiry_date_to"), to < from {
            throw AppError.invalid(field: "sample_expiry_date_to", "must not be before sample_expiry_date_from")
        }
    }
}

extension Components.Schemas.PbiSampleGenerationJobsSummaryResponse {
    init(_ job: SampleGenerationJobRow) throws {
        self.init(
            dateCreated: job.dateCreated, asyncJobStatus: try Wire.map(job.status),
            asyncJobStatusString: job.status.rawValue, username: job.username)
    }
}

extension Components.Schemas.PbiSampleInspectionTargetSummaryResponse {
    init(_ t: SampleInspectionTargetRow, names: [String: String]) {
        self.init(
            pbiSampleInspectionTargetReferenceNumber: t.reference,
            organisationName: names[t.promoterSWACode] ?? t.promoterSWACode, orgRef: t.promoterSWACode,
            inspectionUnits: t.inspectionUnits, inspectionRate: t.inspectionRate, targetA: Double(t.targetA),
            targetB: Double(t.targetB), targetC: Double(t.targetC), completedA: Double(t.completedA),
            completedB: Double(t.completedB), completedC: Double(t.completedC), generatedB: Double(t.generatedB),
            generatedC: Double(t.generatedC), startDate: t.quarterStart, endDate: t.quarterEnd,
            isInspectionRateAutoUpdated: t.isInspectionRateAutoUpdated)
    }
}

extension Components.Schemas.PbiSampleInspectionSummaryResponse {
    init(_ r: SampleInspectionSummaryRow, names: [String: String]) throws {
        let s = r.sample
        self.init(
            pbiSampleInspectionReferenceNumber: s.reference, workReferenceNumber: s.workReferenceNumber,
            street: r.streetName, town: r.town, area: r.areaName, locationDescription: r.locationDescription ?? "",
            promoterOrganisation: names[s.promoterSWACode] ?? s.promoterSWACode,
            inspectionCategory: try Wire.map(s.category), inspectionCategoryString: s.category.rawValue,
            sampleExpiryDate: s.expiryDate)
    }
}
