import Domain
import Foundation
import Testing

@Suite("Fees (R-FEE)")
struct FeeRulesTests {
    /// Monday 2026-01-05 09:00 UTC.
    let now = Date(timeIntervalSince1970: 1_767_603_600)
    func days(_ n: Double) -> Date { now.addingTimeInterval(n * 86_400) }

    func matrix(_ change: (inout FeeMatrix) -> Void = { _ in }) -> FeeMatrix {
        var matrix = FeeMatrix(
            fees: Dictionary(uniqueKeysWithValues: FeeMatrixRules.feeFields.enumerated().map { ($1, Double($0) * 10) }),
            discountGuidance: "Up to 30% for works wholly outside traffic-sensitive times")
        change(&matrix)
        return matrix
    }

    func permitEvent(_ event: AuditEvent, _ prn: String = "AW001-01") -> FeeEvent {
        FeeEvent(event: event, objectType: .permit, objectReference: prn, permitReferenceNumber: prn)
    }

    func changeRequestEvent(_ event: AuditEvent, _ cr: String = "AW001-01-CR-01") -> FeeEvent {
        FeeEvent(event: event, objectType: .changeRequest, objectReference: cr, permitReferenceNumber: "AW001-01")
    }

    func facts(
        _ category: WorkCategory = .standard, _ assessment: AssessmentStatus? = .granted, prn: String = "AW001-01",
        hs2: Bool = false, progressed: String? = nil, charged: WorkCategory? = nil
    ) -> [String: FeePermitFacts] {
        [
            prn: FeePermitFacts(
                permitReferenceNumber: prn, category: category, assessmentStatus: assessment, isHS2Protected: hs2,
                progressedPAA: progressed, chargedCategory: charged)
        ]
    }

    @Test("R-FEE-01: the twelve fees, six bands, guidance; the wire values of the report formats")
    func matrixShape() {
        #expect(FeeMatrixRules.feeFields.count == 12)
        #expect(FeeMatrixRules.feeFields.first == "major_paa_fee_traffic_sensitive")
        #expect(FeeMatrixRules.feeFields.last == "permit_variation_fee_non_traffic_sensitive")
        #expect(matrix().chargeBands.count == 6)
        #expect(FeeMatrixRules.problems(matrix()).isEmpty)
        #expect(
            FeeReportFormat.allCases.map(\.rawValue) == [
                "all_orgs_one_csv", "single_org_one_csv", "all_orgs_multiple_csvs",
            ])
    }

    @Test(
        "R-FEE-01, R-VAL-01: amounts are numbers of 0 or more; texts within their lengths; each problem names its field"
    )
    func matrixProblems() {
        let bad = matrix {
            $0.fees["minor_works_permit_fee_traffic_sensitive"] = -0.01
            $0.fees["major_paa_fee_non_traffic_sensitive"] = .infinity
            $0.fees["permit_variation_fee_traffic_sensitive"] = nil
            $0.discountGuidance = String(repeating: "é", count: 501)
            $0.chargeBands[2] = .init(cost: -5, description: String(repeating: "x", count: 101))
            $0.laneRentalDiscountGuidance = String(repeating: "x", count: 501)
            $0.laneRentalGuidanceLink = "https://example.org/" + String(repeating: "x", count: 2048)
        }
        let problems = FeeMatrixRules.problems(bad)
        #expect(
            problems.map(\.field) == [
                "minor_works_permit_fee_traffic_sensitive", "permit_variation_fee_traffic_sensitive",
                "major_paa_fee_non_traffic_sensitive", "discount_guidance", "charge_band_three_cost",
                "charge_band_three_description", "lane_rental_discount_guidance", "lane_rental_guidance_link",
            ])
        #expect(problems[0].message.hasPrefix("R-VAL-01"))
        #expect(problems[1].message == "R-FEE-01: is required")
        // Exactly at the limits, and zero, are fine; a negative zero is stored as zero.
        let edge = matrix {
            $0.fees["minor_works_permit_fee_traffic_sensitive"] = -0.0
            $0.discountGuidance = String(repeating: "é", count: 500)
            $0.chargeBands[5] = .init(cost: 0, description: String(repeating: "x", count: 100))
        }
        #expect(FeeMatrixRules.problems(edge).isEmpty)
        let stored = FeeMatrixRules.normalised(edge).fee("minor_works_permit_fee_traffic_sensitive")
        #expect(stored == 0 && stored.sign == .plus)
    }

    @Test("R-FEE-02: a grant of a PA or PAA, with or without a duration challenge, is one transaction")
    func grants() {
        for event in [AuditEvent.permitGranted, .paaGranted, .permitGrantedWithDurationChallenge] {
            let found = FeeRules.transactions(for: [permitEvent(event)], permits: facts())
            #expect(found.map(\.type) == [.grant], "\(event)")
            #expect(found.first?.chargeKey == "permit")
            #expect(found.first?.category == .standard)
        }
    }

    @Test("R-FEE-04: a deemed grant is charged like a grant")
    func deemed() {
        for event in [AuditEvent.permitDeemed, .paaDeemed] {
            #expect(
                FeeRules.transactions(for: [permitEvent(event)], permits: facts(.minor, nil)).map(\.type)
                    == [.deemedGrant])
        }
    }

    @Test("R-IMM-06, R-PERMIT-11: an automatic grant (granted_auto) is charged as a grant the HA did not give")
    func automaticGrants() {
        // Immediate works stopped before a decision.
        #expect(
            FeeRules.transactions(
                for: [permitEvent(.workStopLogged)], permits: facts(.immediateEmergency, .grantedAuto)
            ).map(\.type) == [.automaticGrant])
        // A works stop of a permit the HA granted charges nothing more.
        #expect(
            FeeRules.transactions(for: [permitEvent(.workStopLogged)], permits: facts(.immediateEmergency, .granted))
                .isEmpty)
        #expect(
            FeeRules.transactions(for: [permitEvent(.workStopLogged)], permits: facts(.minor, .grantedAuto)).isEmpty)
        // A progressed PAA decided with its PA.
        #expect(
            FeeRules.transactions(for: [permitEvent(.paaGranted)], permits: facts(.paa, .grantedAuto)).map(\.type)
                == [.automaticGrant])
    }

    @Test("R-PAA-05: a PA progressing a PAA is charged on receipt, and not again when granted or deemed")
    func progression() {
        let pa = facts(.major, nil, prn: "AW001-02", progressed: "AW001-01")
        let received = FeeRules.transactions(for: [permitEvent(.permitSubmitted, "AW001-02")], permits: pa)
        #expect(received.map(\.type) == [.paaProgression])
        #expect(received.first?.progressedPAAReferenceNumber == "AW001-01")
        #expect(received.first?.permitReferenceNumber == "AW001-02")
        #expect(received.first?.chargeKey == "permit")
        for event in [AuditEvent.permitGranted, .permitDeemed] {
            #expect(FeeRules.transactions(for: [permitEvent(event, "AW001-02")], permits: pa).isEmpty)
        }
        // Any other application is not charged on receipt.
        #expect(FeeRules.transactions(for: [permitEvent(.permitSubmitted)], permits: facts(.major, nil)).isEmpty)
    }

    @Test(
        "R-CR-12, R-FEE-04: a granted, or deemed, change request is one transaction; imposed changes and modified permits none"
    )
    func changeRequests() {
        for event in [
            AuditEvent.alterationGranted, .alterationGrantedWithDurationChallenge, .changeRequestGranted,
            .changeRequestGrantedWithDurationChallenge,
        ] {
            let found = FeeRules.transactions(for: [changeRequestEvent(event)], permits: facts(charged: .standard))
            #expect(found.map(\.type) == [.changeRequestGrant], "\(event)")
            #expect(found.first?.changeRequestReferenceNumber == "AW001-01-CR-01")
            #expect(found.first?.chargeKey == "change_request:AW001-01-CR-01")
        }
        for event in [AuditEvent.alterationDeemed, .changeRequestDeemed] {
            #expect(
                FeeRules.transactions(for: [changeRequestEvent(event)], permits: facts()).map(\.type)
                    == [.changeRequestDeemedGrant])
        }
        for event in [
            AuditEvent.alterationAppliedAuto, .alterationSubmitted, .alterationRefused, .alterationCancelled,
            .alterationRevoked, .changeRequestAppliedAuto,
        ] {
            #expect(FeeRules.transactions(for: [changeRequestEvent(event)], permits: facts()).isEmpty, "\(event)")
        }
    }

    @Test(
        "R-FEE-02, R-CAT-11/12: a change that moves the permit to another category is charged as a category change too")
    func categoryChange() {
        let found = FeeRules.transactions(
            for: [changeRequestEvent(.alterationGranted)], permits: facts(.major, charged: .standard))
        #expect(found.map(\.type) == [.changeRequestGrant, .worksCategoryChange])
        #expect(found.last?.previousCategory == .standard)
        #expect(found.last?.category == .major)
        #expect(found.last?.changeRequestReferenceNumber == "AW001-01-CR-01")
        #expect(found.last?.chargeKey == "category:AW001-01-CR-01:standard>major")
        // Same category, or never charged: the change request alone.
        #expect(
            FeeRules.transactions(for: [changeRequestEvent(.alterationGranted)], permits: facts(charged: .standard))
                .count == 1)
        #expect(FeeRules.transactions(for: [changeRequestEvent(.alterationGranted)], permits: facts()).count == 1)
    }

    @Test(
        "R-FEE-02, R-FEE-03: refusals, cancellations, revocations, modification requests and inspections charge nothing"
    )
    func notChargeable() {
        for event in [
            AuditEvent.permitRefused, .paaRefused, .permitCancelled, .paaCancelled, .permitRevoked,
            .permitModificationRequest, .inspectionPassed, .inspectionFailed, .permitSubmitted, .paaSubmitted,
            .workStartLogged, .permitDiscountUpdated, .commentSubmitted,
        ] {
            #expect(FeeRules.transactions(for: [permitEvent(event)], permits: facts()).isEmpty, "\(event)")
        }
        #expect(!FeeRules.mayCharge(.permitCancelled))
        #expect(!FeeRules.mayCharge(.commentSubmitted))
        #expect(FeeRules.mayCharge(.permitGranted) && FeeRules.mayCharge(.alterationDeemed))
    }

    @Test("R-HS2-02, R-LR-04: HS2 highway works and HS2 works within Act limits are never charged")
    func hs2() {
        for event in [AuditEvent.permitGranted, .permitDeemed] {
            #expect(FeeRules.transactions(for: [permitEvent(event)], permits: facts(.hs2Highway, hs2: true)).isEmpty)
        }
        #expect(
            FeeRules.transactions(for: [changeRequestEvent(.alterationGranted)], permits: facts(hs2: true)).isEmpty)
        // An event about a permit without facts charges nothing.
        #expect(FeeRules.transactions(for: [permitEvent(.permitGranted, "OTHER-01")], permits: facts()).isEmpty)
    }

    @Test("R-FEE-07: both ends required, end on or after start, start within 30 UK days of the end")
    func reportRange() {
        func fields(
            _ start: Date?, _ end: Date?, _ format: FeeReportFormat? = .allOrganisationsOneCSV,
            organisation: String? = nil
        ) -> [String] {
            FeeReportRules.problems(
                FeeReportRequest(start: start, end: end, format: format, organisation: organisation)
            )
            .map(\.field)
        }
        #expect(fields(days(-30), now).isEmpty)
        #expect(fields(now, now).isEmpty)
        #expect(fields(days(-31), now) == ["start_date"])
        #expect(fields(now, days(-1)) == ["end_date"])
        #expect(fields(nil, nil, nil) == ["start_date", "end_date", "fee_report_format"])
        // A whole 31-day month, first day to last, UK local dates (D-06).
        let first = ISO8601.parse("2026-01-01T00:00:00Z")!
        let last = ISO8601.parse("2026-01-31T23:59:59Z")!
        #expect(fields(first, last).isEmpty)
        #expect(fields(first.addingTimeInterval(-1), last) == ["start_date"])
        // Dates the date order cannot hold.
        #expect(
            fields(ISO8601.parse("2300-01-01T00:00:00Z"), ISO8601.parse("2300-01-02T00:00:00Z")) == [
                "start_date", "end_date",
            ])
        // One organisation needs its SWA code, and only that format takes one.
        #expect(fields(days(-1), now, .singleOrganisationOneCSV) == ["swa_code_filter"])
        #expect(fields(days(-1), now, .singleOrganisationOneCSV, organisation: "7001").isEmpty)
        #expect(fields(days(-1), now, .allOrganisationsMultipleCSVs, organisation: "7001") == ["swa_code_filter"])
        #expect(
            FeeReportRules.problems(
                FeeReportRequest(start: days(-40), end: now, format: .allOrganisationsOneCSV, organisation: nil)
            ).first?.message.hasPrefix("R-FEE-07") == true)
    }
}
