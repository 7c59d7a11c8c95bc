import Foundation
import Testing

@testable import App

@Suite("Synthetic history (generate)")
struct GenerateTests {
    @Test(
        "generate adds works with their permits, PAAs, change requests, forward plans and history, in realistic shares, readable through the API"
    )
    func generate() async throws {
        try await TestApp.run { app throws in
            let written = try await SyntheticHistory.generate(
                into: app.services.database, works: 1_000, now: app.clock.now(), batchSize: 150)
            #expect(written == 1_000)
            let counts = try await app.services.database.first(
                """
                SELECT (SELECT COUNT(*) FROM works) AS w, (SELECT COUNT(*) FROM permits) AS p,
                (SELECT COUNT(*) FROM work_history) AS h,
                (SELECT COUNT(*) FROM works WHERE permit_count = 0) AS plan_only,
                (SELECT COUNT(*) FROM forward_plans) AS plans,
                (SELECT COUNT(*) FROM permits WHERE permit_status = 'progressed') AS progressed,
                (SELECT COUNT(*) FROM permits WHERE work_category = 'paa') AS paas,
                (SELECT COUNT(*) FROM change_requests) AS crs,
                (SELECT COUNT(*) FROM change_requests WHERE change_request_status = 'submitted') AS crs_waiting,
                (SELECT COUNT(*) FROM permits WHERE work_type = 'immediate') AS immediate,
                (SELECT COUNT(*) FROM permits WHERE work_type = 'immediate' AND permit_status IN ('submitted', 'granted') AND actual_start_date IS NULL) AS unstarted_immediate,
                (SELECT COUNT(*) FROM permits WHERE work_category = 'paa' AND permit_status IN ('closed', 'permit_modification_request')) AS impossible_paas
                """,
                [])
            let works = counts?.int("w") ?? 0
            let permits = counts?.int("p") ?? 0
            #expect(works == 1_000)
            // One PA per record, a second on records whose PAA was progressed, none on plans alone.
            #expect(permits == works - (counts?.int("plan_only") ?? 0) + (counts?.int("progressed") ?? 0))
            #expect((counts?.int("h") ?? 0) >= 2 * works)
            #expect((1...40).contains(counts?.int("plan_only") ?? 0), "about 1 %: \(counts?.int("plan_only") ?? 0)")
            #expect((counts?.int("plans") ?? 0) > (counts?.int("plan_only") ?? 0))
            #expect((20...200).contains(counts?.int("progressed") ?? 0), "\(counts?.int("progressed") ?? 0)")
            #expect((20...200).contains(counts?.int("paas") ?? 0), "\(counts?.int("paas") ?? 0)")
            #expect((40...200).contains(counts?.int("crs") ?? 0), "about 15 % of 70 %: \(counts?.int("crs") ?? 0)")
            #expect((40...150).contains(counts?.int("immediate") ?? 0), "about 8 %: \(counts?.int("immediate") ?? 0)")
            // R-IMM-02 (D-IMMEDIATE-START); a PAA has no works and no modification request.
            #expect(counts?.int("unstarted_immediate") == 0)
            #expect(counts?.int("impossible_paas") == 0)
            // Change requests awaiting assessment are today's: none is due for deeming either.
            #expect((counts?.int("crs_waiting") ?? 0) < 20)
            // Submitted permits are today's: none is due for deeming yet.
            #expect(try await app.deem() == 0)
            let officer = try await app.token(Demo.haOfficer)
            let submitted = try await app.request(
                .get, "/v6/reporting/permits?status=submitted&include_total_count=true", token: officer)
            let total = (submitted.json["pagination"] as? [String: Any])?["total_rows"] as? Int ?? 0
            #expect(total > 20 && total < 150, "about 10 % of 75 % of 1,000 works: \(total)")
            let wrn = try #require(
                (submitted.json["rows"] as? [[String: Any]])?.first?["work_reference_number"] as? String)
            #expect(try await app.request(.get, "/v6/work/works/\(wrn)", token: officer).status == .ok)
            // A generated change request and forward plan read back through the API.
            let cr = try #require(
                try await app.services.database.first(
                    "SELECT work_reference_number, permit_reference_number, change_request_reference_number FROM change_requests ORDER BY change_request_reference_number LIMIT 1",
                    []))
            let crWRN = cr.string("work_reference_number") ?? ""
            let crPRN = cr.string("permit_reference_number") ?? ""
            let crRef = cr.string("change_request_reference_number") ?? ""
            let planner = try await app.token(Demo.planner)
            let gasPlanner = try await app.token(Demo.gasPlanner)
            let shown = try await app.request(
                .get, "/v6/work/works/\(crWRN)/permits/\(crPRN)/alterations/\(crRef)",
                token: crWRN.hasPrefix("AW") ? planner : gasPlanner)
            #expect(shown.status == .ok, "\(shown.json)")
            let alterations = try await app.request(.get, "/v6/reporting/alterations", token: officer).json
            #expect((alterations["rows"] as? [Any])?.isEmpty == false)
            let plans = try await app.request(.get, "/v6/reporting/forward-plans", token: planner).json
            #expect((plans["rows"] as? [Any])?.isEmpty == false, "\(plans)")
            // A second run continues the numbering.
            #expect(
                try await SyntheticHistory.generate(into: app.services.database, works: 10, now: app.clock.now()) == 10)
        }
    }

    @Test(
        "generate adds inspections, non-compliances, FPNs and sample inspections in realistic shares, nothing due for a background service, readable through the API"
    )
    func enforcement() async throws {
        try await TestApp.run { app throws in
            _ = try await SyntheticHistory.generate(
                into: app.services.database, works: 2_000, now: app.clock.now(), batchSize: 400)
            let counts = try await app.services.database.first(
                """
                SELECT (SELECT COUNT(*) FROM inspections) AS inspections,
                (SELECT COUNT(*) FROM inspections WHERE inspection_outcome <> 'passed') AS failed,
                (SELECT COUNT(*) FROM non_compliances) AS ncs,
                (SELECT COUNT(*) FROM fixed_penalty_notices) AS fpns,
                (SELECT COUNT(*) FROM sample_inspection_targets) AS targets,
                (SELECT COUNT(*) FROM sample_inspection_progress) AS progress
                """, [])
            let inspections = counts?.int("inspections") ?? 0
            #expect((80...300).contains(inspections), "about 25 % of the started third: \(inspections)")
            #expect(counts?.int("ncs") == counts?.int("failed"), "each failed inspection raised one")
            #expect((1...30).contains(counts?.int("fpns") ?? 0), "about 0.5 %: \(counts?.int("fpns") ?? 0)")
            #expect(counts?.int("targets") == 4)
            #expect((counts?.int("progress") ?? 0) > 0)
            // R-INSP-13, R-SAMP-05: nothing generated is overdue for the background services.
            #expect(
                try await AutoAcceptance.acceptOverdueOutcomes(database: app.services.database, clock: app.clock) == 0)
            let overdue = try await app.services.database.first(
                "SELECT COUNT(*) AS n FROM sample_inspections WHERE sample_status = 'issued' AND sample_expiry_date < ?",
                [.instant(app.clock.now())])
            #expect(overdue?.int("n") == 0)
            // Read back through the API.
            let row = try #require(
                try await app.services.database.first(
                    "SELECT work_reference_number, inspection_reference_number FROM inspections WHERE work_reference_number LIKE 'AW%' ORDER BY inspection_reference_number LIMIT 1",
                    []))
            let wrn = row.string("work_reference_number") ?? ""
            let planner = try await app.token(Demo.planner)
            let inspection = try await app.request(
                .get, "/v6/work/works/\(wrn)/inspections/\(row.string("inspection_reference_number") ?? "")",
                token: planner)
            #expect(inspection.status == .ok, "\(inspection.json)")
            let work = try await app.request(.get, "/v6/work/works/\(wrn)", token: planner).json
            #expect((work["inspections"] as? [Any])?.count == 1, "\(work)")
            let officer = try await app.token(Demo.haOfficer)
            for list in ["inspections", "non-compliances", "fixed-penalty-notices"] {
                let listed = try await app.request(.get, "/v6/reporting/\(list)", token: officer)
                #expect((listed.json["rows"] as? [Any])?.isEmpty == false, "\(list): \(listed.json)")
            }
            let samples = try await app.request(.get, "/v6/reporting/pbi-sample-inspection-targets", token: officer)
            #expect((samples.json["rows"] as? [Any])?.count == 2, "\(samples.status) \(samples.json)")
        }
    }
}
