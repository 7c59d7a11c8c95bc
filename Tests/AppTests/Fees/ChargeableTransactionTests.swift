import Domain
import Foundation
import Store
import Testing

@testable import App

/// Chargeable transactions recorded as they happen, in the works command that causes each
/// (R-FEE-02 … R-FEE-04, R-PAA-05, R-CR-12).
@Suite("Chargeable transactions")
struct ChargeableTransactionTests {
    func transactions(_ app: TestApp, _ wrn: String) async throws -> [FeeTransactionRow] {
        try await FeeTransactionRepository(app.services.database).transactions(ofWork: wrn)
    }

    func types(_ app: TestApp, _ wrn: String) async throws -> [FeeTransactionType] {
        try await transactions(app, wrn).map(\.transaction.type)
    }

    func grant(_ app: TestApp, _ wrn: String, _ prn: String, discount: Int = 0) async throws {
        let response = try await app.assess(
            wrn, prn, ["assessment_status": "granted", "assessment_discount": discount])
        #expect(response.status == .noContent, "grant: \(response.json)")
    }

    func cancel(_ app: TestApp, _ wrn: String, _ prn: String) async throws -> JSONResponse {
        try await app.request(
            .put, "/v6/work/works/\(wrn)/permits/\(prn)/status", token: try await app.token(Demo.planner),
            json: [
                "permit_status": "cancelled", "permit_cancellation_reason": "other",
                "permit_cancellation_reason_other": "Not needed",
            ])
    }

    func alterations(_ wrn: String, _ prn: String) -> String { "/v6/work/works/\(wrn)/permits/\(prn)/alterations" }

    /// Raises a change request as the planner; its reference.
    func raiseChange(_ app: TestApp, _ wrn: String, _ prn: String) async throws -> String {
        let created = try await app.request(
            .post, alterations(wrn, prn), token: try await app.token(Demo.planner),
            json: [
                "change_request_reason": "A bigger hole", "description_of_work": "Replace the valve and the hydrant",
            ])
        #expect(created.status == .created, "\(created.json)")
        return try #require(created.json["change_request_reference_number"] as? String)
    }

    func decide(_ app: TestApp, _ wrn: String, _ prn: String, _ cr: String, _ body: [String: Any]) async throws {
        let response = try await app.request(
            .put, alterations(wrn, prn) + "/\(cr)/status", token: try await app.token(Demo.haOfficer), json: body)
        #expect(response.status == .noContent, "decide: \(response.json)")
    }

    @Test("R-FEE-02: the grant of a PA is one transaction, recorded with the grant, with the facts of that moment")
    func grantIsOne() async throws {
        try await TestApp.run { app throws in
            // USRN 10010013 is traffic sensitive (road category 2); the works did not select it.
            let (wrn, prn) = try await app.submitWork(app.workBody(usrn: 10_010_013))
            #expect(try await types(app, wrn).isEmpty, "receipt of an application charges nothing")
            app.clock.advance(by: 3_600)
            try await grant(app, wrn, prn, discount: 20)
            let recorded = try await transactions(app, wrn)
            #expect(recorded.map(\.transaction.type) == [.grant])
            let grant = try #require(recorded.first)
            #expect(grant.transaction.permitReferenceNumber == prn)
            #expect(grant.transaction.category == .minor)
            #expect(grant.date == app.clock.now())
            #expect(grant.promoterSWACode == "7001" && grant.highwayAuthoritySWACode == "1001")
            #expect(grant.workstreamPrefix == "001")
            #expect(grant.isStreetTrafficSensitive)
            #expect(!grant.isWorksTrafficSensitive)
            // Later changes that are not chargeable add nothing.
            #expect(
                try await app.request(
                    .post, "/v6/work/works/\(wrn)/comments", token: try await app.token(Demo.planner),
                    json: ["detail": "On our way", "topic": "GENERAL"]
                ).status == .created)
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrn)/permits/\(prn)/permit-discount",
                    token: try await app.token(Demo.haOfficer), json: ["assessment_discount": 50]
                ).status == .noContent)
            #expect(try await types(app, wrn) == [.grant])
        }
    }

    @Test(
        "R-FEE-06: an optional permit (no fee) is recorded like any grant; the authority waives the fee with its discount"
    )
    func optionalPermit() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork(
                app.workBody(overrides: ["activity_type": "optional_permit_no_fee"]))
            try await grant(app, wrn, prn, discount: 100)
            #expect(try await types(app, wrn) == [.grant])
            #expect(try await app.permit(wrn, prn)["assessment_discount"] as? Int == 100)
        }
    }

    @Test("R-FEE-04: a deemed grant is one transaction")
    func deemedIsOne() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            app.clock.set(ISO8601.parse("2026-01-08T00:00:30Z")!)
            #expect(try await Deeming.deemOverduePermits(database: app.services.database, clock: app.clock) == 1)
            let recorded = try await transactions(app, wrn)
            #expect(recorded.map(\.transaction.type) == [.deemedGrant])
            #expect(recorded.first?.date == app.clock.now())
            #expect(try await Deeming.deemOverduePermits(database: app.services.database, clock: app.clock) == 0)
            #expect(try await types(app, wrn) == [.deemedGrant])
        }
    }

    @Test(
        "R-PAA-05, R-FEE-02: a PA progressing a PAA is one transaction when received; its grant charges it no more"
    )
    func progressionIsOne() async throws {
        try await TestApp.run { app throws in
            let (wrn, paa) = try await app.submitWork(app.workBody(startIn: 100, ttro: true))
            #expect(try await types(app, wrn).isEmpty)
            let created = try await app.request(
                .post, "/v6/work/works/\(wrn)/permits", token: try await app.token(Demo.planner),
                json: app.workBody(startIn: 100, lasting: 15))
            #expect(created.status == .created, "\(created.json)")
            let pa = try #require(created.json["permit_reference_number"] as? String)
            var recorded = try await transactions(app, wrn)
            #expect(recorded.map(\.transaction.type) == [.paaProgression])
            #expect(recorded.first?.transaction.permitReferenceNumber == pa)
            #expect(recorded.first?.transaction.progressedPAAReferenceNumber == paa)
            #expect(recorded.first?.transaction.category == .major)
            // The PA's grant is not charged again; the PAA it decides automatically is (R-PERMIT-11).
            try await grant(app, wrn, pa)
            recorded = try await transactions(app, wrn)
            #expect(recorded.map(\.transaction.type) == [.paaProgression, .automaticGrant])
            #expect(recorded.last?.transaction.permitReferenceNumber == paa)
        }
    }

    @Test("R-FEE-02: the HA's grant of a PAA is charged; a PAA refused with its PA is not")
    func paaGrant() async throws {
        try await TestApp.run { app throws in
            let (wrn, paa) = try await app.submitWork(app.workBody(startIn: 100, ttro: true))
            try await grant(app, wrn, paa)
            #expect(try await types(app, wrn) == [.grant])
            let (other, _) = try await app.submitWork(app.workBody(startIn: 100, ttro: true))
            let pa = try #require(
                try await app.request(
                    .post, "/v6/work/works/\(other)/permits", token: try await app.token(Demo.planner),
                    json: app.workBody(startIn: 100, lasting: 15)
                ).json["permit_reference_number"] as? String)
            #expect(
                try await app.assess(
                    other, pa,
                    ["assessment_status": "refused", "reasons_for_refusal": ["RC10"], "additional_comments": "No"]
                ).status == .noContent)
            #expect(try await types(app, other) == [.paaProgression])
        }
    }

    @Test("R-CR-12: a granted change request is one transaction; so is a deemed one (R-FEE-04)")
    func changeRequestIsOne() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            try await grant(app, wrn, prn)
            let cr = try await raiseChange(app, wrn, prn)
            #expect(try await types(app, wrn) == [.grant], "raising a change request charges nothing")
            try await decide(app, wrn, prn, cr, ["alteration_status": "granted", "assessment_discount": 10])
            let recorded = try await transactions(app, wrn)
            #expect(recorded.map(\.transaction.type) == [.grant, .changeRequestGrant])
            #expect(recorded.last?.transaction.changeRequestReferenceNumber == cr)
            #expect(recorded.last?.transaction.permitReferenceNumber == prn)

            // A second one, left to deem (R-RESP-08).
            let second = try await raiseChange(app, wrn, prn)
            app.clock.set(ISO8601.parse("2026-01-08T00:00:30Z")!)
            #expect(try await Deeming.deemOverduePermits(database: app.services.database, clock: app.clock) == 1)
            #expect(try await types(app, wrn) == [.grant, .changeRequestGrant, .changeRequestDeemedGrant])
            #expect(try await transactions(app, wrn).last?.transaction.changeRequestReferenceNumber == second)
            // A refused one charges nothing.
            let third = try await raiseChange(app, wrn, prn)
            try await decide(app, wrn, prn, third, ["alteration_status": "refused", "assessment_comments": "No"])
            #expect(try await types(app, wrn).count == 3)
        }
    }

    @Test("R-FEE-02, R-CAT-11/12: a granted change that moves the permit into another category is charged for that too")
    func categoryChangeIsOne() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            try await grant(app, wrn, prn)
            let cr = try await raiseChange(app, wrn, prn)
            // Change requests keep the category (D-CHANGE-REQUESTS); here the change re-categorises
            // the permit as R-CAT-12 would, in the same works command as its grant.
            try await WorksCommand(app.services).run(on: wrn, by: .system) { change in
                var permit = try await change.permit(prn)
                permit.workCategory = .major
                try await change.permits.update(permit)
                change.record(
                    .alterationGranted, object: .changeRequest, reference: cr, permit: prn,
                    details: "Change request \(cr) granted")
            }
            let recorded = try await transactions(app, wrn)
            #expect(recorded.map(\.transaction.type) == [.grant, .changeRequestGrant, .worksCategoryChange])
            let change = try #require(recorded.last)
            #expect(change.transaction.previousCategory == .minor)
            #expect(change.transaction.category == .major)
            #expect(change.transaction.changeRequestReferenceNumber == cr)
            // The report shows the category the permit has now on every row (R-FEE-07).
            #expect(try await app.permit(wrn, prn)["work_category"] as? String == "major")
        }
    }

    @Test("R-FEE-03: cancelling after the grant leaves the grant's charge")
    func cancelAfterGrantKeepsIt() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork()
            try await grant(app, wrn, prn)
            #expect(try await cancel(app, wrn, prn).status == .noContent)
            #expect(try await types(app, wrn) == [.grant])
        }
    }

    @Test(
        "R-FEE-02, R-CR-12: cancelling before the grant, refusing, a modification request, the modified permit and an imposed change charge nothing"
    )
    func noCharge() async throws {
        try await TestApp.run { app throws in
            // Cancelled before any decision.
            let (cancelled, first) = try await app.submitWork()
            #expect(try await cancel(app, cancelled, first).status == .noContent)
            #expect(try await types(app, cancelled).isEmpty)
            // Refused.
            let (refused, prn) = try await app.submitWork()
            #expect(
                try await app.assess(
                    refused, prn,
                    ["assessment_status": "refused", "reasons_for_refusal": ["RC10"], "additional_comments": "No"]
                ).status == .noContent)
            #expect(try await types(app, refused).isEmpty)
            // A modification request, the promoter's modified permit, then the grant: one charge.
            let (modified, mprn) = try await app.submitWork()
            #expect(
                try await app.assess(
                    modified, mprn,
                    ["assessment_status": "permit_modification_request", "pending_change_details": "Move it"]
                ).status == .noContent)
            _ = try await raiseChange(app, modified, mprn)
            #expect(try await types(app, modified).isEmpty)
            try await grant(app, modified, mprn)
            #expect(try await types(app, modified) == [.grant])
            // The HA's imposed change on a granted permit.
            let imposed = try await app.request(
                .post, alterations(modified, mprn) + "/impose", token: try await app.token(Demo.haOfficer),
                json: ["permit_alteration_reason": "Nights only", "permit_conditions": [["condition": "NCT01a"]]])
            #expect(imposed.status == .created, "\(imposed.json)")
            #expect(try await types(app, modified) == [.grant])
        }
    }

    @Test("R-IMM-06: immediate works stopped before any decision are granted automatically, and charged once")
    func automaticGrantOfImmediateWorks() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await app.submitWork(app.workBody(startIn: -0.1, workType: "immediate"))
            app.clock.advance(by: 3_600)
            let planner = try await app.token(Demo.planner)
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrn)/stop", token: planner,
                    json: ["actual_stop_date": ISO8601.format(app.clock.now())]
                ).status == .noContent)
            #expect(try await app.permit(wrn, prn)["assessment_status"] as? String == "granted_auto")
            #expect(try await types(app, wrn) == [.automaticGrant])
            // A stop reverted and logged again does not charge twice.
            let reverted = try await app.request(
                .put, "/v6/work/works/\(wrn)/revert-stop", token: planner, json: ["revert_reason": "Still digging"])
            #expect(reverted.status == .noContent, "\(reverted.json)")
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrn)/stop", token: planner,
                    json: ["actual_stop_date": ISO8601.format(app.clock.now())]
                ).status == .noContent)
            #expect(try await types(app, wrn) == [.automaticGrant])
        }
    }
}
