import Foundation

/// A compiled query/path parameter.
struct ParameterRule: Sendable {
    let name: String
    let location: OpenAPIContract.Operation.Parameter.Location
    let required: Bool
    let schema: SchemaLink
}

extension SchemaValidator {
    /// Checks raw query and path strings, coercing them to the types their schemas declare
    /// (`"12"` → number, `"true"` → boolean, repeated query keys → array).
    mutating func checkParameters(_ rules: [ParameterRule], query: [String: [String]], pathParameters: [String: String])
    {
        for rule in rules {
            let raw: [String]?
            switch rule.location {
            case .path: raw = pathParameters[rule.name].map { [$0] }
            case .query: raw = query[rule.name]
            case .header, .cookie: continue
            }
            var sub = SchemaValidator(schemas: schemas, root: [.key(rule.name)])
            if let raw, !raw.isEmpty {
                sub.check(coerce(raw, rule.schema), rule.schema)
            } else if rule.required {
                sub.check(.null, .node(Self.requiredMarker))
            }
            errors.append(contentsOf: sub.errors)
        }
    }

    /// A node whose only effect is to report "is required" for a missing value.
    private static let requiredMarker: SchemaNode = {
        var n = SchemaRules()
        n.enumValues = []
        n.enumMessage = "is required"
        return SchemaNode(n)
    }()

    private func coerce(_ raw: [String], _ link: SchemaLink) -> JSONValue {
        guard let node = schemas.node(link) else { return .string(raw[0]) }
        let types = effectiveTypes(node)
        if types.contains(.array) {
            let items = node.items ?? .any
            return .array(raw.map { coerce(scalar: $0, items) })
        }
        return coerce(scalar: raw[0], link)
    }

    private func coerce(scalar s: String, _ link: SchemaLink) -> JSONValue {
        guard let node = schemas.node(link) else { return .string(s) }
        let types = effectiveTypes(node)
        if types.isEmpty || types.contains(.string) { return .string(s) }
        if !types.isDisjoint(with: [.number, .integer]), let v = try? JSONValue.parse(s), case .number = v {
            return v
        }
        if types.contains(.boolean) {
            if s == "true" { return .bool(true) }
            if s == "false" { return .bool(false) }
        }
        if types.contains(.null), s == "null" { return .null }
        return .string(s)  // left as text so the type check reports it
    }

    /// Types of a node, looking through a bare `$ref` alias (allOf with one ref).
    private func effectiveTypes(_ node: SchemaNode) -> JSONTypeSet {
        if node.types.isEmpty, node.allOf.count == 1, let target = schemas.node(node.allOf[0]) {
            return target.types
        }
        return node.types
    }
}
