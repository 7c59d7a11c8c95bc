import Contract
import Foundation
import HTTPTypes

/// Every failure a caller sees: a status and a message, rendered by `ErrorMiddleware` as the
/// documented body `{"message": "…", "error": {"status": N}}` (plus `errors` for a 400).
public struct AppError: Error, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var message: String
    public var fieldErrors: [FieldError]
    public var headers: HTTPFields

    public init(
        _ status: HTTPResponse.Status, _ message: String, fieldErrors: [FieldError] = [], headers: HTTPFields = [:]
    ) {
        self.status = status
        self.message = message
        self.fieldErrors = fieldErrors
        self.headers = headers
    }

    public var description: String { "\(status.code) \(message)" }

    /// R-SEC-02: missing, expired, forged or revoked token, or wrong credentials.
    public static let authenticationFailed = AppError(.unauthorized, "Authentication failed")
    /// R-SEC-02: a valid token without the role or organisation the operation needs.
    public static let accessRestricted = AppError(.unauthorized, "Access restricted")
    public static let notImplemented = AppError(.notImplemented, "Not implemented")
    public static let tooManyRequests = AppError(.tooManyRequests, "Too many requests")

    public static func notFound(_ what: String) -> AppError { AppError(.notFound, "\(what) not found") }
    public static func conflict(_ message: String) -> AppError { AppError(.conflict, message) }
    public static func preconditionFailed(_ message: String) -> AppError { AppError(.preconditionFailed, message) }

    /// A 400 naming every offending field and the rule it broke.
    public static func invalid(_ errors: [FieldError]) -> AppError {
        let summary = errors.map { "\($0.field) \($0.message)" }.joined(separator: "; ")
        return AppError(.badRequest, "Invalid request: \(summary)", fieldErrors: errors)
    }

    public static func invalid(field: String, _ message: String) -> AppError {
        invalid([FieldError(field: field, message: message)])
    }
}
