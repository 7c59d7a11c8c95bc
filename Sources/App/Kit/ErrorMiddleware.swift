import Contract
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OpenAPIRuntime

/// The one place errors become responses: `{"message": "…", "error": {"status": N}}`, with
/// `error.errors` naming each field for a 400. Request-decoding failures (which the OpenAPI
/// runtime reports as server errors) become 400s naming the field; nothing else is a 500 unless
/// it really is one, and then the body says so without internals.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let appError = Self.appError(for: error)
            if appError.status.code >= 500 && appError.status != .notImplemented {
                RequestScope.logger.error("request failed", metadata: ["error": .string(Self.safeDescription(error))])
            }
            return Self.response(for: appError)
        }
    }

    /// What the log may say of a failure: never the request (its token header or body).
    static func safeDescription(_ error: any Error) -> String {
        if let error = error as? ServerError {
            return "\(error.operationID): \(error.causeDescription): \(String(reflecting: error.underlyingError))"
        }
        return String(reflecting: error)
    }

    static func response(for error: AppError) -> Response {
        var headers = error.headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(
            status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body(for: error))))
    }

    struct Body: Encodable {
        struct Detail: Encodable {
            var status: Int
            var errors: [Field]?
        }
        struct Field: Encodable {
            var field: String
            var message: String
        }
        var message: String
        var error: Detail
    }

    static func body(for error: AppError) -> [UInt8] {
        let body = Body(
            message: error.message,
            error: .init(
                status: error.status.code,
                errors: error.fieldErrors.isEmpty
                    ? nil : error.fieldErrors.map { .init(field: $0.field, message: $0.message) }))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(
            (try? encoder.encode(body)) ?? Data(#"{"message":"Internal server error","error":{"status":500}}"#.utf8))
    }

    static func appError(for error: any Error) -> AppError {
        switch error {
        case let error as AppError:
            return error
        case let error as ServerError:
            if let inner = error.underlyingError as? AppError { return inner }
            if error.operationInput == nil, isDecodingFailure(error.underlyingError) {
                // The request could not be turned into the operation's input: a client error.
                return requestDecodingError(error.underlyingError, cause: error.causeDescription)
            }
            return appError(for: error.underlyingError)
        case let error as HTTPError:
            return AppError(error.status, error.body ?? error.status.reasonPhrase, headers: error.headers)
        case let error as any HTTPResponseError:
            return AppError(error.status, error.status.reasonPhrase)
        default:
            return AppError(.internalServerError, "Internal server error")
        }
    }

    /// Whether the runtime failed to turn the request into the operation's input (anything a
    /// middleware or the store threw is not that, and stays a server error).
    static func isDecodingFailure(_ error: any Error) -> Bool {
        error is DecodingError || String(describing: type(of: error)).contains("Decoding")
            || String(describing: type(of: error)).contains("RuntimeError")
    }

    static func requestDecodingError(_ error: any Error, cause: String) -> AppError {
        if let decoding = error as? DecodingError {
            let (path, message): ([any CodingKey], String) =
                switch decoding {
                case .typeMismatch(let type, let c): (c.codingPath, "must be of type \(typeName(type))")
                case .valueNotFound(let type, let c): (c.codingPath, "must be a \(typeName(type)), not null")
                case .keyNotFound(let key, let c): (c.codingPath + [key], "is required")
                case .dataCorrupted(let c):
                    (c.codingPath, c.debugDescription.isEmpty ? "is not valid" : c.debugDescription)
                @unknown default: ([], "is not valid")
                }
            return .invalid(field: fieldPath(path), message)
        }
        return AppError(.badRequest, "Invalid request: \(cause)")
    }

    static func fieldPath(_ path: [any CodingKey]) -> String {
        var out = ""
        for key in path {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                out += out.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return out.isEmpty ? "body" : out
    }

    static func typeName(_ type: Any.Type) -> String {
        let name = String(describing: type)
        switch name {
        case "String": return "string"
        case "Double", "Float", "Int", "Int64", "Int32": return "number"
        case "Bool": return "boolean"
        case "Date": return "date-time"
        default: return name.hasPrefix("Array") ? "array" : name
        }
    }
}

/// Echoes `x-request-id` (or a new one) on every response and tags the logs with it.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let incoming = request.headers[.requestID].flatMap { $0.isEmpty || $0.count > 200 ? nil : $0 }
        let id = incoming ?? Self.newID()
        let scope = RequestScope(requestID: id, logger: logger, principal: nil)
        var response = try await RequestScope.$current.withValue(scope) {
            try await next(request, context)
        }
        response.headers[.requestID] = id
        if logger.logLevel <= .debug {
            var logger = self.logger
            logger[metadataKey: "request_id"] = .string(id)
            logger.debug("\(request.method) \(request.uri.path) \(response.status.code)")
        }
        return response
    }

    /// A random UUID (version 4) in lower case, from `getrandom(2)`: Foundation's `UUID()`
    /// opens `/dev/urandom` on every call.
    static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<2).flatMap { _ in withUnsafeBytes(of: generator.next() as UInt64) { Array($0) } }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(36)
        for (i, byte) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension HTTPField.Name {
    static let requestID = Self("x-request-id")!
    static let token = Self("token")!
}
