import Domain
import Foundation
import Store
import Testing

@testable import App

/// R-SAMP-06 through the API: the highway authority's inspections count towards its sample
/// inspection target for the promoter and complete the sampled works' sample; withdrawing one
/// reverses that (inspections and sampling meet in the works command).
@Suite("Sampled inspections")
struct SampledInspectionTests {
    let sampling = SamplingTests()
    let inspections = InspectionTests()

    @Test("R-SAMP-06: recording a category A inspection completes the works' sample; withdrawing it issues it again")
    func testR_SAMP_06_inspectionsThroughTheAPI() async throws {
        try await TestApp.run { app throws in
            let target = try await sampling.createTarget(app)
            let wrn = try await sampling.liveWork(app)
            #expect(try await sampling.generate(app).status == .noContent)
            _ = try await sampling.runGeneration(app)
            let sample = "\(wrn)-SI-A"
            #expect(try await sampling.sample(app, sample)?.status == .issued)

            let (reference, _) = try await inspections.recorded(
                app, wrn,
                inspections.passed(app, overrides: ["inspection_type": "live_site", "inspection_category": "a"]))
            let completed = try #require(try await sampling.sample(app, sample))
            #expect(completed.status == .completed && completed.completedByInspection == reference)
            #expect(try await sampling.target(app, target).json["completed_a"] as? Double == 1)
            #expect(try await sampling.events(app, wrn).prefix(2).contains("sample_inspection_completed"))

            // A routine inspection is not a sampling one.
            _ = try await inspections.recorded(
                app, wrn,
                inspections.passed(app, overrides: ["inspection_type": "live_site", "inspection_category": "routine"]))
            #expect(try await sampling.target(app, target).json["completed_a"] as? Double == 1)

            let withdrawn = try await app.request(
                .put, "/v6/work/works/\(wrn)/inspections/\(reference)/withdraw",
                token: try await app.token(Demo.haOfficer),
                json: ["reason_for_withdrawal": "wrong_works_or_organisation", "withdrawal_details": "Wrong works"])
            #expect(withdrawn.status == .noContent, "\(withdrawn.json)")
            #expect(try await sampling.sample(app, sample)?.status == .issued)
            #expect(try await sampling.target(app, target).json["completed_a"] as? Double == 0)

            // A historic inspection of the promoter's works counts too.
            var body = inspections.historicBody(
                app,
                overrides: ["inspection_type": "live_site", "inspection_category": "a", "inspection_outcome": "passed"])
            for key in ["failure_reason_details", "was_call_logged", "defect_fixed_on_site"] { body[key] = nil }
            let historic = try await app.request(
                .post, "/v6/work/historic-works/inspections", token: try await app.token(Demo.haOfficer), json: body)
            #expect(historic.status == .created, "\(historic.json)")
            #expect(try await sampling.target(app, target).json["completed_a"] as? Double == 1)
        }
    }
}
