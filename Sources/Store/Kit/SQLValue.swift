import Foundation

/// A value bound to, or read from, a SQL statement. The same five kinds exist in SQLite and
/// PostgreSQL as this project uses them: booleans are stored as 0/1 integers, instants as
/// epoch milliseconds, calendar dates as `YYYY-MM-DD` text, so one SQL text serves both.
public enum SQLValue: Sendable, Hashable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    case blob([UInt8])

    public static func bool(_ value: Bool) -> SQLValue { .int(value ? 1 : 0) }
    public static func optional(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
    public static func optional(_ value: Int?) -> SQLValue { value.map { .int(Int64($0)) } ?? .null }
    public static func optional(_ value: Int64?) -> SQLValue { value.map { .int($0) } ?? .null }
    public static func optional(_ value: Bool?) -> SQLValue { value.map { .bool($0) } ?? .null }
    public static func instant(_ date: Date) -> SQLValue { .int(Int64((date.timeIntervalSince1970 * 1000).rounded())) }
    public static func optionalInstant(_ date: Date?) -> SQLValue { date.map { instant($0) } ?? .null }

    public var isNull: Bool { if case .null = self { true } else { false } }
}

/// One result row, columns by name (lower-case as the databases report them).
public struct SQLRow: Sendable {
    /// The names of the columns, shared by every row of a result (with their positions).
    public let names: SQLColumnNames
    public var values: [SQLValue]

    public var columns: [String] { names.names }

    public init(columns: [String], values: [SQLValue]) {
        self.init(names: SQLColumnNames(columns), values: values)
    }

    public init(names: SQLColumnNames, values: [SQLValue]) {
        self.names = names
        self.values = values
    }

    public subscript(_ name: String) -> SQLValue {
        guard let index = names.position(of: name) else { return .null }
        return values[index]
    }

    public func string(_ name: String) -> String? {
        switch self[name] {
        case .text(let s): s
        case .int(let i): String(i)
        case .double(let d): String(d)
        case .null, .blob: nil
        }
    }

    public func int(_ name: String) -> Int? { int64(name).map { Int($0) } }

    public func int64(_ name: String) -> Int64? {
        switch self[name] {
        case .int(let i): i
        case .double(let d): Int64(d)
        case .text(let s): Int64(s)
        case .null, .blob: nil
        }
    }

    public func double(_ name: String) -> Double? {
        switch self[name] {
        case .int(let i): Double(i)
        case .double(let d): d
        case .text(let s): Double(s)
        case .null, .blob: nil
        }
    }

    public func bool(_ name: String) -> Bool? { int64(name).map { $0 != 0 } }

    public func instant(_ name: String) -> Date? {
        int64(name).map { Date(timeIntervalSince1970: Double($0) / 1000) }
    }

    public func requireString(_ name: String) throws -> String {
        guard let value = string(name) else { throw StoreError.missingColumn(name) }
        return value
    }

    public func requireInt(_ name: String) throws -> Int {
        guard let value = int(name) else { throw StoreError.missingColumn(name) }
        return value
    }

    public func requireInstant(_ name: String) throws -> Date {
        guard let value = instant(name) else { throw StoreError.missingColumn(name) }
        return value
    }

    public func requireBool(_ name: String) throws -> Bool {
        guard let value = bool(name) else { throw StoreError.missingColumn(name) }
        return value
    }

    /// A stored enum value; a value the code does not know is an error, never a default.
    public func value<T: RawRepresentable>(_ name: String, as type: T.Type = T.self) throws -> T
    where T.RawValue == String {
        let text = try requireString(name)
        guard let value = T(rawValue: text) else { throw StoreError.unknownValue(column: name, value: text) }
        return value
    }

    /// A stored enum value or NULL.
    public func optionalValue<T: RawRepresentable>(_ name: String, as type: T.Type = T.self) throws -> T?
    where T.RawValue == String {
        guard let text = string(name) else { return nil }
        guard let value = T(rawValue: text) else { throw StoreError.unknownValue(column: name, value: text) }
        return value
    }
}

public enum StoreError: Error, CustomStringConvertible {
    case missingColumn(String)
    case unsupportedURL(String)
    case uniqueViolation(String)
    case migrationFailed(version: Int, underlying: String)
    case unknownValue(column: String, value: String)

    public var description: String {
        switch self {
        case .missingColumn(let c): "column \(c) missing or null"
        case .unsupportedURL(let u): "unsupported database URL: \(u) (use postgres://user:password@host:port/database)"
        case .uniqueViolation(let s): "unique constraint violated: \(s)"
        case .migrationFailed(let v, let u): "migration \(v) failed: \(u)"
        case .unknownValue(let c, let v): "column \(c) holds \(v), which this version does not know"
        }
    }
}

/// The column names of a result, and where each is: decoding a row looks up every column by
/// name. Names are compared by a signature (length, first and last byte) before their text,
/// which is cheaper than hashing them, and than comparing them all.
public final class SQLColumnNames: Sendable {
    public let names: [String]
    private let signatures: [UInt32]

    public init(_ names: [String]) {
        self.names = names
        signatures = names.map(Self.signature)
    }

    static func signature(_ name: String) -> UInt32 {
        let utf8 = name.utf8
        return UInt32(truncatingIfNeeded: utf8.count) << 16 | UInt32(utf8.first ?? 0) << 8 | UInt32(utf8.last ?? 0)
    }

    public func position(of name: String) -> Int? {
        let signature = Self.signature(name)
        for index in signatures.indices where signatures[index] == signature && names[index] == name {
            return index
        }
        return nil
    }
}
