import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import Testing

@testable import App

/// Where inspections and FPNs meet the evidence files and historic works: an inspection's photos
/// (R-INSP-07, D-FILES) and an FPN on works never in Street Manager (R-FPN-02, R-INSP-14).
@Suite("Inspection evidence and historic FPNs")
struct InspectionEvidenceTests {
    let inspections = InspectionTests()
    let fpns = FpnsTests()

    @Test("R-INSP-07: an inspection's evidence files are attached to it, listed with it and deleted with it")
    func testR_INSP_07_evidenceFiles() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let photo = try await app.uploaded(SampleFiles.jpeg, as: Demo.haOfficer)
            let plan = try await app.uploaded(SampleFiles.pdf, as: Demo.haOfficer)
            let (reference, _) = try await inspections.recorded(
                app, wrn, inspections.failed(app, overrides: ["inspection_evidence": true, "file_ids": [photo, plan]]))
            let shown = try await inspections.read(app, wrn, reference).json
            let files = try #require(shown["files"] as? [[String: Any]], "\(shown)")
            #expect(Set(files.compactMap { ($0["file_id"] as? Double).map(Int.init) }) == [photo, plan])
            #expect(files.allSatisfy { ($0["name"] as? String)?.isEmpty == false })
            // The promoter may read the authority's evidence of its works.
            #expect(try await app.download(photo, as: Demo.planner).0 == .ok)

            // A file is attached once, and only by its uploader's organisation.
            let again = try await inspections.create(
                app, wrn, inspections.failed(app, overrides: ["inspection_evidence": true, "file_ids": [photo]]))
            #expect(again.isError(400) && again.fieldErrors["file_ids[0]"] != nil, "\(again.json)")
            let promoters = try await app.uploaded(SampleFiles.png, as: Demo.planner)
            let foreign = try await inspections.create(
                app, wrn, inspections.failed(app, overrides: ["inspection_evidence": true, "file_ids": [promoters]]))
            #expect(foreign.isError(400), "\(foreign.json)")
            // Refused inspections leave nothing behind: the works still has one inspection.
            #expect(try await inspections.read(app, wrn, "\(wrn)-INSP-02").isError(404))

            // Withdrawn, then deleted: its files go with it.
            let officer = try await app.token(Demo.haOfficer)
            let withdrawn = try await app.request(
                .put, "/v6/work/works/\(wrn)/inspections/\(reference)/withdraw", token: officer,
                json: ["reason_for_withdrawal": "other", "withdrawal_details": "Recorded twice"])
            #expect(withdrawn.status == .noContent, "\(withdrawn.json)")
            let deleted = try await app.request(
                .delete, "/v6/work/works/\(wrn)/inspections/\(reference)", token: officer)
            #expect(deleted.status == .noContent, "\(deleted.json)")
            #expect(try await FileRepository(app.services.database).file(photo) == nil)
            #expect(try await app.download(plan, as: Demo.haOfficer).0 == .notFound)
        }
    }

    @Test("R-FPN-02, R-INSP-14: an FPN on works never in Street Manager makes a historical works record")
    func testR_FPN_02_historicFpn() async throws {
        try await TestApp.run { app throws in
            let officer = try await app.token(Demo.haOfficer)
            func body(_ reference: String, _ overrides: [String: Any] = [:]) -> [String: Any] {
                var body = fpns.body(app)
                for (key, value) in [
                    "promoter_swa_code": "7001", "highway_authority_swa_code": "1001",
                    "works_coordinates": ["type": "Point", "coordinates": [451_000, 201_000]] as [String: Any],
                    "usrn": 10_010_001, "historical_permit_reference": reference,
                    "works_location_description": "Outside the post office",
                ] as [String: Any] {
                    body[key] = value
                }
                for (key, value) in overrides { body[key] = value }
                return body
            }
            let path = "/v6/work/historic-works/fixed-penalty-notices"
            let created = try await app.request(.post, path, token: officer, json: body("HIST-FPN-1"))
            #expect(created.status == .created, "\(created.json)")
            #expect(created.json["work_reference_number"] as? String == "HIST-FPN-1")
            #expect(created.json["fpn_reference_number"] as? String == "HIST-FPN-1-FPN-01")
            let work = try await app.request(.get, "/v6/work/works/HIST-FPN-1", token: officer).json
            #expect(work["work_status"] as? String == "historical", "\(work)")
            #expect(work["workstream_prefix"] as? String == "000")
            let fpn = try await fpns.read(app, "HIST-FPN-1", "HIST-FPN-1-FPN-01")
            #expect(fpn.json["fpn_status"] as? String == "issued", "\(fpn.json)")
            #expect(fpn.json["location"] as? String == "Outside the post office")
            // The reference is taken now; a bad notice or another authority makes no record.
            #expect(try await app.request(.post, path, token: officer, json: body("HIST-FPN-1")).isError(409))
            let bad = try await app.request(
                .post, path, token: officer, json: body("HIST-FPN-2", ["offence_code": "offence_code_01"]))
            #expect(bad.isError(400), "\(bad.json)")
            #expect(try await app.request(.get, "/v6/work/works/HIST-FPN-2", token: officer).isError(404))
            let other = try await app.request(
                .post, path, token: try await app.token(Demo.othertonOfficer), json: body("HIST-FPN-3"))
            #expect(other.isError(401), "\(other.json)")
            #expect(try await app.request(.get, "/v6/work/works/HIST-FPN-3", token: officer).isError(404))
            // The promoter never issues one.
            let promoter = try await app.request(
                .post, path, token: try await app.token(Demo.planner), json: body("HIST-FPN-4"))
            #expect(promoter.isError(401), "\(promoter.json)")
        }
    }

    @Test("D-DIRECT: GET /works/{wrn} lists its FPNs and its own files, as the generated type does")
    func worksRecordListsFpnsAndFiles() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let reference = try await fpns.issued(app, wrn)
            let file = try await app.uploaded(SampleFiles.pdf, as: Demo.planner)
            let planner = try await app.token(Demo.planner)
            let added = try await app.request(
                .post, "/v6/work/works/\(wrn)/files", token: planner, json: ["file_ids": [file]])
            #expect(added.status == .created, "\(added.json)")
            var config = AppConfiguration()
            config.clock = app.clock
            config.rendersHotReadsDirectly = false
            let typed = Application(router: try buildRouter(services: app.services, config: config))
            try await typed.test(.router) { client in
                let path = "/v6/work/works/\(wrn)"
                let direct = try await app.request(.get, path, token: planner)
                let generated = try await client.execute(uri: path, method: .get, headers: [.init("token")!: planner])
                #expect(direct.status == .ok && generated.status == .ok)
                let a = try JSONSerialization.jsonObject(with: Data(direct.body.readableBytesView)) as? NSDictionary
                let b = try JSONSerialization.jsonObject(with: Data(generated.body.readableBytesView)) as? NSDictionary
                #expect(a != nil && a == b, "direct:    \(a ?? [:])\ngenerated: \(b ?? [:])")
                let listed = (a?["fpns"] as? [[String: Any]])?.compactMap { $0["fpn_reference_number"] as? String }
                #expect(listed == [reference], "\(a ?? [:])")
                let files = a?["files"] as? [[String: Any]]
                #expect(files?.compactMap { ($0["file_id"] as? Double).map(Int.init) } == [file])
                #expect(files?.first?["organisation_name"] as? String == "Anytown Water Ltd", "\(files ?? [])")
            }
        }
    }
}
