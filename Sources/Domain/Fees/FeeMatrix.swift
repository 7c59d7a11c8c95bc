import Foundation

/// R-FEE-01: a highway authority's fee matrix: its permit fees for major PAAs, major PAs,
/// standard, minor and immediate works and permit variations, each for traffic-sensitive and
/// non-traffic-sensitive works; its discount guidance; six lane rental charge bands; its
/// lane rental discount guidance and a link to its guidance. Amounts are the authority's own
/// no statutory figures are known), in pounds as sent.
public struct FeeMatrix: Sendable, Hashable {
    /// The twelve permit fees, by their contract field name (`FeeMatrixRules.feeFields`).
    public var fees: [String: Double]
    public var discountGuidance: String
    /// Bands one to six; a band the authority has not described is nil throughout.
    public var chargeBands: [ChargeBand]
    public var laneRentalDiscountGuidance: String?
    public var laneRentalGuidanceLink: String?

    /// One lane rental charge band: its cost and what it is for, each optional.
    public struct ChargeBand: Sendable, Hashable {
        public var cost: Double?
        public var description: String?

        public init(cost: Double? = nil, description: String? = nil) {
            self.cost = cost
            self.description = description
        }
    }

    public init(
        fees: [String: Double], discountGuidance: String, chargeBands: [ChargeBand] = [],
        laneRentalDiscountGuidance: String? = nil, laneRentalGuidanceLink: String? = nil
    ) {
        self.fees = fees
        self.discountGuidance = discountGuidance
        self.chargeBands =
            chargeBands
            + Array(
                repeating: ChargeBand(), count: max(0, FeeMatrixRules.bandNames.count - chargeBands.count))
        self.laneRentalDiscountGuidance = laneRentalDiscountGuidance
        self.laneRentalGuidanceLink = laneRentalGuidanceLink
    }

    /// The fee of `field` (one of `FeeMatrixRules.feeFields`), 0 when absent.
    public func fee(_ field: String) -> Double { fees[field] ?? 0 }
}

/// One thing wrong with a fee matrix or a fee report request as sent: the field and why, naming
/// the rule.
public struct FeeProblem: Sendable, Hashable {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// R-FEE-01, R-VAL-01, R-VAL-07: what a fee matrix must hold.
public enum FeeMatrixRules {
    /// The kinds of fee (R-FEE-01), in the contract's order.
    public static let feeKinds = [
        "major_paa_fee", "major_work_permit_fee", "standard_works_permit_fee", "minor_works_permit_fee",
        "immediate_works_permit_fee", "permit_variation_fee",
    ]

    /// The twelve fee fields: each kind for traffic-sensitive, then for non-traffic-sensitive
    /// works, as the contract lists them.
    public static let feeFields =
        feeKinds.map { "\($0)_traffic_sensitive" } + feeKinds.map { "\($0)_non_traffic_sensitive" }

    /// The charge bands' names in their fields (`charge_band_one_cost`, …).
    public static let bandNames = ["one", "two", "three", "four", "five", "six"]

    /// R-FEE-01 text limits (the contract's `maxLength`s, R-VAL-07).
    public static let discountGuidanceLength = 500
    public static let bandDescriptionLength = 100
    public static let laneRentalDiscountGuidanceLength = 500
    public static let guidanceLinkLength = 2048

    /// Every problem of `matrix`, each naming its field: amounts are numbers of zero or more
    /// (R-VAL-01); texts within their lengths, counted in characters as JSON Schema counts them
    /// (Unicode scalars).
    public static func problems(_ matrix: FeeMatrix) -> [FeeProblem] {
        var problems: [FeeProblem] = []
        func amount(_ field: String, _ value: Double?) {
            guard let value else { return }
            if !value.isFinite || value < 0 {
                problems.append(FeeProblem(field: field, message: "R-VAL-01: must be a number of 0 or more"))
            }
        }
        func text(_ field: String, _ value: String?, _ limit: Int) {
            guard let value, value.unicodeScalars.count > limit else { return }
            problems.append(FeeProblem(field: field, message: "R-FEE-01: must be at most \(limit) characters"))
        }
        for field in feeFields {
            guard let value = matrix.fees[field] else {
                problems.append(FeeProblem(field: field, message: "R-FEE-01: is required"))
                continue
            }
            amount(field, value)
        }
        text("discount_guidance", matrix.discountGuidance, discountGuidanceLength)
        for (name, band) in zip(bandNames, matrix.chargeBands) {
            amount("charge_band_\(name)_cost", band.cost)
            text("charge_band_\(name)_description", band.description, bandDescriptionLength)
        }
        text("lane_rental_discount_guidance", matrix.laneRentalDiscountGuidance, laneRentalDiscountGuidanceLength)
        text("lane_rental_guidance_link", matrix.laneRentalGuidanceLink, guidanceLinkLength)
        return problems
    }

    /// The matrix as stored: `-0` is 0 (a negative zero is zero, R-VAL-01).
    public static func normalised(_ matrix: FeeMatrix) -> FeeMatrix {
        var matrix = matrix
        matrix.fees = matrix.fees.mapValues { $0 == 0 ? 0 : $0 }
        matrix.chargeBands = matrix.chargeBands.map { band in
            FeeMatrix.ChargeBand(cost: band.cost.map { $0 == 0 ? 0 : $0 }, description: band.description)
        }
        return matrix
    }
}
