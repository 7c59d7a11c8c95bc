import Domain

/// The authenticated caller: the user and their organisation, checked on every request.
public struct Principal: Sendable {
    public var user: User
    public var organisation: Organisation
    /// Organisations that have contracted the user's (contractor) organisation (R-SEC-12).
    public var contractedBy: Set<String>
    /// The user's workstream grants (R-SEC-13), read with the user.
    public var workstreamGrants: [WorkstreamGrant]

    public init(
        user: User, organisation: Organisation, contractedBy: Set<String>, workstreamGrants: [WorkstreamGrant] = []
    ) {
        self.user = user
        self.organisation = organisation
        self.contractedBy = contractedBy
        self.workstreamGrants = workstreamGrants
    }

    public var email: String { user.email }
    public var organisationReference: String { organisation.reference }
    public func has(_ role: Role) -> Bool { user.roles.contains(role) }

    /// True when the user may act for `organisation`: their own, or (R-SEC-12) one that has
    /// contracted their contractor organisation.
    public func mayActFor(_ organisation: String) -> Bool {
        organisation == organisationReference || (has(.contractor) && contractedBy.contains(organisation))
    }

    /// The organisation a promoter-side call is made for: `swaCode` when a contractor names a
    /// promoter that contracted them (R-SEC-12), otherwise the user's own organisation.
    public func actingOrganisation(swaCode: String?) throws -> String {
        guard let swaCode, !swaCode.isEmpty, swaCode != organisationReference else { return organisationReference }
        guard has(.contractor), contractedBy.contains(swaCode) else { throw AppError.accessRestricted }
        return swaCode
    }

    /// R-SEC-10: organisation membership for a record with these parties.
    public func requireMember(of organisations: [String?]) throws {
        guard organisations.contains(where: { $0.map(mayActFor) ?? false }) else { throw AppError.accessRestricted }
    }
}

/// One workstream a user was granted, with its access level (R-SEC-13).
public struct WorkstreamGrant: Sendable, Equatable {
    public var organisation: String
    public var prefix: String
    public var level: WorkstreamAccessLevel
}

extension AccessRule {
    /// R-SEC-02: the role check made for every token-protected operation.
    func permits(_ principal: Principal) -> Bool {
        switch self {
        case .open:
            return true
        case .token(let roles, _, let adminOfHighwayAuthorityOnly):
            var held = principal.user.roles.intersection(roles)
            if adminOfHighwayAuthorityOnly, principal.organisation.type != .highwayAuthority {
                held.remove(.admin)
            }
            return !held.isEmpty
        }
    }

    var requiresMembership: Bool {
        if case .token(_, let member, _) = self { member } else { false }
    }
}
