import Domain
import Foundation
import Store
import WorkAPI

/// Work API: non-compliances (R-NC-01, R-NC-02, D-NON-COMPLIANCES).
extension WorkAPIHandler {
    /// `GET /works/{wrn}/non-compliances/{ref}`: the non-compliance with its inspections (the
    /// latest in full) and linked permits, to any signed-in planner, contractor or highway
    /// authority user.
    func getNonCompliance(_ input: Operations.GetNonCompliance.Input) async throws
        -> Operations.GetNonCompliance.Output
    {
        let repository = InspectionRepository(services.database)
        guard let nc = try await repository.nonCompliance(input.path.nonComplianceReferenceNumber.uppercased()),
            nc.workReferenceNumber == input.path.workReferenceNumber.uppercased()
        else { throw AppError.notFound("Non-compliance") }
        let inspections = try await repository.inspections(ofNonCompliance: nc.reference)
        guard let latest = inspections.last else { throw AppError.notFound("Non-compliance") }
        let permits = PermitRepository(services.database)
        var linked: [PermitRow] = []
        for prn in try await repository.linkedPermits(of: nc.reference) {
            if let permit = try await permits.permit(prn) { linked.append(permit) }
        }
        let names = try await OrganisationNames.shared.names(
            Set([nc.promoterSWACode, nc.highwayAuthoritySWACode] + [nc.jsmRequestedByOrganisation].compactMap { $0 }),
            database: services.database)
        return .ok(
            .init(
                body: .json(
                    .init(
                        nonComplianceReferenceNumber: nc.reference, workReferenceNumber: nc.workReferenceNumber,
                        dateCreated: nc.dateCreated, nonComplianceStatus: try Wire.map(nc.status),
                        nonComplianceStatusString: nc.status.rawValue,
                        jsmRequestedBy: nc.jsmRequestedByOrganisation.map { names[$0] ?? $0 },
                        jsmSuggestedTime: nc.jsmSuggestedTime, jsmStatus: try Wire.map(nc.jsmStatus),
                        jsmStatusString: nc.jsmStatus?.rawValue,
                        promoterResponseStatus: try Wire.map(nc.promoterResponseStatus),
                        promoterResponseStatusString: nc.promoterResponseStatus?.rawValue,
                        promoterResponseUpdateDate: nc.promoterResponseDate,
                        promoterResponseAdditionalDetails: nc.promoterResponseDetails,
                        promoterResponseJsmDate: nc.promoterResponseJSMDate,
                        haResponseStatus: try Wire.map(nc.haResponseStatus),
                        haResponseStatusString: nc.haResponseStatus.rawValue, haResponseUpdateDate: nc.haResponseDate,
                        haResponseAdditionalDetails: nc.haResponseDetails, haResponseJsmDate: nc.haResponseJSMDate,
                        latestInspection: try .init(latest, names: names),
                        linkedInspections: try inspections.map(Components.Schemas.InspectionSummaryResponse.init),
                        linkedPermits: linked.isEmpty
                            ? nil : try linked.map(Components.Schemas.PermitSummaryResponse.init)))))
    }

    /// `PUT …/non-compliances/{ref}/status`: either side answers an issued non-compliance
    /// (R-NC-01); the highway authority's `withdrawn` and `works_completed_and_passed` end it.
    func updateNonComplianceStatus(_ input: Operations.UpdateNonComplianceStatus.Input) async throws
        -> Operations.UpdateNonComplianceStatus.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let answer: NonComplianceResponseStatus = try requestValue(
            request.nonComplianceResponseStatus, field: "non_compliance_response_status")
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        let principal = try RequestScope.principal()
        let side = principal.responseSide
        try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            var nc = try await change.nonCompliance(input.path.nonComplianceReferenceNumber)
            try requireNoInspectionProblems(
                NonComplianceLifecycle.problems(
                    answer, details: request.responseDetails, jsmDate: request.jsmSuggestedDate, by: side,
                    state: nc.lifecycle, now: change.at, reference: nc.reference))
            let details = request.responseDetails.flatMap { $0.isEmpty ? nil : $0 }
            let jsmDate = answer == .jointSiteMeetingSuggested ? request.jsmSuggestedDate : nil
            if side == .promoter {
                nc.promoterResponseStatus = answer
                nc.promoterResponseDate = change.at
                nc.promoterResponseDetails = details
                nc.promoterResponseJSMDate = jsmDate
            } else {
                nc.haResponseStatus = answer
                nc.haResponseDate = change.at
                nc.haResponseDetails = details
                nc.haResponseJSMDate = jsmDate
            }
            if answer == .jointSiteMeetingSuggested {
                nc.jsmRequestedBy = side
                nc.jsmRequestedByOrganisation =
                    side == .promoter ? change.work.promoterSWACode : change.work.highwayAuthoritySWACode
                nc.jsmSuggestedTime = jsmDate
            }
            nc.jsmStatus = NonComplianceLifecycle.jsmStatus(after: answer, from: nc.jsmStatus)
            let before = nc.status
            nc.status = NonComplianceLifecycle.status(after: answer, from: nc.status)
            try await change.inspections.update(nc)
            change.record(
                answer.auditEvent, object: .inspection, reference: nc.reference,
                details: "Non-compliance \(nc.reference): \(answer.label)\(details.map { ": \($0)" } ?? "")")
            if before != .resolved, nc.status == .resolved {
                change.record(
                    .nonComplianceResolved, object: .inspection, reference: nc.reference,
                    details: "Non-compliance \(nc.reference) resolved")
            }
        }
        return .noContent(.init())
    }

    /// `PUT …/permits/{prn}/link-non-compliance`: the promoter links a permit of the works to an
    /// unresolved non-compliance of the same works (R-NC-02); linking it again changes nothing.
    func linkPermitToNonCompliance(_ input: Operations.LinkPermitToNonCompliance.Input) async throws
        -> Operations.LinkPermitToNonCompliance.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            let permit = try await change.permit(input.path.permitReferenceNumber)
            let wanted = request.nonComplianceReferenceNumber.uppercased()
            guard let nc = try await change.inspections.nonCompliance(wanted) else {
                throw AppError.notFound("Non-compliance")
            }
            guard nc.workReferenceNumber == change.work.workReferenceNumber else {
                throw AppError.preconditionFailed(
                    "R-NC-02: non-compliance \(nc.reference) is not on works \(change.work.workReferenceNumber); a permit links to one of its own works"
                )
            }
            guard nc.status == .issued else {
                throw AppError.preconditionFailed(
                    "R-NC-02: non-compliance \(nc.reference) is \(nc.status.rawValue); a permit links to an unresolved one"
                )
            }
            if try await change.inspections.link(
                permit: permit.permitReferenceNumber, to: nc.reference, at: change.at)
            {
                change.record(
                    .permitLinkedToNonCompliance, object: .permit, reference: permit.permitReferenceNumber,
                    permit: permit.permitReferenceNumber,
                    details: "Permit \(permit.permitReferenceNumber) linked to non-compliance \(nc.reference)")
            }
        }
        return .noContent(.init())
    }
}
