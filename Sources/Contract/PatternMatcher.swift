import Foundation

/// A compiled `pattern`. Patterns of the form `^[class]quantifier$` with an ASCII
/// character class (all patterns in the v6 documents) run on a byte bitmap;
/// anything else falls back to `NSRegularExpression` (compiled once).
final class PatternMatcher: @unchecked Sendable {
    // @unchecked: immutable after init; NSRegularExpression is documented thread-safe.
    let source: String
    private let fast: CharacterClassRun?
    private let regex: NSRegularExpression?

    init?(_ source: String) {
        self.source = source
        if let fast = CharacterClassRun(pattern: source) {
            self.fast = fast
            self.regex = nil
        } else {
            guard let regex = try? NSRegularExpression(pattern: source) else { return nil }
            self.fast = nil
            self.regex = regex
        }
    }

    /// JSON Schema semantics: the pattern must be found somewhere in the string (patterns here are anchored).
    func matches(_ string: String) -> Bool {
        if let fast { return fast.matches(string) }
        guard let regex else { return false }
        let range = NSRange(string.startIndex..<string.endIndex, in: string)
        return regex.firstMatch(in: string, options: [], range: range) != nil
    }

    /// True when the fast path is used (exposed for tests).
    var usesFastPath: Bool { fast != nil }
}

/// `^[...]*$`, `^[...]+$`, `^[...]{m}$`, `^[...]{m,}$`, `^[...]{m,n}$` over ASCII.
struct CharacterClassRun: Sendable {
    var low: UInt64 = 0  // bytes 0..<64
    var high: UInt64 = 0  // bytes 64..<128
    var minCount = 0
    var maxCount = Int.max

    init?(pattern: String) {
        let p = Array(pattern.utf8)
        guard p.count >= 5, p[0] == UInt8(ascii: "^"), p[1] == UInt8(ascii: "["),
            p[p.count - 1] == UInt8(ascii: "$")
        else { return nil }
        var i = 2
        guard i < p.count, p[i] != UInt8(ascii: "^"), p[i] != UInt8(ascii: "]") else { return nil }
        var members: [UInt8] = []
        while i < p.count, p[i] != UInt8(ascii: "]") {
            let c = p[i]
            guard c < 0x80, c != UInt8(ascii: "\\"), c != UInt8(ascii: "[") else { return nil }
            if i + 2 < p.count, p[i + 1] == UInt8(ascii: "-"), p[i + 2] != UInt8(ascii: "]") {
                let end = p[i + 2]
                guard end < 0x80, end != UInt8(ascii: "\\"), end >= c else { return nil }
                members.append(contentsOf: c...end)
                i += 3
            } else {
                members.append(c)
                i += 1
            }
        }
        guard i < p.count else { return nil }
        i += 1  // ]
        let quantifier = p[i..<(p.count - 1)]
        switch Array(quantifier) {
        case [UInt8(ascii: "*")]: (minCount, maxCount) = (0, .max)
        case [UInt8(ascii: "+")]: (minCount, maxCount) = (1, .max)
        default:
            guard quantifier.first == UInt8(ascii: "{"), quantifier.last == UInt8(ascii: "}") else { return nil }
            let inner = String(decoding: quantifier.dropFirst().dropLast(), as: UTF8.self)
            let parts = inner.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == 1 || parts.count == 2, let m = Int(parts[0]) else { return nil }
            minCount = m
            if parts.count == 1 {
                maxCount = m
            } else if parts[1].isEmpty {
                maxCount = .max
            } else {
                guard let n = Int(parts[1]), n >= m else { return nil }
                maxCount = n
            }
        }
        for b in members {
            if b < 64 { low |= 1 << UInt64(b) } else { high |= 1 << UInt64(b - 64) }
        }
    }

    func matches(_ string: String) -> Bool {
        var count = 0
        for b in string.utf8 {
            guard b < 0x80 else { return false }
            let inClass = b < 64 ? (low >> UInt64(b)) & 1 == 1 : (high >> UInt64(b - 64)) & 1 == 1
            guard inClass else { return false }
            count += 1
            if count > maxCount { return false }
        }
        return count >= minCount
    }
}
