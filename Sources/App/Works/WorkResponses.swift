import Domain
import Foundation
import Store
import WorkAPI

/// Builds the wire responses of works and permits: the application as submitted (its
/// snake_case keys are the response's), overlaid with what the server computed and stores.
struct WorkResponses: Sendable {
    let database: any SQLExecutor

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = ISO8601.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a date-time: \(text)")
            }
            return date
        }
        return decoder
    }()

    /// Organisation names by reference, read once per response.
    func names(_ references: Set<String>) async throws -> [String: String] {
        try await OrganisationNames.shared.names(references, database: database)
    }

    static func day(_ iso: String?) -> String? {
        iso.flatMap(LocalDate.init(iso:)).map { ISO8601.format(UKTime.startOfDay($0)) }
    }

    /// The permit as a JSON object with every key of `PermitResponse`.
    static func permitObject(_ p: PermitRow, work: WorkRow, names: [String: String]) -> [String: Any] {
        var object = (try? JSONSerialization.jsonObject(with: Data(p.payload.utf8))) as? [String: Any] ?? [:]
        let strings: [String] = [
            "activity_type", "traffic_management_type", "application_type", "close_footway", "close_footpath",
            "work_type",
        ]
        for key in strings { if let value = object[key] as? String { object["\(key)_string"] = value } }
        if let types = object["location_types"] as? [String] { object["location_types_string"] = types }
        object["permit_asds"] = object["permit_asds"] ?? [Any]()
        object["permit_not_selected_asds"] = [Any]()
        let computed: [String: Any?] = [
            "permit_reference_number": p.permitReferenceNumber,
            "work_reference_number": p.workReferenceNumber,
            "proposed_start_date": ISO8601.format(p.proposedStartDate),
            "proposed_end_date": ISO8601.format(p.proposedEndDate),
            "actual_start_date": p.actualStartDate.map(ISO8601.format),
            "actual_stop_date": p.actualStopDate.map(ISO8601.format),
            "permit_status": p.permitStatus, "permit_status_string": p.permitStatus,
            "assessment_status": p.assessmentStatus, "assessment_status_string": p.assessmentStatus,
            "work_category": p.workCategory, "work_category_string": p.workCategory,
            "work_status": work.workStatus, "work_status_string": work.workStatus,
            "promoter_organisation": names[p.promoterSWACode] ?? p.promoterSWACode,
            "promoter_swa_code": p.promoterSWACode,
            "promoter_contact_details": names[p.promoterSWACode] ?? p.promoterSWACode,
            "highway_authority": names[p.highwayAuthoritySWACode] ?? p.highwayAuthoritySWACode,
            "highway_authority_swa_code": p.highwayAuthoritySWACode,
            "street_name": work.streetName, "town": work.town, "area_name": work.areaName, "usrn": work.usrn,
            "road_category": work.roadCategory,
            "works_coordinates": object["works_coordinates"]
                ?? (try? JSONSerialization.jsonObject(with: Data(work.worksCoordinates.utf8))),
            "workstream_prefix": p.workstreamPrefix,
            "calendar_day_duration": p.calendarDayDuration, "working_day_duration": p.workingDayDuration,
            "deadline_date": day(p.deadlineDate),
            "reasonable_period_end_date": ISO8601.format(p.proposedEndDate),
            "validity_period_end_date": day(p.validityPeriodEndDate) ?? ISO8601.format(p.proposedStartDate),
            "sliding_end_date_candidate": p.validityPeriodEndDate != nil,
            "is_early_start": p.isEarlyStart, "is_deemed": p.isDeemed,
            "ever_modification_requested": p.everModificationRequested,
            "final_reinstatement": false,
            "is_lane_rental": (object["lane_rental_applicable"] as? Bool) ?? false,
            "excavation_carried_out": (object["excavation"] as? Bool) ?? false,
            "date_created": ISO8601.format(p.dateCreated), "date_modified": ISO8601.format(p.dateModified),
        ]
        for (key, value) in computed { object[key] = value ?? NSNull() }
        if let assessment = p.assessment.flatMap({ try? JSONSerialization.jsonObject(with: Data($0.utf8)) })
            as? [String: Any]
        {
            object["assessment_comments"] = assessment["additional_comments"]
            object["reasons_for_refusal"] = assessment["reasons_for_refusal"]
            object["reasons_for_refusal_string"] = assessment["reasons_for_refusal"]
            object["assessment_discount"] = assessment["assessment_discount"]
            object["revoke_reason"] = assessment["revoke_reason"]
            object["pending_change_details"] = assessment["pending_change_details"]
            object["is_duration_challenged"] = assessment["is_duration_challenged"]
            if let end = assessment["reasonable_period_end_date"] { object["reasonable_period_end_date"] = end }
        }
        if let cancellation = p.cancellation.flatMap({ try? JSONSerialization.jsonObject(with: Data($0.utf8)) })
            as? [String: Any]
        {
            object["permit_cancellation_reason"] = cancellation["permit_cancellation_reason"]
            object["permit_cancellation_reason_string"] = cancellation["permit_cancellation_reason"]
            object["permit_cancellation_reason_other"] = cancellation["permit_cancellation_reason_other"]
        }
        return object.filter { !($0.value is NSNull) }
    }

    static func decode<T: Decodable>(_ object: Any, as type: T.Type) throws -> T {
        try decoder.decode(T.self, from: JSONSerialization.data(withJSONObject: object))
    }

    func permit(wrn: String, prn: String) async throws -> Components.Schemas.PermitResponse {
        let works = WorkRepository(database)
        guard let work = try await works.work(wrn.uppercased()), let permit = try await works.permit(prn.uppercased()),
            permit.workReferenceNumber == work.workReferenceNumber
        else { throw AppError.notFound("Permit") }
        let names = try await names([work.promoterSWACode, work.highwayAuthoritySWACode])
        return try Self.decode(
            Self.permitObject(permit, work: work, names: names), as: Components.Schemas.PermitResponse.self)
    }

    static func historyObject(_ h: HistoryEntry) -> [String: Any] {
        var object: [String: Any] = [
            "action_date": ISO8601.format(h.actionDate), "topic": h.topic, "details": h.details, "username": h.username,
            "event": h.event, "event_string": h.event, "update_id": h.updateID,
        ]
        object["object_reference"] = h.objectReference
        object["internal_user_identifier"] = h.internalUserIdentifier
        object["internal_user_name"] = h.internalUserName
        return object
    }

    func work(_ wrn: String) async throws -> Components.Schemas.WorkResponse {
        let works = WorkRepository(database)
        guard let work = try await works.work(wrn.uppercased()) else { throw AppError.notFound("Work") }
        let permits = try await works.permits(ofWork: work.workReferenceNumber, limit: 50)
        let history = try await works.recentHistory(ofWork: work.workReferenceNumber, limit: 50)
        let names = try await names([work.promoterSWACode, work.highwayAuthoritySWACode])
        let permitObjects = permits.map { Self.permitObject($0, work: work, names: names) }
        var object: [String: Any] = [
            "work_reference_number": work.workReferenceNumber, "workstream_prefix": work.workstreamPrefix,
            "promoter_swa_code": work.promoterSWACode, "promoter_organisation": names[work.promoterSWACode] ?? "",
            "highway_authority_swa_code": work.highwayAuthoritySWACode,
            "highway_authority": names[work.highwayAuthoritySWACode] ?? "", "street_name": work.streetName,
            "road_category": work.roadCategory, "usrn": work.usrn, "work_status": work.workStatus,
            "work_status_string": work.workStatus,
            "works_coordinates": (try? JSONSerialization.jsonObject(with: Data(work.worksCoordinates.utf8))) ?? [:],
            "permits": permits.map { p -> [String: Any] in
                var summary: [String: Any] = [
                    "permit_reference_number": p.permitReferenceNumber,
                    "proposed_start_date": ISO8601.format(p.proposedStartDate),
                    "proposed_end_date": ISO8601.format(p.proposedEndDate), "permit_status": p.permitStatus,
                    "permit_status_string": p.permitStatus, "work_category": p.workCategory,
                    "work_category_string": p.workCategory,
                ]
                summary["actual_start_date"] = p.actualStartDate.map(ISO8601.format)
                summary["actual_stop_date"] = p.actualStopDate.map(ISO8601.format)
                return summary
            },
            "history": history.map(Self.historyObject),
            "number_of_sites": 0,
        ]
        object["town"] = work.town
        object["area_name"] = work.areaName
        if let active = permits.first(where: { $0.permitReferenceNumber == work.activePermitReferenceNumber }),
            let index = permits.firstIndex(of: active)
        {
            object["active_permit"] = permitObjects[index]
            object["works_location_description"] = permitObjects[index]["works_location_description"]
            object["description_of_work"] = active.descriptionOfWork
            object["work_start_date"] = active.actualStartDate.map(ISO8601.format)
            object["work_end_date"] = active.actualStopDate.map(ISO8601.format)
        }
        object["works_location_description"] = object["works_location_description"] ?? ""
        return try Self.decode(object, as: Components.Schemas.WorkResponse.self)
    }
}
