import Store
import Testing

@Suite("CSV text: how an export writes each kind of field")
struct CSVTextTests {
    static func written(_ values: [SQLValue], _ formats: [CSVColumn.Format], cells: [Int]? = nil) -> String {
        let text = CSVText(capacity: 8)  // smaller than any row: it must grow as it is written
        let row = SQLRow(columns: (0...values.count).map { "c\($0)" }, values: [.int(0)] + values)
        text.row(SQLCells(row), CSVLayout(formats: formats, cells: cells, names: ["1001": "Anytown, Council"]))
        return String(decoding: text.bytes, as: UTF8.self)
    }

    @Test("Whole numbers, including the extremes and negatives, as digits")
    func integers() {
        let values: [Int64] = [0, 7, -7, 10, 1_000_000, Int64.max, Int64.min]
        #expect(
            Self.written(values.map { .int($0) }, Array(repeating: .integer, count: values.count))
                == values.map(String.init).joined(separator: ",") + "\r\n")
    }

    @Test("Flags as true and false, negated ones the other way; nulls as empty fields")
    func flags() {
        #expect(
            Self.written(
                [.int(1), .int(0), .int(1), .int(0), .null], [.boolean, .boolean, .notBoolean, .notBoolean, .boolean])
                == "true,false,false,true,\r\n")
    }

    @Test("RFC 4180 quoting: fields with a comma, a quote or a line break are quoted, quotes doubled")
    func quoting() {
        let long = String(repeating: "x", count: 300)
        #expect(
            Self.written(
                [.text("plain"), .text("a,b"), .text("say \"hi\""), .text("two\nlines"), .text(long), .text("")],
                Array(repeating: .text, count: 6))
                == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\(long),\r\n")
    }

    @Test("Instants in UTC with milliseconds; an organisation's code as its name, read from the same cell")
    func instantsAndNames() {
        #expect(
            Self.written(
                [.int(1_767_603_600_250), .text("1001"), .text("9999")],
                [.instant, .text, .organisationName, .organisationName],
                cells: [1, 2, 2, 3])
                == "2026-01-05T09:00:00.250Z,1001,\"Anytown, Council\",\r\n")
    }
}
