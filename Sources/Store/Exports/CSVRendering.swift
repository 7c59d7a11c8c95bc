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
        let selected = columns.map(\.expression).joined(separator: ", ")
        let layout = CSVLayout(formats: columns.map(\.format), names: names)
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
    public var names: [String: String] = [:]

    public init(formats: [CSVColumn.Format], names: [String: String] = [:]) {
        self.formats = formats
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
/// about 3,000 rows of 40 fields a second here, a sixteenth of this one.
public struct CSVText: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 1 << 20) { bytes.reserveCapacity(capacity) }

    /// Empties the text, keeping its memory for the next.
    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Bytes that are not CSV (a zip's headers around its files).
    mutating func append(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }

    public mutating func header(_ columns: [CSVColumn]) {
        for (index, column) in columns.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            field(column.header)
        }
        bytes.append(contentsOf: [13, 10])
    }

    /// One row from `cells`, whose first value is the list's key (skipped), laid out by
    /// `layout` (the formats only: copying each column's strings cost a retain and a release a
    /// field).
    public mutating func row(_ cells: SQLCells, _ layout: CSVLayout) {
        for (index, format) in layout.formats.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            let cell = index + 1
            switch (format, cells.kind(cell)) {
            case (_, .null), (_, .blob): break
            case (.organisationName, .text):
                cells.withText(cell) { code in
                    if let name = layout.names[String(decoding: code, as: UTF8.self)] { field(name) }
                }
            case (.boolean, .integer): ascii(cells.int64(cell) != 0 ? "true" : "false")
            case (.notBoolean, .integer): ascii(cells.int64(cell) != 0 ? "false" : "true")
            case (.instant, .integer): ISO8601.write(milliseconds: cells.int64(cell), into: &bytes)
            case (_, .integer): ascii(String(cells.int64(cell)))
            case (_, .double): ascii(String(cells.double(cell)))
            case (_, .text): cells.withText(cell) { field($0) }
            }
        }
        bytes.append(contentsOf: [13, 10])
    }

    mutating func ascii(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func field(_ text: String) {
        var text = text
        text.withUTF8 { field($0) }
    }

    mutating func field(_ utf8: UnsafeBufferPointer<UInt8>) {
        var quoted = false
        for byte in utf8 where byte == 44 || byte == 34 || byte == 10 || byte == 13 {
            quoted = true
            break
        }
        guard quoted else {
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(34)
        var start = 0
        for (index, byte) in utf8.enumerated() where byte == 34 {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...index]))
            bytes.append(34)
            start = index + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        bytes.append(34)
    }
}
