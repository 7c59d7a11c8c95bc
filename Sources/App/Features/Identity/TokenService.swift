import Domain
import Foundation
import JWTKit

/// The kinds of token this server signs. Only an `id` token opens the API (`token` header);
/// `access` logs out, `refresh` renews, `session` sets the first password.
public enum TokenKind: String, Codable, Sendable {
    case id, access, refresh, session
}

/// Claims of every token (HS256). `gen` is the user's token generation: logout bumps it and
/// voids every token issued before (R-SEC-03).
struct TokenClaims: JWTPayload, Equatable {
    var sub: String
    var org: String
    var roles: [String]
    var typ: TokenKind
    var gen: Int
    var iat: Int
    var exp: Int
    var jti: String

    func verify(using algorithm: some JWTAlgorithm) async throws {
        // Expiry is checked by `TokenService.verify` against the injected clock.
    }
}

/// Signs and checks tokens with the configured key (R-SEC-03: ID and access tokens last one
/// hour, refresh tokens one day).
public struct TokenService: Sendable {
    public static let idLifetime: TimeInterval = 3600
    public static let accessLifetime: TimeInterval = 3600
    public static let refreshLifetime: TimeInterval = 86_400
    public static let sessionLifetime: TimeInterval = 900

    let keys: JWTKeyCollection
    let clock: any WallClock

    public init(secret: [UInt8], clock: any WallClock) async {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        self.keys = keys
        self.clock = clock
    }

    static func lifetime(_ kind: TokenKind) -> TimeInterval {
        switch kind {
        case .id: idLifetime
        case .access: accessLifetime
        case .refresh: refreshLifetime
        case .session: sessionLifetime
        }
    }

    public func issue(_ kind: TokenKind, for user: User) async throws -> String {
        let now = clock.now()
        let claims = TokenClaims(
            sub: user.email, org: user.organisationReference, roles: user.roles.map(\.rawValue).sorted(), typ: kind,
            gen: user.tokenGeneration, iat: Int(now.timeIntervalSince1970),
            exp: Int(now.addingTimeInterval(Self.lifetime(kind)).timeIntervalSince1970), jti: UUID().uuidString)
        return try await keys.sign(claims)
    }

    /// The email and token generation of a valid, unexpired token of `kind`; nil otherwise.
    public func verify(_ token: String, as kind: TokenKind) async -> (email: String, generation: Int, expires: Date)? {
        guard let claims = try? await keys.verify(token, as: TokenClaims.self), claims.typ == kind,
            Double(claims.exp) > clock.now().timeIntervalSince1970
        else { return nil }
        return (claims.sub, claims.gen, Date(timeIntervalSince1970: Double(claims.exp)))
    }
}
