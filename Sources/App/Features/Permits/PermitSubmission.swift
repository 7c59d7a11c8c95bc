import Contract
import Domain
import Foundation
import OpenAPIRuntime
import Store
import WorkAPI

/// What submitting a PAA or PA decides before anything is written: its timings, category and
/// deadline, the facts stored with it, and every problem with the application at once.
struct PermitSubmission {
    var timings: PermitTimings
    var transition: PermitTransition
    var isTrafficSensitive: Bool
    /// The street's special designations the promoter did not select (`PermitASDResponse` JSON).
    var notSelectedASDs: String
    var problems: [FieldError]

    /// R-CAT, R-NOTICE, R-RESP-01/02, R-PERMIT-20/21, R-VAL-06, R-CAT-01 for an application on
    /// `street` by `promoter` to `authority`, after `priorApplications` on the same works record.
    init(
        _ application: some PermitApplication, promoter: String, authority: String, street: Street?,
        roadCategory: Int, priorApplications: [PermitStatus], existingWorkStatus: WorkStatus?,
        progressing paa: PermitRow? = nil, at now: Date
    ) throws {
        let selections = application.designationSelections
        isTrafficSensitive =
            street.map { PermitRules.isTrafficSensitive(street: $0, selectedDesignations: selections) }
            ?? false
        let kind = try application.kind
        timings = PermitRules.timings(
            workType: kind, isTTRORequired: application.isTtroRequired ?? false,
            immediateRisk: application.immediateRisk ?? false, proposedStart: application.proposedStart,
            proposedEnd: application.proposedEnd, submittedAt: now, priorApplications: priorApplications,
            progressingPAA: paa != nil, progressedPAADeadline: paa?.deadlineDate, roadCategory: roadCategory,
            isTrafficSensitive: isTrafficSensitive,
            highwayAuthorityIsTfL: PermitRules.isTransportForLondon(swaCode: authority))
        problems = try application.ruleProblems(now: now, isEarlyStart: timings.isEarlyStart, promoter: promoter)
        transition = try lifecycle { () throws(LifecycleError) in
            try PermitLifecycle.create(
                workType: kind, existingWorkStatus: existingWorkStatus, proposedStart: application.proposedStart,
                now: now,
                hs2Route: PermitRules.hs2Route(
                    workType: kind, promoterSWACode: promoter, inActLimits: application.hs2InActLimits,
                    highwayExemption: application.hs2HighwayExemption?.rawValue))
        }
        let unselected = (street?.designations ?? []).filter { designation in
            !selections.contains { $0.identifies(designation) }
        }
        notSelectedASDs = String(decoding: JSONValue.array(unselected.compactMap(Self.asd)).bytes, as: UTF8.self)
    }

    /// A street designation as the contract's `PermitASDResponse` (codes the contract does not
    /// list are left out).
    static func asd(_ d: SpecialDesignation) -> JSONValue? {
        guard Components.Schemas.ASDCodeResponse(rawValue: d.code) != nil else { return nil }
        let periodicity = d.periodicityCode.flatMap { Components.Schemas.ASDPeriodicityCodeResponse(rawValue: $0) }
        return .compact([
            "street_special_desig_code": .int(d.code),
            "street_special_desig_code_string": .string(StreetCodeNames.designation(d.code) ?? String(d.code)),
            "special_desig_location_text": .text(d.locationText), "special_desig_description": .text(d.description),
            "special_desig_start_time": .int(d.startTime), "special_desig_end_time": .int(d.endTime),
            "special_desig_periodicity_code": .int(periodicity?.rawValue),
            "special_desig_periodicity_code_string": .text(
                periodicity.map { StreetCodeNames.periodicity($0.rawValue) ?? String($0.rawValue) }),
        ])
    }

    /// The permit row to store.
    func row(
        prn: String, wrn: String, sequence: Int, promoter: String, authority: String, workstream: String,
        application: some PermitApplication, streetName: String, usrn: Int, payload: String, at now: Date
    ) throws -> PermitRow {
        PermitRow(
            permitReferenceNumber: prn, workReferenceNumber: wrn, sequence: sequence, promoterSWACode: promoter,
            highwayAuthoritySWACode: authority, workstreamPrefix: workstream, permitStatus: transition.status,
            assessmentStatus: transition.assessmentStatus, workCategory: timings.category,
            workType: try application.kind, isDeemed: false, isEarlyStart: timings.isEarlyStart,
            everModificationRequested: false, proposedStartDate: application.proposedStart,
            proposedEndDate: application.proposedEnd, actualStartDate: transition.actualStart,
            actualStopDate: transition.actualStop, calendarDayDuration: timings.calendarDayDuration,
            workingDayDuration: timings.workingDayDuration, deadlineDate: timings.deadlineDate,
            deemAt: transition.status.isAwaitingAssessment ? timings.deemingInstant : nil,
            validityPeriodEndDate: timings.validityPeriodEndDate, isTrafficSensitive: isTrafficSensitive,
            descriptionOfWork: application.descriptionOfWork, activityType: application.activityType.rawValue,
            trafficManagementType: application.trafficManagementType.rawValue,
            worksLocationDescription: application.worksLocationDescription, excavation: application.excavation,
            laneRentalApplicable: application.laneRentalApplicable,
            proposedStartTime: application.proposedStartTime.map(ISO8601.format),
            proposedEndTime: application.proposedEndTime.map(ISO8601.format), streetName: streetName, usrn: usrn,
            payload: payload, notSelectedASDs: notSelectedASDs, assessment: nil, cancellation: nil, dateCreated: now,
            dateModified: now)
    }

    /// The history event of a new application.
    var event: AuditEvent { timings.category == .paa ? .paaSubmitted : .permitSubmitted }

    func details(_ prn: String) -> String {
        "\(timings.category == .paa ? "PAA" : "Permit") \(prn) submitted (\(timings.category.rawValue))"
    }

    /// Records the application's submission on `change`, and its grant on submission when it
    /// is on the HS2 consultation route (R-HS2-02).
    func record(_ prn: String, on change: WorksChange, details: String? = nil) {
        change.record(event, object: .permit, reference: prn, permit: prn, details: details ?? self.details(prn))
        guard transition.assessmentStatus == .grantedAuto else { return }
        let paa = timings.category == .paa
        change.record(
            paa ? .paaGranted : .permitGranted, object: .permit, reference: prn, permit: prn,
            details: "\(paa ? "PAA" : "Permit") \(prn) granted automatically: HS2 works within Act limits (R-HS2-02)")
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601.format(date))
        }
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    /// The application as stored: the request as the generated type encodes it, with the
    /// geometry as sent. The geometry is left out of the encoding and put back from the parsed
    /// body: encoding a free-form container costs more than all the rest.
    /// The geometry is appended as the object's last member (the encoding has no
    /// `works_coordinates` member of its own): parsing the encoding to put it back in its sorted
    /// place cost more than the rest of building the payload.
    static func payload(_ request: some Encodable, coordinates: JSONValue?) throws -> String {
        var encoded = Array(try encoder.encode(request))
        guard let coordinates, encoded.last == UInt8(ascii: "}") else {
            return String(decoding: encoded, as: UTF8.self)
        }
        encoded.removeLast()
        if encoded.count > 1 { encoded.append(UInt8(ascii: ",")) }
        encoded.append(contentsOf: #""works_coordinates":"#.utf8)
        coordinates.write(into: &encoded)
        encoded.append(UInt8(ascii: "}"))
        return String(decoding: encoded, as: UTF8.self)
    }

    /// The geometry as sent: from the body `ContractGate` parsed, else from the generated type.
    static func coordinates(_ container: OpenAPIValueContainer) throws -> JSONValue {
        if let parsed = RequestScope.current?.body?["works_coordinates"] { return parsed }
        return try JSONValue.parse(Array(try encoder.encode(container)))
    }
}

/// Runs a lifecycle rule, turning its refusal into the caller's error: bad dates are a 400 on
/// the field, any other state rule a 412 that names the rule (R-VAL-16).
func lifecycle<T>(_ body: () throws(LifecycleError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        switch error {
        case .startInFuture, .startTooLongBeforeProposedStart:
            throw AppError.invalid(field: "actual_start_date", error.message)
        case .stopInFuture, .stopBeforeStart:
            throw AppError.invalid(field: "actual_stop_date", error.message)
        default:
            throw AppError.preconditionFailed(error.message)
        }
    }
}

extension PermitRow {
    /// What the lifecycle rules need to know of this permit on `work`.
    func state(on work: WorkRow) -> PermitState {
        var state = PermitState(
            status: permitStatus, assessmentStatus: assessmentStatus, isDeemed: isDeemed, category: workCategory,
            workType: workType, workStatus: work.workStatus, proposedStart: proposedStartDate,
            actualStart: actualStartDate, actualStop: actualStopDate,
            isActivePermit: work.activePermitReferenceNumber == permitReferenceNumber,
            hasHadModificationRequest: everModificationRequested, proposedEnd: proposedEndDate,
            validityPeriodEndDate: validityPeriodEndDate, originalProposedEnd: originalProposedEndDate)
        // R-RESP-05: only the modified permit's reply gives a PMR a deeming time.
        state.hasModifiedPermitReply = permitStatus == .permitModificationRequest && deemAt != nil
        return state
    }

    var noun: String { isPAA ? "PAA" : "Permit" }
}

extension WorksChange {
    /// R-RESP-03: once a permit's deeming time has come, the highway authority can no longer act
    /// on it as an application awaiting assessment (the deeming service grants it).
    func refuseOnceDeemable(_ permit: PermitRow) throws {
        guard let deemAt = permit.deemAt, at >= deemAt else { return }
        throw AppError.preconditionFailed(
            "R-RESP-03: permit \(permit.permitReferenceNumber) is deemed: its response period ended on \(permit.deadlineDate)"
        )
    }

    /// Applies a lifecycle step to `permit` and its works record, and records `event`
    /// (R-PERMIT-03, R-RESP-03/05, R-PERMIT-20).
    func apply(
        _ t: PermitTransition, to permit: PermitRow, event: AuditEvent, details: String,
        _ update: (inout PermitRow) -> Void = { _ in }
    ) async throws {
        var updated = permit
        updated.permitStatus = t.status
        updated.assessmentStatus = t.assessmentStatus
        updated.isDeemed = t.isDeemed
        updated.actualStartDate = t.actualStart
        updated.actualStopDate = t.actualStop
        if let end = t.proposedEnd { updated.proposedEndDate = end }
        updated.originalProposedEndDate = t.originalProposedEnd
        if t.assessmentStatus == .permitModificationRequest { updated.everModificationRequested = true }
        // Only an application awaiting assessment can be deemed (R-RESP-03), or a PMR that stays
        // one after the promoter's modified permit gave it a deeming time (R-RESP-05).
        let staysModificationRequest = t.status == .permitModificationRequest && permit.permitStatus == t.status
        if !t.status.isAwaitingAssessment && !staysModificationRequest { updated.deemAt = nil }
        updated.dateModified = at
        update(&updated)
        try await permits.update(updated)
        if t.status != permit.permitStatus { try await settleChangeRequests(of: permit, now: t.status) }
        if t.workStatus != work.workStatus { updateWork { $0.workStatus = t.workStatus } }
        record(
            event, object: .permit, reference: permit.permitReferenceNumber, permit: permit.permitReferenceNumber,
            details: details)
    }
}
