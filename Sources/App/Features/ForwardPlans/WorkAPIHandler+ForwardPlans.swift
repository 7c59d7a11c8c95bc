import Contract
import Domain
import Foundation
import OpenAPIRuntime
import Store
import WorkAPI

/// Work API: raising, reading, editing and cancelling forward plans (R-FP-02 … R-FP-06).
extension WorkAPIHandler {
    /// `POST /forward-plans`: a new works record with no permits, and its raised plan (R-FP-05).
    func createForwardPlan(_ input: Operations.CreateForwardPlan.Input) async throws
        -> Operations.CreateForwardPlan.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let (wrn, reference) = try await ForwardPlanSubmission(services: services).submit(request)
        return .created(.init(body: .json(.init(workReferenceNumber: wrn, forwardPlanReferenceNumber: reference))))
    }

    /// `GET /works/{wrn}/forward-plans/{ref}`: the plan, for its promoter (and contractors acting
    /// for it) with read access to its workstream (the v6 permission table, D-FORWARD-PLANS).
    func getForwardPlan(_ input: Operations.GetForwardPlan.Input) async throws -> Operations.GetForwardPlan.Output {
        let database = services.database
        guard
            let (work, plan) = try await ForwardPlanRepository(database).plan(
                input.path.forwardPlanReferenceNumber.uppercased(), ofWork: input.path.workReferenceNumber.uppercased())
        else { throw AppError.notFound("Forward plan") }
        try RequestScope.principal().requireReadAccess(
            promoter: plan.promoterSWACode, workstream: plan.workstreamPrefix)
        let names = try await OrganisationNames.shared.names(
            [plan.promoterSWACode, plan.highwayAuthoritySWACode], database: database)
        return .ok(.init(body: .json(try Components.Schemas.ForwardPlanResponse(plan, on: work, names: names))))
    }

    /// `PUT /works/{wrn}/forward-plans/{ref}`: a raised plan's details are overwritten (R-FP-03);
    /// its works record's geometry (and map box) follows. Workstream, highway authority and USRN
    /// never change.
    func updateForwardPlan(_ input: Operations.UpdateForwardPlan.Input) async throws
        -> Operations.UpdateForwardPlan.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let coordinates = try PermitSubmission.coordinates(request.worksCoordinates)
        let asds = try ForwardPlanSubmission.asds(request.forwardPlanAsds)
        let body = RequestScope.current?.body?.objectValue ?? [:]
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            var plan = try await change.forwardPlan(input.path.forwardPlanReferenceNumber)
            _ = try forwardPlanRule { () throws(ForwardPlanError) in try ForwardPlanLifecycle.edit(plan.status) }
            let work = change.work
            var problems = ForwardPlanRules.editProblems(
                ForwardPlanDates(start: request.startDate, end: request.endDate),
                was: ForwardPlanDates(start: plan.startDate, end: plan.endDate), now: change.at)
            problems += ForwardPlanRules.unchangeableProblems(
                sent: ForwardPlanSubmission.sentFixedFields(body),
                stored: [
                    "promoter_swa_code": work.promoterSWACode,
                    "highway_authority_swa_code": work.highwayAuthoritySWACode,
                    "usrn": String(work.usrn), "workstream_prefix": work.workstreamPrefix,
                ])
            var errors = problems.map { FieldError(field: $0.field ?? "body", message: $0.message) }
            errors += GeoJSONGeometry.problems(coordinates, field: "works_coordinates")
            if !errors.isEmpty { throw AppError.invalid(errors) }
            plan.startDate = request.startDate
            plan.endDate = request.endDate
            plan.descriptionOfWork = request.descriptionOfWork
            plan.worksLocationDescription = request.worksLocationDescription
            plan.projectReferenceNumber = request.projectReferenceNumber
            plan.trafficManagementType = request.trafficManagementType?.rawValue
            plan.additionalInfo = request.additionalInfo
            plan.asds = asds
            plan.dateModified = change.at
            try await change.forwardPlans.update(plan)
            let stored = coordinates.serialized(sortedKeys: true)
            if stored != work.worksCoordinates {
                try await WorkRepository(change.tx).updateGeometry(
                    work.workReferenceNumber, coordinates: stored, bounds: MapIndex.bounds(coordinates))
            }
            change.updateWork { _ in }
            change.record(
                .forwardPlanEdited, object: .forwardPlan, reference: plan.reference,
                details: "Forward plan \(plan.reference) edited")
        }
        return .noContent(.init())
    }

    /// `PUT /works/{wrn}/forward-plans/{ref}/cancel`: a raised plan is cancelled with a reason,
    /// and the works record it made with it (R-FP-03, R-FP-04).
    func cancelForwardPlan(_ input: Operations.CancelForwardPlan.Input) async throws
        -> Operations.CancelForwardPlan.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let problems = ForwardPlanRules.cancellationProblems(reason: request.cancelledReason)
        if !problems.isEmpty { throw AppError(forwardPlan: problems) }
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            var plan = try await change.forwardPlan(input.path.forwardPlanReferenceNumber)
            plan.status = try forwardPlanRule { () throws(ForwardPlanError) in
                try ForwardPlanLifecycle.cancel(plan.status)
            }
            plan.cancelledReason = request.cancelledReason
            plan.dateModified = change.at
            try await change.forwardPlans.update(plan)
            change.updateWork { $0.workStatus = .cancelled }
            change.record(
                .forwardPlanCancelled, object: .forwardPlan, reference: plan.reference,
                details: "Forward plan \(plan.reference) cancelled: \(request.cancelledReason)")
        }
        return .noContent(.init())
    }
}

extension Principal {
    /// Reading a record of `promoter` under an operation whose rule asks for membership: the
    /// promoter's users (or its contractors, R-SEC-12), with a grant of any level on `workstream`
    /// when they have grants (R-SEC-13); 401 "Access restricted" otherwise, as for writes.
    func requireReadAccess(promoter: String, workstream: String) throws {
        guard mayActFor(promoter) else { throw AppError.accessRestricted }
        let grants = workstreamGrants.filter { $0.organisation == promoter }
        if !grants.isEmpty, !grants.contains(where: { $0.prefix == workstream }) {
            throw AppError.accessRestricted
        }
    }
}

/// `POST /forward-plans`: what raising a plan checks and writes (R-FP-02, R-FP-05, R-FP-06,
/// R-WORK-08 … R-WORK-10, R-REF-01/02).
struct ForwardPlanSubmission {
    let services: AppServices

    func submit(_ request: Components.Schemas.ForwardPlanCreateRequest) async throws -> (String, String) {
        let database = services.database
        let now = services.clock.now()
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        // R-FP-06, R-WORK-08: the promoter is the caller's organisation, or one that contracted them.
        let promoterCode = request.promoterSwaCode
        guard let principal = caller.principal, principal.mayActFor(promoterCode),
            let promoter = try await IdentityRepository(database).organisation(promoterCode)
        else { throw AppError.accessRestricted }

        var errors: [FieldError] = []
        let (usrn, street) = try await WorkSubmission.street(
            request.usrn, authority: request.highwayAuthoritySwaCode, errors: &errors, in: database)
        let workstream = try await WorkSubmission.workstream(
            request.workstreamPrefix, of: promoterCode, errors: &errors, in: database)
        let coordinates = try PermitSubmission.coordinates(request.worksCoordinates)
        errors += GeoJSONGeometry.problems(coordinates, field: "works_coordinates")
        let roadCategory =
            try request.roadCategory.map { try WholeNumber.checked($0, field: "road_category", in: 0...10) }
            ?? street?.roadCategory ?? 0
        var problems = ForwardPlanRules.creationProblems(
            ForwardPlanDates(start: request.startDate, end: request.endDate), now: now)
        problems += ForwardPlanRules.hs2Problems(
            ForwardPlanHS2(
                workType: try Wire.map(request.hs2WorkType), inActLimits: request.hs2InActLimits,
                hasHighwayExemption: request.hs2HighwayExemption != nil,
                consultationRequestedResponseDate: request.hs2ConsultationRequestedResponseDate),
            promoter: promoterCode, now: now)
        errors += problems.map { FieldError(field: $0.field ?? "body", message: $0.message) }
        if !errors.isEmpty { throw AppError.invalid(errors) }

        var supplied = request.workReferenceNumber?.uppercased()
        if supplied?.isEmpty == true { supplied = nil }
        let streetName = request.streetName ?? street?.name ?? ""
        let asds = try Self.asds(request.forwardPlanAsds)
        let command = WorksCommand(services)
        for attempt in 0..<5 {
            let wrn = supplied ?? WorkSubmission.generatedReference(prefix: promoter.prefix, workstream: workstream)
            let reference = ForwardPlanLifecycle.reference(work: wrn)
            let work = WorkRow(
                workReferenceNumber: wrn, promoterSWACode: promoterCode,
                highwayAuthoritySWACode: request.highwayAuthoritySwaCode, workstreamPrefix: workstream, usrn: usrn,
                streetName: streetName, town: request.town ?? street?.town,
                areaName: request.areaName ?? street.flatMap { $0.area.isEmpty ? nil : $0.area },
                roadCategory: roadCategory, worksCoordinates: coordinates.serialized(sortedKeys: true),
                bounds: MapIndex.bounds(coordinates), workStatus: .planned, activePermitReferenceNumber: nil,
                permitCount: 0, createdAt: now, updatedAt: now)
            let plan = ForwardPlanRow(
                reference: reference, workReferenceNumber: wrn, promoterSWACode: promoterCode,
                highwayAuthoritySWACode: request.highwayAuthoritySwaCode, workstreamPrefix: workstream,
                status: ForwardPlanLifecycle.create(), startDate: request.startDate, endDate: request.endDate,
                descriptionOfWork: request.descriptionOfWork,
                worksLocationDescription: request.worksLocationDescription,
                projectReferenceNumber: request.projectReferenceNumber,
                trafficManagementType: request.trafficManagementType?.rawValue, additionalInfo: request.additionalInfo,
                asds: asds, hs2WorkType: try Wire.map(request.hs2WorkType), hs2InActLimits: request.hs2InActLimits,
                hs2ConsultationRequestedResponseDate: request.hs2ConsultationRequestedResponseDate,
                hs2HighwayExemption: request.hs2HighwayExemption?.rawValue, dateCreated: now, dateModified: now)
            do {
                try await command.create(work, by: caller) { change in
                    try await change.forwardPlans.insert(plan)
                    change.record(
                        .plannedWorksRecordCreated, object: .work, reference: wrn,
                        details: "Works record \(wrn) created for forward plan \(reference)")
                    change.record(
                        .forwardPlanSubmitted, object: .forwardPlan, reference: reference,
                        details: "Forward plan \(reference) submitted")
                }
                return (wrn, reference)
            } catch StoreError.uniqueViolation {
                if supplied != nil { throw AppError.conflict("Work reference number \(wrn) already exists") }
                if attempt == 4 { break }
            }
        }
        throw AppError.conflict("Could not allocate a work reference number")
    }

    /// The additional street data selection as stored (`PermitASD` JSON, `[]` when none).
    static func asds(_ asds: [Components.Schemas.PermitASD]?) throws -> String {
        String(decoding: try PermitSubmission.encoder.encode(asds ?? []), as: UTF8.self)
    }

    /// R-FP-03: the fields that never change, as an update body sent them (the update request
    /// has none of them; a client that sends one anyway is told when it differs).
    static func sentFixedFields(_ body: [String: JSONValue]) -> [String: String] {
        var sent: [String: String] = [:]
        for field in ["promoter_swa_code", "highway_authority_swa_code", "usrn", "workstream_prefix"] {
            guard let value = body[field] else { continue }
            if let text = value.stringValue {
                sent[field] = text
            } else if let number = value.doubleValue, number.rounded() == number, abs(number) < 1e15 {
                sent[field] = String(Int(number))
            } else {
                sent[field] = value.serialized(sortedKeys: true)
            }
        }
        return sent
    }
}

extension Components.Schemas.ForwardPlanResponse {
    /// `GET /works/{wrn}/forward-plans/{ref}`: the plan with its works record's street and geometry.
    init(_ f: ForwardPlanRow, on work: WorkRow, names: [String: String]) throws {
        let promoter = names[f.promoterSWACode] ?? f.promoterSWACode
        let asds = try StoredJSON.decode([Components.Schemas.PermitASD].self, from: f.asds)
        let exemption = try f.hs2HighwayExemption.map {
            try Wire.map($0, to: Components.Schemas.HS2HighwayExemptionResponse.self)
        }
        self.init(
            workReferenceNumber: f.workReferenceNumber, forwardPlanReferenceNumber: f.reference,
            startDate: f.startDate, endDate: f.endDate, forwardPlanStatus: try Wire.map(f.status),
            forwardPlanStatusString: f.status.rawValue, promoterOrganisation: promoter,
            promoterSwaCode: f.promoterSWACode, promoterContactDetails: promoter,
            highwayAuthority: names[f.highwayAuthoritySWACode] ?? f.highwayAuthoritySWACode,
            highwayAuthoritySwaCode: f.highwayAuthoritySWACode, workstreamPrefix: f.workstreamPrefix,
            worksCoordinates: try StoredJSON.decode(OpenAPIValueContainer.self, from: work.worksCoordinates),
            streetName: work.streetName, town: work.town, areaName: work.areaName, usrn: Double(work.usrn),
            roadCategory: Double(work.roadCategory), dateCreated: f.dateCreated,
            worksLocationDescription: f.worksLocationDescription, descriptionOfWork: f.descriptionOfWork,
            projectReferenceNumber: f.projectReferenceNumber,
            trafficManagementType: try f.trafficManagementType.map { try Wire.map($0) },
            trafficManagementTypeString: f.trafficManagementType, additionalInfo: f.additionalInfo,
            forwardPlanAsds: try asds.map(Components.Schemas.PermitASDResponse.init),
            cancelledReason: f.cancelledReason,
            hs2InActLimits: f.hs2InActLimits,
            hs2ConsultationRequestedResponseDate: f.hs2ConsultationRequestedResponseDate,
            hs2HighwayExemption: exemption, hs2HighwayExemptionString: f.hs2HighwayExemption,
            hs2WorksType: try Wire.map(f.hs2WorkType), hs2WorksTypeString: f.hs2WorkType?.rawValue)
    }
}

extension Components.Schemas.ForwardPlanSummaryResponse {
    /// The plan as its works record shows it (`GET /works/{wrn}`).
    init(_ f: ForwardPlanRow) throws {
        self.init(
            workReferenceNumber: f.workReferenceNumber, forwardPlanReferenceNumber: f.reference,
            startDate: f.startDate, endDate: f.endDate, forwardPlanStatus: try Wire.map(f.status),
            forwardPlanStatusString: f.status.rawValue)
    }
}
