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
    /// Whether a value was just written at this level, so the next member or element needs a
    /// comma (the member functions below keep it; `raw` leaves punctuation to its caller).
    private var needsComma = false

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

/// Objects and arrays written member by member: each `member` leaves out a nil (as the generated
/// encoder leaves out optional keys) and puts the commas in.
extension JSONBytes {
    mutating func openObject() {
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func closeObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func openArray() {
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    mutating func closeArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Before each element of an array.
    mutating func element() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = false
    }

    /// `"name":`, after a comma where one is due; a value must follow.
    mutating func key(_ name: StaticString) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        bytes.append(contentsOf: "\":".utf8)
        needsComma = false
    }

    mutating func key(named name: String) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        string(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// A value already parsed (stored JSON), as it is.
    mutating func value(_ value: JSONValue) {
        value.write(into: &bytes)
        needsComma = true
    }

    mutating func member(_ name: StaticString, _ value: String) {
        key(name)
        string(value)
        needsComma = true
    }

    mutating func member(_ name: StaticString, _ value: String?) {
        if let value { member(name, value) }
    }

    mutating func member(_ name: StaticString, _ value: Int?) { member(name, value.map(Int64.init)) }

    mutating func member(_ name: StaticString, _ value: Int64?) {
        guard let value else { return }
        key(name)
        number(Double(value))
        needsComma = true
    }

    mutating func member(_ name: StaticString, _ value: Bool) {
        key(name)
        raw(value ? "true" : "false")
        needsComma = true
    }

    mutating func member(_ name: StaticString, instant: Date?) {
        guard let instant else { return }
        key(name)
        self.instant(instant)
        needsComma = true
    }

    /// A calendar date as the instant its UK day starts (the contract's `date-time` fields carry
    /// dates so).
    mutating func member(_ name: StaticString, day: LocalDate?) {
        member(name, instant: day.map(UKTime.startOfDay))
    }

    /// A stored value; left out when missing or `null`.
    mutating func member(_ name: StaticString, _ value: JSONValue?) {
        guard let value, !value.isNull else { return }
        key(name)
        self.value(value)
    }

    /// A stored value under a stored name; a `null` is left out unless `keepingNull` (inside
    /// stored objects, which are answered as they are).
    mutating func member(named name: String, _ value: JSONValue?, keepingNull: Bool = false) {
        guard let value, keepingNull || !value.isNull else { return }
        key(named: name)
        self.value(value)
    }
}
