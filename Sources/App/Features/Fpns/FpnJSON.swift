import Domain
import Foundation
import Store

/// A works record's fixed penalty notices written straight to JSON (D-DIRECT), as the generated
/// `FPNSummaryResponse` encodes them in `WorkResponse.init(_:names:)` (a test holds the two equal).
enum FpnJSON {
    static func write(_ view: WorkView, into out: inout JSONBytes) {
        guard !view.fpns.isEmpty else { return }
        out.key("fpns")
        out.openArray()
        for f in view.fpns {
            out.element()
            out.openObject()
            out.member("fpn_reference_number", f.reference)
            out.member("fpn_offence_type", f.offenceCode.rawValue)
            out.member("fpn_offence_type_string", f.offenceCode.rawValue)
            out.member("issue_date_time", instant: f.issueDateTime)
            out.member("fpn_status", f.status.rawValue)
            out.member("fpn_status_string", f.status.rawValue)
            out.member("status_changed_date", instant: f.statusChangedDate)
            out.closeObject()
        }
        out.closeArray()
    }
}
