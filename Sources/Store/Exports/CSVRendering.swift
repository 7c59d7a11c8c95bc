import Domain
import Foundation

/// One column of a CSV export: its header, the SQL expression it reads from the list's rows, and
/// how the value is written.
public struct CSVColumn: Sendable {
    public enum Format: Sendable {
        /// Text as stored (quoted when it holds a comma, a quote or a line break).
        case text
        /// A whole number.
        case integer
        /// A 0/1 column as `true` / `false`.
        case boolean
        /// A 0/1 column as its negation (`has_no_final_reinstatement`).
        case notBoolean
        /// Epoch milliseconds as `2026-01-05T09:00:00.000Z`.
        case instant
        /// An organisation's SWA code written as the organisation's name (empty when there is
        /// none): the names are read once an export, not looked up again for each row.
        case organisationName
    }

    public var header: String
    public var expression: String
    public var format: Format

    public init(_ header: String, _ expression: String, _ format: Format = .text) {
        self.header = header
        self.expression = expression
        self.format = format
    }
}

/// What an export reads: the rows of a list, as its description selects and narrows them.
public protocol ListSource: Sendable {
    /// How an export reads the rows in `dialect`.
    func exportScan(_ dialect: SQLDialect) -> ExportScan
    /// The list decides by itself what its caller sees (its `restriction`), across organisations.
    var seesEverything: Bool { get }
    func condition(_ request: ListRequest, dialect: SQLDialect) throws -> (sql: String, binds: [SQLValue])
}

extension ListDescription: ListSource {}

extension ListSource {
    /// The key ranges an export reads at once: two halves of the key's range when the source can
    /// be split (`ExportScan.keyBounds`), otherwise one read of everything (nil).
    public func exportRanges(in db: any SQLExecutor) async throws -> [ClosedRange<Int64>?] {
        guard let bounds = exportScan(db.dialect).keyBounds, let row = try await db.first(bounds, []),
            let lo = row.int64("lo"), let hi = row.int64("hi"), hi > lo
        else { return [nil] }
        let middle = lo + (hi - lo) / 2
        return [lo...middle, (middle + 1)...hi]
    }

    /// The distinct values of `column` among the rows of the list for `request`, in order (the
    /// files of an export split by organisation); rows without a value are left out.
    public func distinctValues(of column: String, _ request: ListRequest, in db: any SQLExecutor) async throws
        -> [String]
    {
        let (condition, binds) = try condition(request, dialect: db.dialect)
        return try await db.query(
            "SELECT DISTINCT \(column) AS split_value FROM \(exportScan(db.dialect).from) WHERE \(condition) AND \(column) IS NOT NULL ORDER BY split_value",
            binds
        ).compactMap { $0.string("split_value") }
    }

    /// Writes every row of the list for `request` (no paging, no cap) as CSV into `sink`,
    /// `columns` only, in `tieBreaker` order, `batchSize` rows a read, calling `afterBatch`
    /// between reads: memory stays the same however many rows match. Each row is written where
    /// the database holds it (`scan`), on SQLite on the reader's thread, so nothing is copied
    /// twice; the number of rows. `names` are the organisation names `.organisationName`
    /// columns write, by SWA code.
    public func writeRows(
        _ request: ListRequest, columns: [CSVColumn], batchSize: Int, range: ClosedRange<Int64>? = nil,
        names: [String: String] = [:], in db: any SQLExecutor, into sink: CSVSink,
        afterBatch: () async throws -> Void
    ) async throws -> Int {
        var (condition, binds) = try condition(request, dialect: db.dialect)
        let scan = exportScan(db.dialect)
        let (from, tieBreaker) = (scan.from, scan.key)
        if let range {
            condition += " AND \(tieBreaker) <= ?"
            binds.append(.int(range.upperBound))
        }
        // Each expression is read once, however many columns write it (an organisation's code
        // and its name, say).
        var expressions: [String] = []
        var cells: [Int] = []
        for column in columns {
            if let found = expressions.firstIndex(of: column.expression) {
                cells.append(found + 1)
            } else {
                expressions.append(column.expression)
                cells.append(expressions.count)
            }
        }
        let selected = expressions.joined(separator: ", ")
        let layout = CSVLayout(formats: columns.map(\.format), cells: cells, names: names)
        let base = "SELECT \(tieBreaker) AS csv_key, \(selected) FROM \(from) WHERE \(condition)"
        var last: SQLValue? = nil
        var total = 0
        while true {
            var sql = base
            var values = binds
            // One lower bound only, the tightest: given two, SQLite seeks on either, and on the
            // range's start every batch would read the table again from there (an export of a
            // million permits read each page of the table four times).
            if let last {
                sql += " AND \(tieBreaker) > ?"
                values.append(last)
            } else if let range {
                sql += " AND \(tieBreaker) >= ?"
                values.append(.int(range.lowerBound))
            }
            sql += " ORDER BY \(tieBreaker) LIMIT ?"
            values.append(.int(Int64(batchSize)))
            sink.batchRows = 0
            try await db.scan(sql, values) { [layout] cells in
                sink.text.row(cells, layout)
                sink.batchRows += 1
                sink.last = cells.value(0)
            }
            total += sink.batchRows
            try await afterBatch()
            if sink.batchRows < batchSize { return total }
            last = sink.last
        }
    }
}

/// How each row of an export is written: its columns' formats in order, and the organisation
/// names `.organisationName` columns write, by SWA code.
public struct CSVLayout: Sendable {
    public var formats: [CSVColumn.Format]
    /// The cell each column writes, in the order of `formats` (cell 0 is the list's key).
    public var cells: [Int]
    public var names: [String: String] = [:]

    /// `cells` defaults to one cell a column, in order, after the key.
    public init(formats: [CSVColumn.Format], cells: [Int]? = nil, names: [String: String] = [:]) {
        self.formats = formats
        self.cells = cells ?? Array(1..<(formats.count + 1))
        self.names = names
    }
}

/// Where a scan writes an export's rows. Used by one task at a time: the scan (on the database's
/// thread) and the exporter between scans take turns, each awaiting the other.
public final class CSVSink: @unchecked Sendable {
    public var text: CSVText
    var batchRows = 0
    var last: SQLValue? = nil
    /// How many bytes earlier chunks took away (a zip's offsets count them).
    var flushedBytes = 0

    public init(_ text: CSVText) { self.text = text }
}

/// CSV text, written as bytes (RFC 4180: commas, CRLF, fields with a comma, quote or line break
/// quoted, quotes doubled). Written by hand rather than with CSV.swift: its writer measured at
/// about 3,000 rows of 40 fields a second here, a sixteenth of this one. The bytes are in memory
/// of its own, not an array: appended to an array, every field paid for the array's uniqueness
/// and capacity checks, a tenth of an export's time (D-EXPORTS). Used by one task at a time.
public final class CSVText: @unchecked Sendable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// How many bytes are written.
    public private(set) var count = 0

    public init(capacity: Int = 1 << 20) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written so far; valid until the next write.
    public var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Empties the text, keeping its memory for the next.
    public func removeAll() { count = 0 }

    /// Room for `extra` more bytes.
    @inline(__always) private func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private func grow(to needed: Int) {
        let larger = max(needed, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    /// Bytes that are not CSV (a zip's headers around its files).
    func append(_ raw: [UInt8]) { raw.withUnsafeBufferPointer { append($0) } }

    @inline(__always) private func append(_ raw: UnsafeBufferPointer<UInt8>) {
        reserve(raw.count)
        if let source = raw.baseAddress { (base + count).update(from: source, count: raw.count) }
        count += raw.count
    }

    @inline(__always) private func append(byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    public func header(_ columns: [CSVColumn]) {
        for (index, column) in columns.enumerated() {
            if index > 0 { append(byte: UInt8(ascii: ",")) }
            field(column.header)
        }
        lineBreak()
    }

    private func lineBreak() {
        reserve(2)
        base[count] = 13
        base[count + 1] = 10
        count += 2
    }

    /// One row from `cells`, laid out by `layout`: each column's format and the cell it reads
    /// (the first cell is the list's key, which is not written).
    public func row(_ cells: SQLCells, _ layout: CSVLayout) {
        for (index, format) in layout.formats.enumerated() {
            if index > 0 { append(byte: UInt8(ascii: ",")) }
            let cell = layout.cells[index]
            switch (format, cells.kind(cell)) {
            case (_, .null), (_, .blob): break
            case (.organisationName, .text):
                cells.withText(cell) { code in
                    if let name = layout.names[String(decoding: code, as: UTF8.self)] { field(name) }
                }
            case (.boolean, .integer): word(cells.int64(cell) != 0)
            case (.notBoolean, .integer): word(cells.int64(cell) == 0)
            case (.instant, .integer):
                reserve(ISO8601.length)
                ISO8601.write(milliseconds: cells.int64(cell), to: base + count)
                count += ISO8601.length
            case (_, .integer): integer(cells.int64(cell))
            case (_, .double): field(String(cells.double(cell)))
            case (_, .text): cells.withText(cell) { field($0) }
            }
        }
        lineBreak()
    }

    private func word(_ value: Bool) {
        let text: StaticString = value ? "true" : "false"
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private func integer(_ value: Int64) {
        // At most 20 characters: a sign and 19 digits, written from the last.
        reserve(20)
        if value < 0 {
            base[count] = UInt8(ascii: "-")
            count += 1
        }
        var magnitude = value.magnitude
        var length = 1
        var rest = magnitude / 10
        while rest > 0 {
            rest /= 10
            length += 1
        }
        var position = count + length - 1
        repeat {
            base[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
            position -= 1
        } while magnitude > 0
        count += length
    }

    func field(_ text: String) {
        var text = text
        text.withUTF8 { field($0) }
    }

    func field(_ utf8: UnsafeBufferPointer<UInt8>) {
        var quoted = false
        for byte in utf8 where byte == 44 || byte == 34 || byte == 10 || byte == 13 {
            quoted = true
            break
        }
        guard quoted else {
            append(utf8)
            return
        }
        append(byte: 34)
        var start = 0
        for (index, byte) in utf8.enumerated() where byte == 34 {
            append(UnsafeBufferPointer(rebasing: utf8[start...index]))
            append(byte: 34)
            start = index + 1
        }
        append(UnsafeBufferPointer(rebasing: utf8[start...]))
        append(byte: 34)
    }
}
