import Domain
import Foundation
import HTTPTypes
import Logging
import Store

/// Sign-in, tokens and passwords (R-SEC-02 … R-SEC-07).
public struct IdentityService: Sendable {
    let database: any Database
    let tokens: TokenService
    let passwords: PasswordHasher
    let clock: any WallClock
    let notifier: any PasswordResetNotifier
    let logger: Logger
    let cache: PrincipalCache

    public init(
        database: any Database, tokens: TokenService, passwords: PasswordHasher, clock: any WallClock,
        notifier: any PasswordResetNotifier, logger: Logger, principalLifetime: TimeInterval = 5
    ) {
        self.cache = PrincipalCache(lifetime: principalLifetime)
        self.database = database
        self.tokens = tokens
        self.passwords = passwords
        self.clock = clock
        self.notifier = notifier
        self.logger = logger
    }

    var repository: IdentityRepository { IdentityRepository(database) }

    public struct IssuedTokens: Sendable {
        public var idToken: String
        public var accessToken: String
        public var refreshToken: String
        public var organisationReference: String
    }

    public enum SignIn: Sendable {
        case tokens(IssuedTokens)
        /// R-SEC-05: a temporary password: go to /authenticate/initial.
        case temporaryPassword
    }

    /// R-SEC-03/04/05/06: checks the credentials, counts failures, refuses locked accounts (423)
    /// and users of suspended or disabled organisations (412).
    public func signIn(email: String, password: String) async throws -> SignIn {
        let user = try await checkCredentials(email: email, password: password)
        if user.temporaryPassword { return .temporaryPassword }
        return .tokens(try await issueTokens(for: user))
    }

    /// R-SEC-05: first sign-in with the temporary password gives a session token for set-password.
    public func initialSignIn(email: String, password: String) async throws -> String {
        let user = try await checkCredentials(email: email, password: password)
        guard user.temporaryPassword else {
            throw AppError(.badRequest, "The account has no temporary password; use /authenticate")
        }
        return try await tokens.issue(.session, for: user)
    }

    /// R-SEC-05: exchanges the session token for a permanent password and the normal tokens.
    public func setPassword(email: String, password: String, sessionToken: String) async throws -> IssuedTokens {
        guard let claims = await tokens.verify(sessionToken, as: .session), claims.email == email,
            var user = try await repository.user(email), user.tokenGeneration == claims.generation,
            user.temporaryPassword
        else { throw AppError.authenticationFailed }
        if let problem = PasswordHasher.check(password) { throw problem }
        let hash = try await passwords.hash(password)
        user.tokenGeneration = try await database.transaction { tx in
            let repository = IdentityRepository(tx)
            try await repository.setPassword(email, hash: hash)
            return try await repository.bumpTokenGeneration(email)
        }
        cache.evict(email: email)
        user.temporaryPassword = false
        return try await issueTokens(for: user)
    }

    /// R-SEC-03: a refresh token buys new ID and access tokens.
    public func refresh(refreshToken: String) async throws -> (idToken: String, accessToken: String) {
        guard let claims = await tokens.verify(refreshToken, as: .refresh) else { throw AppError.authenticationFailed }
        let principal = try await principal(email: claims.email, generation: claims.generation)
        return (try await tokens.issue(.id, for: principal.user), try await tokens.issue(.access, for: principal.user))
    }

    /// R-SEC-03: logout with the access token voids every token of the user at once.
    public func logout(accessToken: String) async throws {
        guard let claims = await tokens.verify(accessToken, as: .access),
            let user = try await repository.user(claims.email), user.tokenGeneration == claims.generation
        else { throw AppError.authenticationFailed }
        try await repository.bumpTokenGeneration(user.email)
        cache.evict(email: user.email)
    }

    /// R-SEC-02: the caller behind an ID token, or `Authentication failed`. Users of an
    /// organisation suspended or disabled since sign-in get 401 too (R-SEC-06).
    public func principal(idToken: String?) async throws -> Principal {
        guard let idToken, !idToken.isEmpty else { throw AppError.authenticationFailed }
        let now = clock.now()
        if let known = cache.principal(token: idToken, now: now) { return known }
        let ticket = cache.beginLookup()
        guard let claims = await tokens.verify(idToken, as: .id) else { throw AppError.authenticationFailed }
        let principal = try await principal(email: claims.email, generation: claims.generation)
        cache.store(principal, token: idToken, expires: claims.expires, now: now, ticket: ticket)
        return principal
    }

    func principal(email: String, generation: Int) async throws -> Principal {
        let repository = self.repository
        guard let user = try await repository.user(email), user.tokenGeneration == generation, !user.disabled,
            let organisation = try await repository.organisation(user.organisationReference),
            organisation.status == .active
        else { throw AppError.authenticationFailed }
        var contractedBy: Set<String> = []
        if user.roles.contains(.contractor) {
            contractedBy = Set(
                try await repository.promoters(contracting: organisation.reference).filter { $0.status == .active }.map(
                    \.reference))
        }
        let grants = try await repository.workstreamAccess(of: email).map {
            WorkstreamGrant(organisation: $0.organisation, prefix: $0.prefix, level: $0.level)
        }
        return Principal(user: user, organisation: organisation, contractedBy: contractedBy, workstreamGrants: grants)
    }

    /// R-SEC-05: sends (here: logs) a verification code; only activated accounts get one. The
    /// answer is the same whether or not the account exists.
    public func forgotPassword(email: String) async throws {
        guard let user = try await repository.user(email), !user.temporaryPassword, !user.disabled else {
            logger.info("password reset requested for an unknown or inactive account")
            return
        }
        let code = String(format: "%06d", Int.random(in: 0..<1_000_000))
        let hash = try await passwords.hash(code)
        let now = clock.now()
        try await repository.storeResetCode(email, codeHash: hash, expiresAt: now.addingTimeInterval(3600), now: now)
        await notifier.sendVerificationCode(code, to: email)
    }

    public static let maximumResetAttempts = 5

    /// R-SEC-05 (D-PASSWORD): each attempt is counted before the code is checked, so parallel
    /// guesses cannot exceed the five allowed; a right code sets the password, voids the code and
    /// every token of the user in one transaction.
    public func resetPassword(email: String, code: String, password: String) async throws {
        let invalid = AppError.invalid(field: "verification_code", "is invalid or has expired")
        guard
            let codeHash = try await repository.claimResetAttempt(
                email, maximumAttempts: Self.maximumResetAttempts, now: clock.now())
        else { throw invalid }
        guard try await passwords.verify(code, hash: codeHash) else { throw invalid }
        if let problem = PasswordHasher.check(password) { throw problem }
        let hash = try await passwords.hash(password)
        try await database.transaction { tx in
            let repository = IdentityRepository(tx)
            try await repository.setPassword(email, hash: hash)
            try await repository.deleteResetCode(email)
            try await repository.bumpTokenGeneration(email)
        }
        cache.evict(email: email)
    }

    // MARK: -

    func checkCredentials(email: String, password: String) async throws -> User {
        let repository = self.repository
        let now = clock.now()
        guard let user = try await repository.user(email) else {
            // Same work as a real check, so timing does not tell which accounts exist.
            _ = try await passwords.verify(password, hash: Self.decoyHash)
            throw AppError.authenticationFailed
        }
        let throttle = LoginThrottle(
            failedCount: user.failedLoginCount, windowStart: user.failedLoginWindowStart, lockedUntil: user.lockedUntil)
        if throttle.isLocked(at: now) {
            throw AppError(
                HTTPResponse.Status(code: 423, reasonPhrase: "Locked"),
                "User account is locked after 5 failed attempts; try again in 5 minutes")
        }
        guard try await passwords.verify(password, hash: user.passwordHash) else {
            // Counted on the row as it is now, under its lock: failures sent in parallel all count.
            try await database.transaction { tx in
                let repository = IdentityRepository(tx)
                let current = try await repository.throttle(email, forUpdate: true) ?? throttle
                try await repository.saveThrottle(email, current.recordingFailure(at: now))
            }
            throw AppError.authenticationFailed
        }
        if user.disabled { throw AppError.authenticationFailed }
        guard let organisation = try await repository.organisation(user.organisationReference) else {
            throw AppError.authenticationFailed
        }
        if organisation.status != .active {
            throw AppError(.preconditionFailed, "Organisation is \(organisation.status.rawValue)")
        }
        try await repository.recordLogin(email, at: now)
        return user
    }

    func issueTokens(for user: User) async throws -> IssuedTokens {
        IssuedTokens(
            idToken: try await tokens.issue(.id, for: user),
            accessToken: try await tokens.issue(.access, for: user),
            refreshToken: try await tokens.issue(.refresh, for: user),
            organisationReference: user.organisationReference)
    }

    /// bcrypt of a random string, used when the e-mail is unknown.
    static let decoyHash = "$2b$10$C6UzMDM.H6dfI/f/IKxGhuPnCFXhSnKlt0/jZ9gAqPkC8R5fHxOjS"
}

/// Delivers password-reset verification codes (R-SEC-05).
public protocol PasswordResetNotifier: Sendable {
    func sendVerificationCode(_ code: String, to email: String) async
}

/// Writes the code to the server log, in place of an e-mail.
public struct LogPasswordResetNotifier: PasswordResetNotifier {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    public func sendVerificationCode(_ code: String, to email: String) async {
        logger.notice(
            "password reset verification code (sent by e-mail in a hosted service)",
            metadata: ["email": .string(email), "verification_code": .string(code)])
    }
}

/// Sends reset codes nowhere, saying so in the log without the code: the server has no e-mail
/// delivery, and outside development a code in the log would let anyone who reads it take the
/// account over.
public struct UndeliveredPasswordResetNotifier: PasswordResetNotifier {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    public func sendVerificationCode(_ code: String, to email: String) async {
        logger.warning(
            "password reset requested, but no delivery of reset codes is configured (development: --log-reset-codes)")
    }
}
