import App
import Domain
import Foundation
import Testing

/// HS2 applications (R-HS2-01 … R-HS2-03) through the API.
@Suite("HS2 applications (R-HS2)")
struct HS2Tests {
    func hs2Body(_ app: TestApp, workType: String = "hs2_highway_works", _ fields: [String: Any]) -> [String: Any] {
        app.workBody(
            startIn: 40, lasting: 3, workType: workType,
            overrides: fields.merging(["promoter_swa_code": PermitRules.hs2PromoterSWACode]) { first, _ in first })
    }

    func submit(_ app: TestApp, _ body: [String: Any]) async throws -> JSONResponse {
        try await app.request(.post, "/v6/work/works", token: try await app.token(Demo.hs2Planner), json: body)
    }

    @Test(
        "R-HS2-01: the HS2 promoter states whether its works are within Act limits, and its highway works there the exemption"
    )
    func statesActLimits() async throws {
        try await TestApp.run { app throws in
            let noLimits = try await submit(app, hs2Body(app, [:]))
            #expect(noLimits.isError(400))
            #expect(noLimits.fieldErrors["hs2_in_act_limits"]?.contains("R-HS2-01") == true, "\(noLimits.json)")
            let noExemption = try await submit(app, hs2Body(app, ["hs2_in_act_limits": true]))
            #expect(noExemption.fieldErrors["hs2_highway_exemption"]?.contains("R-HS2-01") == true)
            // Street works within Act limits state no exemption; other promoters state nothing.
            #expect(
                try await submit(app, hs2Body(app, workType: "planned", ["hs2_in_act_limits": true])).status
                    == .created)
            #expect(try await app.submitWork().0.isEmpty == false)
        }
    }

    @Test(
        "R-HS2-02: HS2 works within Act limits and under no protective provision are granted on submission; the HA only acknowledges"
    )
    func consultation() async throws {
        try await TestApp.run { app throws in
            let created = try await submit(
                app, hs2Body(app, ["hs2_in_act_limits": true, "hs2_highway_exemption": "none_applicable"]))
            #expect(created.status == .created, "\(created.json)")
            let wrn = try #require(created.json["work_reference_number"] as? String)
            let prn = try #require(created.json["permit_reference_number"] as? String)
            let permit = try await app.permit(wrn, prn)
            #expect(permit["permit_status"] as? String == "granted")
            #expect(permit["assessment_status"] as? String == "granted_auto")
            #expect(permit["hs2_acknowledged"] as? Bool == false)
            let history = try await app.request(
                .get, "/v6/work/works/\(wrn)/history", token: try await app.token(Demo.haOfficer)
            ).json
            let events = (history["rows"] as? [[String: Any]] ?? []).compactMap { $0["event"] as? String }
            #expect(events.prefix(2) == ["permit_granted", "permit_submitted"], "\(events)")
            // Nothing to assess or deem.
            let assessed = try await app.assess(
                wrn, prn,
                ["assessment_status": "refused", "reasons_for_refusal": ["RC10"], "additional_comments": "No"])
            #expect(assessed.isError(412) && assessed.message?.hasPrefix("R-HS2-02") == true, "\(assessed.json)")
            app.clock.advance(by: 60 * 86_400)
            #expect(try await app.deem() == 0)
            // HS2 street works within Act limits take the same route.
            let street = try await submit(app, hs2Body(app, workType: "planned", ["hs2_in_act_limits": true]))
            let streetPermit = try await app.permit(
                try #require(street.json["work_reference_number"] as? String),
                try #require(street.json["permit_reference_number"] as? String))
            #expect(streetPermit["assessment_status"] as? String == "granted_auto")
        }
    }

    @Test(
        "R-HS2-02: HS2 highway works under a protective provision need the HA's consent; outside Act limits they are assessed and deem"
    )
    func consentAndOutsideActLimits() async throws {
        try await TestApp.run { app throws in
            let consent = try await submit(
                app, hs2Body(app, ["hs2_in_act_limits": true, "hs2_highway_exemption": "works_to_a_bridge"]))
            let wrn = try #require(consent.json["work_reference_number"] as? String)
            let prn = try #require(consent.json["permit_reference_number"] as? String)
            var permit = try await app.permit(wrn, prn)
            #expect(permit["permit_status"] as? String == "submitted")
            #expect(permit["hs2_acknowledged"] == nil)
            #expect(
                try await app.request(
                    .put, "/v6/work/works/\(wrn)/permits/\(prn)/hs2_acknowledgement",
                    token: try await app.token(Demo.haOfficer), json: ["hs2_acknowledged": true]
                ).isError(412))
            #expect(try await app.assess(wrn, prn, ["assessment_status": "granted"]).status == .noContent)
            permit = try await app.permit(wrn, prn)
            #expect(permit["permit_status"] as? String == "granted")
            #expect(permit["assessment_status"] as? String == "granted")

            let outside = try await submit(app, hs2Body(app, ["hs2_in_act_limits": false]))
            let outsideWRN = try #require(outside.json["work_reference_number"] as? String)
            let outsidePRN = try #require(outside.json["permit_reference_number"] as? String)
            // R-RESP-01: 28 calendar days from Monday 5 January.
            let deadline = try await app.permit(outsideWRN, outsidePRN)["deadline_date"] as? String
            #expect(deadline?.hasPrefix("2026-02-02") == true, "\(deadline ?? "")")
            app.clock.set(ISO8601.parse("2026-02-03T00:00:30Z")!)
            #expect(try await app.deem() == 1)
            #expect(try await app.permit(outsideWRN, outsidePRN)["is_deemed"] as? Bool == true)
        }
    }

    @Test(
        "R-HS2-03: no designations or conditions on HS2 highway works or within Act limits; a requested response date is today or later"
    )
    func designationsAndResponseDate() async throws {
        try await TestApp.run { app throws in
            let yesterday = ISO8601.format(app.clock.now().addingTimeInterval(-86_400))
            let late = try await submit(
                app,
                hs2Body(
                    app,
                    [
                        "hs2_in_act_limits": false, "hs2_consultation_requested_response_date": yesterday,
                        "permit_asds": [["street_special_desig_code": 1]],
                    ]))
            #expect(late.isError(400))
            #expect(late.fieldErrors["hs2_consultation_requested_response_date"]?.contains("R-HS2-03") == true)
            #expect(late.fieldErrors["permit_asds"]?.contains("R-HS2-03") == true, "\(late.json)")
            let today = ISO8601.format(app.clock.now().addingTimeInterval(3_600))
            #expect(
                try await submit(
                    app, hs2Body(app, ["hs2_in_act_limits": false, "hs2_consultation_requested_response_date": today])
                ).status == .created)
        }
    }

    @Test(
        "R-HS2-02: the permits list narrows to consultation works, consent works and consultations the HA has not acknowledged"
    )
    func listFilters() async throws {
        try await TestApp.run { app throws in
            func created(_ body: [String: Any]) async throws -> (wrn: String, prn: String) {
                let response = try await submit(app, body)
                #expect(response.status == .created, "\(response.json)")
                return (
                    try #require(response.json["work_reference_number"] as? String),
                    try #require(response.json["permit_reference_number"] as? String)
                )
            }
            let consultation = try await created(
                hs2Body(app, ["hs2_in_act_limits": true, "hs2_highway_exemption": "none_applicable"]))
            let streetConsultation = try await created(hs2Body(app, workType: "planned", ["hs2_in_act_limits": true]))
            let consent = try await created(
                hs2Body(app, ["hs2_in_act_limits": true, "hs2_highway_exemption": "works_to_a_bridge"]))
            let outside = try await created(hs2Body(app, ["hs2_in_act_limits": false]))
            _ = try await app.submitWork()
            let officer = try await app.token(Demo.haOfficer)
            func permits(_ query: String) async throws -> Set<String> {
                let response = try await app.request(.get, "/v6/reporting/permits?\(query)", token: officer)
                #expect(response.status == .ok, "\(query): \(response.json)")
                return Set(
                    (response.json["rows"] as? [[String: Any]] ?? []).compactMap {
                        $0["permit_reference_number"] as? String
                    })
            }
            #expect(try await permits("consultation_works_only=true") == [consultation.prn, streetConsultation.prn])
            #expect(try await permits("consent_works_only=true") == [consent.prn])
            #expect(
                try await permits("unacknowledged_by_ha_only=true") == [consultation.prn, streetConsultation.prn])
            #expect(try await permits("consultation_works_only=false").contains(outside.prn))
            let acknowledged = try await app.request(
                .put, "/v6/work/works/\(consultation.wrn)/permits/\(consultation.prn)/hs2_acknowledgement",
                token: officer, json: ["hs2_acknowledged": true])
            #expect(acknowledged.status == .noContent, "\(acknowledged.json)")
            #expect(try await permits("unacknowledged_by_ha_only=true") == [streetConsultation.prn])
            #expect(try await permits("consultation_works_only=true&hs2_works_only=true") == [consultation.prn])
        }
    }
}
