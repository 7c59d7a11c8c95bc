import Foundation

/// JSON types a schema accepts. An empty set means "any type".
struct JSONTypeSet: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    static let null = JSONTypeSet(rawValue: 1 << 0)
    static let boolean = JSONTypeSet(rawValue: 1 << 1)
    static let number = JSONTypeSet(rawValue: 1 << 2)
    static let integer = JSONTypeSet(rawValue: 1 << 3)
    static let string = JSONTypeSet(rawValue: 1 << 4)
    static let array = JSONTypeSet(rawValue: 1 << 5)
    static let object = JSONTypeSet(rawValue: 1 << 6)

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init?(name: String) {
        switch name {
        case "null": self = .null
        case "boolean": self = .boolean
        case "number": self = .number
        case "integer": self = .integer
        case "string": self = .string
        case "array": self = .array
        case "object": self = .object
        default: return nil
        }
    }

    func accepts(_ value: JSONValue) -> Bool {
        switch value {
        case .null: contains(.null)
        case .bool: contains(.boolean)
        case .number: contains(.number) || (contains(.integer) && value.isWholeNumber)
        case .string: contains(.string)
        case .array: contains(.array)
        case .object: contains(.object)
        }
    }

    /// "must be a string", "must be a whole number", "must be a string or null" …
    var mismatchMessage: String {
        var words: [String] = []
        if contains(.string) { words.append("a string") }
        if contains(.number) {
            words.append("a number")
        } else if contains(.integer) {
            words.append("a whole number")
        }
        if contains(.boolean) { words.append("a boolean") }
        if contains(.array) { words.append("an array") }
        if contains(.object) { words.append("an object") }
        if contains(.null) { words.append("null") }
        return "must be " + words.joined(separator: " or ")
    }
}

/// String formats checked by the validator; unknown formats are ignored.
enum StringFormat: Sendable {
    case dateTime, date, email
}

/// A schema: either a named component (by index), an inline node, or "anything" (`{}`).
enum SchemaLink: Sendable {
    case any
    case ref(Int)
    case node(SchemaNode)
}

struct PropertyRule: Sendable {
    let name: String
    let schema: SchemaLink
    let required: Bool
}

/// The keywords of one schema object while it is being compiled.
struct SchemaRules: Sendable {
    var types: JSONTypeSet = []
    var enumValues: Set<JSONValue>?
    var enumMessage = ""
    var minLength: Int?
    var maxLength: Int?
    var pattern: PatternMatcher?
    var format: StringFormat?
    var minimum: Double?
    var maximum: Double?
    var exclusiveMinimum: Double?
    var exclusiveMaximum: Double?
    var multipleOf: Double?
    var items: SchemaLink?
    var minItems: Int?
    var maxItems: Int?
    var uniqueItems = false
    var properties: [PropertyRule] = []
    /// `required` names that have no entry in `properties`.
    var otherRequired: [String] = []
    var allOf: [SchemaLink] = []
    var anyOf: [SchemaLink] = []
    var oneOf: [SchemaLink] = []

    var hasConstraints: Bool {
        !types.isEmpty || enumValues != nil || minLength != nil || maxLength != nil || pattern != nil
            || format != nil || minimum != nil || maximum != nil || exclusiveMinimum != nil
            || exclusiveMaximum != nil || multipleOf != nil || items != nil || minItems != nil
            || maxItems != nil || uniqueItems || !properties.isEmpty || !otherRequired.isEmpty
            || !allOf.isEmpty || !anyOf.isEmpty || !oneOf.isEmpty
    }
}

/// One compiled schema object (only the keywords that validate). A class with
/// immutable fields, so validation reads it in place instead of copying it.
final class SchemaNode: Sendable {
    let types: JSONTypeSet
    let enumValues: Set<JSONValue>?
    let enumMessage: String
    let minLength: Int?
    let maxLength: Int?
    let pattern: PatternMatcher?
    let format: StringFormat?
    let minimum: Double?
    let maximum: Double?
    let exclusiveMinimum: Double?
    let exclusiveMaximum: Double?
    let multipleOf: Double?
    let items: SchemaLink?
    let minItems: Int?
    let maxItems: Int?
    let uniqueItems: Bool
    let properties: [PropertyRule]
    let otherRequired: [String]
    let allOf: [SchemaLink]
    let anyOf: [SchemaLink]
    let oneOf: [SchemaLink]
    /// Position of each property in `properties`, and how many are required.
    let propertyIndex: [String: Int]
    let requiredCount: Int

    init(_ rules: SchemaRules) {
        types = rules.types
        enumValues = rules.enumValues
        enumMessage = rules.enumMessage
        minLength = rules.minLength
        maxLength = rules.maxLength
        pattern = rules.pattern
        format = rules.format
        minimum = rules.minimum
        maximum = rules.maximum
        exclusiveMinimum = rules.exclusiveMinimum
        exclusiveMaximum = rules.exclusiveMaximum
        multipleOf = rules.multipleOf
        items = rules.items
        minItems = rules.minItems
        maxItems = rules.maxItems
        uniqueItems = rules.uniqueItems
        properties = rules.properties
        otherRequired = rules.otherRequired
        allOf = rules.allOf
        anyOf = rules.anyOf
        oneOf = rules.oneOf
        var index: [String: Int] = [:]
        for (i, p) in rules.properties.enumerated() { index[p.name] = i }
        propertyIndex = index
        requiredCount = rules.properties.count { $0.required }
    }
}

/// The compiled `components.schemas` of one document.
struct SchemaSet: Sendable {
    var indexByName: [String: Int] = [:]
    var names: [String] = []
    var nodes: [SchemaNode] = []

    func node(_ link: SchemaLink) -> SchemaNode? {
        switch link {
        case .any: nil
        case .ref(let i): nodes[i]
        case .node(let n): n
        }
    }
}
