import CSQLite

/// One row of a `scan`, read where the driver holds it: no value is copied until asked for.
/// Valid only inside the scan's body.
public struct SQLCells {
    enum Storage {
        case sqlite(OpaquePointer)
        case row(SQLRow)
    }

    let storage: Storage
    public let count: Int

    init(sqlite statement: OpaquePointer) {
        storage = .sqlite(statement)
        count = Int(sqlite3_column_count(statement))
    }

    public init(_ row: SQLRow) {
        storage = .row(row)
        count = row.values.count
    }

    public enum Kind: Sendable {
        case null, integer, double, text, blob
    }

    public func kind(_ index: Int) -> Kind {
        switch storage {
        case .sqlite(let statement):
            switch sqlite3_column_type(statement, Int32(index)) {
            case SQLITE_INTEGER: .integer
            case SQLITE_FLOAT: .double
            case SQLITE_TEXT: .text
            case SQLITE_BLOB: .blob
            default: .null
            }
        case .row(let row):
            switch row.values[index] {
            case .int: .integer
            case .double: .double
            case .text: .text
            case .blob: .blob
            case .null: .null
            }
        }
    }

    /// The integer in column `index` (0 when it holds none).
    public func int64(_ index: Int) -> Int64 {
        switch storage {
        case .sqlite(let statement): sqlite3_column_int64(statement, Int32(index))
        case .row(let row):
            if case .int(let value) = row.values[index] { value } else { 0 }
        }
    }

    public func double(_ index: Int) -> Double {
        switch storage {
        case .sqlite(let statement): sqlite3_column_double(statement, Int32(index))
        case .row(let row):
            if case .double(let value) = row.values[index] { value } else { 0 }
        }
    }

    /// The UTF-8 bytes of the text in column `index`, lent to `body` (empty when it holds none).
    public func withText<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        switch storage {
        case .sqlite(let statement):
            let bytes = sqlite3_column_text(statement, Int32(index))
            let length = Int(sqlite3_column_bytes(statement, Int32(index)))
            return try body(UnsafeBufferPointer(start: bytes, count: bytes == nil ? 0 : length))
        case .row(let row):
            guard case .text(var text) = row.values[index] else {
                return try body(UnsafeBufferPointer(start: nil, count: 0))
            }
            return try text.withUTF8(body)
        }
    }

    /// Column `index` copied out.
    public func value(_ index: Int) -> SQLValue {
        switch storage {
        case .row(let row): return row.values[index]
        case .sqlite:
            switch kind(index) {
            case .integer: return .int(int64(index))
            case .double: return .double(double(index))
            case .text: return .text(withText(index) { String(decoding: $0, as: UTF8.self) })
            case .blob, .null: return .null
            }
        }
    }
}

extension SQLExecutor {
    /// `scan` through `query`: the rows are read first, then handed over one by one.
    public func scanThroughQuery(
        _ sql: String, _ binds: [SQLValue], _ body: @escaping @Sendable (SQLCells) throws -> Void
    ) async throws {
        for row in try await query(sql, binds) { try body(SQLCells(row)) }
    }

    public func scan(
        _ sql: String, _ binds: [SQLValue], _ body: @escaping @Sendable (SQLCells) throws -> Void
    ) async throws {
        try await scanThroughQuery(sql, binds, body)
    }
}
