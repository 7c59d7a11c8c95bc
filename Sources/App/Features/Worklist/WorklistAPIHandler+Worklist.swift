import Domain
import Foundation
import Store
import WorklistAPI

/// The worklists (R-RESP-10, D-WORKLIST): what a highway authority or a promoter has to act on
/// about now. Each is a short list, at most `WorklistWindows.maximumEntries`, with no paging.
enum WorklistFeature: Feature {
    static let operations: [String: [String]] = [
        "worklist": [
            "getPermitsAboutToDeem", "getWorkStartsDue", "getWorkStopsDue", "getPotentialWorksOverrunning",
            "dismissPotentialWorksOverrunning", "getRefusedPermits", "getChangeRequestsAboutToDeem",
        ]
    ]
}

extension WorklistAPIHandler {
    /// R-RESP-03: the caller's authority's applications awaiting assessment that deem tonight.
    func getPermitsAboutToDeem(_ input: Operations.GetPermitsAboutToDeem.Input) async throws
        -> Operations.GetPermitsAboutToDeem.Output
    {
        let rows = try await worklists.permitsAboutToDeem(
            try highwayAuthority(), deadline: WorklistWindows.deemingDeadline(at: services.clock.now()))
        let names = try await names(of: rows)
        return .ok(.init(body: .json(rows.map { .init($0, names: names) })))
    }

    func getWorkStartsDue(_ input: Operations.GetWorkStartsDue.Input) async throws
        -> Operations.GetWorkStartsDue.Output
    {
        let rows = try await worklists.workStartsDue(
            try promoter(swaCode: input.query.swaCode), window: WorklistWindows.startsDue(at: services.clock.now()))
        let names = try await names(of: rows)
        return .ok(.init(body: .json(rows.map { .init($0, names: names) })))
    }

    func getWorkStopsDue(_ input: Operations.GetWorkStopsDue.Input) async throws -> Operations.GetWorkStopsDue.Output {
        let rows = try await worklists.workStopsDue(
            try promoter(swaCode: input.query.swaCode), window: WorklistWindows.stopsDue(at: services.clock.now()))
        let names = try await names(of: rows)
        return .ok(.init(body: .json(try rows.map { try .init($0, names: names) })))
    }

    func getPotentialWorksOverrunning(_ input: Operations.GetPotentialWorksOverrunning.Input) async throws
        -> Operations.GetPotentialWorksOverrunning.Output
    {
        let rows = try await worklists.potentialWorksOverrunning(
            try highwayAuthority(), window: WorklistWindows.overrunning(at: services.clock.now()))
        let names = try await names(of: rows)
        return .ok(.init(body: .json(try rows.map { try .init($0, names: names) })))
    }

    /// The highway authority takes an entry off its list until the permit's reasonable period
    /// end date changes (D-WORKLIST). Dismissing again changes nothing; a permit of another
    /// authority (or none) is not found.
    func dismissPotentialWorksOverrunning(_ input: Operations.DismissPotentialWorksOverrunning.Input) async throws
        -> Operations.DismissPotentialWorksOverrunning.Output
    {
        let principal = try RequestScope.principal()
        guard
            try await worklists.dismissPotentialWorksOverrunning(
                input.path.permitReferenceNumber.uppercased(), highwayAuthority: principal.organisationReference,
                by: principal.email, at: services.clock.now())
        else { throw AppError.notFound("Permit") }
        return .noContent(.init())
    }

    func getRefusedPermits(_ input: Operations.GetRefusedPermits.Input) async throws
        -> Operations.GetRefusedPermits.Output
    {
        let rows = try await worklists.refusedPermits(try promoter(swaCode: input.query.swaCode))
        let names = try await names(of: rows)
        return .ok(.init(body: .json(rows.map { .init($0, names: names) })))
    }

    /// R-RESP-08: the caller's authority's change requests awaiting assessment that deem tonight.
    func getChangeRequestsAboutToDeem(_ input: Operations.GetChangeRequestsAboutToDeem.Input) async throws
        -> Operations.GetChangeRequestsAboutToDeem.Output
    {
        let rows = try await worklists.changeRequestsAboutToDeem(
            highwayAuthority: try RequestScope.principal().organisationReference,
            deadline: WorklistWindows.deemingDeadline(at: services.clock.now()))
        let names = try await OrganisationNames.shared.names(
            Set(rows.map(\.changeRequest.promoterSWACode)), database: services.database)
        return .ok(
            .init(
                body: .json(
                    rows.map { r in
                        let c = r.changeRequest
                        return .init(
                            workReferenceNumber: c.workReferenceNumber, permitReferenceNumber: c.permitReferenceNumber,
                            changeRequestReferenceNumber: c.reference, worksLocation: r.worksLocationDescription,
                            promoter: names[c.promoterSWACode] ?? c.promoterSWACode,
                            deemDate: UKTime.startOfDay(c.deadlineDate), changeSubmissionDate: c.dateCreated,
                            worksCategory: r.workCategory.rawValue, workStatus: r.workStatus.rawValue,
                            startDate: c.proposedStartDate, endDate: c.proposedEndDate)
                    })))
    }

    private var worklists: Worklists { Worklists(services.database) }

    /// The caller's highway authority (the HighwayAuthority role's lists).
    private func highwayAuthority() throws -> ListVisibility {
        .highwayAuthority(try RequestScope.principal().organisationReference)
    }

    /// The promoter the caller acts for, as in the reporting lists: a contractor names it with
    /// `swa_code` (R-SEC-12); workstream grants narrow it (R-SEC-13).
    private func promoter(swaCode: String?) throws -> ListVisibility {
        try RequestScope.principal().visibility(swaCode: swaCode)
    }

    private func names(of rows: [WorklistRow]) async throws -> [String: String] {
        try await OrganisationNames.shared.names(
            Set(rows.flatMap { [$0.promoterSWACode, $0.highwayAuthoritySWACode] }), database: services.database)
    }
}

extension Components.Schemas.PermitsAboutToDeemResponse {
    /// `deem_date`: the last day of the response period (deemed when it ends), as the permit's
    /// `deadline_date` is answered.
    init(_ r: WorklistRow, names: [String: String]) {
        self.init(
            workReferenceNumber: r.workReferenceNumber, permitReferenceNumber: r.permitReferenceNumber,
            worksLocation: r.worksLocationDescription, promoter: names[r.promoterSWACode] ?? r.promoterSWACode,
            deemDate: UKTime.startOfDay(r.deadlineDate), applicationSubmissionDate: r.dateCreated,
            worksCategory: r.workCategory.rawValue, highestTrafficManagementType: r.trafficManagementType,
            startDate: r.proposedStartDate, endDate: r.proposedEndDate)
    }
}

extension Components.Schemas.WorkStartsDueResponse {
    /// `validity_period_end_date` as the permit answers it (its proposed start when it has none).
    init(_ r: WorklistRow, names: [String: String]) {
        self.init(
            workReferenceNumber: r.workReferenceNumber, permitReferenceNumber: r.permitReferenceNumber,
            worksLocation: r.worksLocationDescription,
            highwayAuthority: names[r.highwayAuthoritySWACode] ?? r.highwayAuthoritySWACode,
            proposedStartDate: r.proposedStartDate, proposedEndDate: r.proposedEndDate,
            validityPeriodEndDate: r.validityPeriodEndDate.map(UKTime.startOfDay) ?? r.proposedStartDate,
            workstreamPrefix: r.workstreamPrefix)
    }
}

extension Components.Schemas.WorkStopsDueResponse {
    init(_ r: WorklistRow, names: [String: String]) throws {
        guard let started = r.actualStartDate else {
            throw AppError(.internalServerError, "works of \(r.permitReferenceNumber) in progress with no start")
        }
        self.init(
            workReferenceNumber: r.workReferenceNumber, permitReferenceNumber: r.permitReferenceNumber,
            worksLocation: r.worksLocationDescription,
            highwayAuthority: names[r.highwayAuthoritySWACode] ?? r.highwayAuthoritySWACode, startDate: started,
            proposedEndDate: r.proposedEndDate, reasonablePeriodEndDate: r.reasonablePeriodEndDate,
            workstreamPrefix: r.workstreamPrefix)
    }
}

extension Components.Schemas.PotentialWorksOverrunningResponse {
    init(_ r: WorklistRow, names: [String: String]) throws {
        guard let started = r.actualStartDate else {
            throw AppError(.internalServerError, "works of \(r.permitReferenceNumber) in progress with no start")
        }
        self.init(
            workReferenceNumber: r.workReferenceNumber, permitReferenceNumber: r.permitReferenceNumber,
            worksLocation: r.worksLocationDescription, promoter: names[r.promoterSWACode] ?? r.promoterSWACode,
            startDate: started, endDate: r.proposedEndDate, reasonablePeriodEndDate: r.reasonablePeriodEndDate)
    }
}

extension Components.Schemas.RefusedPermitsResponse {
    init(_ r: WorklistRow, names: [String: String]) {
        self.init(
            workReferenceNumber: r.workReferenceNumber, permitReferenceNumber: r.permitReferenceNumber,
            worksLocation: r.worksLocationDescription,
            highwayAuthority: names[r.highwayAuthoritySWACode] ?? r.highwayAuthoritySWACode,
            proposedStartDate: r.proposedStartDate, proposedEndDate: r.proposedEndDate, refusedDate: r.dateModified,
            reasonsForRefusal: r.reasonsForRefusal)
    }
}
