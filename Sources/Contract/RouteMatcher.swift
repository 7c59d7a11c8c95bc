import Foundation

/// Maps request paths to route ids. Templates are pre-split into a trie per
/// (api, method); literal segments are tried before parameter segments, so
/// `/permits/category` beats `/permits/{id}` while `/permits/123` still falls through.
struct RouteMatcher: Sendable {
    /// Path prefixes that address an API (`/v6/work/...` and `/latest/work/...`).
    static func isVersionPrefix(_ s: Substring) -> Bool { s == "v6" || s == "latest" }

    struct Node: Sendable {
        var literals: [Substring: Int] = [:]
        var parameter: Int?
        var route: Int?
    }

    struct Route: Sendable {
        let id: Int
        let parameterNames: [String]
    }

    private var nodes: [Node] = []
    private var routes: [Route] = []
    /// api -> method -> root node
    private var roots: [String: [String: Int]] = [:]

    enum TemplateError: Error {
        case duplicate(String)
    }

    /// Adds `template` (e.g. `/works/{workReferenceNumber}/permits`) under `api` and `method`.
    mutating func add(api: String, method: String, template: String, id: Int) throws(TemplateError) {
        let root: Int
        if let r = roots[api]?[method] {
            root = r
        } else {
            root = nodes.count
            nodes.append(Node())
            roots[api, default: [:]][method] = root
        }
        var node = root
        var names: [String] = []
        for segment in template.split(separator: "/", omittingEmptySubsequences: true) {
            if segment.first == "{", segment.last == "}" {
                names.append(String(segment.dropFirst().dropLast()))
                if let next = nodes[node].parameter {
                    node = next
                } else {
                    nodes.append(Node())
                    nodes[node].parameter = nodes.count - 1
                    node = nodes.count - 1
                }
            } else {
                let key = Substring(String(segment))
                if let next = nodes[node].literals[key] {
                    node = next
                } else {
                    nodes.append(Node())
                    nodes[node].literals[key] = nodes.count - 1
                    node = nodes.count - 1
                }
            }
        }
        if nodes[node].route != nil { throw .duplicate("\(method) \(template)") }
        nodes[node].route = routes.count
        routes.append(Route(id: id, parameterNames: names))
    }

    /// The API name and the segments after it, for `/v6/<api>/...` or `/latest/<api>/...`.
    /// Any query string is ignored, a single trailing slash is tolerated, and empty segments fail.
    /// Works on UTF-8 bytes (no grapheme breaking): this runs on every request.
    static func split(path: String) -> (api: Substring, segments: [Substring])? {
        let utf8 = path.utf8
        guard utf8.first == UInt8(ascii: "/") else { return nil }
        var end = utf8.endIndex
        var i = utf8.index(after: utf8.startIndex)
        var start = i
        var parts: [Substring] = []
        parts.reserveCapacity(8)
        var hasPercent = false
        while i < end {
            let b = utf8[i]
            if b == UInt8(ascii: "/") {
                parts.append(path[start..<i])
                start = utf8.index(after: i)
            } else if b == UInt8(ascii: "?") || b == UInt8(ascii: "#") {
                end = i
                break
            } else if b == UInt8(ascii: "%") {
                hasPercent = true
            }
            i = utf8.index(after: i)
        }
        parts.append(path[start..<end])
        if parts.count > 2, parts[parts.count - 1].isEmpty { parts.removeLast() }
        guard parts.count >= 2, isVersionPrefix(parts[0]), !parts[1].isEmpty else { return nil }
        let api = parts[1]
        parts.removeFirst(2)
        for segment in parts where segment.isEmpty { return nil }
        if hasPercent {
            for j in parts.indices where parts[j].utf8.contains(UInt8(ascii: "%")) {
                if let decoded = parts[j].removingPercentEncoding { parts[j] = Substring(decoded) }
            }
        }
        return (api, parts)
    }

    /// The route id and path parameters for already-split segments.
    func match(api: Substring, method: String, segments: [Substring]) -> (id: Int, parameters: [String: String])? {
        guard let root = roots[String(api)]?[method] else { return nil }
        var captures: [Substring] = []
        captures.reserveCapacity(4)
        guard let routeIndex = find(root, segments, 0, &captures) else { return nil }
        let route = routes[routeIndex]
        var parameters: [String: String] = [:]
        parameters.reserveCapacity(captures.count)
        for (name, value) in zip(route.parameterNames, captures) { parameters[name] = String(value) }
        return (route.id, parameters)
    }

    /// Methods with a route for these segments (for `405 Method Not Allowed` / `Allow`).
    func methods(api: Substring, segments: [Substring]) -> [String] {
        guard let byMethod = roots[String(api)] else { return [] }
        var captures: [Substring] = []
        return byMethod.compactMap { method, root in
            captures.removeAll(keepingCapacity: true)
            return find(root, segments, 0, &captures) == nil ? nil : method
        }.sorted()
    }

    private func find(_ node: Int, _ segments: [Substring], _ i: Int, _ captures: inout [Substring]) -> Int? {
        let n = nodes[node]
        if i == segments.count { return n.route }
        if let next = n.literals[segments[i]], let found = find(next, segments, i + 1, &captures) {
            return found
        }
        if let next = n.parameter {
            captures.append(segments[i])
            if let found = find(next, segments, i + 1, &captures) { return found }
            captures.removeLast()
        }
        return nil
    }
}
