import Foundation

/// One record of a CSV file: its fields, the line it starts on (1-based), or why it is unreadable.
public struct CSVRecord: Sendable, Equatable {
    public var line: Int
    public var fields: [String]
    public var error: String?
}

/// RFC 4180 CSV in UTF-8: fields separated by commas, records by LF or CRLF; a field that holds a
/// comma, a quote or a line break is enclosed in double quotes, and a quote inside it is doubled.
/// Blank lines are skipped and a leading byte-order mark is ignored.
public enum CSVReader {
    public static func records(_ data: some Collection<UInt8>) -> [CSVRecord] {
        var bytes = Array(data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var records: [CSVRecord] = []
        var index = 0
        var line = 1
        let (quote, comma, lf, cr) = (UInt8(ascii: "\""), UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r"))

        while index < bytes.count {
            let startLine = line
            var fields: [String] = []
            var field: [UInt8] = []
            var error: String?
            var endOfRecord = false

            func finishField() {
                if let text = String(validating: field, as: UTF8.self) {
                    fields.append(text)
                } else {
                    error = error ?? "field \(fields.count + 1) is not valid UTF-8"
                    fields.append("")
                }
                field = []
            }

            while !endOfRecord {
                guard index < bytes.count else {
                    finishField()
                    break
                }
                if field.isEmpty, bytes[index] == quote {
                    // A quoted field: runs to the next lone quote.
                    index += 1
                    var closed = false
                    while index < bytes.count {
                        let byte = bytes[index]
                        if byte == quote {
                            if index + 1 < bytes.count, bytes[index + 1] == quote {
                                field.append(quote)
                                index += 2
                                continue
                            }
                            index += 1
                            closed = true
                            break
                        }
                        if byte == lf { line += 1 }
                        field.append(byte)
                        index += 1
                    }
                    guard closed else {
                        records.append(
                            CSVRecord(
                                line: startLine, fields: fields,
                                error: "field \(fields.count + 1) opens a quote that is never closed"))
                        return records
                    }
                    if index < bytes.count, ![comma, lf, cr].contains(bytes[index]) {
                        error = error ?? "field \(fields.count + 1) has text after its closing quote"
                        while index < bytes.count, ![comma, lf, cr].contains(bytes[index]) { index += 1 }
                    }
                }
                guard index < bytes.count else {
                    finishField()
                    break
                }
                switch bytes[index] {
                case comma:
                    finishField()
                    index += 1
                case lf, cr:
                    finishField()
                    if bytes[index] == cr, index + 1 < bytes.count, bytes[index + 1] == lf { index += 1 }
                    index += 1
                    line += 1
                    endOfRecord = true
                case quote:
                    error = error ?? "field \(fields.count + 1) has a quote but is not enclosed in quotes"
                    field.append(quote)
                    index += 1
                default:
                    field.append(bytes[index])
                    index += 1
                }
            }
            if fields.count == 1, fields[0].isEmpty, error == nil { continue }  // a blank line
            records.append(CSVRecord(line: startLine, fields: fields, error: error))
        }
        return records
    }
}
