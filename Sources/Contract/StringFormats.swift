import Foundation

/// The ISO 8601 / RFC 3339 forms accepted for `format: date-time` and `format: date`.
///
/// date-time: `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by `Z` or an offset `±HH:MM` / `±HHMM`
/// (`t`, `z` and a space separator are also accepted). date: `YYYY-MM-DD`, or a full date-time.
public enum DateTimeFormat {
    /// Parses a date-time (with zone) into a `Date`, or `nil` when it is not valid.
    public static func parseDateTime(_ string: String) -> Date? {
        var s = string
        return s.withUTF8 { bytes in
            guard let (seconds, end) = scanDateTime(bytes, 0), end == bytes.count else { return nil }
            return Date(timeIntervalSince1970: seconds)
        }
    }

    /// Parses `YYYY-MM-DD` (midnight UTC) or a full date-time.
    public static func parseDate(_ string: String) -> Date? {
        var s = string
        return s.withUTF8 { bytes in
            if bytes.count == 10, let (y, m, d, _) = scanDate(bytes, 0) {
                return Date(timeIntervalSince1970: Double(daysFromCivil(y, m, d)) * 86_400)
            }
            guard let (seconds, end) = scanDateTime(bytes, 0), end == bytes.count else { return nil }
            return Date(timeIntervalSince1970: seconds)
        }
    }

    public static func isValidDateTime(_ string: String) -> Bool { parseDateTime(string) != nil }
    public static func isValidDate(_ string: String) -> Bool { parseDate(string) != nil }

    // MARK: Scanning

    private static func digits(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ n: Int) -> Int? {
        guard at + n <= b.count else { return nil }
        var v = 0
        for i in at..<(at + n) {
            let c = b[i]
            guard c >= 0x30, c <= 0x39 else { return nil }
            v = v * 10 + Int(c - 0x30)
        }
        return v
    }

    /// `YYYY-MM-DD` at `at`; returns the parts and the index after it.
    private static func scanDate(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> (Int, Int, Int, Int)? {
        guard let y = digits(b, at, 4), at + 10 <= b.count, b[at + 4] == UInt8(ascii: "-"),
            let m = digits(b, at + 5, 2), b[at + 7] == UInt8(ascii: "-"), let d = digits(b, at + 8, 2),
            (1...12).contains(m), d >= 1, d <= daysInMonth(y, m)
        else { return nil }
        return (y, m, d, at + 10)
    }

    /// Full date-time at `at`; returns seconds since 1970 (UTC) and the index after it.
    private static func scanDateTime(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> (Double, Int)? {
        guard let (y, mo, d, afterDate) = scanDate(b, at), afterDate < b.count else { return nil }
        let sep = b[afterDate]
        guard sep == UInt8(ascii: "T") || sep == UInt8(ascii: "t") || sep == UInt8(ascii: " ") else { return nil }
        var i = afterDate + 1
        guard let h = digits(b, i, 2), i + 5 <= b.count, b[i + 2] == UInt8(ascii: ":"),
            let mi = digits(b, i + 3, 2), h <= 23, mi <= 59
        else { return nil }
        i += 5
        var sec = 0
        var fraction = 0.0
        if i < b.count, b[i] == UInt8(ascii: ":") {
            guard let s = digits(b, i + 1, 2), s <= 60 else { return nil }
            sec = s
            i += 3
            if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                i += 1
                var scale = 0.1
                let start = i
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                    fraction += Double(b[i] - 0x30) * scale
                    scale /= 10
                    i += 1
                }
                guard i > start else { return nil }
            }
        }
        guard i < b.count else { return nil }  // zone is required
        var offset = 0
        switch b[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            i += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
            guard let oh = digits(b, i + 1, 2), oh <= 23 else { return nil }
            i += 3
            var om = 0
            if i < b.count, b[i] == UInt8(ascii: ":") {
                guard let m = digits(b, i + 1, 2) else { return nil }
                om = m
                i += 3
            } else if let m = digits(b, i, 2) {
                om = m
                i += 2
            } else {
                return nil
            }
            guard om <= 59 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        default:
            return nil
        }
        let days = daysFromCivil(y, mo, d)
        let seconds = Double(days * 86_400 + h * 3600 + mi * 60 + sec - offset) + fraction
        return (seconds, i)
    }

    static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

/// Pragmatic e-mail check: `local@domain.tld`, no spaces, sensible dots and labels.
enum EmailFormat {
    static func isValid(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        guard bytes.count <= 254, let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return false }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        guard !local.isEmpty, local.count <= 64, !domain.isEmpty else { return false }
        let forbiddenInLocal: Set<UInt8> = Set("@()<>[]:;,\\\"".utf8)
        for b in local where b <= 0x20 || b == 0x7F || forbiddenInLocal.contains(b) { return false }
        if local.first == UInt8(ascii: ".") || local.last == UInt8(ascii: ".") { return false }
        if zip(local, local.dropFirst()).contains(where: { $0 == UInt8(ascii: ".") && $1 == UInt8(ascii: ".") }) {
            return false
        }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard !label.isEmpty, label.count <= 63, label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-")
            else { return false }
            for b in label {
                let ok =
                    (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                    || b == UInt8(ascii: "-") || b >= 0x80
                if !ok { return false }
            }
        }
        return labels.last!.count >= 2
    }
}
