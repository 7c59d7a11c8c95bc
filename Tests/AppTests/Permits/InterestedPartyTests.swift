import App
import Foundation
import Testing

@testable import App

/// Interested-party permits (D-INTERESTED): permits of other highway authorities on streets where
/// the NSG records the caller's organisation as an interested party.
@Suite("Reporting and exports: interested-party permits")
struct InterestedPartyTests {
    @Test(
        "An authority sees the permits on streets it has an interest in, of other authorities, in the list and the export"
    )
    func interestedPartyPermits() async throws {
        try await TestApp.run { app throws in
            // USRN 10010210 runs along the boundary: Otherton (1002) has an interest in it.
            let (_, boundary) = try await app.submitWork(app.workBody(usrn: 10_010_210))
            _ = try await app.submitWork(app.workBody(usrn: 10_010_001))
            let otherton = try await app.token(Demo.othertonOfficer)
            func permits(_ query: String, _ token: String) async throws -> [String] {
                let response = try await app.request(
                    .get, "/v6/reporting/interested-party-permits\(query)", token: token)
                #expect(response.status == .ok, "\(query): \(response.json)")
                return (response.json["rows"] as? [[String: Any]] ?? []).compactMap {
                    $0["permit_reference_number"] as? String
                }
            }
            #expect(try await permits("", otherton) == [boundary])
            #expect(try await permits("?promoter_organisation_name=anytown%20water", otherton) == [boundary])
            #expect(try await permits("?ha_organisation_name=otherton", otherton).isEmpty)
            #expect(try await permits("?work_category=major", otherton).isEmpty)
            // Anytown is the authority of both streets: it is nobody's interested party here.
            #expect(try await permits("", try await app.token(Demo.haOfficer)).isEmpty)

            let queued = try await app.request(
                .post, "/v6/export/interested-party-permits/csv", token: otherton)
            #expect(queued.status == .created, "\(queued.json)")
            let id = try #require(queued.json["csv_id"] as? Int)
            _ = try await app.services.exporter().runOne()
            let file = try await app.request(.get, "/v6/export/csv/\(id)", token: otherton)
            #expect(file.headers[.init("Content-Disposition")!]?.contains("interested_party_permits_") == true)
            let rows = CSVExportTests.rows(String(buffer: file.body))
            #expect(rows.count == 2)
            #expect(rows.last?[rows[0].firstIndex(of: "permit_reference_number")!] == boundary)
        }
    }
}
