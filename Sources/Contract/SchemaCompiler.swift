import Foundation

/// Turns OpenAPI schema objects into `SchemaNode`s once, at load time.
struct SchemaCompiler {
    let api: String
    let indexByName: [String: Int]
    var patterns: [String: PatternMatcher] = [:]

    init(api: String, names: [String]) {
        self.api = api
        var index: [String: Int] = [:]
        for (i, n) in names.enumerated() { index[n] = i }
        self.indexByName = index
    }

    static let refPrefix = "#/components/schemas/"

    /// Compiles every named schema of a document.
    static func compileComponents(api: String, schemas: DocumentJSON?) throws(ContractError) -> SchemaSet {
        let members = schemas?.members ?? []
        var compiler = SchemaCompiler(api: api, names: members.map(\.key))
        var set = SchemaSet(indexByName: compiler.indexByName, names: members.map(\.key))
        set.nodes.reserveCapacity(members.count)
        for (name, schema) in members {
            switch try compiler.compile(schema, at: name) {
            case .node(let n): set.nodes.append(n)
            case .any: set.nodes.append(SchemaNode(SchemaRules()))
            case .ref(let target):
                var alias = SchemaRules()
                alias.allOf = [.ref(target)]
                set.nodes.append(SchemaNode(alias))
            }
        }
        return set
    }

    func reference(_ ref: String, at location: String) throws(ContractError) -> Int {
        guard ref.hasPrefix(Self.refPrefix),
            let index = indexByName[String(ref.dropFirst(Self.refPrefix.count))]
        else { throw .unresolvedReference(api: api, reference: ref, at: location) }
        return index
    }

    mutating func compile(_ schema: DocumentJSON, at location: String) throws(ContractError) -> SchemaLink {
        if case .bool(let b) = schema {  // JSON Schema boolean schemas
            if b { return .any }
            var never = SchemaRules()
            never.types = []
            never.enumValues = []
            never.enumMessage = "is not allowed"
            return .node(SchemaNode(never))
        }
        guard schema.isObject else {
            throw .invalidDocument(api: api, reason: "schema at \(location) is not an object")
        }
        var node = SchemaRules()
        var refTarget: Int?
        for (key, value) in schema.members {
            switch key {
            case "$ref":
                guard let ref = value.string else { throw .invalidDocument(api: api, reason: "$ref at \(location)") }
                refTarget = try reference(ref, at: location)
            case "type":
                if let name = value.string {
                    guard let t = JSONTypeSet(name: name) else {
                        throw .invalidDocument(api: api, reason: "unknown type \(name) at \(location)")
                    }
                    node.types.insert(t)
                } else {
                    for name in value.strings {
                        guard let t = JSONTypeSet(name: name) else {
                            throw .invalidDocument(api: api, reason: "unknown type \(name) at \(location)")
                        }
                        node.types.insert(t)
                    }
                }
            case "nullable":
                if value.bool == true { node.types.insert(.null) }
            case "enum":
                let values = value.elements.map(\.jsonValue)
                node.enumValues = Set(values)
                node.enumMessage = "must be one of: " + values.map(Self.display).joined(separator: ", ")
            case "const":
                node.enumValues = [value.jsonValue]
                node.enumMessage = "must be " + Self.display(value.jsonValue)
            case "minLength": node.minLength = value.number.map { Int($0) }
            case "maxLength": node.maxLength = value.number.map { Int($0) }
            case "pattern":
                guard let p = value.string else { break }
                node.pattern = try pattern(p, at: location)
            case "format":
                switch value.string {
                case "date-time": node.format = .dateTime
                case "date": node.format = .date
                case "email": node.format = .email
                default: break  // binary etc.: nothing to check
                }
            case "minimum": node.minimum = value.number
            case "maximum": node.maximum = value.number
            case "exclusiveMinimum":
                if let d = value.number { node.exclusiveMinimum = d }
            case "exclusiveMaximum":
                if let d = value.number { node.exclusiveMaximum = d }
            case "multipleOf":
                if let d = value.number, d > 0 { node.multipleOf = d }
            case "items":
                node.items = try compile(value, at: location + "[]")
            case "minItems": node.minItems = value.number.map { Int($0) }
            case "maxItems": node.maxItems = value.number.map { Int($0) }
            case "uniqueItems": node.uniqueItems = value.bool ?? false
            case "allOf", "anyOf", "oneOf":
                var links: [SchemaLink] = []
                for (i, sub) in value.elements.enumerated() {
                    links.append(try compile(sub, at: "\(location).\(key)[\(i)]"))
                }
                if key == "allOf" {
                    node.allOf = links
                } else if key == "anyOf" {
                    node.anyOf = links
                } else {
                    node.oneOf = links
                }
            default:
                break  // annotations: description, default, deprecated, x-* …
            }
        }
        // OpenAPI 3.0 boolean exclusiveMinimum/Maximum turn minimum/maximum exclusive.
        if schema["exclusiveMinimum"]?.bool == true, let m = node.minimum {
            node.exclusiveMinimum = m
            node.minimum = nil
        }
        if schema["exclusiveMaximum"]?.bool == true, let m = node.maximum {
            node.exclusiveMaximum = m
            node.maximum = nil
        }
        if let props = schema["properties"] {
            let required = Set(schema["required"]?.strings ?? [])
            for (name, sub) in props.members {
                node.properties.append(
                    PropertyRule(
                        name: name, schema: try compile(sub, at: "\(location).\(name)"),
                        required: required.contains(name)))
            }
            let declared = Set(props.members.map(\.key))
            node.otherRequired = (schema["required"]?.strings ?? []).filter { !declared.contains($0) }
        } else if let required = schema["required"]?.strings {
            node.otherRequired = required
        }
        if let target = refTarget {
            // `$ref` siblings (x-rules, deprecated) are annotations; real constraints are combined.
            if !node.hasConstraints { return .ref(target) }
            node.allOf.insert(.ref(target), at: 0)
        }
        return node.hasConstraints ? .node(SchemaNode(node)) : .any
    }

    mutating func pattern(_ source: String, at location: String) throws(ContractError) -> PatternMatcher {
        if let cached = patterns[source] { return cached }
        guard let matcher = PatternMatcher(source) else {
            throw .invalidPattern(api: api, pattern: source, at: location)
        }
        patterns[source] = matcher
        return matcher
    }

    /// How an enum member is shown in messages: strings bare, numbers without `.0`.
    static func display(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): s
        case .number(let d): JSONValue.format(number: d)
        default: value.serialized()
        }
    }
}
