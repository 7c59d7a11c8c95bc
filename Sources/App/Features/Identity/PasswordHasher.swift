import HummingbirdBcrypt
import NIOPosix

/// Slow salted hashes (bcrypt), computed off the request threads.
public struct PasswordHasher: Sendable {
    public var cost: UInt8

    public init(cost: UInt8) { self.cost = cost }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// The password rule for set-password and reset-password (docs/decisions.md, D-PASSWORD):
    /// 8 to 128 characters with an upper-case letter, a lower-case letter, a digit and a symbol.
    public static func check(_ password: String, field: String = "password") -> AppError? {
        let ok =
            (8...128).contains(password.count) && password.contains(where: \.isUppercase)
            && password.contains(where: \.isLowercase) && password.contains(where: \.isNumber)
            && password.contains(where: { !$0.isLetter && !$0.isNumber && !$0.isWhitespace })
        return ok
            ? nil
            : AppError.invalid(
                field: field,
                "must be 8 to 128 characters with an upper-case letter, a lower-case letter, a digit and a symbol")
    }
}
