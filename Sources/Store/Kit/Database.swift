import Foundation

/// The two SQL dialects the store speaks. Statements are written once with `?` placeholders;
/// the PostgreSQL driver numbers them (`$1`, `$2`, …).
public enum SQLDialect: String, Sendable {
    case sqlite
    case postgres
}

/// A statement and its bound values.
public struct SQLStatement: Sendable {
    public var sql: String
    public var binds: [SQLValue]

    public init(_ sql: String, _ binds: [SQLValue]) {
        self.sql = sql
        self.binds = binds
    }
}

/// Runs statements. Inside a transaction every call goes to the same connection.
public protocol SQLExecutor: Sendable {
    var dialect: SQLDialect { get }
    /// Runs a statement and returns its rows (use `RETURNING` to read back writes).
    @discardableResult
    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow]
    /// Runs several reads together (on SQLite in one trip and one snapshot); their rows in order.
    func read(_ statements: [SQLStatement]) async throws -> [[SQLRow]]
    /// Runs a read and hands each row to `body` as it is stepped, without copying its values
    /// (on SQLite, on the reader's thread: `body` runs there, one row after another).
    func scan(_ sql: String, _ binds: [SQLValue], _ body: @escaping @Sendable (SQLCells) throws -> Void) async throws
    /// Runs a statement that reads a few rows by key (`first` uses it): on SQLite on the calling
    /// thread when it is a read and a connection is free, where `query` leaves reads, which may
    /// be long, to the reader threads.
    func lookup(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow]
}

extension SQLExecutor {
    @discardableResult
    public func query(_ sql: String, _ binds: SQLValue...) async throws -> [SQLRow] {
        try await query(sql, binds)
    }

    /// The first row of a keyed read (or of a write's `RETURNING`).
    public func first(_ sql: String, _ binds: [SQLValue]) async throws -> SQLRow? {
        try await lookup(sql, binds).first
    }

    public func first(_ sql: String, _ binds: SQLValue...) async throws -> SQLRow? {
        try await lookup(sql, binds).first
    }

    public func lookup(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await query(sql, binds)
    }
}

/// One store interface over SQLite (embedded) and PostgreSQL (production).
public protocol Database: SQLExecutor {
    /// Runs `body` in one transaction: all of it is committed, or none of it.
    func transaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T
    func shutdown() async
}

extension SQLExecutor {
    public func read(_ statements: [SQLStatement]) async throws -> [[SQLRow]] {
        try await readOneByOne(statements)
    }

    /// `statements` run one after another through `query`.
    public func readOneByOne(_ statements: [SQLStatement]) async throws -> [[SQLRow]] {
        var results: [[SQLRow]] = []
        for statement in statements { results.append(try await query(statement.sql, statement.binds)) }
        return results
    }
}

/// How the connection to PostgreSQL is secured: `sslmode` (and `sslrootcert`) of
/// `DATABASE_URL`, with libpq's meanings. Without `sslmode`, TLS is used when the server offers
/// it (`prefer`, libpq's default).
public struct PostgresTLS: Sendable, Equatable {
    public enum Mode: String, Sendable, CaseIterable {
        /// Never TLS.
        case disable
        /// TLS when the server offers it (`allow` is treated the same), without verifying it.
        case prefer
        /// TLS or no connection, without verifying the certificate.
        case require
        /// TLS with a certificate signed by a trusted authority, whatever its host name.
        case verifyCA = "verify-ca"
        /// TLS with a trusted certificate for the host connected to.
        case verifyFull = "verify-full"
    }

    public var mode: Mode
    /// A PEM file of the authorities to trust (`sslrootcert`); the system's when absent.
    public var rootCertificate: String?

    public init(mode: Mode, rootCertificate: String? = nil) {
        self.mode = mode
        self.rootCertificate = rootCertificate
    }

    public static let disable = PostgresTLS(mode: .disable)
}

/// How to reach the database, from `DATABASE_URL` or the data directory.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case sqliteMemory
    case postgres(host: String, port: Int, user: String, password: String?, database: String, tls: PostgresTLS)

    /// `postgres://user:pass@host:port/db?sslmode=require` (or `postgresql://`),
    /// `sqlite:///path/file.sqlite`.
    public static func parse(url: String) throws -> DatabaseLocation {
        if url.hasPrefix("sqlite://") {
            let path = String(url.dropFirst("sqlite://".count))
            return path == ":memory:" || path.isEmpty ? .sqliteMemory : .sqlite(path: path)
        }
        guard let components = URLComponents(string: url),
            let scheme = components.scheme, scheme == "postgres" || scheme == "postgresql",
            let host = components.host
        else { throw StoreError.unsupportedURL(url) }
        let database = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        var tls = PostgresTLS(mode: .prefer)
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                let value = item.value ?? ""
                guard let mode = value == "allow" ? .prefer : PostgresTLS.Mode(rawValue: value) else {
                    throw StoreError.unsupportedURL(
                        "\(url): sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full")
                }
                tls.mode = mode
            case "sslrootcert":
                tls.rootCertificate = item.value
            default:
                throw StoreError.unsupportedURL(
                    "\(url): unknown parameter \(item.name) (sslmode and sslrootcert are known)")
            }
        }
        return .postgres(
            host: host.isEmpty ? "localhost" : host,
            port: components.port ?? 5432,
            user: components.user ?? "postgres",
            password: components.password,
            database: database.isEmpty ? (components.user ?? "postgres") : database,
            tls: tls
        )
    }

    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite at \(path)"
        case .sqliteMemory: "sqlite in memory"
        case .postgres(let host, let port, let user, _, let db, let tls):
            "postgres \(user)@\(host):\(port)/\(db) (sslmode \(tls.mode.rawValue))"
        }
    }
}
