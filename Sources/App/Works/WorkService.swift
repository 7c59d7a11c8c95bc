import Contract
import Domain
import Foundation
import OpenAPIRuntime
import Store
import WorkAPI

/// The permit journey: submit, assess or deem, cancel, start, stop, revert, comment. Each
/// command is one transaction that writes its history rows (the event log) with it.
struct WorkService: Sendable {
    let services: AppServices

    var database: any Database { services.database }
    var now: Date { services.clock.now() }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601.format(date))
        }
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    // MARK: submitting

    struct Submitted: Sendable {
        var workReferenceNumber: String
        var permitReferenceNumber: String
    }

    /// `POST /works`: a new works record with its first application (R-WORK-01, R-WORK-08…10,
    /// R-REF-01…03, R-CAT, R-NOTICE, R-RESP).
    func createWork(_ request: Components.Schemas.WorkCreateRequest, principal: Principal) async throws -> Submitted {
        let submittedAt = now
        var errors: [FieldError] = []
        let identity = IdentityRepository(database)

        // R-WORK-08: the promoter is the caller's organisation, or one that contracted them.
        let promoterCode = request.promoterSwaCode
        guard principal.mayActFor(promoterCode) else { throw AppError.accessRestricted }
        guard principal.has(.planner) || principal.has(.contractor) else { throw AppError.accessRestricted }
        guard let promoter = try await identity.organisation(promoterCode) else { throw AppError.accessRestricted }

        let authority = try await identity.organisation(request.highwayAuthoritySwaCode)
        if authority?.type != .highwayAuthority {
            errors.append(
                FieldError(field: "highway_authority_swa_code", message: "must be the SWA code of a highway authority"))
        }
        // R-WORK-09: the workstream.
        let workstream = try await workstream(request.workstreamPrefix, of: promoterCode, errors: &errors)
        // R-VAL-02: geometry.
        let coordinates = try Self.coordinates(request.worksCoordinates)
        errors += GeoJSONGeometry.problems(coordinates, field: "works_coordinates")
        // R-VAL-03 / R-WORK-10: the street.
        let street = try await StreetRepository(database).street(Int(request.usrn))
        if street == nil {
            errors.append(FieldError(field: "usrn", message: "is not a street in the gazetteer"))
        }
        let streetName = request.streetName ?? street?.name ?? ""
        let roadCategory = request.roadCategory.map { Int($0) } ?? street?.roadCategory ?? 0

        let timings = PermitRules.timings(
            workType: WorkType(request.workType), isTTRORequired: request.isTtroRequired ?? false,
            immediateRisk: request.immediateRisk ?? false, proposedStart: request.proposedStart,
            proposedEnd: request.proposedEnd, submittedAt: submittedAt, roadCategory: roadCategory,
            isTrafficSensitive: street?.isTrafficSensitive ?? false)
        errors += request.ruleProblems(now: submittedAt, isEarlyStart: timings.isEarlyStart)

        // R-REF-02: a supplied reference is letters, digits, - and _, at most 24, unique.
        var reference = request.workReferenceNumber?.uppercased()
        if let supplied = reference, supplied.isEmpty { reference = nil }
        if !errors.isEmpty { throw AppError.invalid(errors) }

        var bare = request
        bare.worksCoordinates = nil
        let payload = try Self.payload(bare, coordinates: coordinates)
        let transition = try lifecycle { () throws(LifecycleError) in
            try PermitLifecycle.create(workType: WorkType(request.workType))
        }
        for attempt in 0..<5 {
            let wrn = reference ?? Self.generatedReference(prefix: promoter.prefix, workstream: workstream)
            let prn = "\(wrn)-01"
            do {
                try await database.transaction { tx in
                    let works = WorkRepository(tx)
                    try await works.insert(
                        WorkRow(
                            workReferenceNumber: wrn, promoterSWACode: promoterCode,
                            highwayAuthoritySWACode: request.highwayAuthoritySwaCode, workstreamPrefix: workstream,
                            usrn: Int(request.usrn), streetName: streetName, town: request.town ?? street?.town,
                            areaName: request.areaName ?? street.flatMap { $0.area.isEmpty ? nil : $0.area },
                            roadCategory: roadCategory,
                            worksCoordinates: coordinates.serialized(sortedKeys: true),
                            workStatus: transition.workStatus.rawValue, activePermitReferenceNumber: prn,
                            permitCount: 1,
                            createdAt: submittedAt, updatedAt: submittedAt))
                    try await works.insert(
                        Self.permitRow(
                            prn: prn, wrn: wrn, sequence: 1, promoter: promoterCode,
                            authority: request.highwayAuthoritySwaCode, workstream: workstream, request: request,
                            timings: timings, transition: transition, streetName: streetName, usrn: Int(request.usrn),
                            payload: payload, at: submittedAt))
                    let history = HistoryWriter(
                        works: works, wrn: wrn, promoter: promoterCode, authority: request.highwayAuthoritySwaCode,
                        principal: principal, internalUser: (request.internalUserIdentifier, request.internalUserName),
                        at: submittedAt)
                    try await history.append(
                        event: transition.workStatus == .inProgress
                            ? "in_progress_works_record_created" : "planned_works_record_created",
                        topic: "Works record", details: "Works record \(wrn) created", object: wrn, type: "WORK")
                    try await history.append(
                        event: timings.category == .paa ? "paa_submitted" : "permit_submitted", topic: "Permit",
                        details:
                            "\(timings.category == .paa ? "PAA" : "Permit") \(prn) submitted (\(timings.category.rawValue))",
                        object: prn, type: "PERMIT", permit: prn)
                }
                return Submitted(workReferenceNumber: wrn, permitReferenceNumber: prn)
            } catch StoreError.uniqueViolation {
                if reference != nil { throw AppError.conflict("Work reference number \(wrn) already exists") }
                if attempt == 4 { throw AppError.conflict("Could not allocate a work reference number") }
            }
        }
        throw AppError.conflict("Could not allocate a work reference number")
    }

    /// `POST /works/{wrn}/permits`: a further application on an existing works record
    /// (R-WORK-05, R-WORK-06, R-CAT-06/07).
    func createPermit(
        wrn rawWRN: String, _ request: Components.Schemas.PermitCreateRequest, principal: Principal
    ) async throws -> String {
        let submittedAt = now
        let wrn = rawWRN.uppercased()
        let coordinates = try request.worksCoordinates.map(Self.coordinates)
        var bare = request
        bare.worksCoordinates = nil
        let payload = try Self.payload(bare, coordinates: coordinates)
        return try await database.transaction { tx in
            let works = WorkRepository(tx)
            guard let work = try await works.work(wrn, forUpdate: true) else { throw AppError.notFound("Work") }
            guard principal.mayActFor(work.promoterSWACode) else { throw AppError.accessRestricted }
            let existing = try await works.permits(ofWork: wrn, limit: 1000)
            // R-WORK-05: only when the latest application is finished with.
            if let latest = existing.first {
                let status = PermitStatus(rawValue: latest.permitStatus)
                guard [.closed, .cancelled, .refused, .revoked].contains(status) else {
                    throw AppError.preconditionFailed(
                        "R-WORK-05: permit \(latest.permitReferenceNumber) is \(latest.permitStatus); a new permit can be added only when it is closed, cancelled, refused or revoked"
                    )
                }
            }
            var errors: [FieldError] = []
            var workstream = work.workstreamPrefix
            if let requested = request.workstreamPrefix {
                workstream = try await self.workstream(requested, of: work.promoterSWACode, errors: &errors, in: tx)
            }
            if let coordinates {
                errors += GeoJSONGeometry.problems(coordinates, field: "works_coordinates")
            }
            let street = try await StreetRepository(tx).street(work.usrn)
            let timings = PermitRules.timings(
                workType: WorkType(request.workType), isTTRORequired: request.isTtroRequired ?? false,
                immediateRisk: request.immediateRisk ?? false, proposedStart: request.proposedStart,
                proposedEnd: request.proposedEnd, submittedAt: submittedAt,
                priorApplications: existing.compactMap { PermitStatus(rawValue: $0.permitStatus) },
                roadCategory: work.roadCategory, isTrafficSensitive: street?.isTrafficSensitive ?? false)
            errors += request.ruleProblems(now: submittedAt, isEarlyStart: timings.isEarlyStart)
            if !errors.isEmpty { throw AppError.invalid(errors) }

            let transition = try lifecycle { () throws(LifecycleError) in
                try PermitLifecycle.create(
                    workType: WorkType(request.workType), existingWorkStatus: WorkStatus(rawValue: work.workStatus))
            }
            let sequence = (existing.map(\.sequence).max() ?? 0) + 1
            let prn = "\(wrn)-\(String(format: "%02d", sequence))"
            try await works.insert(
                Self.permitRow(
                    prn: prn, wrn: wrn, sequence: sequence, promoter: work.promoterSWACode,
                    authority: work.highwayAuthoritySWACode, workstream: workstream, request: request, timings: timings,
                    transition: transition, streetName: work.streetName, usrn: work.usrn, payload: payload,
                    at: submittedAt))
            try await works.updateWork(
                wrn, status: transition.workStatus.rawValue, activePermit: prn, permitCount: work.permitCount + 1,
                at: submittedAt)
            try await HistoryWriter(
                works: works, wrn: wrn, promoter: work.promoterSWACode, authority: work.highwayAuthoritySWACode,
                principal: principal, internalUser: (request.internalUserIdentifier, request.internalUserName),
                at: submittedAt
            ).append(
                event: timings.category == .paa ? "paa_submitted" : "permit_submitted", topic: "Permit",
                details:
                    "\(timings.category == .paa ? "PAA" : "Permit") \(prn) submitted (\(timings.category.rawValue))",
                object: prn, type: "PERMIT", permit: prn)
            return prn
        }
    }

    /// R-WORK-09: a named workstream must be the promoter's and not `000`; with none named, the
    /// promoter's first other workstream is used.
    func workstream(
        _ requested: String?, of promoter: String, errors: inout [FieldError], in executor: (any SQLExecutor)? = nil
    ) async throws -> String {
        let identity = IdentityRepository(executor ?? database)
        if let requested {
            if requested == Workstream.defaultPrefix {
                errors.append(FieldError(field: "workstream_prefix", message: "must not be the default workstream 000"))
            } else if try await identity.workstream(promoter, requested) == nil {
                errors.append(
                    FieldError(field: "workstream_prefix", message: "is not a workstream of organisation \(promoter)"))
            }
            return requested
        }
        guard
            let chosen = try await identity.workstreams(of: promoter).first(where: {
                $0.prefix != Workstream.defaultPrefix
            })
        else {
            errors.append(
                FieldError(
                    field: "workstream_prefix",
                    message: "is required: organisation \(promoter) has no workstream other than 000"))
            return Workstream.defaultPrefix
        }
        return chosen.prefix
    }

    /// R-REF-01: `{organisation prefix}{workstream}{8 random digits}`.
    static func generatedReference(prefix: String, workstream: String) -> String {
        "\(prefix)\(workstream)\(String(format: "%08d", Int.random(in: 0..<100_000_000)))"
    }

    /// The application as stored (and answered back): the request as the generated type encodes
    /// it, with the geometry as sent. The geometry is left out of the encoding and put back from
    /// the parsed body: encoding a free-form container costs more than all the rest.
    static func payload(_ request: some Encodable, coordinates: JSONValue?) throws -> String {
        let encoded = try encoder.encode(request)
        guard let coordinates, case .object(var object) = try JSONValue.parse(Array(encoded)) else {
            return String(decoding: encoded, as: UTF8.self)
        }
        object["works_coordinates"] = coordinates
        return String(decoding: JSONValue.object(object).bytes, as: UTF8.self)
    }

    /// The geometry as sent: from the body `ContractGate` parsed, else from the generated type.
    static func coordinates(_ container: OpenAPIValueContainer) throws -> JSONValue {
        if let parsed = RequestScope.current?.body?["works_coordinates"] { return parsed }
        return try JSONValue(container)
    }

    static func permitRow(
        prn: String, wrn: String, sequence: Int, promoter: String, authority: String, workstream: String,
        request: some PermitApplication, timings: PermitTimings, transition: PermitTransition, streetName: String,
        usrn: Int, payload: String, at now: Date
    ) -> PermitRow {
        PermitRow(
            permitReferenceNumber: prn, workReferenceNumber: wrn, sequence: sequence, promoterSWACode: promoter,
            highwayAuthoritySWACode: authority, workstreamPrefix: workstream, permitStatus: transition.status.rawValue,
            assessmentStatus: transition.assessmentStatus?.rawValue, workCategory: timings.category.rawValue,
            workType: request.workType.rawValue, isDeemed: false, isEarlyStart: timings.isEarlyStart,
            everModificationRequested: false, proposedStartDate: request.proposedStart,
            proposedEndDate: request.proposedEnd, actualStartDate: transition.actualStart,
            actualStopDate: transition.actualStop, calendarDayDuration: timings.calendarDayDuration,
            workingDayDuration: timings.workingDayDuration, deadlineDate: timings.deadlineDate.description,
            deemAt: transition.status.isAwaitingAssessment ? timings.deemingInstant : nil,
            validityPeriodEndDate: timings.validityPeriodEndDate?.description,
            descriptionOfWork: request.descriptionOfWork, streetName: streetName, usrn: usrn, payload: payload,
            assessment: nil, cancellation: nil, dateCreated: now, dateModified: now)
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

/// Writes history rows for one command, all with the same actor and time.
struct HistoryWriter {
    let works: WorkRepository
    let wrn: String
    let promoter: String
    let authority: String
    let principal: Principal?
    let internalUser: (String?, String?)
    let at: Date

    func append(
        event: String, topic: String, details: String, object: String?, type: String, permit: String? = nil
    ) async throws {
        try await works.append(
            HistoryEntry(
                workReferenceNumber: wrn, permitReferenceNumber: permit, objectReference: object, objectType: type,
                event: event, topic: topic, details: details, username: principal?.email ?? "system",
                organisationReference: principal?.organisationReference, promoterSWACode: promoter,
                highwayAuthoritySWACode: authority, internalUserIdentifier: internalUser.0,
                internalUserName: internalUser.1, actionDate: at))
    }
}

extension WorkType {
    init(_ wire: Components.Schemas.WorkType) {
        self = WorkType(rawValue: wire.rawValue) ?? .planned
    }
}

extension JSONValue {
    /// A free-form value of a generated type, as JSON.
    init(_ container: some Encodable) throws {
        self = try JSONValue.parse(Array(try WorkService.encoder.encode(container)))
    }
}
