import Contract
import Foundation

/// What a directly rendered operation sees of its request: path parameters and query values as
/// sent (already checked against the contract by `ContractGate`).
struct DirectRequest: Sendable {
    var pathParameters: [String: String]
    var query: [String: [String]]

    init(pathParameters: [String: String], query: [String: [String]]) {
        self.pathParameters = pathParameters
        self.query = query
    }

    /// Splits `/path?a=1&b=2&b=3` into repeated query values (percent-decoded, `+` as space).
    init(path: String?, pathParameters: [String: String]) {
        var query: [String: [String]] = [:]
        if let path, let mark = path.firstIndex(of: "?") {
            for pair in path[path.index(after: mark)...].split(separator: "&", omittingEmptySubsequences: true) {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                func decode(_ s: Substring) -> String {
                    guard s.contains(where: { $0 == "+" || $0 == "%" }) else { return String(s) }
                    let plus = s.replacingOccurrences(of: "+", with: " ")
                    return plus.removingPercentEncoding ?? plus
                }
                query[decode(parts[0]), default: []].append(parts.count > 1 ? decode(parts[1]) : "")
            }
        }
        self.init(pathParameters: pathParameters, query: query)
    }

    func path(_ name: String) -> String { pathParameters[name] ?? "" }

    func string(_ name: String) -> String? { query[name]?.first }

    func strings(_ name: String) -> [String]? { query[name] }

    func bool(_ name: String) -> Bool? { string(name).map { $0 == "true" } }

    func number(_ name: String) -> Double? { string(name).flatMap(Double.init) }

    func date(_ name: String) throws -> Date? {
        guard let text = string(name) else { return nil }
        guard let date = ISO8601.parse(text) else { throw AppError.invalid(field: name, "must be a date-time") }
        return date
    }
}

/// Renders one operation's 200 body as JSON.
typealias DirectRenderer = @Sendable (DirectRequest) async throws -> JSONValue

/// The hot reads (`GET /works/{wrn}`, the permit, the reporting permit list, works updates) are
/// answered by `ContractGate` straight from JSON written to bytes. Going through the generated
/// `Codable` types and `JSONEncoder` cost about three times the rest of the request together
/// (measured with `perf` on the benchmark of issue 3). The generated handlers of these
/// operations decode the very same JSON into the generated types, and a test compares the two
/// answers, so the bytes are held to the contract's types.
enum DirectOperations {
    /// Renderers by API and `operationId`.
    static func table(_ services: AppServices) -> [String: [String: DirectRenderer]] {
        let database = services.database
        return [
            "work": [
                "getWork": { request in
                    try await WorkResponses(database: database).work(request.path("workReferenceNumber"))
                },
                "getPermit": { request in
                    try await WorkResponses(database: database).permit(
                        wrn: request.path("workReferenceNumber"), prn: request.path("permitReferenceNumber"))
                },
            ],
            "reporting": [
                "getPermits": { request in
                    try await PermitReport(database: database).render(request, principal: try RequestScope.principal())
                }
            ],
            "event": [
                "getWorksUpdates": { request in
                    try await WorksUpdates(database: database).render(request, principal: try RequestScope.principal())
                }
            ],
        ]
    }

    /// The request of the operation being served, for its generated handler.
    static func currentRequest() throws -> DirectRequest {
        guard let request = RequestScope.current?.direct else {
            throw AppError(.internalServerError, "No request recorded for a directly rendered operation")
        }
        return request
    }
}
