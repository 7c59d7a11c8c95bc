import Foundation
import Testing

@testable import Contract

/// Keywords the validator supports although the v6 documents do not (yet) use them.
@Suite("Schema keywords beyond the v6 documents")
struct SyntheticSchemaTests {
    static let document = ##"""
        {
          "openapi": "3.1.0",
          "servers": [{"url": "/v6/test"}],
          "paths": {
            "/things": {
              "parameters": [{"name": "limit", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1}}],
              "post": {"operationId": "createThing", "security": [{}],
                       "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}
            }
          },
          "components": {"schemas": {
            "Thing": {
              "type": "object",
              "required": ["name", "extra"],
              "properties": {
                "name": {"type": ["string", "null"], "minLength": 2},
                "day": {"type": "string", "format": "date"},
                "count": {"type": "integer"},
                "code": {"$ref": "#/components/schemas/Code", "maxLength": 2},
                "both": {"allOf": [{"type": "string"}, {"maxLength": 3}]},
                "either": {"anyOf": [{"type": "number"}, {"type": "string", "maxLength": 1}]},
                "one": {"oneOf": [{"type": "number", "maximum": 10}, {"type": "number", "minimum": 5}]},
                "kind": {"const": "fixed"},
                "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1, "uniqueItems": true},
                "child": {"$ref": "#/components/schemas/Thing"}
              }
            },
            "Code": {"type": "string", "enum": ["A", "BB", "CCC"]},
            "List": {"type": "array", "items": {"$ref": "#/components/schemas/Code"}}
          }}
        }
        """##

    let contract: OpenAPIContract

    init() throws {
        contract = try OpenAPIContract(documents: [("test", Data(Self.document.utf8))])
    }

    private func check(_ body: JSONValue, _ schema: String = "Thing") -> [FieldError] {
        contract.validate(body: body, against: schema, in: "test")
    }

    @Test func validBody() {
        #expect(
            check([
                "name": "ok", "extra": 1, "day": "2026-01-05", "count": 3, "code": "BB", "both": "abc",
                "either": "x", "one": 1, "kind": "fixed", "tags": ["a"],
                "child": ["name": .null, "extra": true],
            ]).isEmpty)
    }

    @Test func keywordFailures() {
        let found = check([
            "name": "x", "day": "05/01/2026", "count": 2.5, "code": "CCC", "both": "abcd",
            "either": "xy", "one": 7, "kind": "other", "tags": [],
            "child": ["name": 1, "extra": .null, "tags": ["a", "a"]],
        ])
        #expect(
            found == [
                FieldError(field: "name", message: "must be at least 2 characters"),
                FieldError(field: "day", message: "must be a valid date (YYYY-MM-DD)"),
                FieldError(field: "count", message: "must be a whole number"),
                FieldError(field: "code", message: "must be at most 2 characters"),
                FieldError(field: "both", message: "must be at most 3 characters"),
                FieldError(field: "either", message: "must be at most 1 character"),
                FieldError(field: "one", message: "must match exactly one of the allowed shapes"),
                FieldError(field: "kind", message: "must be fixed"),
                FieldError(field: "tags", message: "must contain at least 1 item"),
                FieldError(field: "child.name", message: "must be a string or null"),
                FieldError(field: "child.tags", message: "must not contain duplicate items"),
                FieldError(field: "child.extra", message: "is required"),
                FieldError(field: "extra", message: "is required"),
            ])
    }

    @Test func nullAllowedByTypeIsValidatedNotDropped() {
        #expect(check(["name": .null, "extra": 1]).isEmpty)
    }

    @Test func rootArrayPaths() {
        #expect(
            check(["A", "D", 3], "List") == [
                FieldError(field: "body[1]", message: "must be one of: A, BB, CCC"),
                FieldError(field: "body[2]", message: "must be a string"),
            ])
        #expect(check(["A": 1], "List") == [FieldError(field: "body", message: "must be an array")])
    }

    @Test func pathLevelParametersAndOptionalSecurity() throws {
        let op = try #require(contract.operation(api: "test", operationId: "createThing"))
        #expect(!op.requiresToken)  // security: [{}] allows anonymous calls
        #expect(op.parameters.map(\.name) == ["limit"])
        #expect(
            contract.validateParameters(query: ["limit": ["0"]], for: op)
                == [FieldError(field: "limit", message: "must be at least 1")])
        #expect(
            contract.validateParameters(query: ["limit": ["1.5"]], for: op)
                == [FieldError(field: "limit", message: "must be a whole number")])
        #expect(contract.validateParameters(query: ["limit": ["5"]], for: op).isEmpty)
        #expect(contract.match(method: "POST", path: "/latest/test/things")?.0 == op)
    }
}
