import Domain
import Foundation

/// Organisations, users, contracts, workstreams and password resets.
public struct IdentityRepository: Sendable {
    let db: any SQLExecutor

    public init(_ db: any SQLExecutor) { self.db = db }

    // MARK: organisations

    static let organisationColumns =
        "reference, name, organisation_type, status, prefix, address_line_one, address_line_two, town, postcode, phone_number, email, industry_sector, is_hs2_applicable"

    public func organisation(_ reference: String) async throws -> Organisation? {
        try await db.first(
            "SELECT \(Self.organisationColumns) FROM organisations WHERE reference = ?", .text(reference)
        )
        .map(Self.organisation(from:))
    }

    public func organisations(types: [OrganisationType], query: String?) async throws -> [Organisation] {
        var sql = "SELECT \(Self.organisationColumns) FROM organisations WHERE 1 = 1"
        var binds: [SQLValue] = []
        if !types.isEmpty {
            sql += " AND organisation_type IN (\(types.map { _ in "?" }.joined(separator: ", ")))"
            binds += types.map { .text($0.rawValue) }
        }
        if let query, !query.isEmpty {
            sql += " AND (LOWER(name) LIKE ? OR LOWER(reference) LIKE ?)"
            let pattern = "%\(query.lowercased())%"
            binds += [.text(pattern), .text(pattern)]
        }
        sql += " ORDER BY name"
        return try await db.query(sql, binds).map(Self.organisation(from:))
    }

    public func insert(_ o: Organisation, at now: Date) async throws {
        try await db.query(
            """
            INSERT INTO organisations (\(Self.organisationColumns), created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (reference) DO NOTHING
            """,
            [
                .text(o.reference), .text(o.name), .text(o.type.rawValue), .text(o.status.rawValue), .text(o.prefix),
                .text(o.addressLineOne), .optional(o.addressLineTwo), .optional(o.town), .text(o.postcode),
                .text(o.phoneNumber), .optional(o.email), .optional(o.industrySector), .bool(o.isHS2Applicable),
                .instant(now),
            ])
    }

    static func organisation(from row: SQLRow) throws -> Organisation {
        Organisation(
            reference: try row.requireString("reference"),
            name: try row.requireString("name"),
            type: try row.value("organisation_type"),
            status: try row.value("status"),
            prefix: try row.requireString("prefix"),
            addressLineOne: row.string("address_line_one") ?? "",
            addressLineTwo: row.string("address_line_two"),
            town: row.string("town"),
            postcode: row.string("postcode") ?? "",
            phoneNumber: row.string("phone_number") ?? "",
            email: row.string("email"),
            industrySector: row.string("industry_sector"),
            isHS2Applicable: row.bool("is_hs2_applicable") ?? false)
    }

    // MARK: contracts (R-SEC-12)

    public func addContract(promoter: String, contractor: String, at now: Date) async throws {
        try await db.query(
            "INSERT INTO organisation_contracts (promoter_reference, contractor_reference, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            .text(promoter), .text(contractor), .instant(now))
    }

    /// The organisations that have contracted `contractor`.
    public func promoters(contracting contractor: String) async throws -> [Organisation] {
        try await db.query(
            """
            SELECT \(Self.organisationColumns.split(separator: ",").map { "o." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
            FROM organisations o JOIN organisation_contracts c ON c.promoter_reference = o.reference
            WHERE c.contractor_reference = ? ORDER BY o.name
            """, .text(contractor)
        ).map(Self.organisation(from:))
    }

    /// The contractor organisations `promoter` has contracted.
    public func contractors(of promoter: String) async throws -> [Organisation] {
        try await db.query(
            """
            SELECT \(Self.organisationColumns.split(separator: ",").map { "o." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
            FROM organisations o JOIN organisation_contracts c ON c.contractor_reference = o.reference
            WHERE c.promoter_reference = ? ORDER BY o.name
            """, .text(promoter)
        ).map(Self.organisation(from:))
    }

    public func hasContract(promoter: String, contractor: String) async throws -> Bool {
        try await db.first(
            "SELECT 1 AS found FROM organisation_contracts WHERE promoter_reference = ? AND contractor_reference = ?",
            .text(promoter), .text(contractor)) != nil
    }

    // MARK: users

    static let userColumns =
        "email, organisation_reference, first_name, last_name, roles, password_hash, temporary_password, disabled, token_generation, failed_login_count, failed_login_window_start, locked_until"

    public func user(_ email: String) async throws -> User? {
        try await db.first("SELECT \(Self.userColumns) FROM users WHERE email = ?", .text(email)).map(Self.user(from:))
    }

    public func insert(_ u: User, at now: Date) async throws {
        try await db.query(
            """
            INSERT INTO users (\(Self.userColumns), created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING
            """,
            [
                .text(u.email), .text(u.organisationReference), .text(u.firstName), .text(u.lastName),
                .text(u.roles.map(\.rawValue).sorted().joined(separator: ",")), .text(u.passwordHash),
                .bool(u.temporaryPassword), .bool(u.disabled), .int(Int64(u.tokenGeneration)),
                .int(Int64(u.failedLoginCount)), .optionalInstant(u.failedLoginWindowStart),
                .optionalInstant(u.lockedUntil), .instant(now),
            ])
    }

    public func saveThrottle(_ email: String, _ throttle: LoginThrottle) async throws {
        try await db.query(
            "UPDATE users SET failed_login_count = ?, failed_login_window_start = ?, locked_until = ? WHERE email = ?",
            .int(Int64(throttle.failedCount)), .optionalInstant(throttle.windowStart),
            .optionalInstant(throttle.lockedUntil),
            .text(email))
    }

    public func recordLogin(_ email: String, at now: Date) async throws {
        try await db.query(
            "UPDATE users SET failed_login_count = 0, failed_login_window_start = NULL, locked_until = NULL, last_login_at = ? WHERE email = ?",
            .instant(now), .text(email))
    }

    /// Voids every token issued so far to `email` (R-SEC-03 logout). Returns the new generation.
    @discardableResult
    public func bumpTokenGeneration(_ email: String) async throws -> Int {
        let row = try await db.first(
            "UPDATE users SET token_generation = token_generation + 1 WHERE email = ? RETURNING token_generation",
            .text(email))
        return row?.int("token_generation") ?? 0
    }

    public func setPassword(_ email: String, hash: String) async throws {
        try await db.query(
            "UPDATE users SET password_hash = ?, temporary_password = 0, failed_login_count = 0, failed_login_window_start = NULL, locked_until = NULL WHERE email = ?",
            .text(hash), .text(email))
    }

    public func updateName(_ email: String, firstName: String, lastName: String) async throws {
        try await db.query(
            "UPDATE users SET first_name = ?, last_name = ? WHERE email = ?", .text(firstName), .text(lastName),
            .text(email))
    }

    static func user(from row: SQLRow) throws -> User {
        User(
            email: try row.requireString("email"),
            organisationReference: try row.requireString("organisation_reference"),
            firstName: row.string("first_name") ?? "",
            lastName: row.string("last_name") ?? "",
            roles: Set((row.string("roles") ?? "").split(separator: ",").compactMap { Role(rawValue: String($0)) }),
            passwordHash: try row.requireString("password_hash"),
            temporaryPassword: row.bool("temporary_password") ?? false,
            disabled: row.bool("disabled") ?? false,
            tokenGeneration: row.int("token_generation") ?? 0,
            failedLoginCount: row.int("failed_login_count") ?? 0,
            failedLoginWindowStart: row.instant("failed_login_window_start"),
            lockedUntil: row.instant("locked_until"))
    }

    // MARK: workstreams

    public static let workstreamColumns =
        "organisation_reference, prefix, name, description, status, contact_name, contact_number, contact_email, emergency_contact_name, emergency_contact_number"

    public func workstreams(of organisation: String) async throws -> [Workstream] {
        try await db.query(
            "SELECT \(Self.workstreamColumns) FROM workstreams WHERE organisation_reference = ? ORDER BY prefix",
            .text(organisation)
        ).map(Self.workstream(from:))
    }

    public func workstream(_ organisation: String, _ prefix: String) async throws -> Workstream? {
        try await db.first(
            "SELECT \(Self.workstreamColumns) FROM workstreams WHERE organisation_reference = ? AND prefix = ?",
            .text(organisation), .text(prefix)
        ).map(Self.workstream(from:))
    }

    /// Inserts; throws `StoreError.uniqueViolation` when the prefix is taken (unless `ignoreExisting`).
    public func insert(_ w: Workstream, at now: Date, ignoreExisting: Bool = false) async throws {
        try await db.query(
            """
            INSERT INTO workstreams (\(Self.workstreamColumns), created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)\(ignoreExisting ? " ON CONFLICT DO NOTHING" : "")
            """,
            [
                .text(w.organisationReference), .text(w.prefix), .text(w.name), .optional(w.description),
                .text(w.status), .optional(w.contactName), .optional(w.contactNumber), .optional(w.contactEmail),
                .optional(w.emergencyContactName), .optional(w.emergencyContactNumber), .instant(now),
            ])
    }

    public func update(_ w: Workstream) async throws -> Bool {
        !(try await db.query(
            """
            UPDATE workstreams SET name = ?, description = ?, contact_name = ?, contact_number = ?, contact_email = ?,
            emergency_contact_name = ?, emergency_contact_number = ?
            WHERE organisation_reference = ? AND prefix = ? RETURNING prefix
            """,
            [
                .text(w.name), .optional(w.description), .optional(w.contactName), .optional(w.contactNumber),
                .optional(w.contactEmail), .optional(w.emergencyContactName), .optional(w.emergencyContactNumber),
                .text(w.organisationReference), .text(w.prefix),
            ]
        ).isEmpty)
    }

    public static func workstream(from row: SQLRow) throws -> Workstream {
        Workstream(
            organisationReference: try row.requireString("organisation_reference"),
            prefix: try row.requireString("prefix"),
            name: try row.requireString("name"),
            description: row.string("description"),
            status: row.string("status") ?? "active",
            contactName: row.string("contact_name"),
            contactNumber: row.string("contact_number"),
            contactEmail: row.string("contact_email"),
            emergencyContactName: row.string("emergency_contact_name"),
            emergencyContactNumber: row.string("emergency_contact_number"))
    }

    /// Explicit per-user workstream grants (R-SEC-13); users without any have full access.
    /// Grants `email` `level` access to a workstream of `organisation` (R-SEC-13), replacing any
    /// grant they had on it.
    public func grant(_ email: String, organisation: String, prefix: String, level: WorkstreamAccessLevel)
        async throws
    {
        try await db.query(
            """
            INSERT INTO user_workstreams (email, organisation_reference, prefix, access_level) VALUES (?, ?, ?, ?)
            ON CONFLICT (email, organisation_reference, prefix) DO UPDATE SET access_level = excluded.access_level
            """, .text(email), .text(organisation), .text(prefix), .text(level.rawValue))
    }

    public func workstreamAccess(of email: String) async throws -> [(
        organisation: String, prefix: String, level: WorkstreamAccessLevel
    )] {
        try await db.query(
            "SELECT organisation_reference, prefix, access_level FROM user_workstreams WHERE email = ? ORDER BY prefix",
            .text(email)
        ).compactMap { row in
            guard let org = row.string("organisation_reference"), let prefix = row.string("prefix"),
                let level = row.string("access_level").flatMap(WorkstreamAccessLevel.init(rawValue:))
            else { return nil }
            return (org, prefix, level)
        }
    }

    // MARK: password resets

    /// Stores a new reset code. The attempts already made on a code that has not expired carry
    /// over to the new one (D-PASSWORD): asking for a new code does not buy more guesses.
    public func storeResetCode(_ email: String, codeHash: String, expiresAt: Date, now: Date) async throws {
        try await db.query(
            """
            INSERT INTO password_resets (email, code_hash, expires_at, attempts) VALUES (?, ?, ?, 0)
            ON CONFLICT (email) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at,
            attempts = CASE WHEN password_resets.expires_at > ? THEN password_resets.attempts ELSE 0 END
            """, .text(email), .text(codeHash), .instant(expiresAt), .instant(now))
    }

    /// Counts one attempt at the reset code before it is checked, in one statement: the code's
    /// hash when it is unexpired and had attempts left, nil otherwise. Parallel guesses each use
    /// up an attempt, so no more than `maximumAttempts` are ever checked.
    public func claimResetAttempt(_ email: String, maximumAttempts: Int, now: Date) async throws -> String? {
        try await db.first(
            """
            UPDATE password_resets SET attempts = attempts + 1
            WHERE email = ? AND attempts < ? AND expires_at > ? RETURNING code_hash
            """, .text(email), .int(Int64(maximumAttempts)), .instant(now)
        )?.string("code_hash")
    }

    /// The user's sign-in throttle, locked for the rest of the transaction (PostgreSQL; SQLite
    /// has one writer): failures counted from parallel attempts are never lost.
    public func throttle(_ email: String, forUpdate: Bool) async throws -> LoginThrottle? {
        let lock = forUpdate && db.dialect == .postgres ? " FOR UPDATE" : ""
        return try await db.first(
            "SELECT failed_login_count, failed_login_window_start, locked_until FROM users WHERE email = ?\(lock)",
            .text(email)
        ).map {
            LoginThrottle(
                failedCount: $0.int("failed_login_count") ?? 0, windowStart: $0.instant("failed_login_window_start"),
                lockedUntil: $0.instant("locked_until"))
        }
    }

    public func deleteResetCode(_ email: String) async throws {
        try await db.query("DELETE FROM password_resets WHERE email = ?", .text(email))
    }
}
