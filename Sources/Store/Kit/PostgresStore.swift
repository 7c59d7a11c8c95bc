import Foundation
import Logging
import PostgresNIO

/// PostgreSQL through a connection pool. Any number of server processes can share one
/// database: they keep no state of their own.
public final class PostgresDatabase: Database {
    public let dialect = SQLDialect.postgres
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let logger: Logger

    public init(
        host: String, port: Int, user: String, password: String?, database: String, tls: PostgresTLS = .disable,
        maximumConnections: Int = 16, logger: Logger
    ) throws {
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database,
            tls: try Self.clientTLS(tls))
        configuration.options.maximumConnections = maximumConnections
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        self.runner = Task { await client.run() }
    }

    /// PostgresNIO's TLS setting for `tls` (libpq's meanings of `sslmode`).
    static func clientTLS(_ tls: PostgresTLS) throws -> PostgresClient.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let root = tls.rootCertificate { configuration.trustRoots = .file(root) }
        switch tls.mode {
        case .disable:
            return .disable
        case .prefer:
            configuration.certificateVerification = .none
            return .prefer(configuration)
        case .require:
            configuration.certificateVerification = .none
            return .require(configuration)
        case .verifyCA:
            configuration.certificateVerification = .noHostnameVerification
            return .require(configuration)
        case .verifyFull:
            configuration.certificateVerification = .fullVerification
            return .require(configuration)
        }
    }

    @discardableResult
    public func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        let query = try Self.makeQuery(sql, binds)
        do {
            return try await client.withConnection { connection in
                try await Self.collect(connection.query(query, logger: logger))
            }
        } catch {
            throw Self.translate(error)
        }
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in
                try await connection.query("BEGIN", logger: logger)
                do {
                    let result = try await body(PostgresTransaction(connection: connection, logger: logger))
                    try await connection.query("COMMIT", logger: logger)
                    return result
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        } catch {
            throw Self.translate(error)
        }
    }

    public func shutdown() async {
        runner.cancel()
        _ = await runner.result
    }

    /// Numbers the `?` placeholders (`$1`, `$2`, …), leaving quoted text alone.
    static func numberPlaceholders(_ sql: String) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var n = 0
        var inQuote = false
        for ch in sql {
            if ch == "'" { inQuote.toggle() }
            if ch == "?" && !inQuote {
                n += 1
                out += "$\(n)"
            } else {
                out.append(ch)
            }
        }
        return out
    }

    static func makeQuery(_ sql: String, _ binds: [SQLValue]) throws -> PostgresQuery {
        var bindings = PostgresBindings(capacity: binds.count)
        for value in binds {
            switch value {
            case .null: bindings.appendNull()
            case .int(let i): bindings.append(i)
            case .double(let d): bindings.append(d)
            case .text(let s): bindings.append(s)
            case .blob(let b): bindings.append(ByteBuffer(bytes: b))
            }
        }
        return PostgresQuery(unsafeSQL: numberPlaceholders(sql), binds: bindings)
    }

    static func collect(_ sequence: PostgresRowSequence) async throws -> [SQLRow] {
        var rows: [SQLRow] = []
        var names: [String]? = nil
        var columnNames: SQLColumnNames? = nil
        for try await row in sequence {
            var values: [SQLValue] = []
            var columns: [String] = []
            for cell in row {
                if names == nil { columns.append(cell.columnName) }
                values.append(try decode(cell))
            }
            if names == nil {
                names = columns
                columnNames = SQLColumnNames(columns)
            }
            rows.append(SQLRow(names: columnNames!, values: values))
        }
        return rows
    }

    static func decode(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int8, .int4, .int2: return .int(try cell.decode(Int64.self))
        case .float8, .float4: return .double(try cell.decode(Double.self))
        case .numeric: return .double(Double(try cell.decode(String.self)) ?? 0)
        case .bool: return .bool(try cell.decode(Bool.self))
        case .bytea: return .blob(Array(try cell.decode(ByteBuffer.self).readableBytesView))
        default: return .text(try cell.decode(String.self))
        }
    }

    static func translate(_ error: any Error) -> any Error {
        if let error = error as? PSQLError, let state = error.serverInfo?[.sqlState], state == "23505" {
            return StoreError.uniqueViolation(error.serverInfo?[.message] ?? "duplicate key")
        }
        return error
    }
}

/// One leased connection inside BEGIN … COMMIT.
struct PostgresTransaction: SQLExecutor, @unchecked Sendable {
    let connection: PostgresConnection
    let logger: Logger
    var dialect: SQLDialect { .postgres }

    @discardableResult
    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        let query = try PostgresDatabase.makeQuery(sql, binds)
        do {
            return try await PostgresDatabase.collect(connection.query(query, logger: logger))
        } catch {
            throw PostgresDatabase.translate(error)
        }
    }
}
