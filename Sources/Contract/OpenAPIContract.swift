import Foundation

/// The nine Street Manager v6 OpenAPI documents, compiled once for routing and validation.
/// Immutable after loading; share one instance across the server.
public final class OpenAPIContract: Sendable {
    /// The APIs in the order they are loaded by `loadBundled()`.
    public static let apiNames = [
        "work", "reporting", "lookup", "geojson", "party", "export", "event", "sampling", "worklist",
    ]

    public let apis: [APIDocument]
    /// Every operation of every API; `Operation.index` points into this array.
    public let operations: [Operation]

    private let apiIndex: [String: Int]
    private let operationIndex: [String: [String: Int]]  // api -> operationId -> index
    private let schemaSets: [String: SchemaSet]
    private let parameterRules: [[ParameterRule]]  // aligned with `operations`
    private let router: RouteMatcher

    // MARK: Loading

    /// Loads the documents shipped as the module's `openapi` resource folder.
    ///
    /// SwiftPM's `.copy("openapi")` copies the folder's *symlinks* verbatim, so when
    /// `Sources/Contract/openapi/*.json` are relative links into `api/` the copies in the
    /// resource bundle dangle. In that case the documents are read from the source tree
    /// (`Sources/Contract/openapi`, found via `#filePath`), where the links resolve.
    public static func loadBundled() throws -> OpenAPIContract {
        var tried: [String] = []
        for directory in bundledDirectoryCandidates() {
            tried.append(directory.path)
            let complete = apiNames.allSatisfy {
                FileManager.default.isReadableFile(atPath: directory.appendingPathComponent("\($0).json").path)
            }
            if complete { return try load(directory: directory) }
        }
        throw ContractError.missingDocument("openapi/*.json (looked in \(tried.joined(separator: ", ")))")
    }

    /// The documents are copied into the resource bundle built beside the executable.
    static func bundledDirectoryCandidates() -> [URL] {
        Bundle.module.url(forResource: "openapi", withExtension: nil).map { [$0] } ?? []
    }

    /// Loads `<name>.json` for each name from a directory.
    public static func load(directory: URL, apiNames: [String] = OpenAPIContract.apiNames) throws -> OpenAPIContract {
        var documents: [(name: String, data: Data)] = []
        for name in apiNames {
            let url = directory.appendingPathComponent("\(name).json")
            guard let data = try? Data(contentsOf: url) else { throw ContractError.missingDocument(url.path) }
            documents.append((name, data))
        }
        return try OpenAPIContract(documents: documents)
    }

    /// Compiles the given documents (name is the API name, e.g. "work").
    public init(documents: [(name: String, data: Data)]) throws {
        var loader = ContractLoader()
        for (name, data) in documents {
            try loader.add(api: name, data: data)
        }
        apis = loader.apis
        operations = loader.operations
        parameterRules = loader.parameterRules
        schemaSets = loader.schemaSets
        router = loader.router
        var apiIndex: [String: Int] = [:]
        for (i, api) in apis.enumerated() { apiIndex[api.name] = i }
        self.apiIndex = apiIndex
        var operationIndex: [String: [String: Int]] = [:]
        for op in operations { operationIndex[op.api, default: [:]][op.operationId] = op.index }
        self.operationIndex = operationIndex
    }

    // MARK: Lookup

    public func api(named name: String) -> APIDocument? {
        apiIndex[name].map { apis[$0] }
    }

    public func operation(api: String, operationId: String) -> Operation? {
        operationIndex[api]?[operationId].map { operations[$0] }
    }

    /// Matches a full request path (`/v6/work/works/ABC/permits` or `/latest/work/…`;
    /// any query string is ignored) to its operation and the percent-decoded path parameters.
    public func match(method: String, path: String) -> (Operation, [String: String])? {
        guard let (api, segments) = RouteMatcher.split(path: path),
            let (id, parameters) = router.match(api: api, method: Self.normalise(method), segments: segments)
        else { return nil }
        return (operations[id], parameters)
    }

    /// Methods that exist for a path (empty when the path matches no operation at all),
    /// to tell `404 Not Found` from `405 Method Not Allowed`.
    public func allowedMethods(path: String) -> [String] {
        guard let (api, segments) = RouteMatcher.split(path: path) else { return [] }
        return router.methods(api: api, segments: segments)
    }

    /// Component schema names of an API, in document order.
    public func schemaNames(in api: String) -> [String] {
        schemaSets[api]?.names ?? []
    }

    public func hasSchema(_ name: String, in api: String) -> Bool {
        schemaSets[api]?.indexByName[name] != nil
    }

    // MARK: Validation

    /// Every way `body` breaks the named component schema (empty when valid).
    public func validate(body: JSONValue, against schemaName: String, in api: String) -> [FieldError] {
        guard let set = schemaSets[api], let index = set.indexByName[schemaName] else {
            return [FieldError(field: "body", message: "cannot be checked: no schema \(schemaName) in the \(api) API")]
        }
        var validator = SchemaValidator(schemas: set)
        validator.check(body, .ref(index))
        return validator.errors
    }

    /// Validates a JSON body against the operation's request schema (no errors when it has none).
    public func validate(body: JSONValue, for operation: Operation) -> [FieldError] {
        guard let schema = operation.requestSchema else { return [] }
        return validate(body: body, against: schema, in: operation.api)
    }

    /// Validates query and path parameters (raw strings, coerced to the declared types).
    /// Query values are lists so that repeated keys (`?status=a&status=b`) fill array parameters.
    public func validateParameters(
        query: [String: [String]], pathParameters: [String: String] = [:],
        for operation: Operation
    ) -> [FieldError] {
        guard let set = schemaSets[operation.api], parameterRules.indices.contains(operation.index) else { return [] }
        var validator = SchemaValidator(schemas: set)
        validator.checkParameters(parameterRules[operation.index], query: query, pathParameters: pathParameters)
        return validator.errors
    }

    private static func normalise(_ method: String) -> String {
        method.utf8.contains(where: { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") })
            ? method.uppercased() : method
    }
}
