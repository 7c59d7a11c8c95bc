import App
import Domain
import Foundation
import Testing

/// A highway authority's fee matrix (R-FEE-01): kept by its officers and administrators, read
/// by everybody.
@Suite("Fee matrix")
struct FeeMatrixTests {
    static let path = "/v6/work/fee-matrix/1001"

    /// A full `FeeMatrixRequest`: every fee different, two bands described.
    static var body: [String: Any] {
        var body: [String: Any] = [
            "discount_guidance": "30% off outside traffic-sensitive times",
            "charge_band_one_cost": 800, "charge_band_one_description": "Red routes, peak",
            "charge_band_six_cost": 125.5, "charge_band_six_description": "Side roads",
            "lane_rental_discount_guidance": "Collaborative works pay half",
            "lane_rental_guidance_link": "https://anytown.example/lane-rental",
            "internal_user_identifier": "u-17", "internal_user_name": "Fee Keeper",
        ]
        for (index, field) in FeeMatrixRules.feeFields.enumerated() { body[field] = Double(index) * 10 + 35.25 }
        return body
    }

    func put(_ app: TestApp, _ body: [String: Any], as email: String = Demo.haOfficer, path: String = Self.path)
        async throws -> JSONResponse
    {
        try await app.request(.put, path, token: try await app.token(email), json: body)
    }

    func get(_ app: TestApp, as email: String = Demo.planner, path: String = Self.path) async throws -> JSONResponse {
        try await app.request(.get, path, token: try await app.token(email))
    }

    @Test("R-FEE-01: the authority sets its matrix and everybody reads it back as it was sent; a new one replaces it")
    func roundTrip() async throws {
        try await TestApp.run { app throws in
            #expect(try await put(app, Self.body).status == .noContent)
            for email in [Demo.planner, Demo.contractor, Demo.haOfficer, Demo.othertonOfficer, Demo.promoterAdmin] {
                let shown = try await get(app, as: email)
                #expect(shown.status == .ok, "\(email): \(shown.json)")
                for (field, value) in Self.body {
                    if let number = value as? Double {
                        #expect(shown.json[field] as? Double == number, "\(field)")
                    } else if let number = value as? Int {
                        #expect(shown.json[field] as? Double == Double(number), "\(field)")
                    } else {
                        #expect(shown.json[field] as? String == value as? String, "\(field)")
                    }
                }
                #expect(shown.json["charge_band_two_cost"] == nil)
            }
            // Fields left out of an update are cleared.
            var smaller = Self.body
            for field in ["charge_band_one_cost", "charge_band_one_description", "lane_rental_guidance_link"] {
                smaller[field] = nil
            }
            smaller["minor_works_permit_fee_traffic_sensitive"] = 0
            #expect(try await put(app, smaller, as: Demo.haAdmin).status == .noContent)
            let shown = try await get(app).json
            #expect(shown["charge_band_one_cost"] == nil)
            #expect(shown["charge_band_one_description"] == nil)
            #expect(shown["lane_rental_guidance_link"] == nil)
            #expect(shown["charge_band_six_description"] as? String == "Side roads")
            #expect(shown["minor_works_permit_fee_traffic_sensitive"] as? Double == 0)
        }
    }

    @Test("R-FEE-01: an authority without a matrix, an organisation that is no authority, and none at all are 404s")
    func noMatrix() async throws {
        try await TestApp.run { app throws in
            let unset = try await get(app)
            #expect(unset.isError(404), "\(unset.json)")
            #expect(unset.message?.contains("has not set its fee matrix") == true)
            let promoter = try await get(app, path: "/v6/work/fee-matrix/7001")
            #expect(promoter.isError(404))
            #expect(promoter.message?.contains("is not a highway authority") == true)
            #expect(try await get(app, path: "/v6/work/fee-matrix/9999").isError(404, "Organisation not found"))
            // Another authority's matrix is its own.
            #expect(try await put(app, Self.body).status == .noContent)
            #expect(try await get(app, path: "/v6/work/fee-matrix/1002").isError(404))
        }
    }

    @Test("R-FEE-01, R-SEC-10: only the authority's own officers and administrators write its matrix")
    func whoWrites() async throws {
        try await TestApp.run { app throws in
            for email in [Demo.planner, Demo.contractor, Demo.promoterAdmin, Demo.othertonOfficer] {
                #expect(try await put(app, Self.body, as: email).isError(401, "Access restricted"), "\(email)")
            }
            // A promoter's administrator cannot keep a matrix for their own organisation either.
            #expect(
                try await put(app, Self.body, as: Demo.promoterAdmin, path: "/v6/work/fee-matrix/7001").isError(
                    401, "Access restricted"))
            #expect(try await get(app).isError(404))
            #expect(try await put(app, Self.body, as: Demo.haAdmin).status == .noContent)
            #expect(try await put(app, Self.body, as: Demo.haOfficer).status == .noContent)
            #expect(
                try await put(app, Self.body, as: Demo.othertonOfficer, path: "/v6/work/fee-matrix/1002").status
                    == .noContent)
        }
    }

    @Test("R-FEE-01, R-VAL-01, R-VAL-07: every bad field is a 400 naming it, and nothing changes")
    func validation() async throws {
        try await TestApp.run { app throws in
            #expect(try await put(app, Self.body).status == .noContent)
            // The contract's lengths are checked with the request, every field at once; then the amounts.
            var long = Self.body
            long["major_paa_fee_traffic_sensitive"] = -1
            long["discount_guidance"] = String(repeating: "d", count: 501)
            long["charge_band_two_description"] = String(repeating: "b", count: 101)
            long["lane_rental_guidance_link"] = String(repeating: "l", count: 2049)
            let tooLong = try await put(app, long)
            #expect(tooLong.status == .badRequest, "\(tooLong.json)")
            #expect(
                Set(tooLong.fieldErrors.keys) == [
                    "discount_guidance", "charge_band_two_description", "lane_rental_guidance_link",
                ], "\(tooLong.fieldErrors)")
            var negative = Self.body
            negative["major_paa_fee_traffic_sensitive"] = -1
            negative["charge_band_three_cost"] = -0.5
            let refused = try await put(app, negative)
            #expect(refused.status == .badRequest, "\(refused.json)")
            #expect(
                Set(refused.fieldErrors.keys) == ["major_paa_fee_traffic_sensitive", "charge_band_three_cost"],
                "\(refused.fieldErrors)")
            #expect(refused.fieldErrors["charge_band_three_cost"] == "R-VAL-01: must be a number of 0 or more")
            // Required fields, and numbers that are not numbers.
            var missing = Self.body
            missing["permit_variation_fee_non_traffic_sensitive"] = nil
            missing["discount_guidance"] = nil
            missing["minor_works_permit_fee_non_traffic_sensitive"] = "ten pounds"
            let incomplete = try await put(app, missing)
            #expect(incomplete.status == .badRequest)
            #expect(
                Set(incomplete.fieldErrors.keys) == [
                    "permit_variation_fee_non_traffic_sensitive", "discount_guidance",
                    "minor_works_permit_fee_non_traffic_sensitive",
                ], "\(incomplete.fieldErrors)")
            let negativeOnly = try await put(
                app, Self.body.merging(["standard_works_permit_fee_traffic_sensitive": -20]) { $1 })
            #expect(
                negativeOnly.fieldErrors["standard_works_permit_fee_traffic_sensitive"]?.hasPrefix("R-VAL-01") == true)
            #expect(try await put(app, [String: Any]()).status == .badRequest)
            // The matrix is as it was.
            let shown = try await get(app).json
            #expect(shown["major_paa_fee_traffic_sensitive"] as? Double == 35.25)
            #expect(shown["discount_guidance"] as? String == Self.body["discount_guidance"] as? String)
        }
    }
}
