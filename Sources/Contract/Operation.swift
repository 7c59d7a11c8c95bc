import Foundation

/// One of the nine v6 OpenAPI documents.
public struct APIDocument: Sendable {
    /// "work", "reporting", …
    public let name: String
    /// "/v6/work" (from `servers[0].url`).
    public let basePath: String
    public let title: String
    public let version: String
    /// The document's exact bytes, to serve as `/v6/<api>/openapi.json`.
    public let rawData: Data
    /// Operations in document order.
    public let operations: [OpenAPIContract.Operation]
}

/// Shorthand for `OpenAPIContract.Operation` (a top-level `Operation` would clash with Foundation's).
public typealias APIOperation = OpenAPIContract.Operation

extension OpenAPIContract {
    /// One HTTP operation of an API, with the metadata the server enforces.
    public struct Operation: Sendable, Hashable, CustomStringConvertible {
        /// "work", "reporting", …
        public let api: String
        public let operationId: String
        /// Uppercase HTTP method: GET, POST, PUT, DELETE.
        public let method: String
        /// Path template relative to the API base, e.g. `/works/{workReferenceNumber}/permits`.
        public let path: String
        /// False only when the operation declares `security: []`.
        public let requiresToken: Bool
        /// `x-roles`, empty when absent (every authenticated role).
        public let roles: [String]
        /// Component schema name of an `application/json` request body.
        public let requestSchema: String?
        /// `requestBody.required`.
        public let requestBodyRequired: Bool
        /// The body is `multipart/form-data` (file uploads).
        public let isMultipart: Bool
        /// Component schema name of a multipart body.
        public let multipartSchema: String?
        /// `x-business-rules` (section numbers of the business rules document).
        public let businessRules: [String]
        public let parameters: [Parameter]
        public let summary: String?
        /// Position in `OpenAPIContract.operations`; used internally for routing.
        let index: Int

        public var description: String { "\(method) \(path) (\(api).\(operationId))" }

        public struct Parameter: Sendable, Hashable {
            public enum Location: String, Sendable, Hashable {
                case path, query, header, cookie
            }

            public let name: String
            public let location: Location
            public let required: Bool
            /// The schema is an array (repeated query keys: `?status=a&status=b`).
            public let isArray: Bool
        }
    }
}
