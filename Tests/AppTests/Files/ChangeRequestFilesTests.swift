import Domain
import Foundation
import Testing

@testable import App

/// The evidence sent with a change request is attached to its permit (D-FILES), never ignored.
@Suite("Change request evidence files")
struct ChangeRequestFilesTests {
    let changeRequests = ChangeRequestTests()

    @Test("D-FILES: a change request's file_ids are attached to its permit; a file the caller may not use refuses it")
    func changeRequestFiles() async throws {
        try await TestApp.run { app throws in
            let (wrn, prn) = try await changeRequests.granted(app)
            let plan = try await app.uploaded(SampleFiles.pdf, as: Demo.planner)
            // A file of the authority's cannot be the promoter's evidence: nothing is raised.
            let theirs = try await app.uploaded(SampleFiles.png, as: Demo.haOfficer)
            let refused = try await changeRequests.raise(
                app, wrn, prn, ["change_request_reason": "Again", "file_ids": [theirs]])
            #expect(refused.isError(400) && refused.fieldErrors["file_ids[0]"] != nil, "\(refused.json)")
            let raised = try await changeRequests.raise(
                app, wrn, prn,
                [
                    "change_request_reason": "Longer to dig", "description_of_work": "Replace two valves",
                    "file_ids": [plan],
                ])
            #expect(raised.status == .created, "\(raised.json)")
            let listed = try await app.request(
                .get, "/v6/reporting/permits/files?permit_reference_number=\(prn)",
                token: try await app.token(Demo.haOfficer))
            let ids = (listed.json["rows"] as? [[String: Any]] ?? []).compactMap {
                ($0["file_id"] as? Double).map(Int.init)
            }
            #expect(ids == [plan], "\(listed.json)")
            #expect(try await changeRequests.history(app, wrn).filter { $0 == "alteration_submitted" }.count == 1)
        }
    }
}
