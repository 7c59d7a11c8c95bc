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

public enum ISO8601 {
    public static func format(_ date: Date) -> String {
        date.formatted(
            Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!))
    }

    public static func parse(_ string: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(string) { return date }
        if let date = try? Date.ISO8601FormatStyle().parse(string) { return date }
        // A bare calendar date means midnight UTC.
        if string.count == 10, let date = try? Date.ISO8601FormatStyle().year().month().day().parse(string) {
            return date
        }
        return nil
    }
}
