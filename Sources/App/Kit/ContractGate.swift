import Contract
import Domain
import Foundation
import HTTPTypes
import Logging
import OpenAPIRuntime

/// Runs before every generated operation handler, knowing its `operationId`:
/// 1. unbuilt operations answer 501 at once (coverage can be counted from outside);
/// 2. the access policy: token, role, organisation of the path (R-SEC-02, R-SEC-10);
/// 3. the path and query parameters against the contract, every failing one at once (400);
/// 4. for the hot reads (`Feature.directRenderers`), the answer itself, written straight to bytes;
/// 5. the JSON body against the contract: every failing field at once (400).
struct ContractGate: ServerMiddleware {
    let api: String
    let contract: OpenAPIContract
    let identity: IdentityService
    /// Operations answered here (by `operationId`); empty to let every one reach its handler.
    var direct: [String: DirectRenderer] = [:]
    /// Whether the gate answers `direct` operations itself (off: their generated handlers do).
    var rendersDirectly = true
    /// How big an upload may be: a multipart body is read no further than that (D-FILES).
    var fileLimits: FileLimits? = nil

    static let maximumBodyBytes = 12 * 1024 * 1024

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard let rule = AccessPolicy.rule(api: api, operationId: operationID) else {
            throw AppError(.internalServerError, "No access policy for \(api).\(operationID)")
        }
        guard Coverage.isBuilt(api: api, operationId: operationID) else { throw AppError.notImplemented }

        var scope =
            RequestScope.current ?? RequestScope(requestID: "", logger: Logger(label: "street-manager"), principal: nil)
        scope.operation = (api, operationID)
        if case .token = rule {
            let principal = try await identity.principal(idToken: request.headerFields[.token])
            guard rule.permits(principal) else { throw AppError.accessRestricted }
            if rule.requiresMembership, let organisation = metadata.pathParameters["organisationReference"] {
                guard principal.mayActFor(String(organisation)) else { throw AppError.accessRestricted }
            }
            scope.principal = principal
        }

        var pathParameters: [String: String] = [:]
        for (name, value) in metadata.pathParameters {
            let text = String(value)
            pathParameters[name] = text.contains("%") ? text.removingPercentEncoding ?? text : text
        }
        let raw = RawRequest(path: request.path, pathParameters: pathParameters)
        let operation = contract.operation(api: api, operationId: operationID)
        if let operation {
            let errors = contract.validateParameters(query: raw.query, pathParameters: pathParameters, for: operation)
            if !errors.isEmpty { throw AppError.invalid(errors) }
        }
        scope.request = raw

        if rendersDirectly, let render = direct[operationID] {
            let value = try await RequestScope.$current.withValue(scope) { try await render(raw) }
            return (
                HTTPResponse(status: .ok, headerFields: [.contentType: "application/json; charset=utf-8"]),
                HTTPBody(value.bytes)
            )
        }

        var body = body
        if let fileLimits, operation?.isMultipart == true { body = try LimitedBody.limiting(body, to: fileLimits) }
        if let operation, let schema = operation.requestSchema {
            let bytes: [UInt8]
            do {
                bytes = try await [UInt8](collecting: body ?? HTTPBody(), upTo: Self.maximumBodyBytes)
            } catch {
                throw AppError(.contentTooLarge, "Request body is larger than \(Self.maximumBodyBytes) bytes")
            }
            if bytes.isEmpty {
                guard !operation.requestBodyRequired else { throw AppError.invalid(field: "body", "is required") }
                // The body has been read: an empty one reaches the handler as no body at all.
                body = nil
            } else {
                let value: JSONValue
                do {
                    value = try JSONValue.parse(bytes)
                } catch {
                    throw AppError.invalid(field: "body", "is not valid JSON (\(error))")
                }
                let errors = contract.validate(body: value, against: schema, in: api)
                if !errors.isEmpty { throw AppError.invalid(errors) }
                body = HTTPBody(bytes)
                scope.body = value
            }
        }
        var (response, responseBody) = try await RequestScope.$current.withValue(scope) {
            try await next(request, body, metadata)
        }
        // The runtime percent-encodes the header values it writes: `attachment; filename="…"`
        // must reach the client as it is.
        if let disposition = response.headerFields[.contentDisposition] {
            response.headerFields[.contentDisposition] = disposition.removingPercentEncoding ?? disposition
        }
        return (response, responseBody)
    }
}
