import Contract
import Logging

/// What the handlers of one request know about it, bound by the middlewares as task-locals:
/// the request id, a logger carrying it, and the authenticated caller.
public struct RequestScope: Sendable {
    public var requestID: String
    public var logger: Logger
    public var principal: Principal?
    /// The operation being served.
    var operation: (api: String, operationId: String)?
    /// Its path parameters and query values as sent, checked against the contract.
    var request: RawRequest?
    /// The request body as parsed and checked by `ContractGate`.
    var body: JSONValue?

    @TaskLocal public static var current: RequestScope?

    /// The authenticated caller; every token-protected operation has one.
    public static func principal() throws -> Principal {
        guard let principal = current?.principal else { throw AppError.authenticationFailed }
        return principal
    }

    /// The request's logger, tagged with its id and caller. The tags are added here, when
    /// something is logged, rather than on every request: setting logger metadata re-renders it.
    public static var logger: Logger {
        guard let current else { return Logger(label: "street-manager") }
        var logger = current.logger
        if !current.requestID.isEmpty { logger[metadataKey: "request_id"] = .string(current.requestID) }
        if let principal = current.principal { logger[metadataKey: "user"] = .string(principal.email) }
        return logger
    }
}
