import Logging

/// What the handlers of one request know about it, bound by the middlewares as task-locals:
/// the request id, a logger carrying it, and the authenticated caller.
public struct RequestScope: Sendable {
    public var requestID: String
    public var logger: Logger
    public var principal: Principal?

    @TaskLocal public static var current: RequestScope?

    /// The authenticated caller; every token-protected operation has one.
    public static func principal() throws -> Principal {
        guard let principal = current?.principal else { throw AppError.authenticationFailed }
        return principal
    }

    public static var logger: Logger { current?.logger ?? Logger(label: "street-manager") }
}
