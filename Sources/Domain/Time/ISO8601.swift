import Foundation

/// Instants on the wire (R-TIME-01, R-TIME-03): clients send `2026-01-05T09:00:00Z`, `…:00.000Z`
/// and `…:00+01:00`; instants are answered in UTC with milliseconds (`2026-01-05T09:00:00.000Z`).
public enum ISO8601 {
    /// `2026-01-05T09:00:00.000Z`, written by hand: every response carries many instants, and
    /// `Date.ISO8601FormatStyle` costs microseconds each.
    public static func format(_ date: Date) -> String {
        // Years 0000–9999 only (what clients can send); anything else is written by Foundation.
        guard let milliseconds = milliseconds(date) else { return date.formatted(.iso8601) }
        return format(milliseconds: milliseconds)
    }

    /// The instant's milliseconds since 1970 when it falls in the years 0000–9999, which
    /// `write(milliseconds:into:)` writes; nil for any other.
    public static func milliseconds(_ date: Date) -> Int64? {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded(.down)
        guard milliseconds >= -62_167_219_200_000, milliseconds < 253_402_300_800_000 else { return nil }
        return Int64(milliseconds)
    }

    /// Milliseconds since 1970 (as the store keeps instants) in the same form.
    public static func format(milliseconds: Int64) -> String {
        guard milliseconds >= -62_167_219_200_000, milliseconds < 253_402_300_800_000 else {
            return format(Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        write(milliseconds: milliseconds, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the instant in the same form to `bytes` (years 0000–9999; lists and exports write
    /// many and spare the string).
    public static func write(milliseconds: Int64, into bytes: inout [UInt8]) {
        // Filled on the stack and appended at once: appended a digit at a time, the bytes'
        // capacity and uniqueness were checked 24 times (an export writes six instants a row).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { out in
            write(milliseconds: milliseconds, to: out.baseAddress!)
            bytes.append(contentsOf: UnsafeBufferPointer(out))
        }
    }

    /// How many bytes `write(milliseconds:to:)` writes.
    public static let length = 24

    /// Writes the instant in the same form to the `length` bytes at `out` (years 0000–9999).
    public static func write(milliseconds: Int64, to out: UnsafeMutablePointer<UInt8>) {
        let clamped = min(max(milliseconds, -62_167_219_200_000), 253_402_300_799_999)
        let dayLength: Int64 = 86_400_000
        var (day, ms) = clamped.quotientAndRemainder(dividingBy: dayLength)
        if ms < 0 {
            ms += dayLength
            day -= 1
        }
        let (year, month, dayOfMonth) = LocalDate.civil(dayNumber: Int(day))
        let time = Int(ms)
        var index = 0
        func put(_ value: Int, _ width: Int, then separator: UInt8) {
            var value = value
            for offset in stride(from: width - 1, through: 0, by: -1) {
                out[index + offset] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value % 10)
                value /= 10
            }
            out[index + width] = separator
            index += width + 1
        }
        put(year, 4, then: UInt8(ascii: "-"))
        put(month, 2, then: UInt8(ascii: "-"))
        put(dayOfMonth, 2, then: UInt8(ascii: "T"))
        put(time / 3_600_000, 2, then: UInt8(ascii: ":"))
        put(time / 60_000 % 60, 2, then: UInt8(ascii: ":"))
        put(time / 1000 % 60, 2, then: UInt8(ascii: "."))
        put(time % 1000, 3, then: UInt8(ascii: "Z"))
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
