import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Store
import Testing

@testable import App

/// The inspections, reinspections and non-compliances lists and exports (R-INSP, R-NC, R-DATA-01,
/// R-DATA-04), and the works record's inspections written directly (D-DIRECT).
@Suite("Inspection lists")
struct InspectionListTests {
    let inspections = InspectionTests()

    /// A works record with a failed inspection (raising a non-compliance), a passed one and a
    /// scheduled reinspection; returns its WRN.
    func seeded(_ app: TestApp) async throws -> String {
        let (wrn, _) = try await app.submitWork()
        _ = try await inspections.recorded(app, wrn, inspections.failed(app))
        _ = try await inspections.recorded(
            app, wrn,
            inspections.passed(app, overrides: ["reinspection_date": inspections.day(app, 5)]))
        return wrn
    }

    func list(_ app: TestApp, _ path: String, as email: String) async throws -> [[String: Any]] {
        let response = try await app.request(.get, path, token: try await app.token(email))
        #expect(response.status == .ok, "\(path): \(response.json)")
        return response.json["rows"] as? [[String: Any]] ?? []
    }

    @Test(
        "R-INSP-01, R-DATA-01: the inspections list shows the caller's side's inspections, with the contract's filters")
    func inspectionsList() async throws {
        try await TestApp.run { app throws in
            let wrn = try await seeded(app)
            var rows = try await list(app, "/v6/reporting/inspections?include_total_count=true", as: Demo.haOfficer)
            #expect(rows.count == 2)
            #expect(rows.first?["street"] as? String != nil)
            #expect(rows.first?["location_description"] as? String == "Outside number 12")
            #expect(rows.first?["promoter_organisation"] as? String == "Anytown Water Ltd")
            rows = try await list(app, "/v6/reporting/inspections?inspection_outcome=failed_high", as: Demo.planner)
            #expect(rows.map { $0["inspection_reference_number"] as? String } == ["\(wrn)-INSP-01"])
            rows = try await list(
                app, "/v6/reporting/inspections?promoter_outcome_status=no_response&inspection_type=live_site",
                as: Demo.planner)
            #expect(rows.count == 1)
            rows = try await list(app, "/v6/reporting/inspections?is_auto_accepted=true", as: Demo.planner)
            #expect(rows.isEmpty)
            // Another authority and another promoter see none of them.
            #expect(try await list(app, "/v6/reporting/inspections", as: Demo.othertonOfficer).isEmpty)
            #expect(try await list(app, "/v6/reporting/inspections", as: Demo.gasPlanner).isEmpty)
            let bad = try await app.request(
                .get, "/v6/reporting/inspections?inspection_outcome=nonsense", token: try await app.token(Demo.planner))
            #expect(bad.isError(400))
        }
    }

    @Test("R-INSP-10, R-DATA-01: the reinspections list shows the scheduled inspections")
    func reinspectionsList() async throws {
        try await TestApp.run { app throws in
            let wrn = try await seeded(app)
            let rows = try await list(app, "/v6/reporting/reinspections", as: Demo.haOfficer)
            #expect(rows.map { $0["work_reference_number"] as? String } == [wrn])
            #expect(rows.first?["inspection_type"] as? String == "reinstatement")
            #expect(rows.first?["inspection_category"] as? String == "b")
            #expect(
                try await list(app, "/v6/reporting/reinspections?inspection_type=live_site", as: Demo.planner).isEmpty)
            #expect(try await list(app, "/v6/reporting/reinspections", as: Demo.othertonOfficer).isEmpty)
        }
    }

    @Test("R-NC-01, R-DATA-01: the non-compliances list shows each with its most recent inspection")
    func nonCompliancesList() async throws {
        try await TestApp.run { app throws in
            let wrn = try await seeded(app)
            let rows = try await list(app, "/v6/reporting/non-compliances", as: Demo.planner)
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            #expect(row["non_compliance_reference_number"] as? String == "\(wrn)-NC-01")
            #expect(row["associated_inspections"] as? Int == 1)
            #expect(row["most_recent_inspection_outcome"] as? String == "failed_high")
            #expect(row["latest_ha_response_status"] as? String == "issued")
            #expect(
                try await list(app, "/v6/reporting/non-compliances?non_compliance_status=resolved", as: Demo.planner)
                    .isEmpty)
            #expect(
                try await list(
                    app, "/v6/reporting/non-compliances?most_recent_inspection_promoter_response_status=no_response",
                    as: Demo.haOfficer
                ).count == 1)
            #expect(try await list(app, "/v6/reporting/non-compliances", as: Demo.othertonOfficer).isEmpty)
        }
    }

    @Test("R-DATA-04: the inspections, reinspections and non-compliances exports hold the rows the lists show")
    func exports() async throws {
        try await TestApp.run { app throws in
            let wrn = try await seeded(app)
            let officer = try await app.token(Demo.haOfficer)
            for (resource, key, expected) in [
                ("inspections", "inspection_reference_number", ["\(wrn)-INSP-01", "\(wrn)-INSP-02"]),
                ("reinspections", "work_reference_number", [wrn]),
                ("non-compliances", "non_compliance_reference_number", ["\(wrn)-NC-01"]),
            ] {
                let queued = try await app.request(.post, "/v6/export/\(resource)/csv", token: officer, json: [:])
                let id = try #require(queued.json["csv_id"] as? Int, "\(resource): \(queued.json)")
                _ = try await app.services.exporter().runOne()
                let table = CSVExportTests.rows(
                    String(buffer: try await app.request(.get, "/v6/export/csv/\(id)", token: officer).body))
                let column = try #require(table.first?.firstIndex(of: key), "\(resource): \(table)")
                #expect(Set(table.dropFirst().map { $0[column] }) == Set(expected), "\(resource): \(table)")
            }
        }
    }

    @Test("D-DIRECT: GET /works/{wrn} with inspections and non-compliances answers as the generated type does")
    func directWork() async throws {
        try await TestApp.run { app throws in
            let wrn = try await seeded(app)
            let historic = try await app.request(
                .post, "/v6/work/historic-works/inspections", token: try await app.token(Demo.haOfficer),
                json: inspections.historicBody(app))
            #expect(historic.status == .created)
            let planner = try await app.token(Demo.planner)
            var config = AppConfiguration()
            config.clock = app.clock
            config.rendersHotReadsDirectly = false
            let typed = Application(router: try buildRouter(services: app.services, config: config))
            try await typed.test(.router) { client in
                for path in ["/v6/work/works/\(wrn)", "/v6/work/works/OLD-PERMIT_17"] {
                    let direct = try await app.request(.get, path, token: planner)
                    let generated = try await client.execute(
                        uri: path, method: .get, headers: [.init("token")!: planner])
                    #expect(direct.status == .ok)
                    let a = try JSONSerialization.jsonObject(with: Data(direct.body.readableBytesView)) as? NSDictionary
                    let b =
                        try JSONSerialization.jsonObject(with: Data(generated.body.readableBytesView)) as? NSDictionary
                    #expect(a != nil && a == b, "\(path)\ndirect:    \(a ?? [:])\ngenerated: \(b ?? [:])")
                    #expect((a?["inspections"] as? [Any])?.isEmpty == false)
                    #expect((a?["non_compliances"] as? [Any])?.count == 1)
                }
            }
        }
    }
}
