import Domain
import Foundation

/// A highway authority's fee matrix as stored (R-FEE-01), with who set it last and when.
public struct FeeMatrixRow: Sendable, Hashable {
    public var organisationReference: String
    public var matrix: FeeMatrix
    /// R-SEC-18: the integrator's own user who sent the latest update.
    public var internalUserIdentifier: String?
    public var internalUserName: String?
    public var updatedBy: String
    public var updatedAt: Date

    public init(
        organisationReference: String, matrix: FeeMatrix, internalUserIdentifier: String?, internalUserName: String?,
        updatedBy: String, updatedAt: Date
    ) {
        self.organisationReference = organisationReference
        self.matrix = matrix
        self.internalUserIdentifier = internalUserIdentifier
        self.internalUserName = internalUserName
        self.updatedBy = updatedBy
        self.updatedAt = updatedAt
    }
}

/// Fee matrices, one a highway authority.
public struct FeeMatrixRepository: Sendable {
    let db: any SQLExecutor

    public init(_ db: any SQLExecutor) { self.db = db }

    static let bandColumns = FeeMatrixRules.bandNames.flatMap {
        ["charge_band_\($0)_cost", "charge_band_\($0)_description"]
    }

    /// The columns in the order `binds` gives them.
    static let columns =
        ["organisation_reference"] + FeeMatrixRules.feeFields + ["discount_guidance"] + bandColumns + [
            "lane_rental_discount_guidance", "lane_rental_guidance_link", "internal_user_identifier",
            "internal_user_name", "updated_by", "updated_at",
        ]

    static func binds(_ r: FeeMatrixRow) -> [SQLValue] {
        let m = r.matrix
        var values: [SQLValue] = [.text(r.organisationReference)]
        values += FeeMatrixRules.feeFields.map { .double(m.fee($0)) }
        values.append(.text(m.discountGuidance))
        for band in m.chargeBands.prefix(FeeMatrixRules.bandNames.count) {
            values.append(band.cost.map { .double($0) } ?? .null)
            values.append(.optional(band.description))
        }
        values += [
            .optional(m.laneRentalDiscountGuidance), .optional(m.laneRentalGuidanceLink),
            .optional(r.internalUserIdentifier), .optional(r.internalUserName), .text(r.updatedBy),
            .instant(r.updatedAt),
        ]
        return values
    }

    /// The authority's matrix, or nil when it has set none.
    public func matrix(of organisation: String) async throws -> FeeMatrixRow? {
        try await db.first(
            "SELECT \(Self.columns.joined(separator: ", ")) FROM fee_matrices WHERE organisation_reference = ?",
            .text(organisation)
        ).map(Self.row(from:))
    }

    /// Sets the authority's matrix: the whole matrix is replaced (fields left out are cleared).
    public func save(_ row: FeeMatrixRow) async throws {
        let updates = Self.columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        try await db.query(
            """
            INSERT INTO fee_matrices (\(Self.columns.joined(separator: ", "))) VALUES (\(SQL.placeholders(Self.columns.count)))
            ON CONFLICT (organisation_reference) DO UPDATE SET \(updates)
            """, Self.binds(row))
    }

    static func row(from row: SQLRow) throws -> FeeMatrixRow {
        var fees: [String: Double] = [:]
        for field in FeeMatrixRules.feeFields {
            guard let value = row.double(field) else { throw StoreError.missingColumn(field) }
            fees[field] = value
        }
        let bands = FeeMatrixRules.bandNames.map { name in
            FeeMatrix.ChargeBand(
                cost: row.double("charge_band_\(name)_cost"), description: row.string("charge_band_\(name)_description")
            )
        }
        return FeeMatrixRow(
            organisationReference: try row.requireString("organisation_reference"),
            matrix: FeeMatrix(
                fees: fees, discountGuidance: try row.requireString("discount_guidance"), chargeBands: bands,
                laneRentalDiscountGuidance: row.string("lane_rental_discount_guidance"),
                laneRentalGuidanceLink: row.string("lane_rental_guidance_link")),
            internalUserIdentifier: row.string("internal_user_identifier"),
            internalUserName: row.string("internal_user_name"), updatedBy: try row.requireString("updated_by"),
            updatedAt: try row.requireInstant("updated_at"))
    }
}
