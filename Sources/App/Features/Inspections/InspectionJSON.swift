import Domain
import Foundation
import Store

/// A works record's inspections and non-compliances written straight to JSON (D-DIRECT), as the
/// generated `InspectionSummaryResponse` and `NonComplianceSummaryResponse` encode them in
/// `WorkResponse.init(_:names:)` (a test holds the two equal).
enum InspectionJSON {
    static func write(_ view: WorkView, into out: inout JSONBytes) {
        if view.scheduledInspection != nil || !view.inspections.isEmpty {
            out.key("inspections")
            out.openArray()
            if let s = view.scheduledInspection {
                out.element()
                out.openObject()
                out.member("inspection_date", instant: s.date)
                out.member("inspection_response_type", "reinspection")
                out.member("inspection_response_type_string", "reinspection")
                out.member("inspection_type", s.type.rawValue)
                out.member("inspection_type_string", s.type.rawValue)
                out.member("inspection_status", InspectionStatus.scheduled.rawValue)
                out.member("inspection_status_string", InspectionStatus.scheduled.rawValue)
                out.member("inspection_category", s.category?.rawValue)
                out.member("inspection_category_string", s.category?.rawValue)
                out.member("reinspection_date_time", instant: s.dateTime)
                out.closeObject()
            }
            for i in view.inspections {
                out.element()
                out.openObject()
                out.member("inspection_date", instant: i.startDate)
                out.member("inspection_response_type", "inspection")
                out.member("inspection_response_type_string", "inspection")
                out.member("inspection_reference_number", i.reference)
                out.member("inspection_type", i.type.rawValue)
                out.member("inspection_type_string", i.type.rawValue)
                out.member("inspection_status", i.status.rawValue)
                out.member("inspection_status_string", i.status.rawValue)
                out.member("inspection_category", i.category?.rawValue)
                out.member("inspection_category_string", i.category?.rawValue)
                out.member("inspection_outcome", i.outcome.rawValue)
                out.member("inspection_outcome_string", i.outcome.rawValue)
                out.member("reinspection_date_time", instant: i.reinspectionDateTime)
                out.member("auto_acceptance_due_date", instant: i.autoAcceptanceDueDate)
                out.member("ha_response_status", i.haResponseStatus?.rawValue)
                out.member("ha_response_status_string", i.haResponseStatus?.rawValue)
                out.member("ha_response_status_change_date", instant: i.haResponseDate)
                out.member("ha_response_details", i.haResponseDetails)
                out.member("promoter_response_status", i.promoterResponseStatus?.rawValue)
                out.member("promoter_response_status_string", i.promoterResponseStatus?.rawValue)
                out.member("promoter_response_status_change_date", instant: i.promoterResponseDate)
                out.member("promoter_response_details", i.promoterResponseDetails)
                out.member("is_auto_accepted", i.isAutoAccepted)
                out.member("non_compliance_reference_number", i.nonComplianceReference)
                out.closeObject()
            }
            out.closeArray()
        }
        if !view.nonCompliances.isEmpty {
            out.key("non_compliances")
            out.openArray()
            for n in view.nonCompliances {
                out.element()
                out.openObject()
                out.member("non_compliance_reference_number", n.reference)
                out.member("non_compliance_date", instant: n.dateCreated)
                out.member("non_compliance_status", n.status.rawValue)
                out.member("non_compliance_status_string", n.status.rawValue)
                out.closeObject()
            }
            out.closeArray()
        }
    }
}
