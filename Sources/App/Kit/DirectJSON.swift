import Contract
import Domain
import Foundation

/// A JSON object under construction: the hot reads are built as `JSONValue`s and written
/// straight to bytes (`JSONValue.bytes`, D-DIRECT).
typealias JSONObject = [String: JSONValue]

extension JSONValue {
    /// A string, or `null` for nil.
    static func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    static func int(_ value: Int?) -> JSONValue { value.map { .number(Double($0)) } ?? .null }
    static func int(_ value: Int64?) -> JSONValue { value.map { .number(Double($0)) } ?? .null }
    /// An instant as Street Manager writes it (`2026-01-05T09:00:00.000Z`), or `null`.
    static func instant(_ value: Date?) -> JSONValue { value.map { .string(ISO8601.format($0)) } ?? .null }
    /// A calendar date as the instant its UK day starts, as the contract's `date-time` fields
    /// carry dates.
    static func day(_ value: LocalDate?) -> JSONValue { .instant(value.map(UKTime.startOfDay)) }
    /// An enum value with its `*_string` twin (D-WORKS: the twin repeats the value).
    static func labelled<E: RawRepresentable>(_ value: E?) -> JSONValue where E.RawValue == String {
        value.map { .string($0.rawValue) } ?? .null
    }

    /// Stored JSON text (an application, an assessment) as an object; `[:]` if it is not one.
    static func storedObject(_ text: String?) -> JSONObject {
        guard let text, let value = try? JSONValue.parse(text), case .object(let object) = value else { return [:] }
        return object
    }

    /// The object without its `null` members (optional keys are left out, as the generated
    /// encoder does).
    static func compact(_ object: JSONObject) -> JSONValue { .object(object.withoutNulls) }
}

extension Dictionary where Key == String, Value == JSONValue {
    /// The members that are not `null`.
    var withoutNulls: JSONObject { filter { !$0.value.isNull } }
}

/// JSON written by hand into bytes, member by member (D-DIRECT): for answers of thousands of
/// objects, where even building `JSONValue` dictionaries costs more than the rest of the request.
struct JSONBytes: DirectJSONBody {
    var bytes: [UInt8] = []

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    /// Text written as it is: punctuation and `"key":` of known keys.
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func raw<C: Collection>(_ utf8: C) where C.Element == UInt8 { bytes.append(contentsOf: utf8) }

    mutating func string(_ text: String) { JSONValue.write(string: text, into: &bytes) }

    mutating func number(_ value: Double) { JSONValue.write(number: value, into: &bytes) }

    /// An instant as every answer writes it (`2026-01-05T09:00:00.000Z`).
    mutating func instant(_ date: Date) {
        // Written in place (no string in between) where it can be; otherwise as `format` writes it.
        guard let milliseconds = ISO8601.milliseconds(date) else { return string(ISO8601.format(date)) }
        bytes.append(UInt8(ascii: "\""))
        ISO8601.write(milliseconds: milliseconds, into: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }
}
