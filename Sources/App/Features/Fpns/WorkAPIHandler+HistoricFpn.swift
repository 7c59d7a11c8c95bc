import Domain
import Foundation
import WorkAPI

extension WorkAPIHandler {
    /// `POST /historic-works/fixed-penalty-notices`: the highway authority issues an FPN for works
    /// never in Street Manager (R-FPN-02, R-INSP-14). The notice is checked first (a 400 naming
    /// every field, R-FPN-03/04); then, in one transaction, the historical works record is made
    /// (status `historical`, workstream `000`, its WRN the historical permit reference) and the
    /// notice issued on it as on any works record, so nothing is left half made.
    func createHistoricFpn(_ input: Operations.CreateHistoricFpn.Input) async throws
        -> Operations.CreateHistoricFpn.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let draft = try FPNDraft(request)
        let problems = FPNRules.creationProblems(draft, now: services.clock.now())
        if !problems.isEmpty { throw AppError(fpn: problems) }
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        let details = HistoricWorksDetails(
            promoterSWACode: request.promoterSwaCode, highwayAuthoritySWACode: request.highwayAuthoritySwaCode,
            worksCoordinates: try PermitSubmission.coordinates(request.worksCoordinates),
            streetName: request.streetName, town: request.town, areaName: request.areaName, usrn: request.usrn,
            roadCategory: request.roadCategory, historicalPermitReference: request.historicalPermitReference,
            worksLocationDescription: request.worksLocationDescription, descriptionOfWork: request.descriptionOfWork,
            workStartDate: request.workStartDate, workEndDate: request.workEndDate)
        let location = request.worksLocationDescription
        let (wrn, reference) = try await HistoricWorks(services).create(details, by: caller) { change in
            try await change.issueFpn(draft, location: location)
        }
        return .created(.init(body: .json(.init(workReferenceNumber: wrn, fpnReferenceNumber: reference))))
    }
}
