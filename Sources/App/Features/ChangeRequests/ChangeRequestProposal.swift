import Contract
import Domain
import Foundation
import Store
import WorkAPI

/// What a change request proposes: the application fields it sends (R-CR-07: every field but the
/// reason is optional and validated only when supplied), laid over the permit's application as
/// submitted. Either spelling of the request (`PermitAlterationCreateRequest` or
/// `ChangeRequestCreateRequest`) gives the same proposal (D-CHANGE-REQUESTS).
struct ChangeRequestProposal: Sendable {
    /// The proposed application fields, keys as in `PermitCreateRequest`.
    var fields: [String: JSONValue]

    /// Members of the request that are about the request itself, not the application.
    static let requestOnly: Set<String> = [
        "internal_user_identifier", "internal_user_name", "permit_alteration_reason", "change_request_reason",
        "file_ids",
    ]

    init(fields: [String: JSONValue]) { self.fields = fields }

    /// The proposal in a request body.
    init(body: JSONValue) {
        fields = (body.objectValue ?? [:]).filter { !Self.requestOnly.contains($0.key) }
    }

    var text: String { String(decoding: JSONValue.object(fields).bytes, as: UTF8.self) }

    static func stored(_ text: String) -> ChangeRequestProposal {
        ChangeRequestProposal(fields: JSONValue.storedObject(text))
    }

    /// The application `payload` with the proposal laid over it, as stored and as decoded.
    func merged(onto payload: String) throws -> (text: String, application: Components.Schemas.PermitCreateRequest) {
        var object = JSONValue.storedObject(payload)
        for (key, value) in fields { object[key] = value }
        let text = String(decoding: JSONValue.object(object).bytes, as: UTF8.self)
        let application = try StoredJSON.decoder.decode(
            Components.Schemas.PermitCreateRequest.self, from: Data(text.utf8))
        return (text, application)
    }

    /// R-CR-06, R-CR-07 and the application's own conditional rules, on the merged application:
    /// every problem at once, each naming its field.
    func problems(
        _ application: Components.Schemas.PermitCreateRequest, permit: PermitRow
    ) -> [FieldError] {
        var errors: [FieldError] = []
        if fields["work_type"] != nil, application.workType.rawValue != permit.workType.rawValue {
            errors.append(
                FieldError(
                    field: "work_type",
                    message:
                        "D-CHANGE-REQUESTS: a change request cannot change the work type (\(permit.workType.rawValue)); cancel and apply again"
                ))
        }
        if permit.actualStartDate != nil, fields["proposed_start_date"] != nil,
            application.proposedStartDate != permit.proposedStartDate
        {
            errors.append(
                FieldError(
                    field: "proposed_start_date", message: "R-CR-06: cannot change once works start is logged"))
        }
        if application.proposedEndDate < application.proposedStartDate {
            errors.append(FieldError(field: "proposed_end_date", message: "must be on or after proposed_start_date"))
        }
        if application.collaborativeWorking {
            if (application.collaborationDetails ?? "").isEmpty {
                errors.append(
                    FieldError(
                        field: "collaboration_details", message: "is required when collaborative_working is true"))
            }
            if application.collaborationType == nil {
                errors.append(
                    FieldError(field: "collaboration_type", message: "is required when collaborative_working is true"))
            }
        }
        let type = application.trafficManagementType
        if type == .multiWaySignals || type == .twoWaySignals {
            for (field, value) in [
                ("emergency_contact_name", application.emergencyContactName),
                ("emergency_contact_number", application.emergencyContactNumber),
            ] where (value ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                errors.append(
                    FieldError(
                        field: field,
                        message: "is required when traffic_management_type is multi_way_signals or two_way_signals"))
            }
        }
        if let coordinates = fields["works_coordinates"] {
            errors += GeoJSONGeometry.problems(coordinates, field: "works_coordinates")
        }
        return errors
    }

    /// Whether the proposal moves the permit's proposed end (a works extension when the works
    /// are in progress, R-CR-01).
    func movesProposedEnd(_ application: Components.Schemas.PermitCreateRequest, permit: PermitRow) -> Bool {
        fields["proposed_end_date"] != nil && application.proposedEndDate != permit.proposedEndDate
    }

    /// `permit` with the merged application applied (R-CR-08, R-RESP-08): the application as
    /// stored and the columns taken from it; the proposed dates and durations only when the
    /// proposal sends them.
    static func apply(
        _ merged: (text: String, application: Components.Schemas.PermitCreateRequest), fields: [String: JSONValue],
        to permit: PermitRow
    ) -> PermitRow {
        let a = merged.application
        var p = permit
        p.payload = merged.text
        var datesMoved = false
        if fields["proposed_start_date"] != nil, a.proposedStartDate != p.proposedStartDate {
            p.proposedStartDate = a.proposedStartDate
            datesMoved = true
        }
        if fields["proposed_end_date"] != nil, a.proposedEndDate != p.proposedEndDate {
            p.proposedEndDate = a.proposedEndDate
            // The end applied for now replaces one a late start had moved (R-PERMIT-20).
            p.originalProposedEndDate = nil
            datesMoved = true
        }
        if datesMoved {
            p.calendarDayDuration = PermitRules.calendarDayDuration(
                proposedStart: p.proposedStartDate, proposedEnd: p.proposedEndDate)
            p.workingDayDuration = PermitRules.workingDayDuration(
                proposedStart: p.proposedStartDate, proposedEnd: p.proposedEndDate)
        }
        if fields["proposed_start_time"] != nil { p.proposedStartTime = a.proposedStartTime.map(ISO8601.format) }
        if fields["proposed_end_time"] != nil { p.proposedEndTime = a.proposedEndTime.map(ISO8601.format) }
        p.descriptionOfWork = a.descriptionOfWork
        p.activityType = a.activityType.rawValue
        p.trafficManagementType = a.trafficManagementType.rawValue
        p.worksLocationDescription = a.worksLocationDescription
        p.excavation = a.excavation
        p.laneRentalApplicable = a.laneRentalApplicable
        return p
    }
}
