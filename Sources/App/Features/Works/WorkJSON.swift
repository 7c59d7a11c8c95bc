import Contract
import Domain
import Foundation
import Store

/// `GET /works/{wrn}` written straight to JSON (D-DIRECT): the same answer as
/// `WorkResponse.init(_:names:)`, which a test holds it to.
enum WorkJSON {
    static func work(_ wrn: String, database: any SQLExecutor) async throws -> JSONValue {
        guard let view = try await WorkRepository(database).view(wrn.uppercased()) else {
            throw AppError.notFound("Work")
        }
        let work = view.work
        let names = try await OrganisationNames.shared.names(
            [work.promoterSWACode, work.highwayAuthoritySWACode], database: database)
        var object: JSONObject = [
            "work_reference_number": .string(work.workReferenceNumber),
            "workstream_prefix": .string(work.workstreamPrefix),
            "promoter_swa_code": .string(work.promoterSWACode),
            "promoter_organisation": .string(names[work.promoterSWACode] ?? ""),
            "highway_authority_swa_code": .string(work.highwayAuthoritySWACode),
            "highway_authority": .string(names[work.highwayAuthoritySWACode] ?? ""),
            "street_name": .string(work.streetName), "road_category": .int(work.roadCategory),
            "usrn": .int(work.usrn), "work_status": .string(work.workStatus.rawValue),
            "work_status_string": .string(work.workStatus.rawValue),
            "works_coordinates": (try? JSONValue.parse(work.worksCoordinates)) ?? .object([:]),
            "permits": .array(view.permits.map(permit)),
            "history": .array(view.history.map(history)),
            "town": .text(work.town), "area_name": .text(work.areaName),
            "works_location_description": "",
        ]
        if let active = view.permits.first(where: { $0.permitReferenceNumber == work.activePermitReferenceNumber }) {
            let permit = PermitJSON.object(active, on: work, names: names)
            object["active_permit"] = .object(permit)
            object["works_location_description"] = permit["works_location_description"] ?? ""
            object["description_of_work"] = .string(active.descriptionOfWork)
            object["work_start_date"] = .instant(active.actualStartDate)
            object["work_end_date"] = .instant(active.actualStopDate)
        }
        return .compact(object)
    }

    /// A permit as the works record lists it (`PermitSummaryResponse`).
    static func permit(_ p: PermitRow) -> JSONValue {
        .compact([
            "permit_reference_number": .string(p.permitReferenceNumber),
            "proposed_start_date": .instant(p.proposedStartDate), "proposed_end_date": .instant(p.proposedEndDate),
            "permit_status": .string(p.permitStatus.rawValue), "permit_status_string": .string(p.permitStatus.rawValue),
            "work_category": .string(p.workCategory.rawValue), "work_category_string": .string(p.workCategory.rawValue),
            "actual_start_date": .instant(p.actualStartDate), "actual_stop_date": .instant(p.actualStopDate),
        ])
    }

    /// One history entry (`WorkHistorySummaryResponse`).
    static func history(_ h: HistoryEntry) -> JSONValue {
        .compact([
            "action_date": .instant(h.actionDate), "topic": .string(h.topic), "details": .string(h.details),
            "username": .string(h.username), "event": .string(h.event.rawValue),
            "event_string": .string(h.event.rawValue), "update_id": .int(h.updateID),
            "object_reference": .text(h.objectReference), "internal_user_identifier": .text(h.internalUserIdentifier),
            "internal_user_name": .text(h.internalUserName),
        ])
    }
}
