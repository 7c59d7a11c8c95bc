import Domain
import Foundation
import Store

/// The demo organisations, accounts and workstreams a new installation starts with. Seeding is
/// idempotent: rows that exist are left alone.
public enum DemoData {
    public static let password = "Demo-Passw0rd!"
    public static let temporaryPassword = "Temp-Passw0rd!"

    public static let organisations: [Organisation] = [
        Organisation(
            reference: "1001", name: "Anytown Borough Council", type: .highwayAuthority, prefix: "AB",
            addressLineOne: "Town Hall, High Street", town: "Anytown", postcode: "AN1 1AA", phoneNumber: "01000 100100",
            email: "streetworks@anytown.example", industrySector: "highway_authority"),
        Organisation(
            reference: "1002", name: "Otherton County Council", type: .highwayAuthority, prefix: "OC",
            addressLineOne: "County Hall", town: "Otherton", postcode: "OT1 2BB", phoneNumber: "01000 200200",
            email: "streetworks@otherton.example", industrySector: "highway_authority"),
        Organisation(
            reference: "7001", name: "Anytown Water Ltd", type: .promoter, prefix: "AW",
            addressLineOne: "1 Reservoir Road", town: "Anytown", postcode: "AN2 3CC", phoneNumber: "01000 700100",
            email: "works@anytown-water.example", industrySector: "water"),
        Organisation(
            reference: "7002", name: "Otherton Gas plc", type: .promoter, prefix: "OG",
            addressLineOne: "Gasworks Lane", town: "Otherton", postcode: "OT3 4DD", phoneNumber: "01000 700200",
            email: "works@otherton-gas.example", industrySector: "gas"),
        Organisation(
            reference: "CON1", name: "Dig-Right Contracting Ltd", type: .contractor, prefix: "DR",
            addressLineOne: "Unit 4, Trench Estate", town: "Anytown", postcode: "AN5 6EE", phoneNumber: "01000 900100",
            email: "office@digright.example", industrySector: "other"),
        Organisation(
            reference: "7003", name: "Closed Utilities Ltd", type: .promoter, status: .suspended, prefix: "CU",
            addressLineOne: "Old Depot", town: "Otherton", postcode: "OT9 9ZZ", phoneNumber: "01000 700300",
            email: "works@closed-utilities.example", industrySector: "electric"),
        // R-HS2-01: the HS2 promoter, with its own SWA code.
        Organisation(
            reference: "7374", name: "High Speed Two (HS2) Ltd", type: .promoter, prefix: "HS",
            addressLineOne: "2 Snowhill, Queensway", town: "Birmingham", postcode: "B4 6GA",
            phoneNumber: "01000 737400",
            email: "streetworks@hs2.example", industrySector: "transport", isHS2Applicable: true),
    ]

    public struct Account: Sendable {
        public var email: String
        public var organisation: String
        public var firstName: String
        public var lastName: String
        public var roles: Set<Role>
        public var temporary = false
    }

    public static let accounts: [Account] = [
        Account(
            email: "ha.officer@anytown.example", organisation: "1001", firstName: "Hannah", lastName: "Officer",
            roles: [.highwayAuthority]),
        Account(
            email: "ha.admin@anytown.example", organisation: "1001", firstName: "Harry", lastName: "Admin",
            roles: [.admin]),
        Account(
            email: "ha.officer@otherton.example", organisation: "1002", firstName: "Olive", lastName: "Officer",
            roles: [.highwayAuthority]),
        Account(
            email: "planner@anytown-water.example", organisation: "7001", firstName: "Priya", lastName: "Planner",
            roles: [.planner]),
        Account(
            email: "admin@anytown-water.example", organisation: "7001", firstName: "Adam", lastName: "Admin",
            roles: [.admin]),
        Account(
            email: "new.starter@anytown-water.example", organisation: "7001", firstName: "Nia", lastName: "Starter",
            roles: [.planner], temporary: true),
        Account(
            email: "planner@otherton-gas.example", organisation: "7002", firstName: "Gary", lastName: "Planner",
            roles: [.planner]),
        Account(
            email: "contractor@digright.example", organisation: "CON1", firstName: "Connor", lastName: "Digger",
            roles: [.contractor]),
        Account(
            email: "planner@closed-utilities.example", organisation: "7003", firstName: "Carl", lastName: "Closed",
            roles: [.planner]),
        Account(
            email: "planner@hs2.example", organisation: "7374", firstName: "Hana", lastName: "Speed", roles: [.planner]),
    ]

    /// Seeds an empty database (one without organisations; the demo streets go into an empty
    /// gazetteer); returns true when it did. A database with organisations of its own is left
    /// alone: demo accounts with a published password must never appear in a real installation.
    @discardableResult
    public static func seed(into database: any Database, passwords: PasswordHasher, now: Date) async throws -> Bool {
        if try await hasOrganisations(database) { return false }
        try await DemoGazetteer.seed(into: database)  // the demo streets, when the gazetteer is empty
        let demoHash = try await passwords.hash(password)
        let temporaryHash = try await passwords.hash(temporaryPassword)
        return try await database.transaction { tx in
            // Checked again under the write lock: two processes starting at once seed once.
            if try await hasOrganisations(tx) { return false }
            let repository = IdentityRepository(tx)
            for organisation in organisations {
                try await repository.insert(organisation, at: now)
                try await repository.insert(
                    Workstream(
                        organisationReference: organisation.reference, prefix: Workstream.defaultPrefix,
                        name: "Default workstream", description: "System default workstream"), at: now,
                    ignoreExisting: true)
            }
            try await repository.insert(
                Workstream(
                    organisationReference: "7001", prefix: "001", name: "Anytown Water capital programme",
                    description: "Anytown Water capital programme"), at: now, ignoreExisting: true)
            try await repository.addContract(promoter: "7001", contractor: "CON1", at: now)
            for account in accounts {
                try await repository.insert(
                    User(
                        email: account.email, organisationReference: account.organisation, firstName: account.firstName,
                        lastName: account.lastName, roles: account.roles,
                        passwordHash: account.temporary ? temporaryHash : demoHash, temporaryPassword: account.temporary
                    ),
                    at: now)
            }
            try await repository.insert(
                Workstream(
                    organisationReference: "7374", prefix: "001", name: "HS2 phase one highway works",
                    description: "HS2 phase one highway works"), at: now, ignoreExisting: true)
            return true
        }
    }

    static func hasOrganisations(_ db: any SQLExecutor) async throws -> Bool {
        try await db.first("SELECT COUNT(*) AS n FROM organisations", [])?.int("n") ?? 0 > 0
    }
}
