/// Order-preserving JSON tree used only while reading the OpenAPI documents,
/// so that operations and schema properties keep the documents' order.
indirect enum DocumentJSON: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([DocumentJSON])
    case object([(key: String, value: DocumentJSON)])

    subscript(key: String) -> DocumentJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first(where: { $0.key == key })?.value
    }

    var members: [(key: String, value: DocumentJSON)] {
        if case .object(let m) = self { return m }
        return []
    }

    var elements: [DocumentJSON] {
        if case .array(let a) = self { return a }
        return []
    }

    var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    var number: Double? {
        if case .number(let d) = self { return d }
        return nil
    }

    var bool: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    var strings: [String] { elements.compactMap(\.string) }

    /// The plain `JSONValue` equivalent (used for `enum` members).
    var jsonValue: JSONValue {
        switch self {
        case .null: .null
        case .bool(let b): .bool(b)
        case .number(let d): .number(d)
        case .string(let s): .string(s)
        case .array(let a): .array(a.map(\.jsonValue))
        case .object(let m):
            .object(Dictionary(m.map { ($0.key, $0.value.jsonValue) }, uniquingKeysWith: { _, b in b }))
        }
    }

    static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> DocumentJSON {
        try bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONParseError) in try JSONParser<DocumentJSONBuilder>.parse(buffer) }
        }.get()
    }
}

enum DocumentJSONBuilder: JSONTreeBuilder {
    static var null: DocumentJSON { .null }
    static func bool(_ b: Bool) -> DocumentJSON { .bool(b) }
    static func number(_ d: Double) -> DocumentJSON { .number(d) }
    static func string(_ s: String) -> DocumentJSON { .string(s) }
    static func array(_ a: [DocumentJSON]) -> DocumentJSON { .array(a) }
    static func newObject() -> [(key: String, value: DocumentJSON)] { [] }
    static func insert(_ key: String, _ value: DocumentJSON, into object: inout [(key: String, value: DocumentJSON)]) {
        object.append((key, value))
    }
    static func object(_ storage: [(key: String, value: DocumentJSON)]) -> DocumentJSON { .object(storage) }
}
