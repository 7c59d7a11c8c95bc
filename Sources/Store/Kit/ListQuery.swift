import Domain
import Foundation

/// Who may see which rows of a list (R-SEC-10, R-SEC-13, R-SEC-14): a highway authority the rows
/// it is the authority for; a promoter (or a contractor acting for it) its own rows, limited to
/// the workstreams the user was granted when the user has grants.
public enum ListVisibility: Sendable, Equatable {
    case highwayAuthority(String)
    case promoter(String, workstreams: [String]?)
    /// Everything, for `organisation` (the map shows all works to everyone, D-GEOJSON).
    case everything(organisation: String)

    /// The organisation the caller sees as (their own, or the promoter a contractor acts for).
    public var organisation: String {
        switch self {
        case .highwayAuthority(let code), .promoter(let code, _), .everything(let code): code
        }
    }
}

/// How one query parameter of a list narrows it.
public struct ListFilter: Sendable {
    public enum Kind: Sendable {
        /// `column = value` (one value).
        case equals
        /// `column IN (values…)`; a single value is compared with `=`, so an index serves it.
        case anyOf
        /// A boolean parameter compared with a 0/1 column.
        case flag
        /// A boolean parameter meaning the 0/1 column is false (`has_no_final_registration`).
        case flagNot
        /// `true`: the column has a value; `false`: it has none.
        case present
        /// `true`: the column has no value; `false`: it has one.
        case absent
        /// `true`: the column is one of these values; `false`: it is none of them.
        case among([String])
        /// `column >= value` (the lower end of a range).
        case from
        /// `column <= value` (the upper end of a range).
        case to
        /// The column contains the text, ignoring case.
        case contains
        /// The column starts with the text (upper-cased, as references are stored).
        case prefix
        /// A condition that holds when the boolean parameter is `true` (nothing when false).
        case whenTrue(String)
        /// The same, written for each dialect (a condition that reads stored JSON).
        case whenTrueIn([SQLDialect: String])
        /// A condition with one placeholder per use of the value.
        case condition(String, uses: Int)
        /// A boolean parameter: the first condition when true, the second when false; each `?`
        /// is the organisation the caller sees as (`is_incoming`, `is_outgoing`).
        case caller(whenTrue: String, whenFalse: String)
        /// A parameter the contract lists that this server cannot apply yet: a 400 naming it
        /// with `why`, never a silently ignored filter.
        case unsupported(String)
        /// The row's bounding box meets the box given by these four parameters: minimum easting,
        /// minimum northing, maximum easting, maximum northing. It reads the spatial index: on
        /// SQLite the R*Tree joined as `rtree`, on PostgreSQL the GiST-indexed `box` column of
        /// `table` (the works' `works_box` unless named).
        case boundingBox([String], rtree: String, table: String, box: String = "works_box")
    }

    /// How the parameter's text becomes the bound value.
    public enum Value: Sendable {
        case text
        /// References are stored upper-case.
        case upperText
        /// A whole number (the contract checked it is a number; this checks it is whole and fits).
        case integer
        /// An ISO 8601 date-time, bound as epoch milliseconds.
        case instant
        case bool
    }

    public var parameter: String
    public var column: String
    public var kind: Kind
    public var value: Value
    /// For a range end (`from`, `to`): a column of an index that bounds the same value, per
    /// dialect, given the same condition too so the index narrows the rows before `column` is
    /// read (the map's dates in SQLite's R*Tree).
    public var indexed: [SQLDialect: String]

    public init(
        _ parameter: String, _ column: String, _ kind: Kind, _ value: Value = .text,
        indexed: [SQLDialect: String] = [:]
    ) {
        self.parameter = parameter
        self.column = column
        self.kind = kind
        self.value = value
        self.indexed = indexed
    }
}

/// A query parameter whose value the list cannot use (the contract's schema allowed it).
public struct ListQueryError: Error, Sendable, Equatable {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// A declarative list: the rows a query reads (`from`, `columns`), the query parameters that
/// narrow it, the sort columns, who sees what, and how a row is decoded. Reporting pages it, CSV
/// exports stream it, map queries bound it by a box; no list builds its own SQL.
public struct ListDescription<Row: Sendable>: Sendable {
    /// `permits p JOIN works w ON …`.
    public var from: String
    public var columns: String
    public var filters: [ListFilter]
    /// `sort_column` values and the columns they sort on.
    public var sorts: [String: String]
    public var defaultSort: String
    /// Breaks ties in the sort so pages never overlap (sorted in the same direction).
    public var tieBreaker: String
    /// The columns visibility is decided on.
    public var promoterColumn: String
    public var highwayAuthorityColumn: String
    /// Granted workstreams narrow the list on this column (nil: the list has none).
    public var workstreamColumn: String?
    /// The list holds only the caller's own rows, by this column (their e-mail).
    public var userColumn: String?
    /// What else the caller may not see (internal comments of other organisations, say): a
    /// condition whose `?`s are the organisation the caller sees as.
    public var restriction: String?
    /// The direction when the caller names none.
    public var defaultAscending: Bool
    /// Whether the restriction alone decides what the caller sees (across organisations).
    public var seesEverything = false
    /// Where a dialect reads the rows from another way (SQLite's map list starts from its R*Tree).
    public var dialectFrom: [SQLDialect: (from: String, tieBreaker: String)] = [:]

    /// Where an export (every matching row, no paging) reads the rows from in a dialect, when
    /// not where pages do: SQLite reads the permits table in its storage order (D-EXPORTS).
    public var exportScans: [SQLDialect: ExportScan] = [:]

    /// `from` and `tieBreaker` in `dialect`.
    public func source(_ dialect: SQLDialect) -> (from: String, tieBreaker: String) {
        dialectFrom[dialect] ?? (from, tieBreaker)
    }

    public func exportScan(_ dialect: SQLDialect) -> ExportScan {
        exportScans[dialect] ?? ExportScan(from: source(dialect).from, key: source(dialect).tieBreaker)
    }
    public var decode: @Sendable (SQLRow) throws -> Row

    public init(
        from: String, columns: String, filters: [ListFilter], sorts: [String: String], defaultSort: String,
        tieBreaker: String, promoterColumn: String, highwayAuthorityColumn: String, workstreamColumn: String?,
        userColumn: String? = nil, restriction: String? = nil, defaultAscending: Bool = false,
        decode: @escaping @Sendable (SQLRow) throws -> Row
    ) {
        self.userColumn = userColumn
        self.restriction = restriction
        self.defaultAscending = defaultAscending
        self.from = from
        self.columns = columns
        self.filters = filters
        self.sorts = sorts
        self.defaultSort = defaultSort
        self.tieBreaker = tieBreaker
        self.promoterColumn = promoterColumn
        self.highwayAuthorityColumn = highwayAuthorityColumn
        self.workstreamColumn = workstreamColumn
        self.decode = decode
    }
}

/// How an export reads a list's rows: `FROM`, the unique key it reads them in the order of, and,
/// when the key is a whole number, a query giving its smallest and largest values (`lo`, `hi`):
/// the export is then read in two halves at once, one per core.
public struct ExportScan: Sendable {
    public var from: String
    public var key: String
    public var keyBounds: String?

    public init(from: String, key: String, keyBounds: String? = nil) {
        self.from = from
        self.key = key
        self.keyBounds = keyBounds
    }
}

/// What a caller asked of a list: the query parameters as sent (already checked against the
/// contract), who is asking, and which page.
public struct ListRequest: Sendable {
    public var query: [String: [String]]
    public var visibility: ListVisibility
    public var offset: Int
    public var sortColumn: String?
    /// The sort direction asked for; the list's default when nil.
    public var ascending: Bool?
    public var includeTotalCount: Bool
    /// The caller's e-mail, for lists of their own rows.
    public var user: String?

    public init(
        query: [String: [String]], visibility: ListVisibility, offset: Int = 0, sortColumn: String? = nil,
        ascending: Bool? = nil, includeTotalCount: Bool = false, user: String? = nil
    ) {
        self.user = user
        self.query = query
        self.visibility = visibility
        self.offset = offset
        self.sortColumn = sortColumn
        self.ascending = ascending
        self.includeTotalCount = includeTotalCount
    }
}

/// One page of a list (R-DATA-01).
public struct ListPage<Row: Sendable>: Sendable {
    public var rows: [Row]
    public var hasNextPage: Bool
    /// The number of matching rows, capped at `ListDescription.totalCap`; without
    /// `include_total_count`, the rows up to this page plus one when there is a next page.
    public var totalRows: Int
}

extension ListDescription {
    /// R-DATA-01: reporting pages hold 25 rows.
    public static var pageSize: Int { 25 }
    /// R-DATA-01: `total_rows` is capped at 501.
    public static var totalCap: Int { 501 }

    /// The `WHERE` clause and its values for `request`, in `dialect`.
    public func condition(_ request: ListRequest, dialect: SQLDialect) throws -> (sql: String, binds: [SQLValue]) {
        var clauses: [String] = ["1 = 1"]
        var binds: [SQLValue] = []
        switch request.visibility {
        case .everything:
            break
        case .highwayAuthority(let code):
            clauses.append("\(highwayAuthorityColumn) = ?")
            binds.append(.text(code))
        case .promoter(let code, let workstreams):
            clauses.append("\(promoterColumn) = ?")
            binds.append(.text(code))
            if let workstreams, let workstreamColumn {
                clauses.append(Self.list(workstreamColumn, count: workstreams.count))
                binds += workstreams.map { .text($0) }
            }
        }
        if let userColumn {
            clauses.append("\(userColumn) = ?")
            binds.append(.text(request.user ?? ""))
        }
        if let restriction {
            clauses.append("(\(restriction))")
            binds += Array(repeating: .text(request.visibility.organisation), count: Self.placeholders(in: restriction))
        }
        for filter in filters {
            guard let values = request.query[filter.parameter], !values.isEmpty else { continue }
            let isTrue = values[0] == "true"
            switch filter.kind {
            case .anyOf:
                clauses.append(
                    values.count == 1 ? "\(filter.column) = ?" : Self.list(filter.column, count: values.count))
                binds += try values.map { try Self.bind($0, filter) }
            case .equals:
                clauses.append("\(filter.column) = ?")
                binds.append(try Self.bind(values[0], filter))
            case .flag:
                clauses.append("\(filter.column) = ?")
                binds.append(try Self.bind(values[0], ListFilter(filter.parameter, filter.column, .flag, .bool)))
            case .from, .to:
                var comparison = "<="
                if case .from = filter.kind { comparison = ">=" }
                let value = try Self.bind(values[0], filter)
                clauses.append("\(filter.column) \(comparison) ?")
                binds.append(value)
                if let indexed = filter.indexed[dialect] {
                    clauses.append("\(indexed) \(comparison) ?")
                    binds.append(value)
                }
            case .contains:
                guard !values[0].isEmpty else { continue }
                clauses.append("LOWER(\(filter.column)) LIKE ? ESCAPE '\\'")
                binds.append(.text("%\(Self.escapeLike(values[0].lowercased()))%"))
            case .prefix:
                guard !values[0].isEmpty else { continue }
                clauses.append("\(filter.column) LIKE ? ESCAPE '\\'")
                binds.append(.text("\(Self.escapeLike(values[0].uppercased()))%"))
            case .flagNot:
                clauses.append("\(filter.column) = ?")
                binds.append(.bool(!isTrue))
            case .present:
                clauses.append("\(filter.column) IS \(isTrue ? "NOT NULL" : "NULL")")
            case .absent:
                clauses.append("\(filter.column) IS \(isTrue ? "NULL" : "NOT NULL")")
            case .among(let members):
                clauses.append((isTrue ? "" : "NOT ") + Self.list(filter.column, count: members.count))
                binds += members.map { .text($0) }
            case .caller(let whenTrue, let whenFalse):
                let sql = isTrue ? whenTrue : whenFalse
                clauses.append("(\(sql))")
                binds += Array(repeating: .text(request.visibility.organisation), count: Self.placeholders(in: sql))
            case .unsupported(let why):
                throw ListQueryError(field: filter.parameter, message: "cannot be used yet: \(why)")
            case .boundingBox(let names, let rtree, let table, let column):
                var box: [Double] = []
                for name in names {
                    guard let text = request.query[name]?.first, let value = Double(text), value.isFinite else {
                        throw ListQueryError(field: name, message: "must be a number")
                    }
                    box.append(value)
                }
                switch dialect {
                case .sqlite:
                    let r = rtree
                    clauses.append(
                        "\(r).min_easting <= ? AND \(r).max_easting >= ? AND \(r).min_northing <= ? AND \(r).max_northing >= ?"
                    )
                    binds += [.double(box[2]), .double(box[0]), .double(box[3]), .double(box[1])]
                case .postgres:
                    clauses.append("\(table).\(column) && box(point(?, ?), point(?, ?))")
                    binds += box.map { .double($0) }
                }
            case .whenTrue(let sql):
                if isTrue { clauses.append(sql) }
            case .whenTrueIn(let sql):
                if isTrue, let sql = sql[dialect] { clauses.append(sql) }
            case .condition(let sql, let uses):
                guard !values[0].isEmpty else { continue }
                let value = try Self.bind(values[0], filter)
                clauses.append(sql)
                binds += Array(repeating: value, count: uses)
            }
        }
        return (clauses.joined(separator: " AND "), binds)
    }

    /// `ORDER BY` for `request`: its sort column (or the default), then the tie-breaker.
    public func order(_ request: ListRequest, dialect: SQLDialect) -> String {
        let tieBreaker = source(dialect).tieBreaker
        let column =
            request.sortColumn.flatMap { sorts[$0] } ?? (dialectFrom[dialect] == nil ? defaultSort : tieBreaker)
        let direction = request.ascending ?? defaultAscending ? "ASC" : "DESC"
        return "\(column) \(direction), \(tieBreaker) \(direction)"
    }

    /// One page of 25 rows at `request.offset`, with `total_rows` (capped) when asked for.
    public func page(_ request: ListRequest, in db: any SQLExecutor) async throws -> ListPage<Row> {
        let (condition, binds) = try condition(request, dialect: db.dialect)
        let pageSize = Self.pageSize
        let from = source(db.dialect).from
        let sql =
            "SELECT \(columns) FROM \(from) WHERE \(condition) ORDER BY \(order(request, dialect: db.dialect)) LIMIT ? OFFSET ?"
        var rows = try await db.query(sql, binds + [.int(Int64(pageSize + 1)), .int(Int64(request.offset))])
        let hasNext = rows.count > pageSize
        if hasNext { rows.removeLast(rows.count - pageSize) }
        var total = request.offset + rows.count + (hasNext ? 1 : 0)
        if request.includeTotalCount {
            let counted = try await db.first(
                "SELECT COUNT(*) AS n FROM (SELECT 1 FROM \(from) WHERE \(condition) LIMIT \(Self.totalCap)) capped",
                binds)
            total = counted?.int("n") ?? 0
        }
        return ListPage(rows: try rows.map(decode), hasNextPage: hasNext, totalRows: total)
    }

    /// At most `limit` rows from `offset`, in the list's order (for cursor-paged searches).
    public func rows(_ request: ListRequest, limit: Int, in db: any SQLExecutor) async throws -> [Row] {
        let (condition, binds) = try condition(request, dialect: db.dialect)
        let from = source(db.dialect).from
        let sql =
            "SELECT \(columns) FROM \(from) WHERE \(condition) ORDER BY \(order(request, dialect: db.dialect)) LIMIT ? OFFSET ?"
        return try await db.query(sql, binds + [.int(Int64(limit)), .int(Int64(request.offset))]).map(decode)
    }

    /// At most `limit` rows after the row whose tie-breaker is `key` (from the first when nil), in
    /// tie-breaker order, each with its key: a long list read in batches, each batch starting where
    /// the last ended instead of counting its way past an offset.
    public func rows(_ request: ListRequest, after key: SQLValue?, limit: Int, in db: any SQLExecutor) async throws
        -> [(key: SQLValue, row: Row)]
    {
        let (sql, binds) = try batch(request, after: key, limit: limit, dialect: db.dialect)
        return try await db.query(sql, binds).map { ($0["list_key"], try decode($0)) }
    }

    /// The same batch handed to `body` undecoded, row by row where the database holds it
    /// (`SQLExecutor.scan`): column 0 is the key, then `columns` in order. For readers that
    /// look at one column before deciding whether a row is wanted at all (the map).
    public func scan(
        _ request: ListRequest, after key: SQLValue?, limit: Int, in db: any SQLExecutor,
        _ body: @escaping @Sendable (SQLCells) throws -> Void
    ) async throws {
        let (sql, binds) = try batch(request, after: key, limit: limit, dialect: db.dialect)
        try await db.scan(sql, binds, body)
    }

    private func batch(_ request: ListRequest, after key: SQLValue?, limit: Int, dialect: SQLDialect) throws -> (
        String, [SQLValue]
    ) {
        var (condition, binds) = try condition(request, dialect: dialect)
        let (from, tieBreaker) = source(dialect)
        if let key {
            condition += " AND \(tieBreaker) > ?"
            binds.append(key)
        }
        let sql =
            "SELECT \(tieBreaker) AS list_key, \(columns) FROM \(from) WHERE \(condition) ORDER BY \(tieBreaker) LIMIT ?"
        return (sql, binds + [.int(Int64(limit))])
    }

    static func placeholders(in sql: String) -> Int { sql.reduce(0) { $0 + ($1 == "?" ? 1 : 0) } }

    static func list(_ column: String, count: Int) -> String {
        "\(column) IN (\(Array(repeating: "?", count: count).joined(separator: ", ")))"
    }

    static func escapeLike(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out
    }

    static func bind(_ text: String, _ filter: ListFilter) throws -> SQLValue {
        switch filter.value {
        case .text: return .text(text)
        case .upperText: return .text(text.uppercased())
        case .bool: return .bool(text == "true")
        case .integer:
            guard let number = Double(text), number.rounded() == number, abs(number) < 9.0e15 else {
                throw ListQueryError(field: filter.parameter, message: "must be a whole number")
            }
            return .int(Int64(number))
        case .instant:
            guard let date = ISO8601.parse(text) else {
                throw ListQueryError(field: filter.parameter, message: "must be a date-time")
            }
            return .instant(date)
        }
    }
}
