import Foundation

/// Walks a value against a compiled schema and collects every failure, up to
/// `maximumErrors`: a body with a hundred thousand bad items gets an answer of fifty, not one of
/// megabytes.
struct SchemaValidator {
    static let maximumErrors = 50

    enum PathComponent {
        case key(String)
        case index(Int)
    }

    let schemas: SchemaSet
    var errors: [FieldError] = []
    private var path: [PathComponent] = []

    init(schemas: SchemaSet, root: [PathComponent] = []) {
        self.schemas = schemas
        self.path = root
    }

    // MARK: Entry points

    mutating func check(_ value: JSONValue, _ link: SchemaLink) {
        switch link {
        case .any: return
        case .ref(let i): check(value, schemas.nodes[i])
        case .node(let n): check(value, n)
        }
    }

    /// The error list is full: nothing more is checked.
    var isFull: Bool { errors.count >= Self.maximumErrors }

    mutating func check(_ value: JSONValue, _ node: SchemaNode) {
        if isFull { return }
        if !node.types.isEmpty, !node.types.accepts(value) {
            report(node.types.mismatchMessage)
            return
        }
        if let allowed = node.enumValues, !allowed.contains(value) {
            report(node.enumMessage)
            return
        }
        switch value {
        case .string(let s): checkString(s, node)
        case .number(let d): checkNumber(d, isWhole: value.isWholeNumber, node)
        case .array(let a): checkArray(a, node)
        case .object(let o): checkObject(o, node)
        case .null, .bool: break
        }
        for sub in node.allOf { check(value, sub) }
        if !node.anyOf.isEmpty { checkAlternatives(value, node.anyOf, exactlyOne: false) }
        if !node.oneOf.isEmpty { checkAlternatives(value, node.oneOf, exactlyOne: true) }
    }

    // MARK: Keywords

    private mutating func checkString(_ s: String, _ node: SchemaNode) {
        // Neither database keeps a NUL inside text (PostgreSQL refuses it, SQLite's text
        // functions stop at it), and no field of the contract needs one.
        if s.utf8.contains(0) { report("must not contain the NUL character") }
        if let max = node.maxLength, s.utf8.count > max, s.unicodeScalars.count > max {
            report(max == 1 ? "must be at most 1 character" : "must be at most \(max) characters")
        }
        if let min = node.minLength, s.unicodeScalars.count < min {
            report(min == 1 ? "must not be empty" : "must be at least \(min) characters")
        }
        if let pattern = node.pattern, !pattern.matches(s) {
            report("must match pattern \(pattern.source)")
        }
        switch node.format {
        case .dateTime?:
            if !DateTimeFormat.isValidDateTime(s) { report("must be a valid date-time (ISO 8601)") }
        case .date?:
            if !DateTimeFormat.isValidDate(s) { report("must be a valid date (YYYY-MM-DD)") }
        case .email?:
            if !EmailFormat.isValid(s) { report("must be a valid email address") }
        case nil:
            break
        }
    }

    private mutating func checkNumber(_ d: Double, isWhole: Bool, _ node: SchemaNode) {
        if let m = node.multipleOf {
            if m == 1 {
                if !isWhole { report("must be a whole number") }
            } else {
                let q = d / m
                if abs(q - q.rounded()) > 1e-9 * max(1, abs(q)) { report("must be a multiple of \(Self.show(m))") }
            }
        }
        let tooLow = node.minimum.map { d < $0 } ?? false
        let tooHigh = node.maximum.map { d > $0 } ?? false
        if tooLow || tooHigh {
            switch (node.minimum, node.maximum) {
            case let (min?, max?): report("must be between \(Self.show(min)) and \(Self.show(max))")
            case let (min?, nil): report("must be at least \(Self.show(min))")
            case let (nil, max?): report("must be at most \(Self.show(max))")
            case (nil, nil): break
            }
        }
        if let x = node.exclusiveMinimum, d <= x { report("must be greater than \(Self.show(x))") }
        if let x = node.exclusiveMaximum, d >= x { report("must be less than \(Self.show(x))") }
    }

    private mutating func checkArray(_ a: [JSONValue], _ node: SchemaNode) {
        if let min = node.minItems, a.count < min {
            report(min == 1 ? "must contain at least 1 item" : "must contain at least \(min) items")
        }
        if let max = node.maxItems, a.count > max {
            report(max == 1 ? "must contain at most 1 item" : "must contain at most \(max) items")
        }
        if node.uniqueItems, a.count > 1, Set(a).count != a.count {
            report("must not contain duplicate items")
        }
        if let items = node.items {
            if case .any = items { return }
            for (i, element) in a.enumerated() {
                if isFull { return }
                path.append(.index(i))
                check(element, items)
                path.removeLast()
            }
        }
    }

    private mutating func checkObject(_ o: [String: JSONValue], _ node: SchemaNode) {
        // Bodies usually carry fewer keys than the schema declares, so walk the body's keys
        // (then restore schema order) unless a required property turns out to be missing.
        if o.count < node.properties.count {
            var present: [(index: Int, value: JSONValue)] = []
            present.reserveCapacity(o.count)
            var requiredPresent = 0
            for (key, value) in o {
                guard let i = node.propertyIndex[key] else { continue }  // unknown keys are ignored
                if node.properties[i].required, value != .null { requiredPresent += 1 }
                present.append((i, value))
            }
            if requiredPresent == node.requiredCount {
                present.sort { $0.index < $1.index }
                for (i, value) in present { checkProperty(node.properties[i], value) }
                checkOtherRequired(o, node)
                return
            }
        }
        for rule in node.properties { checkProperty(rule, o[rule.name]) }
        checkOtherRequired(o, node)
    }

    private mutating func checkProperty(_ rule: PropertyRule, _ value: JSONValue?) {
        switch value {
        case nil:
            if rule.required { report("is required", child: rule.name) }
        case .null?:
            // null counts as absent, unless the property explicitly allows null
            if allowsNull(rule.schema) {
                path.append(.key(rule.name))
                check(.null, rule.schema)
                path.removeLast()
            } else if rule.required {
                report("is required", child: rule.name)
            }
        case let value?:
            path.append(.key(rule.name))
            check(value, rule.schema)
            path.removeLast()
        }
    }

    private mutating func checkOtherRequired(_ o: [String: JSONValue], _ node: SchemaNode) {
        for name in node.otherRequired where o[name] == nil || o[name] == .null {
            report("is required", child: name)
        }
    }

    private func allowsNull(_ link: SchemaLink) -> Bool {
        schemas.node(link)?.types.contains(.null) ?? false
    }

    private mutating func checkAlternatives(_ value: JSONValue, _ links: [SchemaLink], exactlyOne: Bool) {
        // When no branch passes, report the closest one: a branch whose type fits the
        // value beats one that fails on type; then the fewest errors wins.
        var best: [FieldError]?
        var bestScore = Int.max
        var passing = 0
        for link in links {
            var sub = SchemaValidator(schemas: schemas, root: path)
            sub.check(value, link)
            if sub.errors.isEmpty {
                passing += 1
                continue
            }
            let types = schemas.node(link)?.types ?? []
            let score = sub.errors.count + (types.isEmpty || types.accepts(value) ? 0 : 1000)
            if score < bestScore {
                best = sub.errors
                bestScore = score
            }
        }
        if passing == 0 {
            errors.append(contentsOf: best ?? [])
        } else if exactlyOne, passing > 1 {
            report("must match exactly one of the allowed shapes")
        }
    }

    // MARK: Reporting

    private mutating func report(_ message: String, child: String? = nil) {
        if isFull { return }
        if let child { path.append(.key(child)) }
        errors.append(FieldError(field: Self.render(path), message: message))
        if child != nil { path.removeLast() }
    }

    static func render(_ path: [PathComponent]) -> String {
        guard !path.isEmpty else { return "body" }
        var out = ""
        for component in path {
            switch component {
            case .key(let k):
                if !out.isEmpty { out += "." }
                out += k
            case .index(let i):
                if out.isEmpty { out = "body" }
                out += "[\(i)]"
            }
        }
        return out
    }

    static func show(_ d: Double) -> String { JSONValue.format(number: d) }
}
