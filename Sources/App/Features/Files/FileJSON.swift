import Domain
import Foundation
import Store

/// The files attached to a works record written straight to JSON (D-DIRECT), as the generated
/// `FileResponse` encodes them in `WorkResponse.init(_:names:)` (a test holds the two equal).
enum FileJSON {
    static func write(_ view: WorkView, names: [String: String], into out: inout JSONBytes) {
        guard !view.files.isEmpty else { return }
        out.key("files")
        out.openArray()
        for f in view.files {
            out.element()
            out.openObject()
            out.member("file_id", f.id)
            out.member("name", f.name)
            out.member("created_date", instant: f.createdAt)
            out.member("user_created_by", f.uploadedBy)
            out.member("swa_code", f.organisationReference)
            out.member("organisation_name", names[f.organisationReference] ?? f.organisationReference)
            out.closeObject()
        }
        out.closeArray()
    }
}
