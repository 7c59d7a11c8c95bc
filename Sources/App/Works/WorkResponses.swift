import Contract
import Domain
import Foundation
import Store
import WorkAPI

/// A JSON object under construction. Hot responses are built as `JSONValue`s and written straight
/// to bytes (`JSONValue.bytes`); see `DirectOperations`.
typealias JSONObject = [String: JSONValue]

extension JSONValue {
    /// A string, or `null` for nil.
    static func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    static func int(_ value: Int?) -> JSONValue { value.map { .number(Double($0)) } ?? .null }
    static func int(_ value: Int64?) -> JSONValue { value.map { .number(Double($0)) } ?? .null }
    /// An instant as Street Manager writes it (`2026-01-05T09:00:00.000Z`), or `null`.
    static func instant(_ value: Date?) -> JSONValue { value.map { .string(ISO8601.format($0)) } ?? .null }

    /// Parses stored JSON text (an application, an assessment) into an object; `[:]` if it is not one.
    static func storedObject(_ text: String?) -> JSONObject {
        guard let text, let value = try? JSONValue.parse(text), case .object(let object) = value else { return [:] }
        return object
    }

    /// The object without its `null` members (optional keys are left out, as the generated
    /// encoder does).
    static func compact(_ object: JSONObject) -> JSONValue { .object(object.withoutNulls) }
}

extension Dictionary where Key == String, Value == JSONValue {
    /// The members that are not `null`.
    var withoutNulls: JSONObject { filter { !$0.value.isNull } }
}

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

    /// The generated type of a response built as JSON (for operations answered through the
    /// generated server, and for tests proving the JSON matches the contract's types).
    static func decode<T: Decodable>(_ value: JSONValue, as type: T.Type) throws -> T {
        try decoder.decode(T.self, from: Data(value.bytes))
    }

    /// Organisation names by reference, read once per response.
    func names(_ references: Set<String>) async throws -> [String: String] {
        try await OrganisationNames.shared.names(references, database: database)
    }

    static func day(_ iso: String?) -> String? {
        iso.flatMap(LocalDate.init(iso:)).map { ISO8601.format(UKTime.startOfDay($0)) }
    }

    static let labelledKeys = [
        "activity_type", "traffic_management_type", "application_type", "close_footway", "close_footpath", "work_type",
    ]

    /// The permit with every key of `PermitResponse`.
    static func permitObject(_ p: PermitRow, work: WorkRow, names: [String: String]) -> JSONObject {
        var object = JSONValue.storedObject(p.payload)
        for key in labelledKeys { if let value = object[key], case .string = value { object["\(key)_string"] = value } }
        if let types = object["location_types"], case .array = types { object["location_types_string"] = types }
        object["permit_asds"] = object["permit_asds"] ?? .array([])
        object["permit_not_selected_asds"] = .array([])
        let promoter = names[p.promoterSWACode] ?? p.promoterSWACode
        let authority = names[p.highwayAuthoritySWACode] ?? p.highwayAuthoritySWACode
        let computed: JSONObject = [
            "permit_reference_number": .string(p.permitReferenceNumber),
            "work_reference_number": .string(p.workReferenceNumber),
            "proposed_start_date": .instant(p.proposedStartDate), "proposed_end_date": .instant(p.proposedEndDate),
            "actual_start_date": .instant(p.actualStartDate), "actual_stop_date": .instant(p.actualStopDate),
            "permit_status": .string(p.permitStatus), "permit_status_string": .string(p.permitStatus),
            "assessment_status": .text(p.assessmentStatus), "assessment_status_string": .text(p.assessmentStatus),
            "work_category": .string(p.workCategory), "work_category_string": .string(p.workCategory),
            "work_status": .string(work.workStatus), "work_status_string": .string(work.workStatus),
            "promoter_organisation": .string(promoter), "promoter_swa_code": .string(p.promoterSWACode),
            "promoter_contact_details": .string(promoter),
            "highway_authority": .string(authority), "highway_authority_swa_code": .string(p.highwayAuthoritySWACode),
            "street_name": .string(work.streetName), "town": .text(work.town), "area_name": .text(work.areaName),
            "usrn": .int(work.usrn), "road_category": .int(work.roadCategory),
            "works_coordinates": object["works_coordinates"] ?? (try? JSONValue.parse(work.worksCoordinates)) ?? .null,
            "workstream_prefix": .string(p.workstreamPrefix),
            "calendar_day_duration": .int(p.calendarDayDuration), "working_day_duration": .int(p.workingDayDuration),
            "deadline_date": .text(day(p.deadlineDate)),
            "reasonable_period_end_date": .instant(p.proposedEndDate),
            "validity_period_end_date": .string(day(p.validityPeriodEndDate) ?? ISO8601.format(p.proposedStartDate)),
            "sliding_end_date_candidate": .bool(p.validityPeriodEndDate != nil),
            "is_early_start": .bool(p.isEarlyStart), "is_deemed": .bool(p.isDeemed),
            "ever_modification_requested": .bool(p.everModificationRequested),
            "final_reinstatement": false,
            "is_lane_rental": .bool(object["lane_rental_applicable"]?.boolValue ?? false),
            "excavation_carried_out": .bool(object["excavation"]?.boolValue ?? false),
            "date_created": .instant(p.dateCreated), "date_modified": .instant(p.dateModified),
        ]
        object.merge(computed) { _, new in new }
        let assessment = JSONValue.storedObject(p.assessment)
        if !assessment.isEmpty {
            object["assessment_comments"] = assessment["additional_comments"]
            object["reasons_for_refusal"] = assessment["reasons_for_refusal"]
            object["reasons_for_refusal_string"] = assessment["reasons_for_refusal"]
            object["assessment_discount"] = assessment["assessment_discount"]
            object["revoke_reason"] = assessment["revoke_reason"]
            object["pending_change_details"] = assessment["pending_change_details"]
            object["is_duration_challenged"] = assessment["is_duration_challenged"]
            if let end = assessment["reasonable_period_end_date"] { object["reasonable_period_end_date"] = end }
        }
        let cancellation = JSONValue.storedObject(p.cancellation)
        if !cancellation.isEmpty {
            object["permit_cancellation_reason"] = cancellation["permit_cancellation_reason"]
            object["permit_cancellation_reason_string"] = cancellation["permit_cancellation_reason"]
            object["permit_cancellation_reason_other"] = cancellation["permit_cancellation_reason_other"]
        }
        return object.withoutNulls
    }

    /// `GET /works/{wrn}/permits/{prn}` as JSON.
    func permit(wrn: String, prn: String) async throws -> JSONValue {
        let works = WorkRepository(database)
        guard let work = try await works.work(wrn.uppercased()), let permit = try await works.permit(prn.uppercased()),
            permit.workReferenceNumber == work.workReferenceNumber
        else { throw AppError.notFound("Permit") }
        let names = try await names([work.promoterSWACode, work.highwayAuthoritySWACode])
        return .object(Self.permitObject(permit, work: work, names: names))
    }

    static func historyObject(_ h: HistoryEntry) -> JSONValue {
        .compact([
            "action_date": .instant(h.actionDate), "topic": .string(h.topic), "details": .string(h.details),
            "username": .string(h.username), "event": .string(h.event), "event_string": .string(h.event),
            "update_id": .int(h.updateID), "object_reference": .text(h.objectReference),
            "internal_user_identifier": .text(h.internalUserIdentifier),
            "internal_user_name": .text(h.internalUserName),
        ])
    }

    /// `GET /works/{wrn}` as JSON: the work, its active permit, its permits and latest history.
    func work(_ wrn: String) async throws -> JSONValue {
        guard let (work, permits, history) = try await WorkRepository(database).view(wrn.uppercased()) else {
            throw AppError.notFound("Work")
        }
        let names = try await names([work.promoterSWACode, work.highwayAuthoritySWACode])
        var object: JSONObject = [
            "work_reference_number": .string(work.workReferenceNumber),
            "workstream_prefix": .string(work.workstreamPrefix),
            "promoter_swa_code": .string(work.promoterSWACode),
            "promoter_organisation": .string(names[work.promoterSWACode] ?? ""),
            "highway_authority_swa_code": .string(work.highwayAuthoritySWACode),
            "highway_authority": .string(names[work.highwayAuthoritySWACode] ?? ""),
            "street_name": .string(work.streetName), "road_category": .int(work.roadCategory),
            "usrn": .int(work.usrn), "work_status": .string(work.workStatus),
            "work_status_string": .string(work.workStatus),
            "works_coordinates": (try? JSONValue.parse(work.worksCoordinates)) ?? .object([:]),
            "permits": .array(
                permits.map { p in
                    .compact([
                        "permit_reference_number": .string(p.permitReferenceNumber),
                        "proposed_start_date": .instant(p.proposedStartDate),
                        "proposed_end_date": .instant(p.proposedEndDate), "permit_status": .string(p.permitStatus),
                        "permit_status_string": .string(p.permitStatus), "work_category": .string(p.workCategory),
                        "work_category_string": .string(p.workCategory),
                        "actual_start_date": .instant(p.actualStartDate),
                        "actual_stop_date": .instant(p.actualStopDate),
                    ])
                }),
            "history": .array(history.map(Self.historyObject)),
            "number_of_sites": 0,
            "town": .text(work.town), "area_name": .text(work.areaName),
            "works_location_description": "",
        ]
        if let active = permits.first(where: { $0.permitReferenceNumber == work.activePermitReferenceNumber }) {
            let permit = Self.permitObject(active, work: work, names: names)
            object["active_permit"] = .object(permit)
            object["works_location_description"] = permit["works_location_description"] ?? ""
            object["description_of_work"] = .string(active.descriptionOfWork)
            object["work_start_date"] = .instant(active.actualStartDate)
            object["work_end_date"] = .instant(active.actualStopDate)
        }
        return .compact(object)
    }
}
