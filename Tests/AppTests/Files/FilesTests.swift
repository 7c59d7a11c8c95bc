import Domain
import Foundation
import HTTPTypes
import NIOCore
import Store
import Testing

@testable import App

/// Small files of each kind the service keeps, by their signatures (D-FILES).
enum SampleFiles {
    /// A 1×1 PNG.
    static let png: [UInt8] = hex(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082"
    )
    static let pdf: [UInt8] = Array(
        "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0x00, 0xFF, 0xD9]

    static func hex(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            bytes.append(UInt8(text[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }
}

extension TestApp {
    /// `POST /v6/work/files` with one `file` part, as clients send it (the part typed by the file).
    func upload(
        _ content: [UInt8], name: String = "photo.png", partType: String = "image/png", as email: String = Demo.planner,
        query: String = ""
    ) async throws -> JSONResponse {
        let boundary = "test-boundary-\(UUID().uuidString)"
        var body: [UInt8] = Array(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: \(partType)\r\n\r\n"
                .utf8)
        body += content
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        var headers: HTTPFields = [:]
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        headers[HTTPField.Name("token")!] = try await token(email)
        let response = try await client.execute(
            uri: "/v6/work/files\(query)", method: .post, headers: headers, body: ByteBuffer(bytes: body))
        return JSONResponse(status: response.status, headers: response.headers, body: response.body)
    }

    /// Uploads `content`; its file id.
    func uploaded(_ content: [UInt8] = SampleFiles.png, as email: String = Demo.planner) async throws -> Int {
        let response = try await upload(content, as: email)
        #expect(response.status == .created, "upload: \(response.status) \(response.json)")
        return try #require((response.json["file_id"] as? Double).map(Int.init))
    }

    /// `GET /v6/work/files/{id}`: status, content type and bytes.
    func download(_ id: Int, as email: String) async throws -> (HTTPResponse.Status, String?, [UInt8]) {
        var headers: HTTPFields = [:]
        headers[HTTPField.Name("token")!] = try await token(email)
        let response = try await client.execute(uri: "/v6/work/files/\(id)", method: .get, headers: headers)
        return (response.status, response.headers[.contentType], Array(response.body.readableBytesView))
    }

    func historyEvents(_ wrn: String) async throws -> [[String: Any]] {
        let history = try await request(.get, "/v6/work/works/\(wrn)/history", token: try await token(Demo.planner))
        return (history.json["rows"] as? [[String: Any]]) ?? []
    }
}

/// Evidence files: upload, read, delete, attach, the per-record lists and the clean-up of files
/// nothing references (R-VAL-08, R-VAL-09, R-VAL-10, R-INSP-07, R-FPN-04, D-FILES).
@Suite("Evidence files")
struct FilesTests {
    func fileList(_ app: TestApp, _ path: String, as email: String) async throws -> JSONResponse {
        try await app.request(.get, "/v6/reporting/\(path)", token: try await app.token(email))
    }

    func ids(_ response: JSONResponse) -> [Int] {
        ((response.json["rows"] as? [[String: Any]]) ?? []).compactMap { ($0["file_id"] as? Double).map(Int.init) }
    }

    @Test("Files_upload: a photo uploaded as clients send it reads back byte for byte, to its organisation only")
    func uploadAndRead() async throws {
        try await TestApp.run { app throws in
            let response = try await app.upload(SampleFiles.png, name: "C:\\photos\\defect.png")
            #expect(response.status == .created, "\(response.json)")
            #expect(response.json["name"] as? String == "defect.png")
            let id = try #require((response.json["file_id"] as? Double).map(Int.init))

            let (status, type, bytes) = try await app.download(id, as: Demo.planner)
            #expect(status == .ok)
            #expect(type == "image/png")
            #expect(bytes == SampleFiles.png)
            // Unattached: nobody else's (the highway authority's, another promoter's).
            #expect(try await app.download(id, as: Demo.haOfficer).0 == .notFound)
            #expect(try await app.download(id, as: Demo.gasPlanner).0 == .notFound)

            // A PDF sent as an octet stream is kept as a PDF: the kind comes from the bytes.
            let pdf = try await app.upload(SampleFiles.pdf, name: "notice.pdf", partType: "application/octet-stream")
            #expect(pdf.status == .created)
            let pdfID = try #require((pdf.json["file_id"] as? Double).map(Int.init))
            #expect(try await app.download(pdfID, as: Demo.planner).1 == "application/pdf")
        }
    }

    @Test("Files_content_types: a file of another kind is a 400 naming file and the kinds kept")
    func contentTypes() async throws {
        try await TestApp.run { app throws in
            let text = try await app.upload(Array("just some text".utf8), name: "notes.png", partType: "image/png")
            #expect(text.isError(400))
            #expect(text.fieldErrors["file"]?.contains("PDF") == true, "\(text.json)")
            let empty = try await app.upload([], name: "empty.png")
            #expect(empty.isError(400))
            #expect(empty.fieldErrors["file"] != nil)
            // Nothing was stored.
            let count = try await app.services.database.first("SELECT COUNT(*) AS n FROM files", [])
            #expect(count?.int("n") == 0)
        }
    }

    @Test("R-VAL-08: a file over the configured limit is a 413 naming the limit; one at the limit is kept")
    func sizeLimit() async throws {
        try await TestApp.run(configure: { $0.fileLimits.maximumBytes = 2_000 }) { app throws in
            let atLimit = SampleFiles.png + [UInt8](repeating: 0, count: 2_000 - SampleFiles.png.count)
            #expect(try await app.upload(atLimit).status == .created)
            let over = try await app.upload(atLimit + [0])
            #expect(over.isError(413), "\(over.status) \(over.json)")
            #expect(over.message?.contains("2000 bytes") == true, "\(over.json)")
            // A request whose Content-Length alone is over the limit and its framing.
            let huge = try await app.upload(atLimit + [UInt8](repeating: 1, count: 70_000))
            #expect(huge.isError(413))
            let count = try await app.services.database.first("SELECT COUNT(*) AS n FROM files", [])
            #expect(count?.int("n") == 1)
        }
    }

    @Test("R-VAL-09: only the uploading organisation deletes a file, and only while nothing references it")
    func deleteRules() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let loose = try await app.uploaded()
            let kept = try await app.uploaded()
            let planner = try await app.token(Demo.planner)
            // Another organisation cannot see it, so cannot delete it.
            let other = try await app.request(
                .delete, "/v6/work/files/\(loose)", token: try await app.token(Demo.gasPlanner))
            #expect(other.isError(404))
            #expect(try await app.request(.delete, "/v6/work/files/\(loose)", token: planner).status == .noContent)
            #expect(try await app.download(loose, as: Demo.planner).0 == .notFound)
            #expect(try await app.request(.delete, "/v6/work/files/\(loose)", token: planner).isError(404))

            let added = try await app.request(
                .post, "/v6/work/works/\(wrn)/files", token: planner, json: ["file_ids": [kept]])
            #expect(added.status == .created, "\(added.json)")
            let attached = try await app.request(.delete, "/v6/work/files/\(kept)", token: planner)
            #expect(attached.isError(412))
            #expect(attached.message?.contains("R-VAL-09") == true)
            // The highway authority sees it now, and cannot delete it either.
            #expect(try await app.download(kept, as: Demo.haOfficer).0 == .ok)
            #expect(
                try await app.request(.delete, "/v6/work/files/\(kept)", token: try await app.token(Demo.haOfficer))
                    .isError(412))
        }
    }

    @Test("Files_add_to_work: the works' parties attach their own files; an event file_uploaded is recorded and listed")
    func addToWork() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let photo = try await app.uploaded()
            let haPhoto = try await app.uploaded(as: Demo.haOfficer)
            let planner = try await app.token(Demo.planner)
            let response = try await app.request(
                .post, "/v6/work/works/\(wrn)/files", token: planner,
                json: ["file_ids": [photo], "internal_user_name": "Pat Planner"])
            #expect(response.status == .created, "\(response.json)")
            let haAdded = try await app.request(
                .post, "/v6/work/works/\(wrn)/files", token: try await app.token(Demo.haOfficer),
                json: ["file_ids": [haPhoto]])
            #expect(haAdded.status == .created, "\(haAdded.json)")

            let events = try await app.historyEvents(wrn)
            let uploaded = events.filter { $0["event"] as? String == "file_uploaded" }
            #expect(uploaded.count == 2, "\(events)")
            #expect(uploaded.last?["internal_user_name"] as? String == "Pat Planner")
            let outbox = try await app.services.database.query(
                "SELECT event FROM notification_outbox WHERE work_reference_number = ? AND event = 'file_uploaded'",
                [.text(wrn)])
            #expect(outbox.count == 2)

            // Both sides list both files; another promoter sees none.
            for email in [Demo.planner, Demo.haOfficer] {
                let list = try await fileList(app, "works/files?work_reference_number=\(wrn.lowercased())", as: email)
                #expect(list.status == .ok)
                #expect(ids(list) == [photo, haPhoto], "\(email) \(list.json)")
            }
            #expect(ids(try await fileList(app, "works/files?work_reference_number=\(wrn)", as: Demo.gasPlanner)) == [])
            #expect(
                ids(
                    try await fileList(
                        app, "works/files?work_reference_number=\(wrn)&file_type=documents", as: Demo.planner))
                    == [])
            #expect(
                ids(
                    try await fileList(
                        app, "works/files?work_reference_number=\(wrn)&file_type=images", as: Demo.planner))
                    == [photo, haPhoto])
            // The other party reads each file now.
            #expect(try await app.download(photo, as: Demo.haOfficer).0 == .ok)
            #expect(try await app.download(haPhoto, as: Demo.planner).0 == .ok)
            #expect(try await app.download(photo, as: Demo.gasPlanner).0 == .notFound)
        }
    }

    @Test(
        "R-VAL-09, R-VAL-10: attaching a file of another organisation, twice, or one named twice is a 400 naming file_ids"
    )
    func attachRules() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let (other, _) = try await app.submitWork()
            let planner = try await app.token(Demo.planner)
            let theirs = try await app.uploaded(as: Demo.gasPlanner)
            let mine = try await app.uploaded()
            func add(_ ids: [Any], to work: String = wrn) async throws -> JSONResponse {
                try await app.request(.post, "/v6/work/works/\(work)/files", token: planner, json: ["file_ids": ids])
            }
            let foreign = try await add([theirs])
            #expect(foreign.isError(400))
            #expect(foreign.fieldErrors["file_ids[0]"]?.contains("R-VAL-09") == true, "\(foreign.json)")
            let missing = try await add([mine, 999_999])
            #expect(missing.fieldErrors["file_ids[1]"]?.contains("does not exist") == true, "\(missing.json)")
            let twice = try await add([mine, mine])
            #expect(twice.isError(400))
            // Nothing was attached by the refused requests.
            #expect(try await FileRepository(app.services.database).file(mine)?.owner == nil)

            #expect(try await add([mine]).status == .created)
            let again = try await add([mine], to: other)
            #expect(again.fieldErrors["file_ids[0]"]?.contains("already attached to works record \(wrn)") == true)
            // The other side of the works cannot attach the promoter's file either.
            let byHA = try await app.request(
                .post, "/v6/work/works/\(other)/files", token: try await app.token(Demo.haOfficer),
                json: ["file_ids": [try await app.uploaded()]])
            #expect(byHA.isError(400))
        }
    }

    @Test(
        "R-INSP-07: at most 50 files per inspection, through the one attach function; the inspection's list shows them")
    func inspectionLimit() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            var uploads: [Double] = []
            for _ in 0..<51 { uploads.append(Double(try await app.uploaded(as: Demo.haOfficer))) }
            let files = uploads
            let inspection = "\(wrn)-INSP-01"
            let command = WorksCommand(app.services)
            let caller = try await Self.caller(app, Demo.haOfficer, operation: "createInspection")
            // 51 at once: refused, nothing attached.
            var refused: AppError?
            do {
                try await command.run(on: wrn, by: caller) {
                    try await $0.attachFiles(files, to: .inspection(inspection))
                }
            } catch let error as AppError {
                refused = error
            }
            let error = try #require(refused)
            #expect(error.status == .badRequest)
            #expect(error.fieldErrors.first?.field == "file_ids")
            #expect(error.message.contains("R-INSP-07"), "\(error)")
            #expect(try await FileRepository(app.services.database).count(of: .inspection(inspection)) == 0)
            // 50 in two goes, then one more is refused.
            try await command.run(on: wrn, by: caller) {
                try await $0.attachFiles(Array(files[0..<30]), to: .inspection(inspection))
            }
            try await command.run(on: wrn, by: caller) {
                try await $0.attachFiles(Array(files[30..<50]), to: .inspection(inspection))
            }
            await #expect(throws: AppError.self) {
                try await command.run(on: wrn, by: caller) {
                    try await $0.attachFiles([files[50]], to: .inspection(inspection))
                }
            }
            let list = try await fileList(
                app, "inspections/files?inspection_reference_number=\(inspection)", as: Demo.planner)
            #expect(ids(list) == files[0..<50].map { Int($0) })
            #expect(
                ids(try await fileList(app, "works/files?work_reference_number=\(wrn)", as: Demo.haOfficer)).count == 50
            )
        }
    }

    @Test(
        "R-VAL-09: an application's file_ids are attached to its permit; a file that cannot be is a 400 and nothing is made"
    )
    func applicationFiles() async throws {
        try await TestApp.run { app throws in
            let photo = try await app.uploaded()
            let (wrn, prn) = try await app.submitWork(app.workBody(overrides: ["file_ids": [photo]]))
            let listed = try await fileList(app, "permits/files?permit_reference_number=\(prn)", as: Demo.haOfficer)
            #expect(ids(listed) == [photo], "\(listed.json)")
            #expect(try await app.download(photo, as: Demo.haOfficer).0 == .ok)
            #expect(
                ids(try await fileList(app, "works/files?work_reference_number=\(wrn)", as: Demo.planner)) == [photo])

            // The same file again: refused, and no works record is made.
            let planner = try await app.token(Demo.planner)
            let again = try await app.request(
                .post, "/v6/work/works", token: planner, json: app.workBody(overrides: ["file_ids": [photo]]))
            #expect(again.isError(400))
            #expect(again.fieldErrors["file_ids[0]"]?.contains("R-VAL-09") == true, "\(again.json)")
            let works = try await app.services.database.first("SELECT COUNT(*) AS n FROM works", [])
            #expect(works?.int("n") == 1)

            // A further application on the works record, once the first is cancelled.
            let cancelled = try await app.request(
                .put, "/v6/work/works/\(wrn)/permits/\(prn)/status", token: planner,
                json: [
                    "permit_status": "cancelled", "permit_cancellation_reason": "other",
                    "permit_cancellation_reason_other": "Replanned",
                ])
            #expect(cancelled.status == .noContent, "\(cancelled.json)")
            let second = try await app.uploaded()
            let body = app.workBody(overrides: ["file_ids": [second]])
            let made = try await app.request(.post, "/v6/work/works/\(wrn)/permits", token: planner, json: body)
            #expect(made.status == .created, "\(made.json)")
            let next = try #require(made.json["permit_reference_number"] as? String)
            #expect(
                ids(try await fileList(app, "permits/files?permit_reference_number=\(next)", as: Demo.planner)) == [
                    second
                ])
        }
    }

    /// The caller of `operation` as `email`, as a handler would see it.
    static func caller(_ app: TestApp, _ email: String, operation: String) async throws -> WorksCaller {
        let principal = try await app.services.identity.principal(idToken: try await app.token(email))
        return WorksCaller(principal: principal, rule: AccessPolicy.rule(api: "work", operationId: operation))
    }

    @Test("Files_cleanup: a file nothing references is removed after the retention time, once across processes")
    func cleanup() async throws {
        try await TestApp.run { app throws in
            let (wrn, _) = try await app.submitWork()
            let loose = try await app.uploaded()
            let kept = try await app.uploaded()
            #expect(
                try await app.request(
                    .post, "/v6/work/works/\(wrn)/files", token: try await app.token(Demo.planner),
                    json: ["file_ids": [kept]]
                ).status == .created)
            let retention = app.services.fileLimits.unattachedRetention
            #expect(retention == 24 * 3600)
            let database = app.services.database
            // Not yet.
            app.clock.advance(by: retention - 60)
            #expect(
                try await FileCleanup.removeUnattachedFiles(database: database, clock: app.clock, retention: retention)
                    == 0)
            app.clock.advance(by: 120)
            // Two processes at once: the file is removed by one of them.
            async let first = FileCleanup.removeUnattachedFiles(
                database: database, clock: app.clock, retention: retention)
            async let second = FileCleanup.removeUnattachedFiles(
                database: database, clock: app.clock, retention: retention)
            #expect(try await first + second == 1)
            #expect(try await FileRepository(database).file(loose) == nil)
            #expect(try await FileRepository(database).file(kept) != nil)
            #expect(try await app.download(kept, as: Demo.planner).0 == .ok)
        }
    }

    @Test("Files_contractor: a contractor's upload belongs to the promoter it names with swaCode")
    func contractorUpload() async throws {
        try await TestApp.run { app throws in
            let response = try await app.upload(
                SampleFiles.jpeg, name: "site.jpg", partType: "image/jpeg", as: Demo.contractor, query: "?swaCode=7001")
            #expect(response.status == .created, "\(response.json)")
            let id = try #require((response.json["file_id"] as? Double).map(Int.init))
            #expect(try await FileRepository(app.services.database).file(id)?.organisationReference == "7001")
            #expect(try await app.download(id, as: Demo.planner).1 == "image/jpeg")
            // Not for an organisation that did not contract it.
            #expect(try await app.upload(SampleFiles.png, as: Demo.contractor, query: "?swaCode=7002").isError(401))
        }
    }
}
