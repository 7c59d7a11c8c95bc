import Contract
import Domain
import Foundation

/// A request's path parameters and query values as sent, recorded by `ContractGate` after
/// checking them against the contract. Lists read their filters from it, and the hot reads
/// (`DirectRenderer`) everything.
struct RawRequest: Sendable {
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

    /// The request being served (every operation with a token has one).
    static func current() throws -> RawRequest {
        guard let request = RequestScope.current?.request else {
            throw AppError(.internalServerError, "No request recorded for this operation")
        }
        return request
    }

    func path(_ name: String) -> String { pathParameters[name] ?? "" }

    func string(_ name: String) -> String? { query[name]?.first }

    func strings(_ name: String) -> [String]? { query[name] }

    func bool(_ name: String) -> Bool? { string(name).map { $0 == "true" } }

    /// A whole number in `range`, or a 400 naming the parameter: no conversion of what a
    /// client sent can trap.
    func wholeNumber(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = string(name) else { return nil }
        return try WholeNumber.checked(Double(text), field: name, in: range)
    }

    func date(_ name: String) throws -> Date? {
        guard let text = string(name) else { return nil }
        guard let date = ISO8601.parse(text) else { throw AppError.invalid(field: name, "must be a date-time") }
        return date
    }
}

/// Turning numbers clients send into integers without trapping (R-VAL-01).
enum WholeNumber {
    /// The largest offset or cursor accepted: far beyond any list, well inside `Int`.
    static let maximumOffset = 1_000_000_000

    /// `value` as an `Int` when it is a whole number in `range`; a 400 naming `field` otherwise.
    static func checked(_ value: Double?, field: String, in range: ClosedRange<Int>) throws -> Int {
        guard let value, value.isFinite, value.rounded() == value, value >= Double(range.lowerBound),
            value <= Double(range.upperBound)
        else {
            throw AppError.invalid(
                field: field, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return Int(value)
    }
}

/// Renders one operation's 200 body as JSON (D-DIRECT).
typealias DirectRenderer = @Sendable (RawRequest) async throws -> any DirectJSONBody

/// A directly written answer: a `JSONValue`, or JSON bytes written by hand (`JSONBytes`).
protocol DirectJSONBody: Sendable {
    var bytes: [UInt8] { get }
}

extension JSONValue: DirectJSONBody {}
