import Domain
import Foundation

/// A fixed penalty notice as stored (R-FPN-01 … R-FPN-08).
public struct FPNRow: Sendable, Hashable {
    public var reference: String
    public var workReferenceNumber: String
    public var sequence: Int
    public var promoterSWACode: String
    public var highwayAuthoritySWACode: String
    public var workstreamPrefix: String
    public var permitReferenceNumber: String?
    /// Where the offence was: the works' location description when it was issued.
    public var location: String
    public var streetName: String
    public var usrn: Int
    public var offenceCode: OffenceCode
    public var offenceDate: Date
    public var offenceDetails: String
    public var authorisedOfficer: String
    public var officerContactDetails: String
    public var officerAddress: String
    public var representationsContact: String
    public var representationsContactAddress: String
    public var paymentMethods: [PaymentMethod]
    public var evidence: Bool
    public var status: FPNStatus
    public var statusReason: String?
    public var issueDateTime: Date
    public var statusChangedDate: Date
    public var issuedBy: String
    public var deletedAt: Date?

    public init(
        reference: String, workReferenceNumber: String, sequence: Int, promoterSWACode: String,
        highwayAuthoritySWACode: String, workstreamPrefix: String, permitReferenceNumber: String?, location: String,
        streetName: String, usrn: Int, offenceCode: OffenceCode, offenceDate: Date, offenceDetails: String,
        authorisedOfficer: String, officerContactDetails: String, officerAddress: String,
        representationsContact: String, representationsContactAddress: String, paymentMethods: [PaymentMethod],
        evidence: Bool, status: FPNStatus, statusReason: String?, issueDateTime: Date, statusChangedDate: Date,
        issuedBy: String, deletedAt: Date? = nil
    ) {
        self.reference = reference
        self.workReferenceNumber = workReferenceNumber
        self.sequence = sequence
        self.promoterSWACode = promoterSWACode
        self.highwayAuthoritySWACode = highwayAuthoritySWACode
        self.workstreamPrefix = workstreamPrefix
        self.permitReferenceNumber = permitReferenceNumber
        self.location = location
        self.streetName = streetName
        self.usrn = usrn
        self.offenceCode = offenceCode
        self.offenceDate = offenceDate
        self.offenceDetails = offenceDetails
        self.authorisedOfficer = authorisedOfficer
        self.officerContactDetails = officerContactDetails
        self.officerAddress = officerAddress
        self.representationsContact = representationsContact
        self.representationsContactAddress = representationsContactAddress
        self.paymentMethods = paymentMethods
        self.evidence = evidence
        self.status = status
        self.statusReason = statusReason
        self.issueDateTime = issueDateTime
        self.statusChangedDate = statusChangedDate
        self.issuedBy = issuedBy
        self.deletedAt = deletedAt
    }
}

/// Fixed penalty notices.
public struct FPNRepository: Sendable {
    let db: any SQLExecutor

    public init(_ db: any SQLExecutor) { self.db = db }

    static let columns =
        "fpn_reference_number, work_reference_number, sequence, promoter_swa_code, highway_authority_swa_code, workstream_prefix, permit_reference_number, location, street_name, usrn, offence_code, offence_date, offence_details, authorised_officer, officer_contact_details, officer_address, representations_contact, representations_contact_address, payment_methods, fpn_evidence, fpn_status, status_reason, issue_date_time, status_changed_date, issued_by, deleted_at"
    static let columnCount = 26

    /// A works record's notices not deleted, newest first (`GET /works/{wrn}`).
    static let ofWork =
        "SELECT \(columns) FROM fixed_penalty_notices WHERE work_reference_number = ? AND deleted_at IS NULL ORDER BY sequence DESC"

    static func columns(as alias: String) -> String {
        columns.split(separator: ",").map { "\(alias).\($0.trimmingCharacters(in: .whitespaces))" }
            .joined(separator: ", ")
    }

    public func insert(_ f: FPNRow) async throws {
        try await db.query(
            "INSERT INTO fixed_penalty_notices (\(Self.columns)) VALUES (\(SQL.placeholders(Self.columnCount)))",
            [
                .text(f.reference), .text(f.workReferenceNumber), .int(Int64(f.sequence)), .text(f.promoterSWACode),
                .text(f.highwayAuthoritySWACode), .text(f.workstreamPrefix), .optional(f.permitReferenceNumber),
                .text(f.location), .text(f.streetName), .int(Int64(f.usrn)), .text(f.offenceCode.rawValue),
                .instant(f.offenceDate), .text(f.offenceDetails), .text(f.authorisedOfficer),
                .text(f.officerContactDetails), .text(f.officerAddress), .text(f.representationsContact),
                .text(f.representationsContactAddress), .text(Self.methodsText(f.paymentMethods)), .bool(f.evidence),
                .text(f.status.rawValue), .optional(f.statusReason), .instant(f.issueDateTime),
                .instant(f.statusChangedDate), .text(f.issuedBy), .optionalInstant(f.deletedAt),
            ])
    }

    /// Writes back the status, its reason and date, and the deletion (nothing else changes).
    public func update(_ f: FPNRow) async throws {
        try await db.query(
            """
            UPDATE fixed_penalty_notices SET fpn_status = ?, status_reason = ?, status_changed_date = ?, deleted_at = ?
            WHERE fpn_reference_number = ?
            """,
            [
                .text(f.status.rawValue), .optional(f.statusReason), .instant(f.statusChangedDate),
                .optionalInstant(f.deletedAt), .text(f.reference),
            ])
    }

    /// The notice `reference` of the works record `work`, unless deleted.
    public func fpn(_ reference: String, ofWork work: String) async throws -> FPNRow? {
        guard
            let row = try await db.first(
                "SELECT \(Self.columns) FROM fixed_penalty_notices WHERE fpn_reference_number = ? AND deleted_at IS NULL",
                .text(reference)
            ).map(Self.row(from:)), row.workReferenceNumber == work
        else { return nil }
        return row
    }

    /// The notices of a works record that are not deleted, in number order.
    public func fpns(ofWork work: String) async throws -> [FPNRow] {
        try await db.query(
            "SELECT \(Self.columns) FROM fixed_penalty_notices WHERE work_reference_number = ? AND deleted_at IS NULL ORDER BY sequence",
            [.text(work)]
        ).map(Self.row(from:))
    }

    /// The highest number given on the works record, deleted notices included (0 when none).
    public func lastSequence(ofWork work: String) async throws -> Int {
        try await db.first(
            "SELECT MAX(sequence) AS last FROM fixed_penalty_notices WHERE work_reference_number = ?", .text(work)
        )?.int("last") ?? 0
    }

    /// Payment methods as stored: their wire values, comma-separated, in the order sent.
    static func methodsText(_ methods: [PaymentMethod]) -> String { methods.map(\.rawValue).joined(separator: ",") }

    static func methods(from text: String) throws -> [PaymentMethod] {
        try text.split(separator: ",").map {
            guard let method = PaymentMethod(rawValue: String($0)) else {
                throw StoreError.unknownValue(column: "payment_methods", value: String($0))
            }
            return method
        }
    }

    static func row(from row: SQLRow) throws -> FPNRow {
        FPNRow(
            reference: try row.requireString("fpn_reference_number"),
            workReferenceNumber: try row.requireString("work_reference_number"),
            sequence: try row.requireInt("sequence"), promoterSWACode: try row.requireString("promoter_swa_code"),
            highwayAuthoritySWACode: try row.requireString("highway_authority_swa_code"),
            workstreamPrefix: try row.requireString("workstream_prefix"),
            permitReferenceNumber: row.string("permit_reference_number"), location: try row.requireString("location"),
            streetName: try row.requireString("street_name"), usrn: try row.requireInt("usrn"),
            offenceCode: try row.value("offence_code"), offenceDate: try row.requireInstant("offence_date"),
            offenceDetails: try row.requireString("offence_details"),
            authorisedOfficer: try row.requireString("authorised_officer"),
            officerContactDetails: try row.requireString("officer_contact_details"),
            officerAddress: try row.requireString("officer_address"),
            representationsContact: try row.requireString("representations_contact"),
            representationsContactAddress: try row.requireString("representations_contact_address"),
            paymentMethods: try methods(from: try row.requireString("payment_methods")),
            evidence: try row.requireBool("fpn_evidence"), status: try row.value("fpn_status"),
            statusReason: row.string("status_reason"), issueDateTime: try row.requireInstant("issue_date_time"),
            statusChangedDate: try row.requireInstant("status_changed_date"),
            issuedBy: try row.requireString("issued_by"), deletedAt: row.instant("deleted_at"))
    }
}

extension FPNRow {
    /// `GET /reporting/fixed-penalty-notices` and its export (R-FPN, R-DATA-01): the notices the
    /// caller sees (the promoter's, within its workstream grants; the highway authority's own),
    /// deleted ones never. `start_date` / `end_date` bound the issue date, `status_changed_date_*`
    /// the last status change; `organisation` is a SWA code of either side. Newest first by
    /// default; `sort_column` `issue_date_time` or `status_changed_date`.
    public static let list = ListDescription<FPNRow>(
        from: "fixed_penalty_notices f", columns: FPNRepository.columns(as: "f"),
        filters: [
            ListFilter("status", "f.fpn_status", .anyOf),
            ListFilter("offence_code", "f.offence_code", .anyOf),
            ListFilter("start_date", "f.issue_date_time", .from, .instant),
            ListFilter("end_date", "f.issue_date_time", .to, .instant),
            ListFilter("status_changed_date_from", "f.status_changed_date", .from, .instant),
            ListFilter("status_changed_date_to", "f.status_changed_date", .to, .instant),
            ListFilter(
                "organisation", "", .condition("(f.promoter_swa_code = ? OR f.highway_authority_swa_code = ?)", uses: 2)
            ),
            ListFilter("street_descriptor", "f.street_name", .contains),
            ListFilter("usrn", "f.usrn", .equals, .integer),
            ListFilter("work_reference_number", "f.work_reference_number", .equals, .upperText),
            ListFilter(
                "geographical_area_reference_number", "",
                .unsupported("geographical areas (R-VAL-14) are not built yet")),
        ],
        sorts: ["issue_date_time": "f.issue_date_time", "status_changed_date": "f.status_changed_date"],
        defaultSort: "f.issue_date_time", tieBreaker: "f.fpn_reference_number",
        promoterColumn: "f.promoter_swa_code", highwayAuthorityColumn: "f.highway_authority_swa_code",
        workstreamColumn: "f.workstream_prefix", restriction: "f.deleted_at IS NULL",
        decode: FPNRepository.row(from:))
}
