import Foundation

/// Reads OpenAPI documents into operations, compiled schemas and routes.
struct ContractLoader {
    static let httpMethods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    var apis: [APIDocument] = []
    var operations: [OpenAPIContract.Operation] = []
    var parameterRules: [[ParameterRule]] = []
    var schemaSets: [String: SchemaSet] = [:]
    var router = RouteMatcher()

    mutating func add(api: String, data: Data) throws(ContractError) {
        let root: DocumentJSON
        do {
            root = try DocumentJSON.parse([UInt8](data))
        } catch {
            throw .malformedJSON(api: api, error)
        }
        guard root.isObject, let paths = root["paths"] else {
            throw .invalidDocument(api: api, reason: "no paths object")
        }
        if schemaSets[api] != nil { throw .invalidDocument(api: api, reason: "loaded twice") }

        let schemas = try SchemaCompiler.compileComponents(api: api, schemas: root["components"]?["schemas"])
        schemaSets[api] = schemas
        var compiler = SchemaCompiler(api: api, names: schemas.names)

        let basePath = root["servers"]?.elements.first?["url"]?.string ?? "/v6/\(api)"
        let documentSecurity = root["security"]
        var apiOperations: [OpenAPIContract.Operation] = []

        for (template, item) in paths.members {
            let sharedParameters = item["parameters"]?.elements ?? []
            for (key, op) in item.members where Self.httpMethods.contains(key) {
                let method = key.uppercased()
                guard let operationId = op["operationId"]?.string else {
                    throw .invalidDocument(api: api, reason: "\(method) \(template) has no operationId")
                }
                let location = operationId
                let (parameters, rules) = try Self.parameters(
                    shared: sharedParameters, own: op["parameters"]?.elements ?? [],
                    compiler: &compiler, schemas: schemas, at: location, api: api)
                let body = try Self.requestBody(op["requestBody"], compiler: compiler, at: location, api: api)

                let operation = OpenAPIContract.Operation(
                    api: api,
                    operationId: operationId,
                    method: method,
                    path: template,
                    requiresToken: Self.requiresToken(op["security"] ?? documentSecurity),
                    roles: Self.roles(op["x-roles"]?.strings ?? []),
                    requestSchema: body.json,
                    requestBodyRequired: body.required,
                    isMultipart: body.multipart != nil,
                    multipartSchema: body.multipart,
                    businessRules: op["x-business-rules"]?.strings ?? [],
                    parameters: parameters,
                    summary: op["summary"]?.string,
                    index: operations.count)
                do {
                    try router.add(api: api, method: method, template: template, id: operation.index)
                } catch {
                    throw .duplicateRoute(api: api, route: "\(method) \(template)")
                }
                operations.append(operation)
                parameterRules.append(rules)
                apiOperations.append(operation)
            }
        }
        apis.append(
            APIDocument(
                name: api, basePath: basePath,
                title: root["info"]?["title"]?.string ?? api,
                version: root["info"]?["version"]?.string ?? "",
                rawData: data, operations: apiOperations))
    }

    /// `security: []` (or a requirement list containing `{}`) means open; absent means the
    /// document default, and no default means a token is needed.
    static func requiresToken(_ security: DocumentJSON?) -> Bool {
        guard let security, case .array(let requirements) = security else { return true }
        if requirements.isEmpty { return false }
        return !requirements.contains { $0.isObject && $0.members.isEmpty }
    }

    /// `x-roles` entries are role names, but in a few operations a description got split into
    /// the list ("Contractor The Permit and Section 81 must both exist already", "not have …").
    /// Keep the leading capitalised word of such entries and drop the sentence fragments.
    static func roles(_ raw: [String]) -> [String] {
        var roles: [String] = []
        for entry in raw {
            let trimmed = entry.trimmingCharacters(in: .whitespaces)
            guard let word = trimmed.split(separator: " ").first, let first = word.first,
                first.isUppercase, word.allSatisfy({ $0.isLetter || $0.isNumber })
            else { continue }
            let role = String(word)
            if !roles.contains(role) { roles.append(role) }
        }
        return roles
    }

    struct Body {
        var json: String?
        var multipart: String?
        var required = false
    }

    static func requestBody(
        _ body: DocumentJSON?, compiler: SchemaCompiler, at location: String,
        api: String
    ) throws(ContractError) -> Body {
        guard let body else { return Body() }
        var result = Body(required: body["required"]?.bool ?? false)
        for (mediaType, content) in body["content"]?.members ?? [] {
            guard let schema = content["schema"] else { continue }
            guard let ref = schema["$ref"]?.string else {
                throw .invalidDocument(api: api, reason: "\(location): inline request schemas are not supported")
            }
            let name = String(ref.dropFirst(SchemaCompiler.refPrefix.count))
            _ = try compiler.reference(ref, at: location)
            if mediaType == "application/json" || mediaType.hasSuffix("+json") {
                result.json = name
            } else if mediaType == "multipart/form-data" {
                result.multipart = name
            }
        }
        return result
    }

    static func parameters(
        shared: [DocumentJSON], own: [DocumentJSON], compiler: inout SchemaCompiler,
        schemas: SchemaSet, at location: String, api: String
    )
        throws(ContractError) -> ([OpenAPIContract.Operation.Parameter], [ParameterRule])
    {
        // Operation-level parameters override path-level ones with the same name and location.
        var merged: [DocumentJSON] = []
        let ownKeys = Set(own.map { "\($0["in"]?.string ?? "")/\($0["name"]?.string ?? "")" })
        for p in shared where !ownKeys.contains("\(p["in"]?.string ?? "")/\(p["name"]?.string ?? "")") {
            merged.append(p)
        }
        merged.append(contentsOf: own)

        var parameters: [OpenAPIContract.Operation.Parameter] = []
        var rules: [ParameterRule] = []
        for p in merged {
            guard let name = p["name"]?.string, let where_ = p["in"]?.string,
                let place = OpenAPIContract.Operation.Parameter.Location(rawValue: where_)
            else {
                throw .invalidDocument(api: api, reason: "\(location): parameter without name/in (or a $ref)")
            }
            let schemaDoc = p["schema"] ?? .object([])
            let schema = try compiler.compile(schemaDoc, at: "\(location)(\(name))")
            let required = place == .path ? true : (p["required"]?.bool ?? false)
            let isArray = schemas.node(schema)?.types.contains(.array) ?? false
            parameters.append(.init(name: name, location: place, required: required, isArray: isArray))
            rules.append(ParameterRule(name: name, location: place, required: required, schema: schema))
        }
        return (parameters, rules)
    }
}
