import Contract
import Domain
import EventAPI
import Foundation
import OpenAPIRuntime
import Store

/// Polling the works history (the append-only event log) and searching permits by works
/// reference (R-DATA-02).
enum PollingFeature: Feature {
    static let operations = ["event": ["getWorksUpdates", "getPermitSummaries"]]

    static func directRenderers(_ services: AppServices) -> [String: [String: DirectRenderer]] {
        let database = services.database
        return [
            "event": [
                "getWorksUpdates": { request in
                    try await WorksUpdates.json(request, principal: try RequestScope.principal(), database: database)
                }
            ]
        ]
    }
}

/// `GET /event/works/updates`: what a poller asked for, and its answer in both forms.
enum WorksUpdates {
    static let defaultPageSize = 100
    static let maximumPageSize = 250

    /// R-DATA-02: events after `update_id` (or inside the time window), oldest first; `next_update`
    /// is the `update_id` to ask from next. Rows are in commit order, so polling loses none.
    static func query(_ q: RawRequest, principal: Principal) throws -> HistoryRepository.UpdatesQuery {
        let pageSize = try q.wholeNumber("page_size", in: 1...maximumPageSize) ?? defaultPageSize
        let start = try q.date("start_date")
        let end = try q.date("end_date")
        if let start, let end, end < start { throw AppError.invalid(field: "end_date", "must be after start_date") }
        let after = try q.wholeNumber("update_id", in: 0...Int(Int32.max) * 1_000_000).map { Int64($0) }
        let workstreams = q.strings("workstream_prefix").flatMap { $0.isEmpty ? nil : $0 }
        let excluded = q.string("exclude_events_from").flatMap { $0.isEmpty ? nil : $0 }
        return HistoryRepository.UpdatesQuery(
            visibility: try principal.visibility(swaCode: q.string("swa_code")), after: after, from: start, to: end,
            excludingOrganisation: excluded, workstreams: workstreams, limit: pageSize)
    }

    /// The answer written straight to bytes (D-DIRECT): the members of
    /// `WorkUpdateSummaryResponse`, an absent object reference left out.
    static func json(_ q: RawRequest, principal: Principal, database: any SQLExecutor) async throws -> JSONBytes {
        let query = try query(q, principal: principal)
        let rows = try await HistoryRepository(database).updates(query)
        var out = JSONBytes(capacity: 64 + rows.count * 400)
        out.raw(#"{"rows":["#)
        for (index, row) in rows.enumerated() {
            if index > 0 { out.raw(",") }
            out.raw(#"{"work_reference_number":"#)
            out.string(row.workReferenceNumber)
            out.raw(#","update_date_time":"#)
            out.instant(row.actionDate)
            out.raw(#","update_id":"#)
            out.number(Double(row.updateID))
            out.raw(#","event_type":"#)
            out.string(row.event.rawValue)
            out.raw(#","event_type_string":"#)
            out.string(row.event.rawValue)
            out.raw(#","object_type":"#)
            out.string(row.objectType.rawValue)
            out.raw(#","object_type_string":"#)
            out.string(row.objectType.rawValue)
            if let reference = row.objectReference {
                out.raw(#","object_reference_number":"#)
                out.string(reference)
            }
            out.raw(#","parent_object_reference_number":"#)
            out.string(row.permitReferenceNumber ?? row.workReferenceNumber)
            out.raw("}")
        }
        out.raw("]")
        if let next = rows.last?.updateID ?? query.after {
            out.raw(#","next_update":"#)
            out.number(Double(next))
        }
        out.raw("}")
        return out
    }
}

/// Event API: polling and permit search.
extension EventAPIHandler {
    /// Answered by `ContractGate` from `WorksUpdates.json`; this is the same answer built as the
    /// generated types (a test holds the two equal).
    func getWorksUpdates(_ input: Operations.GetWorksUpdates.Input) async throws -> Operations.GetWorksUpdates.Output {
        let query = try WorksUpdates.query(try RawRequest.current(), principal: try RequestScope.principal())
        let rows = try await HistoryRepository(services.database).updates(query)
        return .ok(
            .init(
                body: .json(
                    .init(
                        rows: try rows.map(Components.Schemas.WorkUpdateSummaryResponse.init),
                        nextUpdate: (rows.last?.updateID ?? query.after).map(Double.init)))))
    }

    /// R-DATA-02: up to 1000 work references, 100 to 500 rows a page, cursor-paged.
    func getPermitSummaries(_ input: Operations.GetPermitSummaries.Input) async throws
        -> Operations.GetPermitSummaries.Output
    {
        guard case .json(let body) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let principal = try RequestScope.principal()
        let cursor =
            try body.nextCursor.map {
                try WholeNumber.checked($0, field: "next_cursor", in: 0...WholeNumber.maximumOffset)
            } ?? 0
        let pageSize = try body.pageSize.map { try WholeNumber.checked($0, field: "page_size", in: 100...500) } ?? 100
        var query: [String: [String]] = [:]
        if let references = body.workReferenceNumbers, !references.isEmpty {
            query["work_reference_numbers"] = references
        }
        let request = ListRequest(
            query: query, visibility: try principal.visibility(swaCode: nil), offset: cursor, ascending: true)
        let rows = try await ListDescription<PermitSummaryRow>.mapErrors {
            try await PermitSummaryRow.list.rows(request, limit: pageSize, in: services.database)
        }
        let names = try await PermitSummaryJSON.names(of: rows, database: services.database)
        return .created(
            .init(
                body: .json(
                    .init(
                        rows: try rows.map { try .init($0, names: names) },
                        nextCursor: Double(rows.count == pageSize ? cursor + pageSize : 0)))))
    }
}

extension Components.Schemas.WorkUpdateSummaryResponse {
    init(_ u: WorkUpdate) throws {
        self.init(
            workReferenceNumber: u.workReferenceNumber, updateDateTime: u.actionDate, updateId: Double(u.updateID),
            eventType: try Wire.map(u.event), eventTypeString: u.event.rawValue,
            objectType: try Wire.map(u.objectType), objectTypeString: u.objectType.rawValue,
            parentObjectReferenceNumber: u.permitReferenceNumber ?? u.workReferenceNumber,
            objectReferenceNumber: u.objectReference)
    }
}

extension Components.Schemas.PermitSummaryResponse {
    /// A row of the permits list as the event API's permit search answers it.
    init(_ r: PermitSummaryRow, names: [String: String]) throws {
        let category: Components.Schemas.WorkCategoryResponse = try Wire.map(r.workCategory)
        let trafficManagement: Components.Schemas.TrafficManagementTypeResponse = try Wire.map(r.trafficManagementType)
        let assessment: Components.Schemas.AssessmentStatusResponse? = try Wire.map(r.assessmentStatus)
        let status: Components.Schemas.PermitStatusResponse = try Wire.map(r.permitStatus)
        let workStatus: Components.Schemas.WorkStatusResponse = try Wire.map(r.workStatus)
        let activity: Components.Schemas.ActivityTypeResponse = try Wire.map(r.activityType)
        let coordinates = try StoredJSON.decode(OpenAPIValueContainer.self, from: r.worksCoordinates)
        let promoter: String = names[r.promoterSWACode] ?? r.promoterSWACode
        let authority: String = names[r.highwayAuthoritySWACode] ?? r.highwayAuthoritySWACode
        let startTime: Date? = r.proposedStartTime.flatMap(ISO8601.parse)
        let endTime: Date? = r.proposedEndTime.flatMap(ISO8601.parse)
        let highImpact = PermitRules.isHighImpact(trafficManagementType: r.trafficManagementType)
        let town: String = r.town ?? ""
        let area: String = r.areaName ?? ""
        self.init(
            workReferenceNumber: r.workReferenceNumber, permitReferenceNumber: r.permitReferenceNumber,
            promoterSwaCode: r.promoterSWACode, promoterOrganisation: promoter,
            highwayAuthority: authority,
            worksCoordinates: coordinates,
            locationDescription: r.worksLocationDescription, street: r.streetName, town: town,
            area: area, workCategory: category,
            workCategoryString: r.workCategory.rawValue, descriptionOfWork: r.descriptionOfWork,
            trafficManagementType: trafficManagement,
            trafficManagementTypeString: r.trafficManagementType,
            assessmentStatus: assessment, assessmentStatusString: r.assessmentStatus?.rawValue,
            proposedStartDate: r.proposedStartDate, proposedEndDate: r.proposedEndDate,
            proposedStartTime: startTime,
            proposedEndTime: endTime, actualStartDate: r.actualStartDate,
            actualEndDate: r.actualStopDate, status: status,
            statusString: r.permitStatus.rawValue, workStatus: workStatus,
            workStatusString: r.workStatus.rawValue, deadlineDate: UKTime.startOfDay(r.deadlineDate),
            dateCreated: r.dateCreated, statusChangedDate: r.dateModified, usrn: Double(r.usrn),
            isActivePermit: r.isActivePermit, roadCategory: Double(r.roadCategory),
            isTrafficSensitive: r.isTrafficSensitive, hasNoFinalReinstatement: !r.finalReinstatement,
            isDeemed: r.isDeemed, excavationCarriedOut: r.excavation, isEarlyStart: r.isEarlyStart,
            isHighImpactTrafficManagement: highImpact,
            isLaneRental: r.laneRentalApplicable, laneRentalChargesNotAgreed: r.laneRentalChargesNotAgreed,
            laneRentalChargesPotentiallyApply: r.laneRentalApplicable, activityType: activity,
            activityTypeString: r.activityType)
    }
}
