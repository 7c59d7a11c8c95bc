import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLiteNIO

/// SQLite in WAL mode with `synchronous=FULL`: a commit is on disk before the call returns, so a
/// write that was answered survives `kill -9`. One writer connection (serialised by a lock,
/// as SQLite allows one writer), several reader connections that never block it.
public final class SQLiteDatabase: Database {
    public let dialect = SQLDialect.sqlite
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let writeLock = AsyncLock()
    private let next = ReaderCursor()

    public static func open(path: String?, readers readerCount: Int = 4, logger: Logger) async throws -> SQLiteDatabase
    {
        let storage: SQLiteConnection.Storage = path.map { .file(path: $0) } ?? .memory
        let writer = try await SQLiteConnection.open(storage: storage, logger: logger)
        var readers: [SQLiteConnection] = []
        if path != nil {
            _ = try await writer.query("PRAGMA journal_mode=WAL", [])
            _ = try await writer.query("PRAGMA synchronous=FULL", [])
        }
        _ = try await writer.query("PRAGMA busy_timeout=10000", [])
        _ = try await writer.query("PRAGMA foreign_keys=ON", [])
        if path != nil {
            for _ in 0..<max(1, readerCount) {
                let reader = try await SQLiteConnection.open(storage: storage, logger: logger)
                _ = try await reader.query("PRAGMA busy_timeout=10000", [])
                readers.append(reader)
            }
        }
        return SQLiteDatabase(writer: writer, readers: readers)
    }

    private init(writer: SQLiteConnection, readers: [SQLiteConnection]) {
        self.writer = writer
        self.readers = readers
    }

    @discardableResult
    public func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        if !readers.isEmpty, Self.isRead(sql) {
            return try await Self.run(sql, binds, on: readers[next.advance(count: readers.count)])
        }
        await writeLock.lock()
        do {
            let rows = try await Self.run(sql, binds, on: writer)
            await writeLock.unlock()
            return rows
        } catch {
            await writeLock.unlock()
            throw error
        }
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any SQLExecutor) async throws -> T) async throws -> T {
        await writeLock.lock()
        let executor = SQLiteTransaction(connection: writer)
        do {
            _ = try await writer.query("BEGIN IMMEDIATE", [])
        } catch {
            await writeLock.unlock()
            throw error
        }
        do {
            let result = try await body(executor)
            _ = try await writer.query("COMMIT", [])
            await writeLock.unlock()
            return result
        } catch {
            _ = try? await writer.query("ROLLBACK", [])
            await writeLock.unlock()
            throw Self.translate(error)
        }
    }

    public func shutdown() async {
        for reader in readers { try? await reader.close() }
        try? await writer.close()
    }

    static func isRead(_ sql: String) -> Bool {
        let head = sql.prefix(8).uppercased().trimmingCharacters(in: .whitespacesAndNewlines)
        return head.hasPrefix("SELECT") || head.hasPrefix("WITH")
    }

    static func run(_ sql: String, _ binds: [SQLValue], on connection: SQLiteConnection) async throws -> [SQLRow] {
        let data = binds.map { value -> SQLiteData in
            switch value {
            case .null: .null
            case .int(let i): .integer(Int(i))
            case .double(let d): .float(d)
            case .text(let s): .text(s)
            case .blob(let b): .blob(ByteBuffer(bytes: b))
            }
        }
        let rows: [SQLiteRow]
        do {
            rows = try await connection.query(sql, data)
        } catch {
            throw translate(error)
        }
        guard let first = rows.first else { return [] }
        let names = first.columns.map { $0.name }
        return rows.map { row in
            SQLRow(
                columns: names,
                values: row.columns.map { column in
                    switch column.data {
                    case .null: .null
                    case .integer(let i): .int(Int64(i))
                    case .float(let d): .double(d)
                    case .text(let s): .text(s)
                    case .blob(let b): .blob(Array(b.readableBytesView))
                    }
                })
        }
    }

    static func translate(_ error: any Error) -> any Error {
        if let error = error as? SQLiteError,
            error.reason == .constraintUniqueFailed || error.reason == .constraintPrimaryKeyFailed
        {
            return StoreError.uniqueViolation(error.message)
        }
        return error
    }
}

/// The writer connection, lent to one transaction.
struct SQLiteTransaction: SQLExecutor {
    let connection: SQLiteConnection
    var dialect: SQLDialect { .sqlite }

    @discardableResult
    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        try await SQLiteDatabase.run(sql, binds, on: connection)
    }
}

/// Round-robin over reader connections.
final class ReaderCursor: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func advance(count: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        value = (value + 1) % count
        return value
    }
}
