/// Compact JSON straight into UTF-8 bytes: the hot responses (works, permits, reporting pages,
/// event pages) are written with this instead of going through `JSONSerialization` or
/// `JSONEncoder`, which cost several times more than the rest of the request.
extension JSONValue {
    /// Compact JSON as UTF-8 bytes. Whole numbers print without a fraction; non-finite numbers
    /// print as null. Object keys come out in the dictionary's order unless `sortedKeys`.
    public func bytes(sortedKeys: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(into: &out, sortedKeys: sortedKeys)
        return out
    }

    /// Compact JSON as UTF-8 bytes, keys in the dictionary's order.
    public var bytes: [UInt8] { bytes() }

    public func write(into out: inout [UInt8], sortedKeys: Bool = false) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let d): JSONValue.write(number: d, into: &out)
        case .string(let s): JSONValue.write(string: s, into: &out)
        case .array(let a):
            out.append(UInt8(ascii: "["))
            var first = true
            for value in a {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                value.write(into: &out, sortedKeys: sortedKeys)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            var first = true
            func member(_ key: String, _ value: JSONValue) {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                JSONValue.write(string: key, into: &out)
                out.append(UInt8(ascii: ":"))
                value.write(into: &out, sortedKeys: sortedKeys)
            }
            if sortedKeys {
                for key in o.keys.sorted() { member(key, o[key]!) }
            } else {
                for (key, value) in o { member(key, value) }
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    public static func write(number d: Double, into out: inout [UInt8]) {
        guard d.isFinite else {
            out.append(contentsOf: "null".utf8)
            return
        }
        if d.rounded(.towardZero) == d, abs(d) < 1e15 {
            var n = Int64(d)
            if n == 0 {
                out.append(UInt8(ascii: "0"))
                return
            }
            if n < 0 {
                out.append(UInt8(ascii: "-"))
                n = -n
            }
            var digits:
                (
                    UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                    UInt8, UInt8, UInt8
                ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var count = 0
            withUnsafeMutableBytes(of: &digits) { buffer in
                while n > 0 {
                    buffer[count] = UInt8(ascii: "0") + UInt8(n % 10)
                    n /= 10
                    count += 1
                }
                for i in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[i]) }
            }
            return
        }
        out.append(contentsOf: "\(d)".utf8)
    }

    public static func write(string s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var start = 0
            for (i, byte) in utf8.enumerated()
            where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                start = i + 1
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
                case 0x0A: out.append(contentsOf: "\\n".utf8)
                case 0x0D: out.append(contentsOf: "\\r".utf8)
                case 0x09: out.append(contentsOf: "\\t".utf8)
                case 0x08: out.append(contentsOf: "\\b".utf8)
                case 0x0C: out.append(contentsOf: "\\f".utf8)
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: "\\u00".utf8)
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0x0F)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
