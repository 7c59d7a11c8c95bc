import Domain
import Foundation

/// A rectangle in British National Grid metres.
public struct Bounds: Sendable, Hashable {
    public var minEasting: Double
    public var minNorthing: Double
    public var maxEasting: Double
    public var maxNorthing: Double

    public init(minEasting: Double, minNorthing: Double, maxEasting: Double, maxNorthing: Double) {
        self.minEasting = minEasting
        self.minNorthing = minNorthing
        self.maxEasting = maxEasting
        self.maxNorthing = maxNorthing
    }
}

/// A works record as stored.
public struct WorkRow: Sendable, Hashable {
    public var workReferenceNumber: String
    public var promoterSWACode: String
    public var highwayAuthoritySWACode: String
    public var workstreamPrefix: String
    public var usrn: Int
    public var streetName: String
    public var town: String?
    public var areaName: String?
    public var roadCategory: Int
    /// GeoJSON geometry, as JSON text.
    public var worksCoordinates: String
    /// The geometry's bounding box (the map's spatial index, R-DATA-03).
    public var bounds: Bounds?
    public var workStatus: WorkStatus
    public var activePermitReferenceNumber: String?
    public var permitCount: Int
    /// R-SITE: the promoter has registered the final reinstatement of the works.
    public var finalReinstatement: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        workReferenceNumber: String, promoterSWACode: String, highwayAuthoritySWACode: String, workstreamPrefix: String,
        usrn: Int, streetName: String, town: String?, areaName: String?, roadCategory: Int, worksCoordinates: String,
        bounds: Bounds? = nil, workStatus: WorkStatus, activePermitReferenceNumber: String?, permitCount: Int,
        finalReinstatement: Bool = false, createdAt: Date, updatedAt: Date
    ) {
        self.workReferenceNumber = workReferenceNumber
        self.promoterSWACode = promoterSWACode
        self.highwayAuthoritySWACode = highwayAuthoritySWACode
        self.workstreamPrefix = workstreamPrefix
        self.usrn = usrn
        self.streetName = streetName
        self.town = town
        self.areaName = areaName
        self.roadCategory = roadCategory
        self.worksCoordinates = worksCoordinates
        self.bounds = bounds
        self.workStatus = workStatus
        self.activePermitReferenceNumber = activePermitReferenceNumber
        self.permitCount = permitCount
        self.finalReinstatement = finalReinstatement
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A works record with its latest permits and history, as `GET /works/{wrn}` shows it.
public struct WorkView: Sendable {
    public var work: WorkRow
    /// Newest first.
    public var permits: [PermitRow]
    /// Newest first.
    public var history: [HistoryEntry]
    /// The forward plan that made the record, if one did (R-FP-05).
    public var forwardPlan: ForwardPlanRow? = nil
    /// The change requests of the active permit, oldest first (R-CR).
    public var activeChangeRequests: [ChangeRequestRow] = []
    /// The active permit's latest ancillary information, oldest first (R-PERMIT-24).
    public var activeAncillaryInfo: [AncillaryInfoRow] = []
    /// The latest inspections, newest first; the scheduled inspection; the non-compliances,
    /// oldest first; what a historic record holds (R-INSP, R-NC).
    public var inspections: [InspectionRow] = []
    public var scheduledInspection: ScheduledInspectionRow? = nil
    public var nonCompliances: [NonComplianceRow] = []
    public var historic: HistoricWorkRow? = nil
    /// Its fixed penalty notices, newest first (R-FPN), and the files attached to the record
    /// itself, in upload order (D-FILES).
    public var fpns: [FPNRow] = []
    public var files: [FileRow] = []
    /// Its open sample inspections (R-SAMP-08), in reference order.
    public var samples: [SampleInspectionRow] = []
}

/// Works records.
public struct WorkRepository: Sendable {
    let db: any SQLExecutor

    public init(_ db: any SQLExecutor) { self.db = db }

    static let columns =
        "work_reference_number, promoter_swa_code, highway_authority_swa_code, workstream_prefix, usrn, street_name, town, area_name, road_category, works_coordinates, work_status, active_permit_reference_number, permit_count, final_reinstatement, created_at, updated_at, min_easting, min_northing, max_easting, max_northing"

    static func binds(_ w: WorkRow) -> [SQLValue] {
        [
            .text(w.workReferenceNumber), .text(w.promoterSWACode), .text(w.highwayAuthoritySWACode),
            .text(w.workstreamPrefix), .int(Int64(w.usrn)), .text(w.streetName), .optional(w.town),
            .optional(w.areaName), .int(Int64(w.roadCategory)), .text(w.worksCoordinates), .text(w.workStatus.rawValue),
            .optional(w.activePermitReferenceNumber), .int(Int64(w.permitCount)), .bool(w.finalReinstatement),
            .instant(w.createdAt), .instant(w.updatedAt), w.bounds.map { .double($0.minEasting) } ?? .null,
            w.bounds.map { .double($0.minNorthing) } ?? .null, w.bounds.map { .double($0.maxEasting) } ?? .null,
            w.bounds.map { .double($0.maxNorthing) } ?? .null,
        ]
    }

    static let columnCount = 20

    public func insert(_ w: WorkRow) async throws {
        try await db.query(
            "INSERT INTO works (\(Self.columns)) VALUES (\(SQL.placeholders(Self.columnCount)))", Self.binds(w))
    }

    /// Writes back every mutable column of a works record.
    public func update(_ w: WorkRow) async throws {
        try await db.query(
            """
            UPDATE works SET workstream_prefix = ?, work_status = ?, active_permit_reference_number = ?,
            permit_count = ?, final_reinstatement = ?, updated_at = ? WHERE work_reference_number = ?
            """,
            [
                .text(w.workstreamPrefix), .text(w.workStatus.rawValue), .optional(w.activePermitReferenceNumber),
                .int(Int64(w.permitCount)), .bool(w.finalReinstatement), .instant(w.updatedAt),
                .text(w.workReferenceNumber),
            ])
    }

    /// R-CR-06: a change moves the works' geometry; its box follows (the spatial index with it).
    public func updateGeometry(_ reference: String, coordinates: String, bounds: Bounds?) async throws {
        try await db.query(
            "UPDATE works SET works_coordinates = ?, min_easting = ?, min_northing = ?, max_easting = ?, max_northing = ? WHERE work_reference_number = ?",
            [
                .text(coordinates), bounds.map { .double($0.minEasting) } ?? .null,
                bounds.map { .double($0.minNorthing) } ?? .null, bounds.map { .double($0.maxEasting) } ?? .null,
                bounds.map { .double($0.maxNorthing) } ?? .null, .text(reference),
            ])
    }

    static let byReference = "SELECT \(columns) FROM works WHERE work_reference_number = ?"

    /// The active permit of the works record bound to `?` (a subquery for the permits' index).
    static let activePermit = "(SELECT active_permit_reference_number FROM works WHERE work_reference_number = ?)"

    /// The works record; `forUpdate` locks it for the rest of the transaction (PostgreSQL; SQLite
    /// has a single writer).
    public func work(_ reference: String, forUpdate: Bool = false) async throws -> WorkRow? {
        let lock = forUpdate && db.dialect == .postgres ? " FOR UPDATE" : ""
        return try await db.first(Self.byReference + lock, .text(reference)).map(Self.work(from:))
    }

    /// A works record with its latest permits and history (and its forward plan), read together
    /// (one trip and one snapshot on SQLite); with the open samples of `samplesOf`, a highway
    /// authority, when given (no one else sees them: not read for anyone else).
    public func view(_ reference: String, permits: Int = 50, history: Int = 50, samplesOf authority: String? = nil)
        async throws -> WorkView?
    {
        let samples = authority.map { [SQLStatement(SamplingRepository.openOfWork, [.text(reference), .text($0)])] }
        let results = try await db.read(
            [
                SQLStatement(Self.byReference, [.text(reference)]),
                SQLStatement(PermitRepository.ofWork, [.text(reference), .int(Int64(permits))]),
                SQLStatement(HistoryRepository.latest, [.text(reference), .int(Int64(history)), .int(0)]),
                SQLStatement(ForwardPlanRepository.ofWork, [.text(reference)]),
                SQLStatement(ChangeRequestRepository.ofPermit(Self.activePermit), [.text(reference)]),
                SQLStatement(AncillaryInfoRepository.ofPermit(Self.activePermit), [.text(reference)]),
                SQLStatement(InspectionRepository.ofWork, [.text(reference)]),
                SQLStatement(InspectionRepository.scheduledOfWork, [.text(reference)]),
                SQLStatement(InspectionRepository.nonCompliancesOfWork, [.text(reference)]),
                SQLStatement(InspectionRepository.historicOfWork, [.text(reference)]),
                SQLStatement(FPNRepository.ofWork, [.text(reference)]),
                SQLStatement(FileRepository.ofWork, [.text(reference)]),
            ] + (samples ?? []))
        guard let row = results[0].first else { return nil }
        return WorkView(
            work: try Self.work(from: row), permits: try results[1].map(PermitRepository.permit(from:)),
            history: try results[2].map(HistoryRepository.entry(from:)),
            forwardPlan: try results[3].first.map(ForwardPlanRepository.row(from:)),
            activeChangeRequests: try results[4].map(ChangeRequestRepository.row(from:)),
            activeAncillaryInfo: Array(try results[5].map(AncillaryInfoRepository.row(from:)).reversed()),
            inspections: try results[6].map(InspectionRepository.row(from:)),
            scheduledInspection: try results[7].first.map(InspectionRepository.scheduled(from:)),
            nonCompliances: try results[8].map(InspectionRepository.nonCompliance(from:)),
            historic: try results[9].first.map(InspectionRepository.historic(from:)),
            fpns: try results[10].map(FPNRepository.row(from:)),
            files: try results[11].map(FileRepository.row(from:)),
            samples: try (results.count > 12 ? results[12] : []).map(SamplingRepository.sample(from:)))
    }

    static func work(from row: SQLRow) throws -> WorkRow {
        var work = WorkRow(
            workReferenceNumber: try row.requireString("work_reference_number"),
            promoterSWACode: try row.requireString("promoter_swa_code"),
            highwayAuthoritySWACode: try row.requireString("highway_authority_swa_code"),
            workstreamPrefix: try row.requireString("workstream_prefix"),
            usrn: try row.requireInt("usrn"),
            streetName: try row.requireString("street_name"),
            town: row.string("town"),
            areaName: row.string("area_name"),
            roadCategory: try row.requireInt("road_category"),
            worksCoordinates: try row.requireString("works_coordinates"),
            workStatus: try row.value("work_status"),
            activePermitReferenceNumber: row.string("active_permit_reference_number"),
            permitCount: try row.requireInt("permit_count"),
            finalReinstatement: try row.requireBool("final_reinstatement"),
            createdAt: try row.requireInstant("created_at"),
            updatedAt: try row.requireInstant("updated_at"))
        if let minE = row.double("min_easting"), let minN = row.double("min_northing"),
            let maxE = row.double("max_easting"), let maxN = row.double("max_northing")
        {
            work.bounds = Bounds(minEasting: minE, minNorthing: minN, maxEasting: maxE, maxNorthing: maxN)
        }
        return work
    }

    /// Works records made before bounding boxes were kept (their geometry, to compute them from).
    public func withoutBounds(limit: Int) async throws -> [(reference: String, coordinates: String)] {
        try await db.query(
            "SELECT work_reference_number, works_coordinates FROM works WHERE min_easting IS NULL LIMIT ?",
            .int(Int64(limit))
        ).map { (try $0.requireString("work_reference_number"), try $0.requireString("works_coordinates")) }
    }

    public func setBounds(_ reference: String, _ b: Bounds) async throws {
        try await db.query(
            "UPDATE works SET min_easting = ?, min_northing = ?, max_easting = ?, max_northing = ? WHERE work_reference_number = ?",
            .double(b.minEasting), .double(b.minNorthing), .double(b.maxEasting), .double(b.maxNorthing),
            .text(reference))
    }
}

/// Small helpers for writing statements.
enum SQL {
    /// `?, ?, …` for `count` values.
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
