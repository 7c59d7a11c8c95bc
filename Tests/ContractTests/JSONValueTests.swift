import Foundation
import Testing

@testable import Contract

@Suite("JSONValue parsing")
struct JSONValueTests {
    @Test func parsesNestedStructures() throws {
        let value = try JSONValue.parse(#"{"a": [1, {"b": null, "c": [true, false]}, "x"], "d": {}, "e": []}"#)
        #expect(
            value
                == .object([
                    "a": .array([
                        .number(1), .object(["b": .null, "c": .array([.bool(true), .bool(false)])]), .string("x"),
                    ]),
                    "d": .object([:]),
                    "e": .array([]),
                ]))
        #expect(value["a"]?[1]?["c"]?[0]?.boolValue == true)
        #expect(value["missing"] == nil)
    }

    @Test func parsesBytesAndData() throws {
        let text = #" [ "a" , 2 ] "#
        #expect(try JSONValue.parse(Data(text.utf8)) == ["a", 2])
        #expect(try JSONValue.parse(Array(text.utf8)) == ["a", 2])
        #expect(try JSONValue.parse(text.utf8) == ["a", 2])
    }

    @Test func trueIsABoolNotANumber() throws {
        #expect(try JSONValue.parse("true") == .bool(true))
        #expect(try JSONValue.parse("[1, true]") == .array([.number(1), .bool(true)]))
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"t": true, "n": 1, "f": 0}"#.utf8))
        #expect(decoded == ["t": true, "n": 1, "f": 0])
        #expect(decoded["t"]?.boolValue == true)
        #expect(decoded["n"]?.boolValue == nil)
    }

    @Test func decodesStringEscapes() throws {
        #expect(try JSONValue.parse(#""caf\u00e9 \u00E9""#) == .string("café é"))
        #expect(try JSONValue.parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try JSONValue.parse(#""a\"b\\c\/d\n\t\r\b\f""#) == .string("a\"b\\c/d\n\t\r\u{08}\u{0C}"))
        #expect(try JSONValue.parse(#""raw UTF-8: ü 日本""#) == .string("raw UTF-8: ü 日本"))
        #expect(try JSONValue.parse(#""lone \ud800 surrogate""#) == .string("lone \u{FFFD} surrogate"))
        #expect(try JSONValue.parse(#"{"k\u0041y": 1}"#) == ["kAy": 1])
    }

    @Test(arguments: [
        ("0", 0.0, true), ("-0", 0.0, true), ("42", 42, true), ("-17", -17, true),
        ("3.0", 3, true), ("2.5", 2.5, false), ("1e3", 1000, true), ("1E+3", 1000, true),
        ("-2.5E-2", -0.025, false), ("6.02e23", 6.02e23, true), ("12345678901234567890", 1.2345678901234567e19, true),
        ("0.1", 0.1, false), ("1.5e300", 1.5e300, true),
    ])
    func parsesNumbers(text: String, expected: Double, whole: Bool) throws {
        let value = try JSONValue.parse(text)
        #expect(value == .number(expected))
        #expect(value.isWholeNumber == whole)
    }

    @Test(arguments: [
        ("", 0, "end of input"),
        (#"{"a": }"#, 6, "expected a value"),
        ("[1, 2,]", 6, "expected a value"),
        (#"{"a" 1}"#, 5, "expected ':'"),
        (#"{"a": 1,}"#, 8, "expected a string key"),
        (#""unterminated"#, 0, "Unterminated string"),
        ("01", 1, "leading zeros"),
        ("tru", 0, "expected a value"),
        ("{} x", 3, "after the JSON value"),
        ("1.", 2, "after '.'"),
        ("1e", 2, "exponent"),
        (#""bad \x escape""#, 5, "Invalid escape"),
        ("\"tab\there\"", 4, "control character"),
        ("1e999", 0, "out of range"),
        ("[1 2]", 3, "expected ',' or ']'"),
        ("NaN", 0, "expected a value"),
    ])
    func rejectsMalformedInput(text: String, offset: Int, fragment: String) {
        #expect {
            _ = try JSONValue.parse(text)
        } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            return error.offset == offset && error.message.contains(fragment)
        }
    }

    @Test func reportsLineAndColumn() {
        let text = "{\n  \"a\": 1,\n  \"b\": ?\n}"
        do {
            _ = try JSONValue.parse(text)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3)
            #expect(error.column == 8)
            #expect(error.description.contains("line 3, column 8"))
            #expect(error.description.contains("'?'"))
        }
    }

    @Test func limitsNestingDepth() throws {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(deep) }
        let ok = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        _ = try JSONValue.parse(ok)
    }

    @Test func serialisesAndRoundTrips() throws {
        let value: JSONValue = [
            "s": "q\"uote\n", "n": 3, "f": 2.5, "b": false, "z": .null, "a": [1, "x"], "u": "é\u{01}",
        ]
        let text = value.serialized(sortedKeys: true)
        #expect(text == #"{"a":[1,"x"],"b":false,"f":2.5,"n":3,"s":"q\"uote\n","u":"é\u0001","z":null}"#)
        #expect(try JSONValue.parse(text) == value)
        let encoded = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(JSONValue.self, from: encoded) == value)
        #expect(try JSONValue.parse(encoded) == value)
    }

    @Test func accessors() {
        let v: JSONValue = ["i": 7, "d": 7.5, "s": "x", "a": [1], "o": ["k": true]]
        #expect(v["i"]?.intValue == 7)
        #expect(v["d"]?.intValue == nil)
        #expect(v["d"]?.doubleValue == 7.5)
        #expect(v["s"]?.stringValue == "x")
        #expect(v["a"]?.arrayValue == [1])
        #expect(v["o"]?.objectValue == ["k": true])
        #expect(v["o"]?.typeName == "object")
        #expect(JSONValue.null.isNull)
    }
}
