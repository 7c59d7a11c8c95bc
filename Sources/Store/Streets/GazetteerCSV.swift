import Domain
import Foundation

/// A line of a gazetteer file that cannot be imported, and why.
public struct RejectedLine: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { "line \(line): \(reason)" }
}

/// The gazetteer CSV layout (docs/gazetteer.md): a header row naming the columns below, in any
/// order, then one street per record.
public enum GazetteerCSV {
    public static let columns = [
        "usrn", "street_name", "town", "area", "road_category", "ha_swa_code", "street_state",
        "reinstatement_type_code", "geometry_wkt",
        "traffic_sensitive", "ts_periodicity_code", "ts_start_time", "ts_end_time", "ts_description",
        "special_engineering_difficulty", "sed_description", "sed_location_text",
        "protected_street", "ps_description", "interested_swa_codes",
    ]
    /// Columns that may be left out of the header (all designation columns, and interests).
    public static let optionalColumns = Set(columns.dropFirst(9))

    /// R-VAL-13 lengths.
    static let maximumDescription = 300
    static let maximumLocationText = 255
    static let maximumName = 100
    /// The periodicity codes of the contract's `AdditionalSpecialDesignationsPeriodicityCodeResponse`.
    static let periodicityCodes: Set<Int> = [1, 2, 3, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]

    /// Every street of the file, or every line that is wrong (nothing is half-read).
    public static func parse(_ data: some Collection<UInt8>) -> Result<[Street], ParseFailure> {
        let records = CSVReader.records(data)
        guard let header = records.first else {
            return .failure(
                ParseFailure([RejectedLine(line: 1, reason: "the file is empty (a header row is required)")]))
        }
        if let error = header.error { return .failure(ParseFailure([RejectedLine(line: header.line, reason: error)])) }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var problems: [String] = []
        let unknown = names.filter { !columns.contains($0) }
        if !unknown.isEmpty { problems.append("unknown column(s) \(unknown.joined(separator: ", "))") }
        let missing = columns.filter { !names.contains($0) && !optionalColumns.contains($0) }
        if !missing.isEmpty { problems.append("missing column(s) \(missing.joined(separator: ", "))") }
        let repeated = Set(names.filter { name in names.filter { $0 == name }.count > 1 })
        if !repeated.isEmpty { problems.append("repeated column(s) \(repeated.sorted().joined(separator: ", "))") }
        if !problems.isEmpty {
            return .failure(
                ParseFailure([RejectedLine(line: header.line, reason: "header: " + problems.joined(separator: "; "))]))
        }

        var streets: [Street] = []
        var rejected: [RejectedLine] = []
        var firstLine: [Int: Int] = [:]
        for record in records.dropFirst() {
            if let error = record.error {
                rejected.append(RejectedLine(line: record.line, reason: error))
                continue
            }
            guard record.fields.count == names.count else {
                rejected.append(
                    RejectedLine(
                        line: record.line, reason: "has \(record.fields.count) fields, the header has \(names.count)"))
                continue
            }
            var row = Row(values: Dictionary(uniqueKeysWithValues: zip(names, record.fields)))
            switch row.street() {
            case .success(let street):
                if let earlier = firstLine[street.usrn] {
                    rejected.append(
                        RejectedLine(line: record.line, reason: "usrn \(street.usrn) is already on line \(earlier)"))
                } else {
                    firstLine[street.usrn] = record.line
                    streets.append(street)
                }
            case .failure(let reasons):
                rejected.append(RejectedLine(line: record.line, reason: reasons.messages.joined(separator: "; ")))
            }
        }
        return rejected.isEmpty ? .success(streets) : .failure(ParseFailure(rejected))
    }

    public struct ParseFailure: Error, Sendable, CustomStringConvertible {
        public var rejected: [RejectedLine]
        init(_ rejected: [RejectedLine]) { self.rejected = rejected }
        public var description: String { rejected.map(\.description).joined(separator: "\n") }
    }

    struct Reasons: Error {
        var messages: [String]
    }
}

/// One record's fields by column name, turned into a street with every problem collected.
private struct Row {
    let values: [String: String]
    var problems: [String] = []

    init(values: [String: String]) { self.values = values }

    func text(_ column: String) -> String { (values[column] ?? "").trimmingCharacters(in: .whitespaces) }

    func optional(_ column: String) -> String? {
        let value = text(column)
        return value.isEmpty ? nil : value
    }

    mutating func required(_ column: String, maximum: Int) -> String {
        let value = text(column)
        if value.isEmpty {
            problems.append("\(column) is required")
        } else if value.count > maximum {
            problems.append("\(column) must be at most \(maximum) characters")
        }
        return value
    }

    mutating func limited(_ column: String, maximum: Int) -> String? {
        let value = optional(column)
        if let value, value.count > maximum { problems.append("\(column) must be at most \(maximum) characters") }
        return value
    }

    mutating func integer(_ column: String, in range: ClosedRange<Int>, required: Bool = true) -> Int? {
        let value = text(column)
        if value.isEmpty {
            if required { problems.append("\(column) is required") }
            return nil
        }
        guard let number = Int(value), range.contains(number) else {
            problems.append(
                "\(column) must be a whole number from \(range.lowerBound) to \(range.upperBound) (got \"\(value)\")")
            return nil
        }
        return number
    }

    mutating func flag(_ column: String) -> Bool {
        switch text(column).uppercased() {
        case "", "N", "NO", "FALSE", "0": return false
        case "Y", "YES", "TRUE", "1": return true
        default:
            problems.append("\(column) must be Y or N (got \"\(text(column))\")")
            return false
        }
    }

    /// Fails when a designation's detail column is filled but its flag is not Y.
    mutating func onlyWith(_ flag: Bool, _ flagColumn: String, _ columns: [String]) {
        guard !flag else { return }
        let filled = columns.filter { optional($0) != nil }
        if !filled.isEmpty { problems.append("\(filled.joined(separator: ", ")) given but \(flagColumn) is not Y") }
    }

    mutating func street() -> Result<Street, GazetteerCSV.Reasons> {
        let usrn = integer("usrn", in: Street.usrnRange)
        let name = required("street_name", maximum: GazetteerCSV.maximumName)
        let town = required("town", maximum: GazetteerCSV.maximumName)
        let area = limited("area", maximum: GazetteerCSV.maximumName) ?? ""
        let roadCategory = integer("road_category", in: 0...10)
        let swaCode = text("ha_swa_code")
        if swaCode.count != 4 || !swaCode.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            problems.append("ha_swa_code must be 4 letters or digits (got \"\(swaCode)\")")
        }
        let state = integer("street_state", in: 1...5)
        let reinstatement = reinstatementTypes()
        var geometry: Geometry?
        let wkt = text("geometry_wkt")
        if wkt.isEmpty {
            problems.append("geometry_wkt is required")
        } else {
            do { geometry = try WKT.parse(wkt) } catch { problems.append("geometry_wkt: \(error)") }
        }
        let designations = self.designations()
        var interested: [String] = []
        for code in text("interested_swa_codes").split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) })
        where !code.isEmpty {
            if code.count != 4 || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                problems.append(
                    "interested_swa_codes must be SWA codes of 4 letters or digits separated by ; (got \"\(code)\")")
            } else if code.uppercased() != swaCode.uppercased(), !interested.contains(code.uppercased()) {
                interested.append(code.uppercased())
            }
        }

        guard problems.isEmpty, let usrn, let roadCategory, let state, let geometry else {
            return .failure(.init(messages: problems))
        }
        return .success(
            Street(
                usrn: usrn, name: name, town: town, area: area, roadCategory: roadCategory,
                authoritySWACode: swaCode.uppercased(), state: state, reinstatementTypeCodes: reinstatement,
                geometry: geometry, designations: designations, interestedParties: interested))
    }

    /// R-VAL-04: one or more of 1–10 separated by `;`; 0 is read as 5.
    mutating func reinstatementTypes() -> [Int] {
        let value = text("reinstatement_type_code")
        guard !value.isEmpty else {
            problems.append("reinstatement_type_code is required")
            return []
        }
        var codes: [Int] = []
        for part in value.split(separator: ";", omittingEmptySubsequences: false) {
            let item = part.trimmingCharacters(in: .whitespaces)
            guard let code = Int(item), (0...10).contains(code) else {
                problems.append("reinstatement_type_code \"\(item)\" is not a supported type (1–10; 0 is read as 5)")
                continue
            }
            let stored = code == 0 ? 5 : code
            if !codes.contains(stored) { codes.append(stored) }
        }
        return codes
    }

    mutating func designations() -> [SpecialDesignation] {
        var result: [SpecialDesignation] = []
        let trafficSensitive = flag("traffic_sensitive")
        onlyWith(
            trafficSensitive, "traffic_sensitive",
            ["ts_periodicity_code", "ts_start_time", "ts_end_time", "ts_description"])
        if trafficSensitive {
            let periodicity = integer("ts_periodicity_code", in: 1...16, required: false)
            if let periodicity, !GazetteerCSV.periodicityCodes.contains(periodicity) {
                problems.append("ts_periodicity_code \(periodicity) is not an NSG periodicity code (1, 2, 3, 7–16)")
            }
            let start = integer("ts_start_time", in: 0...2400, required: false)
            let end = integer("ts_end_time", in: 0...2400, required: false)
            if (text("ts_start_time").isEmpty) != (text("ts_end_time").isEmpty) {
                problems.append("ts_start_time and ts_end_time are given together or not at all")
            }
            result.append(
                SpecialDesignation(
                    code: SpecialDesignation.trafficSensitive,
                    description: limited("ts_description", maximum: GazetteerCSV.maximumDescription),
                    periodicityCode: periodicity, startTime: start, endTime: end))
        }
        let sed = flag("special_engineering_difficulty")
        onlyWith(sed, "special_engineering_difficulty", ["sed_description", "sed_location_text"])
        if sed {
            let location = limited("sed_location_text", maximum: GazetteerCSV.maximumLocationText)
            result.append(
                SpecialDesignation(
                    code: SpecialDesignation.specialEngineeringDifficulty,
                    description: limited("sed_description", maximum: GazetteerCSV.maximumDescription),
                    locationText: location, wholeRoad: location == nil))
        }
        let protected = flag("protected_street")
        onlyWith(protected, "protected_street", ["ps_description"])
        if protected {
            result.append(
                SpecialDesignation(
                    code: SpecialDesignation.protectedStreet,
                    description: limited("ps_description", maximum: GazetteerCSV.maximumDescription)))
        }
        return result
    }
}
