import Contract
import Domain
import Foundation
import Store

/// `GET /works/{wrn}` written straight to JSON (D-DIRECT): the same answer as
/// `WorkResponse.init(_:names:)`, which a test holds it to.
enum WorkJSON {
    static func work(_ wrn: String, database: any SQLExecutor) async throws -> JSONBytes {
        let caller = try RequestScope.principal()
        guard let view = try await WorkRepository(database).view(wrn.uppercased(), samplesOf: caller.sampleAuthority)
        else {
            throw AppError.notFound("Work")
        }
        let work = view.work
        let names = try await OrganisationNames.shared.names(
            [work.promoterSWACode, work.highwayAuthoritySWACode], database: database)
        var out = JSONBytes(capacity: 8192)
        out.openObject()
        out.member("work_reference_number", work.workReferenceNumber)
        out.member("workstream_prefix", work.workstreamPrefix)
        out.member("promoter_swa_code", work.promoterSWACode)
        out.member("promoter_organisation", names[work.promoterSWACode] ?? "")
        out.member("highway_authority_swa_code", work.highwayAuthoritySWACode)
        out.member("highway_authority", names[work.highwayAuthoritySWACode] ?? "")
        out.member("street_name", work.streetName)
        out.member("road_category", work.roadCategory)
        out.member("usrn", work.usrn)
        out.member("work_status", work.workStatus.rawValue)
        out.member("work_status_string", work.workStatus.rawValue)
        out.key("works_coordinates")
        out.value((try? JSONValue.parse(work.worksCoordinates)) ?? .object([:]))
        out.member("town", work.town)
        out.member("area_name", work.areaName)
        out.key("permits")
        out.openArray()
        for permit in view.permits {
            out.element()
            write(permit, into: &out)
        }
        out.closeArray()
        out.key("history")
        out.openArray()
        for entry in view.history {
            out.element()
            write(entry, into: &out)
        }
        out.closeArray()
        if let active = view.permits.first(where: { $0.permitReferenceNumber == work.activePermitReferenceNumber }) {
            out.key("active_permit")
            PermitJSON.write(
                active, on: work, names: names, changeRequests: view.activeChangeRequests,
                ancillaryInfo: view.activeAncillaryInfo, into: &out)
            // The works record repeats the active permit's location as sent ("" when it sent none).
            out.member("works_location_description", active.worksLocationDescription)
            out.member("description_of_work", active.descriptionOfWork)
            out.member("work_start_date", instant: active.actualStartDate)
            out.member("work_end_date", instant: active.actualStopDate)
        } else if let historic = view.historic {
            // R-INSP-14: a historic record shows what was entered for it.
            out.member("works_location_description", historic.worksLocationDescription)
            out.member("description_of_work", historic.descriptionOfWork)
            out.member("work_start_date", instant: historic.workStartDate)
            out.member("work_end_date", instant: historic.workEndDate)
        } else {
            // A forward plan's record with no application yet shows the plan's (R-FP-05).
            out.member("works_location_description", view.forwardPlan?.worksLocationDescription ?? "")
            out.member("description_of_work", view.forwardPlan?.descriptionOfWork)
        }
        InspectionJSON.write(view, into: &out)
        FpnJSON.write(view, into: &out)
        WorkSamplesJSON.write(view, into: &out)
        FileJSON.write(view, names: names, into: &out)
        if let plan = view.forwardPlan {
            out.key("forward_plan")
            out.openObject()
            out.member("work_reference_number", plan.workReferenceNumber)
            out.member("forward_plan_reference_number", plan.reference)
            out.member("start_date", instant: plan.startDate)
            out.member("end_date", instant: plan.endDate)
            out.member("forward_plan_status", plan.status.rawValue)
            out.member("forward_plan_status_string", plan.status.rawValue)
            out.closeObject()
        }
        out.closeObject()
        return out
    }

    /// A permit as the works record lists it (`PermitSummaryResponse`).
    static func write(_ p: PermitRow, into out: inout JSONBytes) {
        out.openObject()
        out.member("permit_reference_number", p.permitReferenceNumber)
        out.member("proposed_start_date", instant: p.proposedStartDate)
        out.member("proposed_end_date", instant: p.proposedEndDate)
        out.member("permit_status", p.permitStatus.rawValue)
        out.member("permit_status_string", p.permitStatus.rawValue)
        out.member("work_category", p.workCategory.rawValue)
        out.member("work_category_string", p.workCategory.rawValue)
        out.member("actual_start_date", instant: p.actualStartDate)
        out.member("actual_stop_date", instant: p.actualStopDate)
        out.closeObject()
    }

    /// One history entry (`WorkHistorySummaryResponse`).
    static func write(_ h: HistoryEntry, into out: inout JSONBytes) {
        out.openObject()
        out.member("action_date", instant: h.actionDate)
        out.member("topic", h.topic)
        out.member("details", h.details)
        out.member("username", h.username)
        out.member("event", h.event.rawValue)
        out.member("event_string", h.event.rawValue)
        out.member("update_id", h.updateID)
        out.member("object_reference", h.objectReference)
        out.member("internal_user_identifier", h.internalUserIdentifier)
        out.member("internal_user_name", h.internalUserName)
        out.closeObject()
    }
}
