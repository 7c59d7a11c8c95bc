import Domain
import Foundation

/// The street gazetteer. Reads return only streets the service supports (states 1 and 2,
/// R-VAL-04); streets in other states are kept but behave as unknown.
public struct StreetRepository: Sendable {
    let db: any SQLExecutor

    public init(_ db: any SQLExecutor) { self.db = db }

    static let columns =
        "usrn, street_name, town, area, road_category, ha_swa_code, street_state, reinstatement_type_codes, geometry_wkt"
    static let supported = "street_state IN (1, 2)"

    public func street(_ usrn: Int) async throws -> Street? {
        try await streets(usrns: [usrn]).first
    }

    /// The known streets among `usrns`, in the order asked.
    public func streets(usrns: [Int]) async throws -> [Street] {
        guard !usrns.isEmpty else { return [] }
        let found = try await load(
            "SELECT \(Self.columns) FROM streets WHERE usrn IN (\(Self.placeholders(usrns.count))) AND \(Self.supported)",
            usrns.map { .int(Int64($0)) })
        let byUSRN = Dictionary(found.map { ($0.usrn, $0) }, uniquingKeysWith: { a, _ in a })
        return usrns.compactMap { byUSRN[$0] }
    }

    /// Streets whose name, area, town or USRN contain every word of `text` (case-insensitive);
    /// names starting with the text come first, then by name, town and USRN.
    public func search(_ text: String, limit: Int) async throws -> [Street] {
        let words = text.lowercased().split(whereSeparator: \.isWhitespace).prefix(8).map(String.init)
        guard !words.isEmpty else { return [] }
        var sql = "SELECT \(Self.columns) FROM streets WHERE \(Self.supported)"
        var binds: [SQLValue] = []
        for word in words {
            sql += " AND search_text LIKE ? ESCAPE '\\'"
            binds.append(.text("%\(Self.escapeLike(word))%"))
        }
        sql += " ORDER BY CASE WHEN name_lower LIKE ? ESCAPE '\\' THEN 0 ELSE 1 END, name_lower, town, usrn LIMIT ?"
        binds += [.text(Self.escapeLike(words.joined(separator: " ")) + "%"), .int(Int64(limit))]
        return try await load(sql, binds)
    }

    /// Streets within `metres` of a point, nearest first.
    public func streets(near point: [Double], within metres: Double) async throws -> [Street] {
        let (e, n) = (point[0], point[1])
        let candidates = try await load(
            """
            SELECT \(Self.columns) FROM streets WHERE \(Self.supported)
            AND min_easting <= ? AND max_easting >= ? AND min_northing <= ? AND max_northing >= ?
            """,
            [.double(e + metres), .double(e - metres), .double(n + metres), .double(n - metres)])
        return candidates.map { ($0, $0.geometry.distance(to: point)) }
            .filter { $0.1 <= metres }
            .sorted { ($0.1, $0.0.usrn) < ($1.1, $1.0.usrn) }
            .map(\.0)
    }

    /// All streets, whatever their state.
    public func count() async throws -> Int {
        try await db.first("SELECT COUNT(*) AS n FROM streets")?.int("n") ?? 0
    }

    /// Which of `usrns` are in the gazetteer, whatever their state.
    public func existing(_ usrns: [Int]) async throws -> Set<Int> {
        guard !usrns.isEmpty else { return [] }
        let rows = try await db.query(
            "SELECT usrn FROM streets WHERE usrn IN (\(Self.placeholders(usrns.count)))", usrns.map { .int(Int64($0)) })
        return Set(rows.compactMap { $0.int("usrn") })
    }

    // MARK: writing

    static let writeColumns = [
        "usrn", "street_name", "name_lower", "town", "area", "search_text", "road_category", "ha_swa_code",
        "street_state", "reinstatement_type_codes", "geometry_wkt", "min_easting", "min_northing", "max_easting",
        "max_northing", "traffic_sensitive", "updated_at",
    ]
    static let designationColumns = [
        "usrn", "sequence", "code", "description", "location_text", "periodicity_code", "start_time", "end_time",
        "whole_road",
    ]
    /// Rows per statement: 50 × 17 binds stays under SQLite's oldest limit of 999.
    static let batchSize = 50

    /// Inserts the streets, or replaces those whose USRN exists (designations included).
    public func upsert(_ streets: [Street], at now: Date) async throws {
        for start in stride(from: 0, to: streets.count, by: Self.batchSize) {
            let batch = Array(streets[start..<min(start + Self.batchSize, streets.count)])
            let row = "(" + Self.placeholders(Self.writeColumns.count) + ")"
            let updates = Self.writeColumns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
            try await db.query(
                """
                INSERT INTO streets (\(Self.writeColumns.joined(separator: ", ")))
                VALUES \(Array(repeating: row, count: batch.count).joined(separator: ", "))
                ON CONFLICT (usrn) DO UPDATE SET \(updates)
                """,
                batch.flatMap { Self.binds($0, now: now) })
            try await db.query(
                "DELETE FROM street_designations WHERE usrn IN (\(Self.placeholders(batch.count)))",
                batch.map { .int(Int64($0.usrn)) })
            try await db.query(
                "DELETE FROM street_interests WHERE usrn IN (\(Self.placeholders(batch.count)))",
                batch.map { .int(Int64($0.usrn)) })
            let interests = batch.flatMap { street in street.interestedParties.map { (street.usrn, $0) } }
            if !interests.isEmpty {
                try await db.query(
                    "INSERT INTO street_interests (usrn, swa_code) VALUES \(Array(repeating: "(?, ?)", count: interests.count).joined(separator: ", "))",
                    interests.flatMap { [SQLValue.int(Int64($0.0)), .text($0.1)] })
            }
            let designations = batch.flatMap { street in
                street.designations.enumerated().map { Self.binds($1, usrn: street.usrn, sequence: $0 + 1) }
            }
            if !designations.isEmpty {
                let row = "(" + Self.placeholders(Self.designationColumns.count) + ")"
                try await db.query(
                    """
                    INSERT INTO street_designations (\(Self.designationColumns.joined(separator: ", ")))
                    VALUES \(Array(repeating: row, count: designations.count).joined(separator: ", "))
                    """,
                    designations.flatMap { $0 })
            }
        }
    }

    static func binds(_ s: Street, now: Date) -> [SQLValue] {
        let bounds = s.geometry.bounds
        let search = "\(s.name) \(s.area) \(s.town) \(s.usrn)".lowercased()
        return [
            .int(Int64(s.usrn)), .text(s.name), .text(s.name.lowercased()), .text(s.town), .text(s.area),
            .text(search), .int(Int64(s.roadCategory)), .text(s.authoritySWACode), .int(Int64(s.state)),
            .text(s.reinstatementTypeCodes.map(String.init).joined(separator: ";")), .text(WKT.format(s.geometry)),
            .double(bounds.minEasting), .double(bounds.minNorthing), .double(bounds.maxEasting),
            .double(bounds.maxNorthing), .bool(s.isTrafficSensitive), .instant(now),
        ]
    }

    static func binds(_ d: SpecialDesignation, usrn: Int, sequence: Int) -> [SQLValue] {
        [
            .int(Int64(usrn)), .int(Int64(sequence)), .int(Int64(d.code)), .optional(d.description),
            .optional(d.locationText), .optional(d.periodicityCode), .optional(d.startTime), .optional(d.endTime),
            .bool(d.wholeRoad),
        ]
    }

    // MARK: reading

    func load(_ sql: String, _ binds: [SQLValue]) async throws -> [Street] {
        var streets = try await db.query(sql, binds).map(Self.street(from:))
        guard !streets.isEmpty else { return [] }
        let rows = try await db.query(
            """
            SELECT \(Self.designationColumns.joined(separator: ", ")) FROM street_designations
            WHERE usrn IN (\(Self.placeholders(streets.count))) ORDER BY usrn, sequence
            """,
            streets.map { .int(Int64($0.usrn)) })
        var designations: [Int: [SpecialDesignation]] = [:]
        for row in rows {
            designations[try row.requireInt("usrn"), default: []].append(
                SpecialDesignation(
                    code: try row.requireInt("code"), description: row.string("description"),
                    locationText: row.string("location_text"), periodicityCode: row.int("periodicity_code"),
                    startTime: row.int("start_time"), endTime: row.int("end_time"),
                    wholeRoad: row.bool("whole_road") ?? true))
        }
        var interests: [Int: [String]] = [:]
        for row in try await db.query(
            "SELECT usrn, swa_code FROM street_interests WHERE usrn IN (\(Self.placeholders(streets.count))) ORDER BY usrn, swa_code",
            streets.map { .int(Int64($0.usrn)) })
        {
            interests[try row.requireInt("usrn"), default: []].append(try row.requireString("swa_code"))
        }
        for index in streets.indices {
            streets[index].designations = designations[streets[index].usrn] ?? []
            streets[index].interestedParties = interests[streets[index].usrn] ?? []
        }
        return streets
    }

    static func street(from row: SQLRow) throws -> Street {
        Street(
            usrn: try row.requireInt("usrn"), name: try row.requireString("street_name"),
            town: try row.requireString("town"), area: row.string("area") ?? "",
            roadCategory: try row.requireInt("road_category"), authoritySWACode: try row.requireString("ha_swa_code"),
            state: try row.requireInt("street_state"),
            reinstatementTypeCodes: (row.string("reinstatement_type_codes") ?? "").split(separator: ";").compactMap {
                Int($0)
            },
            geometry: try WKT.parse(try row.requireString("geometry_wkt")))
    }

    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    /// `%`, `_` and `\` match themselves (with `ESCAPE '\'`).
    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
