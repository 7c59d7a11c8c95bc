import Contract
import Domain
import Foundation
import Logging
import Store
import WorkAPI

/// Work API: a highway authority's fee matrix (R-FEE-01).
extension WorkAPIHandler {
    /// `GET /fee-matrix/{organisationReference}`: any signed-in user reads any highway
    /// authority's matrix (promoters need the fees they will be charged). An organisation that is
    /// not a highway authority, or an authority that has not set its matrix yet, has none: 404
    /// saying which (D-FEES).
    func getFeeMatrix(_ input: Operations.GetFeeMatrix.Input) async throws -> Operations.GetFeeMatrix.Output {
        let reference = input.path.organisationReference
        guard let organisation = try await IdentityRepository(services.database).organisation(reference) else {
            throw AppError.notFound("Organisation")
        }
        guard organisation.type == .highwayAuthority else {
            throw AppError(
                .notFound, "Fee matrix not found: organisation \(reference) is not a highway authority (R-FEE-01)")
        }
        guard let row = try await FeeMatrixRepository(services.database).matrix(of: organisation.reference) else {
            throw AppError(
                .notFound, "Fee matrix not found: highway authority \(reference) has not set its fee matrix (R-FEE-01)")
        }
        return .ok(.init(body: .json(.init(row))))
    }

    /// `PUT /fee-matrix/{organisationReference}` (an addition to the contract): the authority's
    /// officers and administrators set its matrix, replacing the one it had (fields left out are
    /// cleared). Every amount is a number of 0 or more (R-VAL-01); a 400 names each bad field.
    /// The update is kept with the matrix (who, when, the integrator's user) and logged as
    /// `fee_matrix_updated`: the history is a works record's, and a matrix belongs to none (D-FEES).
    func updateFeeMatrix(_ input: Operations.UpdateFeeMatrix.Input) async throws
        -> Operations.UpdateFeeMatrix.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let principal = try RequestScope.principal()
        // The access rule lets only the authority's own officers and administrators through; an
        // organisation that is not a highway authority has no matrix to keep.
        guard principal.organisationReference == input.path.organisationReference,
            principal.organisation.type == .highwayAuthority
        else { throw AppError.accessRestricted }
        let matrix = FeeMatrix(request)
        let problems = FeeMatrixRules.problems(matrix)
        if !problems.isEmpty {
            throw AppError.invalid(problems.map { FieldError(field: $0.field, message: $0.message) })
        }
        let now = services.clock.now()
        try await FeeMatrixRepository(services.database).save(
            FeeMatrixRow(
                organisationReference: principal.organisationReference, matrix: FeeMatrixRules.normalised(matrix),
                internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName,
                updatedBy: principal.email, updatedAt: now))
        RequestScope.logger.info(
            "fee matrix updated",
            metadata: [
                "event": .string(AuditEvent.feeMatrixUpdated.rawValue),
                "organisation": .string(principal.organisationReference),
            ])
        return .noContent(.init())
    }
}

extension FeeMatrix {
    /// The matrix a `FeeMatrixRequest` sends.
    init(_ r: Components.Schemas.FeeMatrixRequest) {
        let fees = [
            r.majorPaaFeeTrafficSensitive, r.majorWorkPermitFeeTrafficSensitive,
            r.standardWorksPermitFeeTrafficSensitive, r.minorWorksPermitFeeTrafficSensitive,
            r.immediateWorksPermitFeeTrafficSensitive, r.permitVariationFeeTrafficSensitive,
            r.majorPaaFeeNonTrafficSensitive, r.majorWorkPermitFeeNonTrafficSensitive,
            r.standardWorksPermitFeeNonTrafficSensitive, r.minorWorksPermitFeeNonTrafficSensitive,
            r.immediateWorksPermitFeeNonTrafficSensitive, r.permitVariationFeeNonTrafficSensitive,
        ]
        self.init(
            fees: Dictionary(uniqueKeysWithValues: zip(FeeMatrixRules.feeFields, fees)),
            discountGuidance: r.discountGuidance,
            chargeBands: [
                ChargeBand(cost: r.chargeBandOneCost, description: r.chargeBandOneDescription),
                ChargeBand(cost: r.chargeBandTwoCost, description: r.chargeBandTwoDescription),
                ChargeBand(cost: r.chargeBandThreeCost, description: r.chargeBandThreeDescription),
                ChargeBand(cost: r.chargeBandFourCost, description: r.chargeBandFourDescription),
                ChargeBand(cost: r.chargeBandFiveCost, description: r.chargeBandFiveDescription),
                ChargeBand(cost: r.chargeBandSixCost, description: r.chargeBandSixDescription),
            ], laneRentalDiscountGuidance: r.laneRentalDiscountGuidance,
            laneRentalGuidanceLink: r.laneRentalGuidanceLink)
    }
}

extension Components.Schemas.FeeMatrixResponse {
    /// `GET /fee-matrix/{organisationReference}`: the matrix as the authority set it.
    init(_ row: FeeMatrixRow) {
        let m = row.matrix
        let bands = m.chargeBands
        let fee = m.fee
        self.init(
            internalUserIdentifier: row.internalUserIdentifier, internalUserName: row.internalUserName,
            majorPaaFeeTrafficSensitive: fee("major_paa_fee_traffic_sensitive"),
            majorWorkPermitFeeTrafficSensitive: fee("major_work_permit_fee_traffic_sensitive"),
            standardWorksPermitFeeTrafficSensitive: fee("standard_works_permit_fee_traffic_sensitive"),
            minorWorksPermitFeeTrafficSensitive: fee("minor_works_permit_fee_traffic_sensitive"),
            immediateWorksPermitFeeTrafficSensitive: fee("immediate_works_permit_fee_traffic_sensitive"),
            permitVariationFeeTrafficSensitive: fee("permit_variation_fee_traffic_sensitive"),
            majorPaaFeeNonTrafficSensitive: fee("major_paa_fee_non_traffic_sensitive"),
            majorWorkPermitFeeNonTrafficSensitive: fee("major_work_permit_fee_non_traffic_sensitive"),
            standardWorksPermitFeeNonTrafficSensitive: fee("standard_works_permit_fee_non_traffic_sensitive"),
            minorWorksPermitFeeNonTrafficSensitive: fee("minor_works_permit_fee_non_traffic_sensitive"),
            immediateWorksPermitFeeNonTrafficSensitive: fee("immediate_works_permit_fee_non_traffic_sensitive"),
            permitVariationFeeNonTrafficSensitive: fee("permit_variation_fee_non_traffic_sensitive"),
            discountGuidance: m.discountGuidance,
            chargeBandOneCost: bands[0].cost, chargeBandOneDescription: bands[0].description,
            chargeBandTwoCost: bands[1].cost, chargeBandTwoDescription: bands[1].description,
            chargeBandThreeCost: bands[2].cost, chargeBandThreeDescription: bands[2].description,
            chargeBandFourCost: bands[3].cost, chargeBandFourDescription: bands[3].description,
            chargeBandFiveCost: bands[4].cost, chargeBandFiveDescription: bands[4].description,
            chargeBandSixCost: bands[5].cost, chargeBandSixDescription: bands[5].description,
            laneRentalDiscountGuidance: m.laneRentalDiscountGuidance, laneRentalGuidanceLink: m.laneRentalGuidanceLink)
    }
}
