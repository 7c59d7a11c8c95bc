import Domain
import Foundation

/// An ancillary information item of a permit as stored (R-PERMIT-24): what the promoter sent,
/// the box around its points (for the map), and its removal.
public struct AncillaryInfoRow: Sendable, Hashable {
    public var reference: String
    public var permitReferenceNumber: String
    public var workReferenceNumber: String
    public var sequence: Int
    public var promoterSWACode: String
    public var highwayAuthoritySWACode: String
    public var workstreamPrefix: String
    public var type: AncillaryInfoType
    public var status: AncillaryInfoStatus
    public var locationDescription: String?
    public var description: String
    /// The GeoJSON Points as sent, a JSON array.
    public var coordinates: String
    public var usrns: [Int]
    public var minEasting: Double
    public var minNorthing: Double
    public var maxEasting: Double
    public var maxNorthing: Double
    public var removalReason: String?
    public var dateCreated: Date
    public var dateRemoved: Date?

    public init(
        reference: String, permitReferenceNumber: String, workReferenceNumber: String, sequence: Int,
        promoterSWACode: String, highwayAuthoritySWACode: String, workstreamPrefix: String, type: AncillaryInfoType,
        status: AncillaryInfoStatus, locationDescription: String?, description: String, coordinates: String,
        usrns: [Int],
        bounds: (minEasting: Double, minNorthing: Double, maxEasting: Double, maxNorthing: Double),
        removalReason: String? = nil, dateCreated: Date, dateRemoved: Date? = nil
    ) {
        self.reference = reference
        self.permitReferenceNumber = permitReferenceNumber
        self.workReferenceNumber = workReferenceNumber
        self.sequence = sequence
        self.promoterSWACode = promoterSWACode
        self.highwayAuthoritySWACode = highwayAuthoritySWACode
        self.workstreamPrefix = workstreamPrefix
        self.type = type
        self.status = status
        self.locationDescription = locationDescription
        self.description = description
        self.coordinates = coordinates
        self.usrns = usrns
        self.minEasting = bounds.minEasting
        self.minNorthing = bounds.minNorthing
        self.maxEasting = bounds.maxEasting
        self.maxNorthing = bounds.maxNorthing
        self.removalReason = removalReason
        self.dateCreated = dateCreated
        self.dateRemoved = dateRemoved
    }
}

/// Ancillary information.
public struct AncillaryInfoRepository: Sendable {
    let db: any SQLExecutor

    public init(_ db: any SQLExecutor) { self.db = db }

    /// The most items a permit's answer lists (the v6 guide: "the latest 50").
    public static let permitSummaryLimit = 50

    static let columns =
        "ancillary_info_reference_number, permit_reference_number, work_reference_number, sequence, promoter_swa_code, highway_authority_swa_code, workstream_prefix, ancillary_info_type, ancillary_info_status, location_description, ancillary_info_description, ancillary_info_coordinates, usrns, min_easting, min_northing, max_easting, max_northing, ancillary_info_removal_reason, date_created, date_removed"
    static let columnCount = 20

    /// The latest items of a permit (at most `permitSummaryLimit`), newest first (the permit's
    /// read turns them round).
    /// The latest items of the permit `reference` names (a bound `?` by default, or a subquery),
    /// newest first.
    static func ofPermit(_ reference: String = "?") -> String {
        "SELECT \(columns) FROM ancillary_information WHERE permit_reference_number = \(reference) ORDER BY sequence DESC LIMIT \(permitSummaryLimit)"
    }

    public func insert(_ a: AncillaryInfoRow) async throws {
        try await db.query(
            "INSERT INTO ancillary_information (\(Self.columns)) VALUES (\(SQL.placeholders(Self.columnCount)))",
            [
                .text(a.reference), .text(a.permitReferenceNumber), .text(a.workReferenceNumber),
                .int(Int64(a.sequence)), .text(a.promoterSWACode), .text(a.highwayAuthoritySWACode),
                .text(a.workstreamPrefix), .text(a.type.rawValue), .text(a.status.rawValue),
                .optional(a.locationDescription), .text(a.description), .text(a.coordinates),
                .text(Self.usrnText(a.usrns)), .double(a.minEasting), .double(a.minNorthing), .double(a.maxEasting),
                .double(a.maxNorthing), .optional(a.removalReason), .instant(a.dateCreated),
                .optionalInstant(a.dateRemoved),
            ])
    }

    /// Writes back the status and the removal (nothing else of an item changes).
    public func update(_ a: AncillaryInfoRow) async throws {
        try await db.query(
            """
            UPDATE ancillary_information SET ancillary_info_status = ?, ancillary_info_removal_reason = ?,
            date_removed = ? WHERE ancillary_info_reference_number = ?
            """,
            [.text(a.status.rawValue), .optional(a.removalReason), .optionalInstant(a.dateRemoved), .text(a.reference)])
    }

    public func item(_ reference: String) async throws -> AncillaryInfoRow? {
        try await db.first(
            "SELECT \(Self.columns) FROM ancillary_information WHERE ancillary_info_reference_number = ?",
            .text(reference)
        ).map(Self.row(from:))
    }

    /// The highest number given to an item of the permit (0 when it has none).
    public func lastSequence(ofPermit reference: String) async throws -> Int {
        try await db.first(
            "SELECT MAX(sequence) AS last FROM ancillary_information WHERE permit_reference_number = ?",
            .text(reference)
        )?.int("last") ?? 0
    }

    /// The item `reference` of the permit `permit` of the works record `work`, read with the
    /// permit; nil when any is missing or they do not belong together.
    public func item(_ reference: String, ofPermit permit: String, ofWork work: String) async throws
        -> AncillaryInfoRow?
    {
        guard let item = try await item(reference), item.permitReferenceNumber == permit,
            item.workReferenceNumber == work
        else { return nil }
        return item
    }

    /// USRNs as stored: a JSON array of whole numbers.
    static func usrnText(_ usrns: [Int]) -> String { "[" + usrns.map(String.init).joined(separator: ",") + "]" }

    static func usrns(from text: String) -> [Int] {
        text.split(whereSeparator: { $0 == "[" || $0 == "]" || $0 == "," || $0 == " " }).compactMap { Int($0) }
    }

    static func row(from row: SQLRow) throws -> AncillaryInfoRow {
        func number(_ name: String) throws -> Double {
            guard let value = row.double(name) else { throw StoreError.missingColumn(name) }
            return value
        }
        return AncillaryInfoRow(
            reference: try row.requireString("ancillary_info_reference_number"),
            permitReferenceNumber: try row.requireString("permit_reference_number"),
            workReferenceNumber: try row.requireString("work_reference_number"),
            sequence: try row.requireInt("sequence"),
            promoterSWACode: try row.requireString("promoter_swa_code"),
            highwayAuthoritySWACode: try row.requireString("highway_authority_swa_code"),
            workstreamPrefix: try row.requireString("workstream_prefix"),
            type: try row.value("ancillary_info_type"),
            status: try row.value("ancillary_info_status"),
            locationDescription: row.string("location_description"),
            description: try row.requireString("ancillary_info_description"),
            coordinates: try row.requireString("ancillary_info_coordinates"),
            usrns: usrns(from: try row.requireString("usrns")),
            bounds: (
                try number("min_easting"), try number("min_northing"), try number("max_easting"),
                try number("max_northing")
            ),
            removalReason: row.string("ancillary_info_removal_reason"),
            dateCreated: try row.requireInstant("date_created"),
            dateRemoved: row.instant("date_removed"))
    }
}
