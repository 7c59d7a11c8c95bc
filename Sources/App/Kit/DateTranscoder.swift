import Domain
import Foundation
import OpenAPIRuntime

/// Clients send `2026-01-05T09:00:00Z`, `…:00.000Z` and `…:00+01:00`; all are accepted, and
/// instants are answered in UTC with milliseconds (`2026-01-05T09:00:00.000Z`), as Street Manager does.
struct StreetManagerDateTranscoder: DateTranscoder {
    func encode(_ date: Date) throws -> String { ISO8601.format(date) }

    func decode(_ string: String) throws -> Date {
        guard let date = ISO8601.parse(string) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [], debugDescription: "must be a valid date-time (ISO 8601), got \(string)"))
        }
        return date
    }
}
