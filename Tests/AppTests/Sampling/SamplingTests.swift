import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import Testing

@testable import App

/// Sample inspections: targets, quota, quarters, asynchronous generation, daily expiry, progress
/// from inspections, lists and exports (R-SAMP-01 … R-SAMP-09, R-INSP-12; D-SAMPLING).
@Suite("Sample inspections")
struct SamplingTests {
    static let targets = "/v6/sampling/sample-inspection-targets"

    /// A valid target for Anytown Water: quota ceil(400 × 50 / 100 / 4) = 50.
    static func targetBody(_ overrides: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = [
            "promoter_org_ref": "7001", "inspection_units_baseline": 400, "inspection_rate": 50, "target_a": 2,
            "target_b": 1, "target_c": 1,
        ]
        for (key, value) in overrides { body[key] = value }
        return body
    }

    /// Creates a target as Anytown's administrator; its reference.
    func createTarget(_ app: TestApp, _ body: [String: Any] = SamplingTests.targetBody()) async throws -> String {
        let response = try await app.request(
            .post, Self.targets, token: try await app.token(Demo.haAdmin), json: body)
        #expect(response.status == .created, "create target: \(response.status) \(response.json)")
        return try #require(response.json["sample_inspection_target_reference_number"] as? String)
    }

    func target(_ app: TestApp, _ reference: String, as email: String = Demo.haAdmin) async throws -> JSONResponse {
        try await app.request(.get, "\(Self.targets)/\(reference)", token: try await app.token(email))
    }

    /// Live (in progress) works of Anytown Water on Anytown's streets: immediate works are in
    /// progress from submission (R-IMM-02); they end about 1.9 days from the test's start.
    func liveWork(_ app: TestApp) async throws -> String {
        try await app.submitWork(app.workBody(startIn: -0.1, workType: "immediate")).0
    }

    /// Live works of Otherton Gas on Anytown's streets (in its workstream 002, made here).
    func gasLiveWork(_ app: TestApp) async throws -> String {
        try await IdentityRepository(app.services.database).insert(
            Workstream(organisationReference: "7002", prefix: "002", name: "Gas network"), at: app.clock.now())
        return try await app.submitWork(
            app.workBody(
                startIn: -0.1, workType: "immediate",
                overrides: ["promoter_swa_code": "7002", "workstream_prefix": "002"]), as: Demo.gasPlanner
        ).0
    }

    @discardableResult
    func generate(_ app: TestApp, rate: Double = 100, as email: String = Demo.haAdmin) async throws -> JSONResponse {
        try await app.request(
            .post, "/v6/sampling/sample-inspections", token: try await app.token(email),
            json: ["sample_inspection_rate": rate])
    }

    /// Runs the queued generation as the sampling service would; the job's id.
    @discardableResult
    func runGeneration(_ app: TestApp) async throws -> Int64? {
        try await SampleGeneration(database: app.services.database, clock: app.clock).runOne()
    }

    func sample(_ app: TestApp, _ reference: String) async throws -> SampleInspectionRow? {
        try await SamplingRepository(app.services.database).sample(reference)
    }

    func events(_ app: TestApp, _ wrn: String) async throws -> [String] {
        let history = try await app.request(
            .get, "/v6/work/works/\(wrn)/history", token: try await app.token(Demo.haOfficer)
        ).json
        return ((history["rows"] as? [[String: Any]]) ?? []).compactMap { $0["event"] as? String }
    }

    func listedSamples(_ app: TestApp, query: String = "") async throws -> [[String: Any]] {
        let response = try await app.request(
            .get, "/v6/reporting/pbi-sample-inspections\(query)", token: try await app.token(Demo.haOfficer))
        #expect(response.status == .ok, "\(response.json)")
        return response.json["rows"] as? [[String: Any]] ?? []
    }

    // MARK: R-SAMP-01

    @Test("R-SAMP-01: only a highway authority's officers and administrators use the Sampling API")
    func testR_SAMP_01_onlyHighwayAuthorityAdmins() async throws {
        try await TestApp.run { app throws in
            for email in [Demo.planner, Demo.promoterAdmin, Demo.contractor] {
                let token = try await app.token(email)
                #expect(
                    try await app.request(.post, Self.targets, token: token, json: Self.targetBody()).isError(
                        401, "Access restricted"), "\(email)")
                #expect(
                    try await app.request(
                        .post, "/v6/sampling/sample-inspections", token: token, json: ["sample_inspection_rate": 100]
                    ).isError(401, "Access restricted"), "\(email)")
            }
            // The authority's administrator and its officer may.
            let reference = try await createTarget(app)
            #expect(reference == "SIT-1001-0001")
            #expect(try await target(app, reference, as: Demo.haOfficer).status == .ok)
            // Another authority's officer may not read or close it.
            #expect(try await target(app, reference, as: Demo.othertonOfficer).isError(401, "Access restricted"))
            #expect(
                try await app.request(
                    .delete, "\(Self.targets)/\(reference)", token: try await app.token(Demo.othertonOfficer)
                ).isError(401, "Access restricted"))
            #expect(try await target(app, "SIT-1001-0099").isError(404))
        }
    }

    // MARK: R-SAMP-02

    @Test("R-SAMP-02: one active target a promoter, at most 30, and its promoter never changes")
    func testR_SAMP_02_oneActiveTargetPerPromoter() async throws {
        try await TestApp.run { app throws in
            let admin = try await app.token(Demo.haAdmin)
            let first = try await createTarget(app)
            let again = try await app.request(.post, Self.targets, token: admin, json: Self.targetBody())
            #expect(again.isError(409), "\(again.json)")
            // Another promoter, or another authority for the same promoter, is fine.
            #expect(try await createTarget(app, Self.targetBody(["promoter_org_ref": "7002"])) == "SIT-1001-0002")
            let otherton = try await app.request(
                .post, Self.targets, token: try await app.token(Demo.othertonOfficer), json: Self.targetBody())
            #expect(otherton.status == .created, "\(otherton.json)")
            #expect(otherton.json["sample_inspection_target_reference_number"] as? String == "SIT-1002-0001")
            // Not a promoter.
            #expect(
                try await app.request(
                    .post, Self.targets, token: admin, json: Self.targetBody(["promoter_org_ref": "1002"])
                ).fieldErrors["promoter_org_ref"] != nil)
            // The promoter cannot be changed on update; the numbers can.
            var update = Self.targetBody(["target_a": 3])
            update["promoter_org_ref"] = "7002"
            let moved = try await app.request(.put, "\(Self.targets)/\(first)", token: admin, json: update)
            #expect(moved.fieldErrors["promoter_org_ref"]?.contains("R-SAMP-02") == true, "\(moved.json)")
            update["promoter_org_ref"] = nil
            #expect(
                try await app.request(.put, "\(Self.targets)/\(first)", token: admin, json: update).status
                    == .noContent)
            #expect(try await target(app, first).json["target_a"] as? Double == 3)
            #expect(try await target(app, first).json["org_ref"] as? String == "7001")
            // Once closed, a fresh target can be made for the promoter.
            #expect(
                try await app.request(.delete, "\(Self.targets)/\(first)", token: admin).status == .noContent)
            #expect(try await createTarget(app) == "SIT-1001-0003")

            // Up to 30 active targets: 28 more promoters' targets fill Anytown's allowance.
            let repository = SamplingRepository(app.services.database)
            for index in 0..<28 {
                try await repository.insert(
                    SampleInspectionTargetRow(
                        reference: "SIT-1001-9\(100 + index)", sequence: 9100 + index, highwayAuthoritySWACode: "1001",
                        promoterSWACode: "P\(100 + index)", inspectionUnits: 100, inspectionUnitsBaseline: 100,
                        inspectionRate: 20, targetA: 1, targetB: 0, targetC: 0, quarterStart: nil, quarterEnd: nil,
                        internalUserIdentifier: nil, internalUserName: nil, by: Demo.haAdmin, at: app.clock.now()))
            }
            #expect(try await repository.activeTargetCount(highwayAuthority: "1001") == 30)
            let full = try await app.request(
                .post, Self.targets, token: admin, json: Self.targetBody(["promoter_org_ref": "7374"]))
            #expect(full.isError(412), "\(full.json)")
            #expect(full.message?.contains("R-SAMP-02") == true)
        }
    }

    // MARK: R-SAMP-03

    @Test("R-SAMP-03: a target's numbers: units, a rate of 20–100, whole targets within the quarterly quota")
    func testR_SAMP_03_targetNumbers() async throws {
        try await TestApp.run { app throws in
            let admin = try await app.token(Demo.haAdmin)
            func refused(_ body: [String: Any]) async throws -> [String: String] {
                let response = try await app.request(.post, Self.targets, token: admin, json: body)
                #expect(response.isError(400), "\(body): \(response.status) \(response.json)")
                return response.fieldErrors
            }
            #expect(try await refused(Self.targetBody(["inspection_rate": 19]))["inspection_rate"] != nil)
            #expect(try await refused(Self.targetBody(["inspection_rate": 100.5]))["inspection_rate"] != nil)
            #expect(try await refused(Self.targetBody(["target_a": -1]))["target_a"] != nil)
            // 400 units at 50 %: a quarterly quota of 50; 51 is too many.
            let over = try await refused(Self.targetBody(["target_a": 49, "target_b": 1, "target_c": 1]))
            #expect(over["target_a"]?.contains("quarterly quota (50)") == true, "\(over)")
            #expect(over["target_b"] != nil && over["target_c"] != nil)
            var neither = Self.targetBody()
            neither["inspection_units_baseline"] = nil
            #expect(try await refused(neither)["inspection_units_baseline"] != nil)
            var badYear = neither
            badYear["annual_inspection_units"] = [
                [
                    "financial_year_start_date": "2025-05-01T00:00:00Z", "annual_inspection_units": 100,
                    "is_auto_calculated": false,
                ]
            ]
            #expect(
                try await refused(badYear)["annual_inspection_units[0].financial_year_start_date"] != nil)
            // Nothing was written.
            #expect(
                try await SamplingRepository(app.services.database).activeTargetCount(highwayAuthority: "1001") == 0)

            // The edges are allowed: a rate of 20 and of 100, targets exactly at the quota.
            let atQuota = try await createTarget(app, Self.targetBody(["target_a": 48, "target_b": 1, "target_c": 1]))
            let shown = try await target(app, atQuota).json
            #expect(shown["yearly_inspection_units"] as? Double == 400)
            #expect(shown["inspection_rate"] as? Double == 50)
            #expect(shown["target_a"] as? Double == 48)
            #expect(shown["completed_a"] as? Double == 0)
            #expect(shown["organisation_name"] as? String == "Anytown Water Ltd")
            // Annual units (years starting 1 April UK time, 00:00 BST is 23:00 UTC) average to the
            // yearly units; the years are recorded for the promoter.
            var annual = neither
            annual["promoter_org_ref"] = "7002"
            annual["inspection_rate"] = 20
            annual["target_a"] = 5
            annual["annual_inspection_units"] = [
                [
                    "financial_year_start_date": "2024-03-31T23:00:00Z", "annual_inspection_units": 300,
                    "is_auto_calculated": false,
                ],
                [
                    "financial_year_start_date": "2025-03-31T23:00:00Z", "annual_inspection_units": 500,
                    "is_auto_calculated": true,
                ],
            ]
            let gas = try await createTarget(app, annual)
            #expect(try await target(app, gas).json["yearly_inspection_units"] as? Double == 400)
            let previous = try await app.request(
                .get,
                "/v6/sampling/previous-annual-inspection-units?promoter_org_ref=7002&financial_year_start_date=2025-03-31T23:00:00Z",
                token: admin
            ).json
            let years = try #require(previous["annual_inspection_units"] as? [[String: Any]], "\(previous)")
            #expect(years.count == 1)
            #expect(years.first?["annual_inspection_units"] as? Double == 300)
            #expect(years.first?["financial_year_start_date"] as? String == "2024-03-31T23:00:00.000Z")
            let all = try await app.request(
                .get, "/v6/sampling/previous-annual-inspection-units?promoter_org_ref=7002", token: admin
            ).json
            #expect((all["annual_inspection_units"] as? [[String: Any]])?.count == 2)
            #expect(
                try await app.request(
                    .get, "/v6/sampling/previous-annual-inspection-units?promoter_org_ref=NOPE", token: admin
                ).isError(404))
        }
    }

    // MARK: R-SAMP-04, R-INSP-12

    @Test("R-SAMP-04: generation is queued and answered at once; a second request meanwhile is a 409")
    func testR_SAMP_04_generationIsAsynchronous() async throws {
        try await TestApp.run { app throws in
            _ = try await createTarget(app)
            let wrn = try await liveWork(app)
            #expect(try await generate(app).status == .noContent)
            // Nothing is issued until the job runs; the job is listed as queued.
            #expect(try await sample(app, "\(wrn)-SI-A") == nil)
            let jobs = try await app.request(
                .get, "/v6/reporting/pbi-sample-generation-jobs", token: try await app.token(Demo.haOfficer)
            ).json
            let rows = try #require(jobs["rows"] as? [[String: Any]], "\(jobs)")
            #expect(rows.count == 1)
            #expect(rows.first?["async_job_status"] as? String == "queued")
            #expect(rows.first?["username"] as? String == Demo.haAdmin)
            let second = try await generate(app, as: Demo.haOfficer)
            #expect(second.isError(409), "\(second.json)")
            #expect(try await generate(app, rate: 0).fieldErrors["sample_inspection_rate"] != nil)
            // A promoter sees no jobs.
            let promoterJobs = try await app.request(
                .get, "/v6/reporting/pbi-sample-generation-jobs", token: try await app.token(Demo.planner)
            ).json
            #expect((promoterJobs["rows"] as? [[String: Any]])?.isEmpty == true)

            // Two processes at once: the job is claimed and run by one.
            let database = app.services.database
            let clock = app.clock
            let claimed = try await withThrowingTaskGroup(of: Int64?.self) { group in
                for worker in ["p1", "p2"] {
                    group.addTask {
                        try await SampleGeneration(database: database, clock: clock, worker: worker).runOne()
                    }
                }
                var all: [Int64?] = []
                for try await id in group { all.append(id) }
                return all
            }
            #expect(claimed.compactMap { $0 }.count == 1)
            let id = try #require(claimed.compactMap { $0 }.first)
            #expect(try await runGeneration(app) == nil)  // claimed once
            let job = try #require(try await SamplingRepository(app.services.database).job(id))
            #expect(job.status == .complete)
            #expect(job.issuedCount == 1)
            #expect(try await sample(app, "\(wrn)-SI-A")?.status == .issued)
            // Finished: another request is accepted.
            #expect(try await generate(app).status == .noContent)
            // A process that claimed it and died: its lease holds, then another process takes over.
            let now = app.clock.now()
            let dead = try await database.transaction { tx in
                try await SamplingRepository(tx).claimJob(
                    worker: "dead", now: now, leaseUntil: now.addingTimeInterval(SampleGeneration.defaultLease))
            }
            #expect(dead != nil)
            #expect(try await runGeneration(app) == nil)
            app.clock.advance(by: SampleGeneration.defaultLease + 1)
            #expect(try await runGeneration(app) == dead?.id)
            #expect(try await SamplingRepository(database).job(try #require(dead?.id))?.status == .complete)
        }
    }

    @Test("R-SAMP-04: samples `{WRN}-SI-A` up to the target less those issued; repeated runs top up")
    func testR_SAMP_04_samplesUpToTheTarget() async throws {
        try await TestApp.run { app throws in
            let reference = try await createTarget(app)  // target_a 2
            var live: [String] = []
            for _ in 0..<3 { live.append(try await liveWork(app)) }
            let planned = try await app.submitWork().0  // not live
            let gas = try await gasLiveWork(app)
            try await generate(app)
            try await runGeneration(app)
            let issued = try await SamplingRepository(app.services.database).issuedCount(
                target: reference, category: .a)
            #expect(issued == 2)
            var sampled = Set<String>()
            for wrn in live where try await sample(app, "\(wrn)-SI-A") != nil { sampled.insert(wrn) }
            #expect(sampled.count == 2)
            #expect(try await sample(app, "\(planned)-SI-A") == nil)
            #expect(try await sample(app, "\(gas)-SI-A") == nil)
            for wrn in sampled {
                let row = try #require(try await sample(app, "\(wrn)-SI-A"))
                #expect(row.targetReference == reference)
                #expect(row.category == .a)
                #expect(try await events(app, wrn).contains("sample_inspection_issued"))
            }
            #expect(try await target(app, reference).json["generated_b"] as? Double == 0)

            // At the target: a run issues nothing more.
            try await generate(app)
            try await runGeneration(app)
            #expect(
                try await SamplingRepository(app.services.database).issuedCount(target: reference, category: .a) == 2)
            // A completed sample no longer counts: the next run tops up with the third works.
            let done = try #require(sampled.first)
            try await WorksCommand(app.services).run(on: done, by: .system) { change in
                try await SampleInspectionProgress.inspectionRecorded(
                    in: change, category: "a", inspectionReference: "\(done)-INSP-01")
            }
            try await generate(app)
            try await runGeneration(app)
            let third = try #require(live.first { !sampled.contains($0) })
            #expect(try await sample(app, "\(third)-SI-A")?.status == .issued)
            #expect(
                try await SamplingRepository(app.services.database).issuedCount(target: reference, category: .a) == 2)
        }
    }

    @Test("R-INSP-12: categories B and C need excavation reinstatements, not recorded yet: none is issued")
    func testR_INSP_12_categoriesBAndCNeedReinstatements() async throws {
        try await TestApp.run { app throws in
            let reference = try await createTarget(app, Self.targetBody(["target_a": 0, "target_b": 5, "target_c": 5]))
            let wrn = try await liveWork(app)
            try await generate(app)
            let id = try #require(try await runGeneration(app))
            #expect(try await SamplingRepository(app.services.database).job(id)?.status == .complete)
            for category in SampleInspectionCategory.allCases {
                #expect(try await sample(app, SamplingRules.sampleReference(work: wrn, category: category)) == nil)
            }
            let shown = try await target(app, reference).json
            #expect(shown["generated_b"] as? Double == 0 && shown["generated_c"] as? Double == 0)
            #expect(SamplingRules.sampleReference(work: wrn, category: .b) == "\(wrn)-SI-B")
        }
    }

    // MARK: R-SAMP-05

    @Test("R-SAMP-05: a category A sample expires at the works' proposed end, by the 17:00 UK-time daily run, once")
    func testR_SAMP_05_dailyExpiryAtFivePM() async throws {
        try await TestApp.run { app throws in
            _ = try await createTarget(app)
            let wrn = try await liveWork(app)
            try await generate(app)
            try await runGeneration(app)
            let issued = try #require(try await sample(app, "\(wrn)-SI-A"))
            let permit =
                try await app.request(.get, "/v6/work/works/\(wrn)", token: try await app.token(Demo.planner))
                .json["active_permit"] as? [String: Any]
            #expect(ISO8601.format(issued.expiryDate) == permit?["proposed_end_date"] as? String)
            let database = app.services.database
            func run(_ worker: String = "w1") async throws -> Int? {
                try await SampleExpiry.runIfDue(database: database, clock: app.clock, worker: worker)
            }
            // The works end on the 7th in the morning (UTC = UK time in January).
            app.clock.set(ISO8601.parse("2026-01-06T17:00:00Z")!)
            #expect(try await run() == 0)  // the 6th's run: nothing due yet
            #expect(try await run() == nil)  // once a day
            app.clock.set(ISO8601.parse("2026-01-07T16:59:59Z")!)
            #expect(try await run() == nil)  // before 17:00
            #expect(try await sample(app, "\(wrn)-SI-A")?.status == .issued)
            #expect(try await listedSamples(app).count == 1)
            app.clock.set(ISO8601.parse("2026-01-07T17:00:00Z")!)
            // Two processes at once: exactly one runs the day's expiry.
            let clock = app.clock
            let results = try await withThrowingTaskGroup(of: Int?.self) { group in
                for worker in ["w1", "w2"] {
                    group.addTask { try await SampleExpiry.runIfDue(database: database, clock: clock, worker: worker) }
                }
                var all: [Int?] = []
                for try await result in group { all.append(result) }
                return all
            }
            #expect(results.compactMap { $0 }.count == 1)
            #expect(results.compactMap { $0 }.first == 1)
            #expect(try await run("w3") == nil)
            let expired = try #require(try await sample(app, "\(wrn)-SI-A"))
            #expect(expired.status == .expired)
            #expect(try await events(app, wrn).first == "sample_inspection_expired")
            #expect(try await listedSamples(app).isEmpty)  // R-SAMP-08
            // Sampled once a category: the works are not sampled again.
            try await generate(app)
            try await runGeneration(app)
            #expect(try await sample(app, "\(wrn)-SI-A")?.status == .expired)
        }
    }

    @Test("R-SAMP-05: the run is at 17:00 UK local time, which is 16:00 UTC in summer (D-SAMPLING)")
    func testR_SAMP_05_ukLocalTimeInSummer() async throws {
        #expect(SamplingRules.expiryRunDate(at: ISO8601.parse("2026-06-10T15:59:59Z")!) == nil)
        #expect(
            SamplingRules.expiryRunDate(at: ISO8601.parse("2026-06-10T16:00:00Z")!)
                == LocalDate(year: 2026, month: 6, day: 10))
        #expect(SamplingRules.expiryRunDate(at: ISO8601.parse("2026-01-10T16:59:00Z")!) == nil)
        #expect(
            SamplingRules.expiryRunDate(at: ISO8601.parse("2026-01-10T17:00:00Z")!)
                == LocalDate(year: 2026, month: 1, day: 10))
        // 23:30 UTC on 10 June is 00:30 BST on the 11th: before that day's run.
        #expect(SamplingRules.expiryRunDate(at: ISO8601.parse("2026-06-10T23:30:00Z")!) == nil)
    }

    // MARK: R-SAMP-06

    @Test(
        "R-SAMP-06: an inspection of the category raises the target's progress and completes the sample; a withdrawal reverses it"
    )
    func testR_SAMP_06_progressFromInspections() async throws {
        try await TestApp.run { app throws in
            let reference = try await createTarget(app)
            let wrn = try await liveWork(app)
            let other = try await liveWork(app)
            try await generate(app)
            try await runGeneration(app)
            let sampleReference = "\(wrn)-SI-A"
            let command = WorksCommand(app.services)
            // An inspection of category A on the sampled works completes its sample.
            let completed = try await command.run(on: wrn, by: .system) { change in
                try await SampleInspectionProgress.inspectionRecorded(
                    in: change, category: "a", inspectionReference: "\(wrn)-INSP-01")
            }
            #expect(completed == sampleReference)
            var row = try #require(try await sample(app, sampleReference))
            #expect(row.status == .completed && row.completedByInspection == "\(wrn)-INSP-01")
            #expect(try await target(app, reference).json["completed_a"] as? Double == 1)
            #expect(try await events(app, wrn).first == "sample_inspection_completed")
            // The same inspection twice counts once; a category B one counts in B (no sample);
            // a routine inspection is not a sampling one.
            try await command.run(on: wrn, by: .system) { change in
                try await SampleInspectionProgress.inspectionRecorded(
                    in: change, category: "a", inspectionReference: "\(wrn)-INSP-01")
                try await SampleInspectionProgress.inspectionRecorded(
                    in: change, category: "b", inspectionReference: "\(wrn)-INSP-02")
                try await SampleInspectionProgress.inspectionRecorded(
                    in: change, category: "routine", inspectionReference: "\(wrn)-INSP-03")
            }
            var shown = try await target(app, reference).json
            #expect(shown["completed_a"] as? Double == 1)
            #expect(shown["completed_b"] as? Double == 1)
            #expect(shown["completed_c"] as? Double == 0)
            // An inspection on works without a sample still counts (the other works' sample is
            // not touched).
            try await command.run(on: other, by: .system) { change in
                try await SampleInspectionProgress.inspectionRecorded(
                    in: change, category: "c", inspectionReference: "\(other)-INSP-01")
            }
            #expect(try await target(app, reference).json["completed_c"] as? Double == 1)
            #expect(try await sample(app, "\(other)-SI-A")?.status == .issued)

            // Withdrawing the first inspection: progress down, sample issued again.
            let reopened = try await command.run(on: wrn, by: .system) { change in
                try await SampleInspectionProgress.inspectionWithdrawn(
                    in: change, inspectionReference: "\(wrn)-INSP-01")
            }
            #expect(reopened == sampleReference)
            row = try #require(try await sample(app, sampleReference))
            #expect(row.status == .issued && row.completedByInspection == nil)
            shown = try await target(app, reference).json
            #expect(shown["completed_a"] as? Double == 0)
            #expect(try await events(app, wrn).first == "sample_inspection_issued")
            // Withdrawing it again, or one that never counted, changes nothing.
            let nothing = try await command.run(on: wrn, by: .system) { change in
                (
                    try await SampleInspectionProgress.inspectionWithdrawn(
                        in: change, inspectionReference: "\(wrn)-INSP-01"),
                    try await SampleInspectionProgress.inspectionWithdrawn(
                        in: change, inspectionReference: "\(wrn)-INSP-03")
                )
            }
            #expect(nothing.0 == nil && nothing.1 == nil)
            #expect(try await target(app, reference).json["completed_b"] as? Double == 1)

            // A withdrawal after the sample's expiry leaves it expired.
            try await command.run(on: wrn, by: .system) { change in
                try await SampleInspectionProgress.inspectionRecorded(
                    in: change, category: "a", inspectionReference: "\(wrn)-INSP-04")
            }
            app.clock.advance(by: 5 * 86_400)
            try await command.run(on: wrn, by: .system) { change in
                try await SampleInspectionProgress.inspectionWithdrawn(
                    in: change, inspectionReference: "\(wrn)-INSP-04")
            }
            #expect(try await sample(app, sampleReference)?.status == .expired)

            // Without an active target nothing is counted.
            let gas = try await gasLiveWork(app)
            let none = try await command.run(on: gas, by: .system) { change in
                try await SampleInspectionProgress.inspectionRecorded(
                    in: change, category: "a", inspectionReference: "\(gas)-INSP-01")
            }
            #expect(none == nil)
            #expect(try await SamplingRepository(app.services.database).progress(ofInspection: "\(gas)-INSP-01") == nil)
        }
    }

    // MARK: R-SAMP-07, R-SAMP-08

    @Test("R-SAMP-07: closing a target expires its uncompleted samples; only active targets are listed or read")
    func testR_SAMP_07_closingATarget() async throws {
        try await TestApp.run { app throws in
            let reference = try await createTarget(app)
            let gasTarget = try await createTarget(app, Self.targetBody(["promoter_org_ref": "7002"]))
            let open = try await liveWork(app)
            let done = try await liveWork(app)
            try await generate(app)
            try await runGeneration(app)
            try await WorksCommand(app.services).run(on: done, by: .system) { change in
                try await SampleInspectionProgress.inspectionRecorded(
                    in: change, category: "a", inspectionReference: "\(done)-INSP-01")
            }
            let officer = try await app.token(Demo.haOfficer)
            var listed =
                try await app.request(.get, "/v6/reporting/pbi-sample-inspection-targets", token: officer)
                .json["rows"] as? [[String: Any]] ?? []
            #expect(
                Set(listed.compactMap { $0["pbi_sample_inspection_target_reference_number"] as? String })
                    == [reference, gasTarget])
            // The promoter sees its own target only.
            let promoterRows =
                try await app.request(
                    .get, "/v6/reporting/pbi-sample-inspection-targets", token: try await app.token(Demo.planner)
                ).json["rows"] as? [[String: Any]] ?? []
            #expect(promoterRows.compactMap { $0["org_ref"] as? String } == ["7001"])

            let closed = try await app.request(.delete, "\(Self.targets)/\(reference)", token: officer)
            #expect(closed.status == .noContent, "\(closed.json)")
            #expect(try await sample(app, "\(open)-SI-A")?.status == .expired)
            #expect(try await sample(app, "\(done)-SI-A")?.status == .completed)
            #expect(try await events(app, open).first == "sample_inspection_expired")
            #expect(try await target(app, reference).isError(404))
            #expect(
                try await app.request(.delete, "\(Self.targets)/\(reference)", token: officer).isError(404))
            #expect(
                try await app.request(
                    .put, "\(Self.targets)/\(reference)", token: officer, json: Self.targetBody()
                ).isError(404))
            listed =
                try await app.request(.get, "/v6/reporting/pbi-sample-inspection-targets", token: officer)
                .json["rows"] as? [[String: Any]] ?? []
            #expect(listed.compactMap { $0["pbi_sample_inspection_target_reference_number"] as? String } == [gasTarget])
        }
    }

    @Test("R-SAMP-08: the sample list shows only active samples of the authority's works, with their filters")
    func testR_SAMP_08_onlyActiveSamplesListed() async throws {
        try await TestApp.run { app throws in
            _ = try await createTarget(app, Self.targetBody(["target_a": 3]))
            let first = try await liveWork(app)
            let second = try await liveWork(app)
            try await generate(app)
            try await runGeneration(app)
            var rows = try await listedSamples(app, query: "?include_total_count=true")
            #expect(Set(rows.compactMap { $0["work_reference_number"] as? String }) == [first, second])
            let row = try #require(rows.first)
            #expect(row["inspection_category"] as? String == "a")
            #expect(row["inspection_category_string"] as? String == "a")
            #expect(row["promoter_organisation"] as? String == "Anytown Water Ltd")
            #expect(row["location_description"] as? String == "Outside number 12")
            #expect((row["pbi_sample_inspection_reference_number"] as? String)?.hasSuffix("-SI-A") == true)
            // Filters.
            rows = try await listedSamples(app, query: "?work_reference_number=\(first.lowercased())")
            #expect(rows.compactMap { $0["work_reference_number"] as? String } == [first])
            rows = try await listedSamples(app, query: "?sample_expiry_date_to=2026-01-01T00:00:00Z")
            #expect(rows.isEmpty)
            let backwards = try await app.request(
                .get,
                "/v6/reporting/pbi-sample-inspections?sample_expiry_date_from=2026-02-01T00:00:00Z&sample_expiry_date_to=2026-01-01T00:00:00Z",
                token: try await app.token(Demo.haOfficer))
            #expect(backwards.fieldErrors["sample_expiry_date_to"] != nil)
            // A completed sample leaves the list.
            try await WorksCommand(app.services).run(on: first, by: .system) { change in
                try await SampleInspectionProgress.inspectionRecorded(
                    in: change, category: "a", inspectionReference: "\(first)-INSP-01")
            }
            rows = try await listedSamples(app)
            #expect(rows.compactMap { $0["work_reference_number"] as? String } == [second])
            // Another authority sees none; a promoter may not ask.
            let otherton = try await app.request(
                .get, "/v6/reporting/pbi-sample-inspections", token: try await app.token(Demo.othertonOfficer)
            ).json
            #expect((otherton["rows"] as? [[String: Any]])?.isEmpty == true)
            #expect(
                try await app.request(
                    .get, "/v6/reporting/pbi-sample-inspections", token: try await app.token(Demo.planner)
                ).isError(401))

            // The export of samples due holds the same rows.
            let queued = try await app.request(
                .post, "/v6/export/pbi-sample-inspections-due/csv", token: try await app.token(Demo.haOfficer),
                json: [:] as [String: Any])
            #expect(queued.status == .created, "\(queued.json)")
            let id = try #require(queued.json["csv_id"] as? Int)
            #expect(try await app.services.exporter().runOne() == Int64(id))
            let export = try #require(try await CSVExportRepository(app.services.database).export(Int64(id)))
            #expect(export.status == .ready)
            #expect(export.rowCount == 1)
        }
    }

    @Test(
        "R-SAMP-08, D-SAMPLING: the works record lists its open samples to its highway authority, not to the promoter"
    )
    func testR_SAMP_08_worksRecordListsOpenSamples() async throws {
        try await TestApp.run { app throws in
            _ = try await createTarget(app, Self.targetBody(["target_a": 1]))
            let wrn = try await liveWork(app)
            try await generate(app)
            try await runGeneration(app)
            let issued = try #require(try await sample(app, "\(wrn)-SI-A"))
            let officer = try await app.token(Demo.haOfficer)
            let planner = try await app.token(Demo.planner)
            let path = "/v6/work/works/\(wrn)"
            // The direct answer and the generated types' agree, for the authority and the promoter.
            var config = AppConfiguration()
            config.clock = app.clock
            config.rendersHotReadsDirectly = false
            let typed = Application(router: try buildRouter(services: app.services, config: config))
            let expiry = ISO8601.format(issued.expiryDate)
            try await typed.test(.router) { client in
                for (who, token) in [("officer", officer), ("planner", planner)] {
                    let direct = try await app.request(.get, path, token: token)
                    let generated = try await client.execute(uri: path, method: .get, headers: [.init("token")!: token])
                    #expect(direct.status == .ok && generated.status == .ok)
                    let a = try JSONSerialization.jsonObject(with: Data(direct.body.readableBytesView)) as? NSDictionary
                    let b =
                        try JSONSerialization.jsonObject(with: Data(generated.body.readableBytesView)) as? NSDictionary
                    #expect(a != nil && a == b, "direct:    \(a ?? [:])\ngenerated: \(b ?? [:])")
                    let listed = a?["pbi_sample_inspections"] as? [[String: Any]]
                    guard who == "officer" else {
                        #expect(listed == nil, "\(a ?? [:])")
                        continue
                    }
                    #expect(listed?.count == 1)
                    #expect(listed?.first?["pbi_sample_inspection_reference_number"] as? String == "\(wrn)-SI-A")
                    #expect(listed?.first?["inspection_category"] as? String == "a")
                    #expect(listed?.first?["inspection_category_string"] as? String == "a")
                    #expect(listed?.first?["sample_expiry_date"] as? String == expiry)
                }
            }
            // A completed sample is no longer open: the record lists none.
            try await WorksCommand(app.services).run(on: wrn, by: .system) { change in
                try await SampleInspectionProgress.inspectionRecorded(
                    in: change, category: "a", inspectionReference: "\(wrn)-INSP-01")
            }
            let after = try await app.request(.get, path, token: officer).json
            #expect(after["pbi_sample_inspections"] == nil, "\(after)")
        }
    }

    // MARK: R-SAMP-09

    @Test("R-SAMP-09: the quarterly quota is a quarter of the average units times the rate, rounded up")
    func testR_SAMP_09_quota() async throws {
        #expect(SamplingRules.quarterlyQuota(inspectionUnits: [400], inspectionRate: 50) == 50)
        #expect(SamplingRules.quarterlyQuota(inspectionUnits: [300, 500], inspectionRate: 20) == 20)
        #expect(SamplingRules.quarterlyQuota(inspectionUnits: [10], inspectionRate: 30) == 1)  // 0.75 → 1
        #expect(SamplingRules.quarterlyQuota(inspectionUnits: [0], inspectionRate: 100) == 0)
        #expect(SamplingRules.quarterlyQuota(inspectionUnits: [], inspectionRate: 100) == nil)
        try await TestApp.run { app throws in
            let admin = try await app.token(Demo.haAdmin)
            let quota = try await app.request(
                .get,
                "/v6/sampling/sample-inspection-quota?inspection_units=300&inspection_units=500&inspection_rate=25",
                token: admin)
            #expect(quota.status == .ok, "\(quota.json)")
            #expect(quota.json["quota"] as? Double == 25)
            let badRate = try await app.request(
                .get, "/v6/sampling/sample-inspection-quota?inspection_units=300&inspection_rate=10", token: admin)
            #expect(badRate.fieldErrors["inspection_rate"] != nil)
            let badUnits = try await app.request(
                .get, "/v6/sampling/sample-inspection-quota?inspection_units=2.5&inspection_rate=50", token: admin)
            #expect(badUnits.fieldErrors["inspection_units[0]"] != nil)
        }
    }

    @Test("R-SAMP-09: quarters start on a financial quarter's first day, end, and an end can be reverted")
    func testR_SAMP_09_quarters() async throws {
        try await TestApp.run { app throws in
            func post(_ path: String, _ body: [String: Any]? = nil) async throws -> JSONResponse {
                try await app.request(
                    .post, "/v6/sampling/sample-inspections/\(path)", token: try await app.token(Demo.haAdmin),
                    json: body)
            }
            let reference = try await createTarget(app)
            #expect(try await post("end-quarter").isError(412))
            #expect(try await post("revert-end-quarter").isError(412))
            let notFirst = try await post("start-quarter", ["start_date": "2026-01-02T00:00:00Z"])
            #expect(notFirst.fieldErrors["start_date"]?.contains("R-SAMP-09") == true, "\(notFirst.json)")
            #expect(try await post("start-quarter", ["start_date": "2026-01-01T00:00:00Z"]).status == .noContent)
            #expect(try await post("start-quarter", ["start_date": "2026-04-01T00:00:00Z"]).isError(400))  // to come
            #expect(try await post("start-quarter", ["start_date": "2026-01-01T00:00:00Z"]).isError(412))  // running
            // Progress counts in the quarter; the target shows it.
            let wrn = try await liveWork(app)
            try await WorksCommand(app.services).run(on: wrn, by: .system) { change in
                try await SampleInspectionProgress.inspectionRecorded(
                    in: change, category: "a", inspectionReference: "\(wrn)-INSP-01")
            }
            let officer = try await app.token(Demo.haOfficer)
            var listed =
                try await app.request(
                    .get, "/v6/reporting/pbi-sample-inspection-targets?quarter_start_date=2026-02-01T00:00:00Z",
                    token: officer
                ).json["rows"] as? [[String: Any]] ?? []
            #expect(listed.count == 1)
            #expect(listed.first?["start_date"] as? String == "2026-01-01T00:00:00.000Z")
            #expect(listed.first?["end_date"] as? String == "2026-03-31T23:00:00.000Z")  // 1 April, BST
            #expect(listed.first?["completed_a"] as? Double == 1)
            #expect(listed.first?["is_inspection_rate_auto_updated"] as? Bool == false)

            #expect(try await post("end-quarter").status == .noContent)
            #expect(try await post("end-quarter").isError(412))
            // No generation while the quarter has ended.
            let refused = try await generate(app)
            #expect(refused.isError(412) && refused.message?.contains("R-SAMP-09") == true, "\(refused.json)")
            #expect(try await post("revert-end-quarter").status == .noContent)
            #expect(try await post("revert-end-quarter").isError(412))
            #expect(try await generate(app).status == .noContent)
            #expect(try await post("end-quarter").status == .noContent)
            app.clock.set(ISO8601.parse("2026-04-02T09:00:00Z")!)
            // The next quarter (1 April, UK midnight = 23:00 UTC) counts afresh; an earlier one is refused.
            #expect(try await post("start-quarter", ["start_date": "2025-10-01T00:00:00Z"]).isError(412))
            #expect(try await post("start-quarter", ["start_date": "2026-03-31T23:00:00Z"]).status == .noContent)
            #expect(try await post("revert-end-quarter").isError(412))
            let shown = try await target(app, reference).json
            #expect(shown["completed_a"] as? Double == 0)
            listed =
                try await app.request(
                    .get, "/v6/reporting/pbi-sample-inspection-targets?quarter_start_date=2026-02-01T00:00:00Z",
                    token: try await app.token(Demo.haOfficer)
                ).json["rows"] as? [[String: Any]] ?? []
            #expect(listed.isEmpty)
            // A withdrawal of an inspection counted in the earlier quarter leaves the new count alone.
            try await WorksCommand(app.services).run(on: wrn, by: .system) { change in
                try await SampleInspectionProgress.inspectionWithdrawn(
                    in: change, inspectionReference: "\(wrn)-INSP-01")
            }
            #expect(try await target(app, reference).json["completed_a"] as? Double == 0)
        }
    }

    // MARK: exports

    @Test("R-SAMP-07: the targets export holds the targets active in the window, closed ones included")
    func targetsExport() async throws {
        try await TestApp.run { app throws in
            let closed = try await createTarget(app)
            let admin = try await app.token(Demo.haAdmin)
            #expect(try await app.request(.delete, "\(Self.targets)/\(closed)", token: admin).status == .noContent)
            _ = try await createTarget(app)
            let window: [String: Any] = ["date_from": "2026-01-01T00:00:00Z", "date_to": "2026-01-31T00:00:00Z"]
            let backwards = try await app.request(
                .post, "/v6/export/pbi-sample-inspection-targets/csv", token: admin,
                json: ["date_from": "2026-02-01T00:00:00Z", "date_to": "2026-01-01T00:00:00Z"])
            #expect(backwards.fieldErrors["date_to"] != nil)
            let queued = try await app.request(
                .post, "/v6/export/pbi-sample-inspection-targets/csv", token: admin, json: window)
            #expect(queued.status == .created, "\(queued.json)")
            let id = try #require(queued.json["csv_id"] as? Int)
            #expect(try await app.services.exporter().runOne() == Int64(id))
            let export = try #require(try await CSVExportRepository(app.services.database).export(Int64(id)))
            #expect(export.status == .ready)
            #expect(export.rowCount == 2)
            // A window after the close holds only the active one.
            let later = try await app.request(
                .post, "/v6/export/pbi-sample-inspection-targets/csv", token: admin,
                json: ["date_from": "2026-02-01T00:00:00Z", "date_to": "2026-03-01T00:00:00Z"])
            let laterID = try #require(later.json["csv_id"] as? Int, "\(later.json)")
            _ = try await app.services.exporter().runOne()
            #expect(try await CSVExportRepository(app.services.database).export(Int64(laterID))?.rowCount == 1)
        }
    }
}
