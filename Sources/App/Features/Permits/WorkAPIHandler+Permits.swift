import Contract
import Domain
import Foundation
import Store
import WorkAPI

/// PAAs and PAs: further applications on a works record, assessment, cancelling, the permit
/// list, the calculators and deeming (R-PERMIT, R-RESP, R-CAT-13).
enum PermitsFeature: Feature {
    static let operations = [
        "work": [
            "createPermit", "getPermit", "updateAssessmentStatus", "markPermitAsUnderAssessment",
            "updatePermitDiscount", "updateCurrentTrafficManagementType", "updatePermitStatus", "getWorkCategory",
            "calculateDuration", "updatePermitDurationChallengeReview",
            "updatePermitDurationChallengeNonAcceptanceResponse", "updatePermitLaneRentalAssessment",
            "acknowledgeHs2Permit",
        ],
        "reporting": ["getPermits", "getInterestedPartyPermits", "getPermitDurationChallenges"],
        "export": ["generatePermitsCsv", "generateInterestedPartyPermits"],
    ]

    static var exports: [CSVResource] { [permitsExport, interestedPartyPermitsExport] }

    static func directRenderers(_ services: AppServices) -> [String: [String: DirectRenderer]] {
        let database = services.database
        return [
            "work": [
                "getPermit": { request in
                    try await PermitJSON.permit(
                        wrn: request.path("workReferenceNumber"), prn: request.path("permitReferenceNumber"),
                        database: database)
                }
            ],
            "reporting": [
                "getPermits": { request in
                    try await PermitSummaryJSON.page(
                        request, principal: try RequestScope.principal(), database: database)
                }
            ],
        ]
    }
}

/// Work API: applying for, assessing and cancelling PAAs and PAs.
extension WorkAPIHandler {
    var command: WorksCommand { WorksCommand(services) }

    /// `POST /works/{wrn}/permits`: a further application on an existing works record
    /// (R-WORK-05, R-WORK-06, R-CAT-06/07), or the first on a forward plan's (R-FP-05).
    func createPermit(_ input: Operations.CreatePermit.Input) async throws -> Operations.CreatePermit.Output {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let coordinates = try request.worksCoordinates.map(PermitSubmission.coordinates)
        var bare = request
        bare.worksCoordinates = nil
        let payload = try PermitSubmission.payload(bare, coordinates: coordinates)
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        let prn = try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            let work = change.work
            let existing = try await change.permits.permits(ofWork: work.workReferenceNumber)
            // R-PAA-02, R-CAT-08: on a PAA still submitted (or under assessment) or granted, the
            // application progresses it into a major PA.
            let paa = existing.first.flatMap { latest in
                latest.isPAA && [.submitted, .underAssessment, .granted].contains(latest.permitStatus) ? latest : nil
            }
            if paa != nil, request.workType != .planned {
                throw AppError.invalid(
                    field: "work_type", "must be planned: progressing a PAA gives a major PA (R-PAA-02, R-CAT-08)")
            }
            // R-WORK-05: only when the latest application is finished with.
            if paa == nil, let latest = existing.first,
                ![.closed, .cancelled, .refused, .revoked].contains(latest.permitStatus)
            {
                throw AppError.preconditionFailed(
                    "R-WORK-05: permit \(latest.permitReferenceNumber) is \(latest.permitStatus.rawValue); a new permit can be added only when it is closed, cancelled, refused or revoked"
                )
            }
            let sequence = (existing.map(\.sequence).max() ?? 0) + 1
            let prn = "\(work.workReferenceNumber)-\(String(format: "%02d", sequence))"
            // R-FP-03, R-FP-05: the first application on a forward plan's works record progresses
            // the plan (a cancelled plan's record takes none).
            if existing.isEmpty { try await change.progressForwardPlan(into: prn) }
            var errors: [FieldError] = []
            var workstream = work.workstreamPrefix
            if let requested = request.workstreamPrefix {
                workstream = try await WorkSubmission.workstream(
                    requested, of: work.promoterSWACode, errors: &errors, in: change.tx)
            }
            if let coordinates { errors += GeoJSONGeometry.problems(coordinates, field: "works_coordinates") }
            let submission = try PermitSubmission(
                request, promoter: work.promoterSWACode, authority: work.highwayAuthoritySWACode,
                street: try await StreetRepository(change.tx).street(work.usrn), roadCategory: work.roadCategory,
                priorApplications: existing.map(\.permitStatus), existingWorkStatus: work.workStatus, progressing: paa,
                at: change.at)
            errors += submission.problems
            if !errors.isEmpty { throw AppError.invalid(errors) }
            try await change.permits.insert(
                submission.row(
                    prn: prn, wrn: work.workReferenceNumber, sequence: sequence, promoter: work.promoterSWACode,
                    authority: work.highwayAuthoritySWACode, workstream: workstream, application: request,
                    streetName: work.streetName, usrn: work.usrn, payload: payload, at: change.at))
            // R-VAL-09: the application's evidence files are attached to its permit (D-FILES).
            try await change.attachFiles(request.fileIds ?? [], to: .permit(prn))
            change.updateWork {
                $0.workStatus = submission.transition.workStatus
                $0.activePermitReferenceNumber = prn
                $0.permitCount += 1
            }
            var details = submission.details(prn)
            if let paa {
                // R-PAA-02, R-PERMIT-04: the PAA becomes `progressed` (it no longer deems).
                let transition = try lifecycle { () throws(LifecycleError) in
                    try PermitLifecycle.progress(paa: paa.state(on: work))
                }
                var progressed = paa
                progressed.permitStatus = transition.status
                progressed.deemAt = nil
                progressed.dateModified = change.at
                try await change.permits.update(progressed)
                details += ", progressing PAA \(paa.permitReferenceNumber)"
            }
            submission.record(prn, on: change, details: details)
            return prn
        }
        return .created(.init(body: .json(.init(permitReferenceNumber: prn))))
    }

    /// Answered by `ContractGate` from `PermitJSON`; this is the same answer built as the
    /// generated type (a test holds the two equal).
    func getPermit(_ input: Operations.GetPermit.Input) async throws -> Operations.GetPermit.Output {
        guard
            let (work, permit, changeRequests, ancillaryInfo) = try await PermitRepository(services.database)
                .permitWithChildren(
                    input.path.permitReferenceNumber.uppercased(), ofWork: input.path.workReferenceNumber.uppercased())
        else { throw AppError.notFound("Permit") }
        let names = try await OrganisationNames.shared.names(
            [work.promoterSWACode, work.highwayAuthoritySWACode], database: services.database)
        var response = try Components.Schemas.PermitResponse(
            permit, on: work, names: names, changeRequests: changeRequests)
        // R-PERMIT-24: the permit's latest ancillary information.
        if !ancillaryInfo.isEmpty {
            response.ancillaryInformations = try ancillaryInfo.map(Components.Schemas.AncillaryInfoSummaryResponse.init)
        }
        return .ok(.init(body: .json(response)))
    }

    /// R-PERMIT-03, -06, -07, -08, -09, -15: the highway authority's decision. After the deeming
    /// time a decision is refused: the permit is deemed (R-RESP-03).
    func updateAssessmentStatus(_ input: Operations.UpdateAssessmentStatus.Input) async throws
        -> Operations.UpdateAssessmentStatus.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            let permit = try await change.permit(input.path.permitReferenceNumber)
            if permit.hs2Route == .consultation {
                throw AppError.preconditionFailed(
                    "R-HS2-02: \(permit.noun) \(permit.permitReferenceNumber) is HS2 works within Act limits, granted on submission; the highway authority acknowledges it (hs2_acknowledgement)"
                )
            }
            let decision = try PermitDecision.assessment(request, of: permit)
            try change.refuseOnceDeemable(permit)
            let transition = try lifecycle { () throws(LifecycleError) in
                try PermitLifecycle.assess(decision, permit: permit.state(on: change.work))
            }
            let assessment = String(decoding: try PermitSubmission.encoder.encode(request), as: UTF8.self)
            try await change.apply(
                transition, to: permit, event: PermitDecision.event(decision, of: permit),
                details:
                    "\(permit.noun) \(permit.permitReferenceNumber) \(request.assessmentStatus.rawValue.replacingOccurrences(of: "_", with: " "))"
            ) {
                $0.assessment = assessment
                $0.isDurationChallenged = decision == .grantWithDurationChallenge
                if decision == .grantWithDurationChallenge {
                    $0.reasonablePeriodEndDate = request.reasonablePeriodEndDate
                }
                if let discount = request.assessmentDiscount { $0.assessmentDiscount = Int(discount) }
            }
            // R-PERMIT-11, R-PAA-06: assessing the major PA decides a progressed PAA that was never
            // assessed.
            if permit.workCategory == .major {
                for paa in try await change.permits.permits(ofWork: change.work.workReferenceNumber)
                where paa.permitStatus == .progressed {
                    guard let auto = PermitLifecycle.autoAssess(paa: paa.state(on: change.work), after: decision)
                    else { continue }
                    var decided = paa
                    decided.assessmentStatus = auto.assessmentStatus
                    decided.dateModified = change.at
                    try await change.permits.update(decided)
                    change.record(
                        auto.assessmentStatus == .grantedAuto ? .paaGranted : .paaRefused, object: .permit,
                        reference: paa.permitReferenceNumber, permit: paa.permitReferenceNumber,
                        details:
                            "PAA \(paa.permitReferenceNumber) \(auto.assessmentStatus?.rawValue ?? "") with permit \(permit.permitReferenceNumber)"
                    )
                }
            }
        }
        return .noContent(.init())
    }

    /// R-RESP-09: the highway authority marks a submitted application as under assessment. Q-04:
    /// its deadline and deeming time stay as they are; after the deeming time it is refused like
    /// a decision (R-RESP-03).
    func markPermitAsUnderAssessment(_ input: Operations.MarkPermitAsUnderAssessment.Input) async throws
        -> Operations.MarkPermitAsUnderAssessment.Output
    {
        var request: Components.Schemas.MarkPermitAsUnderAssessmentRequest?
        if case .json(let body)? = input.body { request = body }
        let caller = try WorksCaller.current(
            internalUserIdentifier: request?.internalUserIdentifier, internalUserName: request?.internalUserName)
        try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            let permit = try await change.permit(input.path.permitReferenceNumber)
            try change.refuseOnceDeemable(permit)
            let transition = try lifecycle { () throws(LifecycleError) in
                try PermitLifecycle.markUnderAssessment(permit: permit.state(on: change.work))
            }
            try await change.apply(
                transition, to: permit, event: .permitUnderAssessment,
                details: "\(permit.noun) \(permit.permitReferenceNumber) marked as under assessment")
        }
        return .noContent(.init())
    }

    /// R-FEE-05: the highway authority changes the discount on a granted (or deemed) or closed
    /// permit's fee, with a reason; never on HS2 highway works (R-LR-04).
    func updatePermitDiscount(_ input: Operations.UpdatePermitDiscount.Input) async throws
        -> Operations.UpdatePermitDiscount.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            let permit = try await change.permit(input.path.permitReferenceNumber)
            let transition = try lifecycle { () throws(LifecycleError) in
                try PermitLifecycle.changeDiscount(permit: permit.state(on: change.work))
            }
            let discount = Int(request.assessmentDiscount)
            try await change.apply(
                transition, to: permit, event: permit.isPAA ? .paaDiscountUpdated : .permitDiscountUpdated,
                details: "\(permit.noun) \(permit.permitReferenceNumber) discount set to \(discount)%"
            ) {
                $0.assessmentDiscount = discount
                $0.assessmentDiscountReason = request.assessmentDiscountReason
            }
        }
        return .noContent(.init())
    }

    /// R-PERMIT-23: the promoter records the traffic management in place on a live permit; signals
    /// need an emergency contact, as on the application.
    func updateCurrentTrafficManagementType(_ input: Operations.UpdateCurrentTrafficManagementType.Input)
        async throws -> Operations.UpdateCurrentTrafficManagementType.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let type = request.currentTrafficManagementType
        if type == .multiWaySignals || type == .twoWaySignals {
            func present(_ s: String?) -> Bool { !(s ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
            var errors: [FieldError] = []
            for (field, value) in [
                (
                    "current_traffic_management_emergency_contact_name",
                    request.currentTrafficManagementEmergencyContactName
                ),
                (
                    "current_traffic_management_emergency_contact_number",
                    request.currentTrafficManagementEmergencyContactNumber
                ),
            ] where !present(value) {
                errors.append(
                    FieldError(field: field, message: "is required when current_traffic_management_type is signals"))
            }
            if !errors.isEmpty { throw AppError.invalid(errors) }
        }
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            let permit = try await change.permit(input.path.permitReferenceNumber)
            let transition = try lifecycle { () throws(LifecycleError) in
                try PermitLifecycle.recordCurrentTrafficManagement(permit: permit.state(on: change.work))
            }
            try await change.apply(
                transition, to: permit, event: .currentTrafficManagementTypeUpdated,
                details:
                    "Current traffic management on \(permit.permitReferenceNumber): \(type.rawValue.replacingOccurrences(of: "_", with: " "))"
            ) {
                $0.currentTrafficManagementType = type.rawValue
                $0.currentTrafficManagementUpdateDate = change.at
                $0.currentTrafficManagementEmergencyContactName = request.currentTrafficManagementEmergencyContactName
                $0.currentTrafficManagementEmergencyContactNumber =
                    request.currentTrafficManagementEmergencyContactNumber
            }
        }
        return .noContent(.init())
    }

    /// R-PERMIT-12, -14: the promoter cancels.
    func updatePermitStatus(_ input: Operations.UpdatePermitStatus.Input) async throws
        -> Operations.UpdatePermitStatus.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        try PermitDecision.checkCancellation(request)
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            let permit = try await change.permit(input.path.permitReferenceNumber)
            let transition = try lifecycle { () throws(LifecycleError) in
                try PermitLifecycle.cancel(permit: permit.state(on: change.work))
            }
            let cancellation = String(decoding: try PermitSubmission.encoder.encode(request), as: UTF8.self)
            try await change.apply(
                transition, to: permit, event: permit.isPAA ? .paaCancelled : .permitCancelled,
                details: "\(permit.noun) \(permit.permitReferenceNumber) cancelled"
            ) { $0.cancellation = cancellation }
        }
        return .noContent(.init())
    }

    /// R-CAT-13: the category calculator, without saving.
    func getWorkCategory(_ input: Operations.GetWorkCategory.Input) async throws -> Operations.GetWorkCategory.Output {
        let q = input.query
        guard let start = q.proposedStartDate, let end = q.proposedEndDate else {
            var errors: [FieldError] = []
            if q.proposedStartDate == nil { errors.append(.init(field: "proposed_start_date", message: "is required")) }
            if q.proposedEndDate == nil { errors.append(.init(field: "proposed_end_date", message: "is required")) }
            throw AppError.invalid(errors)
        }
        guard end >= start else {
            throw AppError.invalid(field: "proposed_end_date", "must be on or after proposed_start_date")
        }
        var prior: [PermitStatus] = []
        if let wrn = q.workReferenceNumber {
            prior = try await PermitRepository(services.database).permits(ofWork: wrn.uppercased()).map(\.permitStatus)
        }
        let timings = PermitRules.timings(
            workType: try Wire.map(q.workType), isTTRORequired: q.isTtroRequired ?? false,
            immediateRisk: q.immediateRisk ?? false, proposedStart: start, proposedEnd: end,
            submittedAt: services.clock.now(), priorApplications: prior)
        return .ok(
            .init(
                body: .json(
                    .init(
                        workCategory: try Wire.map(timings.category), workCategoryString: timings.category.rawValue,
                        duration: .init(
                            calendarDays: Double(timings.calendarDayDuration),
                            workingDays: Double(timings.workingDayDuration)),
                        validityPeriodEndDate: timings.validityPeriodEndDate.map(UKTime.startOfDay) ?? start,
                        isEarlyStart: timings.isEarlyStart))))
    }

    /// R-TIME-07/09: calendar and working days between two dates, both counted.
    func calculateDuration(_ input: Operations.CalculateDuration.Input) async throws
        -> Operations.CalculateDuration.Output
    {
        guard let start = input.query.startDate, let end = input.query.endDate else {
            var errors: [FieldError] = []
            if input.query.startDate == nil { errors.append(.init(field: "startDate", message: "is required")) }
            if input.query.endDate == nil { errors.append(.init(field: "endDate", message: "is required")) }
            throw AppError.invalid(errors)
        }
        guard end >= start else { throw AppError.invalid(field: "endDate", "must be on or after startDate") }
        return .ok(
            .init(
                body: .json(
                    .init(
                        calendarDays: Double(PermitRules.calendarDayDuration(proposedStart: start, proposedEnd: end)),
                        workingDays: Double(PermitRules.workingDayDuration(proposedStart: start, proposedEnd: end))))))
    }
}
