import Domain
import Foundation
import PartyAPI
import Store

/// Organisations, users and workstreams (R-SEC-09 … R-SEC-17).
enum PartyFeature: Feature {
    static let operations = [
        "party": [
            "getOrganisation", "getOrganisations", "getUser", "updateUserDetails", "getWorkstreams", "createWorkstream",
            "getWorkstream", "updateWorkstream",
        ],
        "reporting": ["getWorkstreams"],
    ]
}

/// The party API: organisations, users and workstreams.
extension PartyAPIHandler {
    var identity: IdentityRepository { IdentityRepository(services.database) }

    // MARK: organisations

    func getOrganisations(_ input: Operations.GetOrganisations.Input) async throws -> Operations.GetOrganisations.Output
    {
        let types = (input.query._type ?? []).compactMap { OrganisationType(rawValue: $0.rawValue) }
        let organisations = try await identity.organisations(types: types, query: input.query.query)
        return .ok(.init(body: .json(organisations.map(Components.Schemas.OrganisationSummaryResponse.init))))
    }

    func getOrganisation(_ input: Operations.GetOrganisation.Input) async throws -> Operations.GetOrganisation.Output {
        guard let organisation = try await identity.organisation(input.path.organisationReference) else {
            throw AppError.notFound("Organisation")
        }
        var response = Components.Schemas.OrganisationResponse(organisation)
        let principal = try RequestScope.principal()
        if organisation.type == .promoter, principal.mayActFor(organisation.reference) {
            response.contractors = try await identity.contractors(of: organisation.reference).map(
                Components.Schemas.OrganisationSummaryResponse.init)
        }
        return .ok(.init(body: .json(response)))
    }

    // MARK: users

    /// Users read their own details; an Admin reads those of their organisation's users
    /// (docs/decisions.md, D-USERS).
    func user(_ email: String) async throws -> User {
        let principal = try RequestScope.principal()
        if email == principal.email { return principal.user }
        guard principal.has(.admin) else { throw AppError.accessRestricted }
        guard let user = try await identity.user(email), user.organisationReference == principal.organisationReference
        else {
            throw AppError.notFound("User")
        }
        return user
    }

    func getUser(_ input: Operations.GetUser.Input) async throws -> Operations.GetUser.Output {
        let user = try await user(input.path.email)
        let principal = try RequestScope.principal()
        let actingFor =
            user.email == principal.email
            ? try principal.actingOrganisation(swaCode: input.query.swaCode) : user.organisationReference
        guard let organisation = try await identity.organisation(user.organisationReference) else {
            throw AppError.notFound("Organisation")
        }
        let workstreams = try await workstreamAccess(of: user, in: actingFor)
        var contracts: [Components.Schemas.OrganisationSummaryResponse]? = nil
        if user.roles.contains(.contractor) {
            contracts = try await identity.promoters(contracting: organisation.reference).map(
                Components.Schemas.OrganisationSummaryResponse.init)
        }
        let roles = user.roles.sorted { $0.rawValue < $1.rawValue }
        return .ok(
            .init(
                body: .json(
                    .init(
                        firstName: user.firstName, lastName: user.lastName, organisationName: organisation.name,
                        roles: roles.compactMap { Components.Schemas.RoleResponse(rawValue: $0.rawValue) },
                        rolesString: roles.map(\.rawValue), organisationReference: organisation.reference,
                        contracts: contracts, workstreams: workstreams,
                        organisationStatus: .init(rawValue: organisation.status.rawValue),
                        organisationStatusString: organisation.status.rawValue))))
    }

    /// R-SEC-13: explicit grants where there are any, otherwise full write to every workstream.
    func workstreamAccess(of user: User, in organisation: String) async throws
        -> [Components.Schemas.UserWorkstreamAccessDetails]
    {
        let workstreams = try await identity.workstreams(of: organisation)
        let grants = try await identity.workstreamAccess(of: user.email).filter { $0.organisation == organisation }
        return workstreams.compactMap { workstream in
            let level: WorkstreamAccessLevel
            if grants.isEmpty {
                level = .fullWrite
            } else if let grant = grants.first(where: { $0.prefix == workstream.prefix }) {
                level = grant.level
            } else {
                return nil
            }
            return .init(
                workstreamPrefix: workstream.prefix, accessLevel: .init(rawValue: level.rawValue) ?? .readOnly,
                workstreamName: workstream.name, accessLevelString: level.rawValue)
        }
    }

    func updateUserDetails(_ input: Operations.UpdateUserDetails.Input) async throws
        -> Operations.UpdateUserDetails.Output
    {
        guard case .json(let body) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let user = try await user(input.path.email)
        try await identity.updateName(user.email, firstName: body.firstName, lastName: body.lastName)
        services.identity.cache.evict(email: user.email)
        return .noContent(.init())
    }

    // MARK: workstreams

    func getWorkstreams(_ input: Operations.GetWorkstreams.Input) async throws -> Operations.GetWorkstreams.Output {
        let reference = input.path.organisationReference
        guard try await identity.organisation(reference) != nil else { throw AppError.notFound("Organisation") }
        return .ok(
            .init(
                body: .json(
                    try await identity.workstreams(of: reference).map(Components.Schemas.WorkstreamResponse.init))))
    }

    func getWorkstream(_ input: Operations.GetWorkstream.Input) async throws -> Operations.GetWorkstream.Output {
        guard
            let workstream = try await identity.workstream(
                input.path.organisationReference, input.path.workstreamPrefix)
        else { throw AppError.notFound("Workstream") }
        return .ok(.init(body: .json(.init(workstream))))
    }

    /// R-REF-07: organisations choose three-digit prefixes 001–999; `000` is the default.
    func createWorkstream(_ input: Operations.CreateWorkstream.Input) async throws -> Operations.CreateWorkstream.Output
    {
        guard case .json(let body) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let reference = input.path.organisationReference
        guard Workstream.isValidChosenPrefix(body.prefix) else {
            throw AppError.invalid(field: "prefix", "must be exactly three digits from 001 to 999")
        }
        guard try await identity.organisation(reference) != nil else { throw AppError.notFound("Organisation") }
        let workstream = Workstream(
            organisationReference: reference, prefix: body.prefix, name: body.name, description: body.description,
            contactName: body.contactName, contactNumber: body.contactNumber, contactEmail: body.contactEmail,
            emergencyContactName: body.emergencyContactName, emergencyContactNumber: body.emergencyContactNumber)
        do {
            try await identity.insert(workstream, at: services.clock.now())
        } catch StoreError.uniqueViolation {
            throw AppError.conflict("Workstream \(body.prefix) already exists for organisation \(reference)")
        }
        return .created(.init(body: .json(.init(prefix: body.prefix))))
    }

    func updateWorkstream(_ input: Operations.UpdateWorkstream.Input) async throws -> Operations.UpdateWorkstream.Output
    {
        guard case .json(let body) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let workstream = Workstream(
            organisationReference: input.path.organisationReference, prefix: input.path.workstreamPrefix,
            name: body.name,
            description: body.description, contactName: body.contactName, contactNumber: body.contactNumber,
            contactEmail: body.contactEmail, emergencyContactName: body.emergencyContactName,
            emergencyContactNumber: body.emergencyContactNumber)
        guard try await identity.update(workstream) else { throw AppError.notFound("Workstream") }
        return .noContent(.init())
    }
}

extension Components.Schemas.OrganisationSummaryResponse {
    init(_ o: Organisation) {
        self.init(
            name: o.name, organisationReference: o.reference, organisationStatus: .init(rawValue: o.status.rawValue),
            organisationStatusString: o.status.rawValue)
    }
}

extension Components.Schemas.OrganisationResponse {
    init(_ o: Organisation) {
        self.init(
            name: o.name, organisationReference: o.reference, organisationStatus: .init(rawValue: o.status.rawValue),
            organisationStatusString: o.status.rawValue, addressLineOne: o.addressLineOne,
            addressLineTwo: o.addressLineTwo,
            email: o.email, phoneNumber: o.phoneNumber, postcode: o.postcode, town: o.town, prefix: o.prefix,
            organisationType: .init(rawValue: o.type.rawValue) ?? .promoter, organisationTypeString: o.type.rawValue,
            isHs2Applicable: o.isHS2Applicable, industrySector: o.industrySector.flatMap { .init(rawValue: $0) },
            industrySectorString: o.industrySector)
    }
}

extension Components.Schemas.WorkstreamResponse {
    init(_ w: Workstream) {
        self.init(
            status: .init(rawValue: w.status) ?? .active, statusString: w.status, prefix: w.prefix, name: w.name,
            description: w.description, contactName: w.contactName, contactNumber: w.contactNumber,
            contactEmail: w.contactEmail, emergencyContactName: w.emergencyContactName,
            emergencyContactNumber: w.emergencyContactNumber, organisationReference: w.organisationReference)
    }
}
