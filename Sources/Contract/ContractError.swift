/// Why the OpenAPI documents could not be loaded.
public enum ContractError: Error, Sendable, Hashable, CustomStringConvertible {
    case missingDocument(String)
    case malformedJSON(api: String, JSONParseError)
    case invalidDocument(api: String, reason: String)
    case unresolvedReference(api: String, reference: String, at: String)
    case invalidPattern(api: String, pattern: String, at: String)
    case duplicateRoute(api: String, route: String)

    public var description: String {
        switch self {
        case .missingDocument(let path): "OpenAPI document not found: \(path)"
        case .malformedJSON(let api, let error): "\(api).json is not valid JSON: \(error)"
        case .invalidDocument(let api, let reason): "\(api).json: \(reason)"
        case .unresolvedReference(let api, let ref, let at): "\(api).json: cannot resolve \(ref) at \(at)"
        case .invalidPattern(let api, let pattern, let at): "\(api).json: invalid pattern \(pattern) at \(at)"
        case .duplicateRoute(let api, let route): "\(api).json: duplicate route \(route)"
        }
    }
}
