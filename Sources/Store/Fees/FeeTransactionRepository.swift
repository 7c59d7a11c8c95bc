import Domain
import Foundation

/// A chargeable transaction as recorded (R-FEE-02 … R-FEE-04): what arose, on which permit of
/// which works record, between which organisations, when, and the facts of that moment the fee
/// report shows (R-FEE-07).
public struct FeeTransactionRow: Sendable, Hashable {
    public var transaction: ChargeableTransaction
    public var date: Date
    public var workReferenceNumber: String
    public var promoterSWACode: String
    public var highwayAuthoritySWACode: String
    public var workstreamPrefix: String
    public var isStreetTrafficSensitive: Bool
    public var isWorksTrafficSensitive: Bool

    public init(
        transaction: ChargeableTransaction, date: Date, workReferenceNumber: String, promoterSWACode: String,
        highwayAuthoritySWACode: String, workstreamPrefix: String, isStreetTrafficSensitive: Bool,
        isWorksTrafficSensitive: Bool
    ) {
        self.transaction = transaction
        self.date = date
        self.workReferenceNumber = workReferenceNumber
        self.promoterSWACode = promoterSWACode
        self.highwayAuthoritySWACode = highwayAuthoritySWACode
        self.workstreamPrefix = workstreamPrefix
        self.isStreetTrafficSensitive = isStreetTrafficSensitive
        self.isWorksTrafficSensitive = isWorksTrafficSensitive
    }
}

/// The chargeable transactions: written in the works command that causes each, read by the fee
/// report.
public struct FeeTransactionRepository: Sendable {
    let db: any SQLExecutor

    public init(_ db: any SQLExecutor) { self.db = db }

    /// `report_order` is the transaction date in milliseconds times this, plus the row's id
    /// modulo this (migration 23): rows come in date order, those of one millisecond in the
    /// order they were recorded.
    public static let orderScale: Int64 = 1 << 20

    static let columns =
        "transaction_date, transaction_type, charge_key, permit_reference_number, work_reference_number, change_request_reference_number, progressed_paa_reference_number, promoter_swa_code, highway_authority_swa_code, workstream_prefix, work_category, previous_work_category, is_street_traffic_sensitive, is_works_traffic_sensitive"

    /// Records `row` in the caller's transaction; false when the charge was made already (a
    /// permit's own fee, or a change request's, arises once).
    @discardableResult
    public func record(_ row: FeeTransactionRow) async throws -> Bool {
        let t = row.transaction
        guard
            let id = try await db.first(
                """
                INSERT INTO fee_transactions (\(Self.columns)) VALUES (\(SQL.placeholders(14)))
                ON CONFLICT (permit_reference_number, charge_key) DO NOTHING RETURNING fee_transaction_id
                """,
                [
                    .instant(row.date), .text(t.type.rawValue), .text(t.chargeKey), .text(t.permitReferenceNumber),
                    .text(row.workReferenceNumber), .optional(t.changeRequestReferenceNumber),
                    .optional(t.progressedPAAReferenceNumber), .text(row.promoterSWACode),
                    .text(row.highwayAuthoritySWACode), .text(row.workstreamPrefix), .text(t.category.rawValue),
                    .optional(t.previousCategory?.rawValue), .bool(row.isStreetTrafficSensitive),
                    .bool(row.isWorksTrafficSensitive),
                ])?.int64("fee_transaction_id")
        else { return false }
        try await db.query(
            "UPDATE fee_transactions SET report_order = transaction_date * ? + fee_transaction_id % ? WHERE fee_transaction_id = ?",
            .int(Self.orderScale), .int(Self.orderScale), .int(id))
        return true
    }

    /// The category of the permit's latest charge; nil when it was never charged.
    public func chargedCategory(ofPermit reference: String) async throws -> WorkCategory? {
        try await db.first(
            "SELECT work_category FROM fee_transactions WHERE permit_reference_number = ? ORDER BY report_order DESC LIMIT 1",
            .text(reference)
        ).map { try $0.value("work_category") }
    }

    /// The transactions of the works record `reference`, in the order they arose.
    public func transactions(ofWork reference: String) async throws -> [FeeTransactionRow] {
        try await db.query(
            "SELECT \(Self.columns) FROM fee_transactions WHERE work_reference_number = ? ORDER BY report_order",
            .text(reference)
        ).map(Self.row(from:))
    }

    static func row(from row: SQLRow) throws -> FeeTransactionRow {
        FeeTransactionRow(
            transaction: ChargeableTransaction(
                type: try row.value("transaction_type"),
                permitReferenceNumber: try row.requireString("permit_reference_number"),
                changeRequestReferenceNumber: row.string("change_request_reference_number"),
                progressedPAAReferenceNumber: row.string("progressed_paa_reference_number"),
                category: try row.value("work_category"),
                previousCategory: try row.optionalValue("previous_work_category")),
            date: try row.requireInstant("transaction_date"),
            workReferenceNumber: try row.requireString("work_reference_number"),
            promoterSWACode: try row.requireString("promoter_swa_code"),
            highwayAuthoritySWACode: try row.requireString("highway_authority_swa_code"),
            workstreamPrefix: try row.requireString("workstream_prefix"),
            isStreetTrafficSensitive: try row.requireBool("is_street_traffic_sensitive"),
            isWorksTrafficSensitive: try row.requireBool("is_works_traffic_sensitive"))
    }
}

extension FeeTransactionRow {
    /// The fee report (R-FEE-07): the transactions the caller sees (a highway authority those on
    /// its streets; a promoter its own, within its workstream grants), dated between `start_date`
    /// and `end_date` (both included), with the permit and works record they are about as they
    /// are when the report runs. `promoter_swa_code_filter` and `highway_authority_swa_code_filter`
    /// narrow it to one other organisation (the fees export sets one from `swa_code_filter`).
    /// Read in date order (`report_order`), which the range bounds too.
    public static let report = ListDescription<FeeTransactionRow>(
        from: """
            fee_transactions f JOIN permits p ON p.permit_reference_number = f.permit_reference_number \
            JOIN works w ON w.work_reference_number = f.work_reference_number \
            LEFT JOIN change_requests cr ON cr.change_request_reference_number = f.change_request_reference_number
            """,
        columns: "f.\(FeeTransactionRepository.columns.replacingOccurrences(of: ", ", with: ", f."))",
        filters: [
            ListFilter(
                "start_date", "", .condition("f.report_order >= ? * \(FeeTransactionRepository.orderScale)", uses: 1),
                .instant),
            ListFilter(
                "end_date", "",
                .condition(
                    "f.report_order <= ? * \(FeeTransactionRepository.orderScale) + \(FeeTransactionRepository.orderScale - 1)",
                    uses: 1),
                .instant),
            ListFilter("promoter_swa_code_filter", "f.promoter_swa_code", .equals),
            ListFilter("highway_authority_swa_code_filter", "f.highway_authority_swa_code", .equals),
        ],
        sorts: [:], defaultSort: "f.report_order", tieBreaker: "f.report_order",
        promoterColumn: "f.promoter_swa_code", highwayAuthorityColumn: "f.highway_authority_swa_code",
        workstreamColumn: "f.workstream_prefix", defaultAscending: true, decode: FeeTransactionRepository.row(from:))
}
