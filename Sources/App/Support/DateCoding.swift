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
    /// `2026-01-05T09:00:00.000Z`, written by hand: every response carries many instants, and
    /// `Date.ISO8601FormatStyle` costs microseconds each.
    public static func format(_ date: Date) -> String {
        format(milliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// Milliseconds since 1970 (as the store keeps instants) in the same form.
    public static func format(milliseconds: Int64) -> String {
        let (days, msOfDay) = milliseconds.quotientAndRemainder(dividingBy: 86_400_000)
        var day = days
        var ms = msOfDay
        if ms < 0 {
            ms += 86_400_000
            day -= 1
        }
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        func put(_ value: Int64, _ width: Int) {
            var digits: [UInt8] = []
            var v = value
            for _ in 0..<width {
                digits.append(UInt8(ascii: "0") + UInt8(v % 10))
                v /= 10
            }
            bytes.append(contentsOf: digits.reversed())
        }
        put(y, 4)
        bytes.append(UInt8(ascii: "-"))
        put(m, 2)
        bytes.append(UInt8(ascii: "-"))
        put(d, 2)
        bytes.append(UInt8(ascii: "T"))
        put(ms / 3_600_000, 2)
        bytes.append(UInt8(ascii: ":"))
        put(ms / 60_000 % 60, 2)
        bytes.append(UInt8(ascii: ":"))
        put(ms / 1000 % 60, 2)
        bytes.append(UInt8(ascii: "."))
        put(ms % 1000, 3)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
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
