import Foundation

/// R-SEC-09: the roles a user can hold.
public enum Role: String, Sendable, CaseIterable, Hashable {
    case planner = "Planner"
    case highwayAuthority = "HighwayAuthority"
    case admin = "Admin"
    case contractor = "Contractor"
    case api = "API"
    case ui = "UI"
    case dataExport = "DataExport"
    case streetWorksAdmin = "StreetWorksAdmin"
}

public enum OrganisationType: String, Sendable, Hashable {
    case promoter = "PROMOTER"
    case highwayAuthority = "HA"
    case contractor = "CONTRACTOR"
}

/// R-SEC-06: organisation status.
public enum OrganisationStatus: String, Sendable, Hashable {
    case active, suspended, disabled
}

public struct Organisation: Sendable, Hashable {
    public var reference: String
    public var name: String
    public var type: OrganisationType
    public var status: OrganisationStatus
    public var prefix: String
    public var addressLineOne: String
    public var addressLineTwo: String?
    public var town: String?
    public var postcode: String
    public var phoneNumber: String
    public var email: String?
    public var industrySector: String?
    public var isHS2Applicable: Bool

    public init(
        reference: String, name: String, type: OrganisationType, status: OrganisationStatus = .active, prefix: String,
        addressLineOne: String = "", addressLineTwo: String? = nil, town: String? = nil, postcode: String = "",
        phoneNumber: String = "", email: String? = nil, industrySector: String? = nil, isHS2Applicable: Bool = false
    ) {
        self.reference = reference
        self.name = name
        self.type = type
        self.status = status
        self.prefix = prefix
        self.addressLineOne = addressLineOne
        self.addressLineTwo = addressLineTwo
        self.town = town
        self.postcode = postcode
        self.phoneNumber = phoneNumber
        self.email = email
        self.industrySector = industrySector
        self.isHS2Applicable = isHS2Applicable
    }
}

public struct User: Sendable, Hashable {
    public var email: String
    public var organisationReference: String
    public var firstName: String
    public var lastName: String
    public var roles: Set<Role>
    public var passwordHash: String
    public var temporaryPassword: Bool
    public var disabled: Bool
    /// Bumped by logout: every token carrying an older generation is void (R-SEC-03).
    public var tokenGeneration: Int
    public var failedLoginCount: Int
    public var failedLoginWindowStart: Date?
    public var lockedUntil: Date?

    public init(
        email: String, organisationReference: String, firstName: String, lastName: String, roles: Set<Role>,
        passwordHash: String, temporaryPassword: Bool = false, disabled: Bool = false, tokenGeneration: Int = 0,
        failedLoginCount: Int = 0, failedLoginWindowStart: Date? = nil, lockedUntil: Date? = nil
    ) {
        self.email = email
        self.organisationReference = organisationReference
        self.firstName = firstName
        self.lastName = lastName
        self.roles = roles
        self.passwordHash = passwordHash
        self.temporaryPassword = temporaryPassword
        self.disabled = disabled
        self.tokenGeneration = tokenGeneration
        self.failedLoginCount = failedLoginCount
        self.failedLoginWindowStart = failedLoginWindowStart
        self.lockedUntil = lockedUntil
    }
}

public enum WorkstreamAccessLevel: String, Sendable, Hashable {
    case fullWrite = "full_write"
    case readOnly = "read_only"
}

public struct Workstream: Sendable, Hashable {
    public var organisationReference: String
    public var prefix: String
    public var name: String
    public var description: String?
    public var status: String
    public var contactName: String?
    public var contactNumber: String?
    public var contactEmail: String?
    public var emergencyContactName: String?
    public var emergencyContactNumber: String?

    public init(
        organisationReference: String, prefix: String, name: String, description: String? = nil,
        status: String = "active",
        contactName: String? = nil, contactNumber: String? = nil, contactEmail: String? = nil,
        emergencyContactName: String? = nil, emergencyContactNumber: String? = nil
    ) {
        self.organisationReference = organisationReference
        self.prefix = prefix
        self.name = name
        self.description = description
        self.status = status
        self.contactName = contactName
        self.contactNumber = contactNumber
        self.contactEmail = contactEmail
        self.emergencyContactName = emergencyContactName
        self.emergencyContactNumber = emergencyContactNumber
    }

    /// R-REF-07: every organisation has the system default workstream `000`.
    public static let defaultPrefix = "000"

    /// R-REF-07: organisations choose prefixes 001–999 (exactly three digits).
    public static func isValidChosenPrefix(_ prefix: String) -> Bool {
        prefix.count == 3 && prefix.allSatisfy { $0.isASCII && $0.isNumber } && prefix != defaultPrefix
    }
}
