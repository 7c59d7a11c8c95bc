import Contract
import Domain
import Foundation
import Store
import WorkAPI

/// Work API: inspections and scheduled inspections (R-INSP).
extension WorkAPIHandler {
    /// `POST /works/{wrn}/inspections`: the highway authority of the works (R-INSP-02) records an
    /// inspection at any stage of the record (R-INSP-08).
    func createInspection(_ input: Operations.CreateInspection.Input) async throws
        -> Operations.CreateInspection.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let submission = try InspectionSubmission(request, now: services.clock.now())
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        let recorded = try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            try await change.record(submission)
        }
        return .created(
            .init(
                body: .json(
                    .init(
                        inspectionReferenceNumber: recorded.inspection,
                        nonComplianceReferenceNumber: recorded.nonCompliance))))
    }

    /// `GET /works/{wrn}/inspections/{ref}`: any signed-in planner, contractor or highway
    /// authority user reads it, withdrawn or not.
    func getInspection(_ input: Operations.GetInspection.Input) async throws -> Operations.GetInspection.Output {
        guard
            let inspection = try await InspectionRepository(services.database).inspection(
                input.path.inspectionReferenceNumber.uppercased()),
            inspection.workReferenceNumber == input.path.workReferenceNumber.uppercased()
        else { throw AppError.notFound("Inspection") }
        let names = try await OrganisationNames.shared.names(
            [inspection.promoterSWACode, inspection.highwayAuthoritySWACode], database: services.database)
        let files = try await FileRepository(services.database).files(of: .inspection(inspection.reference))
        return .ok(
            .init(body: .json(try Components.Schemas.InspectionResponse(inspection, names: names, files: files))))
    }

    /// `PUT …/inspections/{ref}/status`: the promoter answers a failed outcome, the highway
    /// authority answers a dispute (R-INSP-13).
    func updateInspectionOutcomeStatus(_ input: Operations.UpdateInspectionOutcomeStatus.Input) async throws
        -> Operations.UpdateInspectionOutcomeStatus.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let answer: InspectionOutcomeStatus = try requestValue(
            request.inspectionResponseType, field: "inspection_response_type")
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        let side = try RequestScope.principal().responseSide
        try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            var inspection = try await change.inspection(input.path.inspectionReferenceNumber)
            try requireNoInspectionProblems(
                InspectionOutcomeResponses.problems(
                    answer, reason: request.inspectionResponseReason, by: side, state: inspection.responses,
                    reference: inspection.reference))
            let reason = request.inspectionResponseReason.flatMap { $0.isEmpty ? nil : $0 }
            if side == .promoter {
                inspection.promoterResponseStatus = answer
                inspection.promoterResponseDate = change.at
                inspection.promoterResponseDetails = reason
            } else {
                inspection.haResponseStatus = answer
                inspection.haResponseDate = change.at
                inspection.haResponseDetails = reason
            }
            inspection.dateModified = change.at
            try await change.inspections.update(inspection)
            change.record(
                answer.auditEvent, object: .inspection, reference: inspection.reference,
                details: "Inspection \(inspection.reference) outcome: \(answer.label)\(reason.map { ": \($0)" } ?? "")")
        }
        return .noContent(.init())
    }

    /// `PUT …/inspections/{ref}/withdraw`: the highway authority withdraws a recorded inspection
    /// with a reason (R-INSP-09); a non-compliance it alone raised is withdrawn with it.
    func withdrawInspection(_ input: Operations.WithdrawInspection.Input) async throws
        -> Operations.WithdrawInspection.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let reason: InspectionWithdrawalReason = try requestValue(
            request.reasonForWithdrawal, field: "reason_for_withdrawal")
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            var inspection = try await change.inspection(input.path.inspectionReferenceNumber)
            try requireNoInspectionProblems(
                InspectionRules.withdrawalProblems(
                    details: request.withdrawalDetails, status: inspection.status, reference: inspection.reference))
            inspection.status = .withdrawn
            inspection.reasonForWithdrawal = reason
            inspection.withdrawalDetails = request.withdrawalDetails
            inspection.haResponseStatus = .inspectionWithdrawn
            inspection.haResponseDate = change.at
            inspection.dateModified = change.at
            try await change.inspections.update(inspection)
            change.record(
                .inspectionWithdrawn, object: .inspection, reference: inspection.reference,
                details: "Inspection \(inspection.reference) withdrawn: \(reason.label): \(request.withdrawalDetails)")
            if let ncReference = inspection.nonComplianceReference,
                var nc = try await change.inspections.nonCompliance(ncReference), nc.status == .issued
            {
                let others = try await change.inspections.inspections(ofNonCompliance: ncReference)
                if !others.contains(where: { $0.status == .recorded }) {
                    // D-NON-COMPLIANCES: no recorded inspection is left to hold it.
                    nc.status = .withdrawn
                    nc.haResponseStatus = .withdrawn
                    nc.haResponseDate = change.at
                    nc.haResponseDetails = "Inspection \(inspection.reference) withdrawn"
                    try await change.inspections.update(nc)
                    change.record(
                        .nonComplianceWithdrawn, object: .inspection, reference: nc.reference,
                        details: "Non-compliance \(nc.reference) withdrawn with inspection \(inspection.reference)")
                }
            }
            try await change.sampleInspectionWithdrawn(inspection)
        }
        return .noContent(.init())
    }

    /// `DELETE …/inspections/{ref}`: the highway authority deletes a withdrawn inspection
    /// (D-INSPECTIONS: a recorded one is withdrawn first); a non-compliance left without
    /// inspections goes with it.
    func deleteInspection(_ input: Operations.DeleteInspection.Input) async throws
        -> Operations.DeleteInspection.Output
    {
        let caller = try WorksCaller.current()
        try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            let inspection = try await change.inspection(input.path.inspectionReferenceNumber)
            guard inspection.status == .withdrawn else {
                throw AppError.preconditionFailed(
                    "R-INSP-09: inspection \(inspection.reference) is recorded; it is withdrawn before it is deleted")
            }
            try await change.inspections.delete(inspection.reference)
            // Its evidence files go with it, as a deleted FPN's do.
            _ = try await change.files.deleteFiles(of: .inspection(inspection.reference))
            change.record(
                .inspectionDeleted, object: .inspection, reference: inspection.reference,
                details: "Inspection \(inspection.reference) deleted")
            if let ncReference = inspection.nonComplianceReference,
                try await change.inspections.inspections(ofNonCompliance: ncReference).isEmpty
            {
                try await change.inspections.deleteNonCompliance(ncReference)
            }
        }
        return .noContent(.init())
    }

    /// `POST /works/{wrn}/scheduled-inspections`: the highway authority schedules the works
    /// record's one scheduled inspection (R-INSP-10).
    func createScheduledInspection(_ input: Operations.CreateScheduledInspection.Input) async throws
        -> Operations.CreateScheduledInspection.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let draft = ScheduledInspectionDraft(
            type: try requestValue(request.scheduledInspectionType, field: "scheduled_inspection_type"),
            category: try requestValue(request.scheduledInspectionCategory, field: "scheduled_inspection_category"),
            date: request.scheduledInspectionDate, dateTime: request.scheduledInspectionDateTime)
        try requireNoInspectionProblems(
            InspectionRules.scheduleProblems(draft, now: services.clock.now(), prefix: "scheduled_inspection"))
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            if try await change.inspections.scheduled(ofWork: change.work.workReferenceNumber) != nil {
                throw AppError.preconditionFailed(
                    "R-INSP-10: works \(change.work.workReferenceNumber) already has a scheduled inspection; it is cancelled first"
                )
            }
            try await change.schedule(draft)
        }
        return .created(.init())
    }

    /// `DELETE /works/{wrn}/scheduled-inspections`: the highway authority cancels it (R-INSP-11).
    func deleteScheduledInspection(_ input: Operations.DeleteScheduledInspection.Input) async throws
        -> Operations.DeleteScheduledInspection.Output
    {
        let caller = try WorksCaller.current()
        try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            guard try await change.inspections.deleteScheduled(ofWork: change.work.workReferenceNumber) else {
                throw AppError.notFound("Scheduled inspection")
            }
            change.record(
                .scheduledInspectionCancelled, object: .scheduledInspection,
                reference: change.work.workReferenceNumber, details: "Scheduled inspection cancelled")
        }
        return .noContent(.init())
    }

    /// `POST /historic-works/inspections`: the highway authority records an inspection of works
    /// never in Street Manager; a historic works record is made for it (R-INSP-14).
    func createHistoricInspection(_ input: Operations.CreateHistoricInspection.Input) async throws
        -> Operations.CreateHistoricInspection.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let submission = try InspectionSubmission(request, now: services.clock.now())
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        let details = try HistoricWorksDetails(
            promoterSWACode: request.promoterSwaCode, highwayAuthoritySWACode: request.highwayAuthoritySwaCode,
            worksCoordinates: try PermitSubmission.coordinates(request.worksCoordinates),
            streetName: request.streetName, town: request.town, areaName: request.areaName, usrn: request.usrn,
            roadCategory: request.roadCategory, historicalPermitReference: request.historicalPermitReference,
            worksLocationDescription: request.worksLocationDescription, descriptionOfWork: request.descriptionOfWork,
            workStartDate: request.workStartDate, workEndDate: request.workEndDate)
        let (wrn, recorded) = try await HistoricWorks(services).create(details, by: caller) { change in
            try await change.record(submission)
        }
        return .created(
            .init(
                body: .json(
                    .init(
                        workReferenceNumber: wrn, inspectionReferenceNumber: recorded.inspection,
                        nonComplianceReferenceNumber: recorded.nonCompliance))))
    }
}

extension Components.Schemas.InspectionResponse {
    /// `GET …/inspections/{ref}`, with its evidence files (R-INSP-07).
    init(_ i: InspectionRow, names: [String: String], files: [FileRow] = []) throws {
        self.init(
            inspectionReferenceNumber: i.reference, inspectionType: try Wire.map(i.type),
            inspectionTypeString: i.type.rawValue, inspectionStartDate: i.startDate,
            inspectionCategory: try Wire.map(i.category), inspectionCategoryString: i.category?.rawValue,
            inspectionOutcome: try Wire.map(i.outcome), inspectionOutcomeString: i.outcome.rawValue,
            failureReasonDetails: i.failureReasons.isEmpty
                ? nil : try i.failureReasons.map(Components.Schemas.FailureReasonDetailsResponse.init),
            inspectionOutcomeDetails: i.outcomeDetails, wasCallLogged: i.wasCallLogged,
            callLoggedTo: i.callLoggedTo, callLoggedReference: i.callLoggedReference,
            callLoggedSummary: i.callLoggedSummary, defectFixedOnSite: try Wire.map(i.defectFixedOnSite),
            defectFixedOnSiteString: i.defectFixedOnSite?.rawValue, additionalComments: i.additionalComments,
            dateCreated: i.dateCreated, dateModified: i.dateModified, workReferenceNumber: i.workReferenceNumber,
            reinspectionDate: i.reinspectionDate, reinspectionDateTime: i.reinspectionDateTime,
            username: i.username, promoterOrganisation: names[i.promoterSWACode] ?? i.promoterSWACode,
            highwayAuthority: names[i.highwayAuthoritySWACode] ?? i.highwayAuthoritySWACode,
            inspectorName: i.inspectorName, madeSafeByHa: i.madeSafeByHA, inspectionStatus: try Wire.map(i.status),
            inspectionStatusString: i.status.rawValue,
            inspectionReasonForWithdrawal: try Wire.map(i.reasonForWithdrawal),
            inspectionReasonForWithdrawalString: i.reasonForWithdrawal?.rawValue,
            withdrawalDetails: i.withdrawalDetails, promoterResponseStatus: try Wire.map(i.promoterResponseStatus),
            promoterResponseStatusString: i.promoterResponseStatus?.rawValue,
            promoterResponseStatusChangeDate: i.promoterResponseDate,
            promoterResponseDetails: i.promoterResponseDetails, haResponseStatus: try Wire.map(i.haResponseStatus),
            haResponseStatusString: i.haResponseStatus?.rawValue, haResponseStatusChangeDate: i.haResponseDate,
            haResponseDetails: i.haResponseDetails, autoAcceptanceDueDate: i.autoAcceptanceDueDate,
            isAutoAccepted: i.isAutoAccepted, nonComplianceReferenceNumber: i.nonComplianceReference)
        self.files = files.isEmpty ? nil : files.map { .init(fileId: Double($0.id), name: $0.name) }
    }
}

extension Components.Schemas.FailureReasonDetailsResponse {
    /// A non-compliant area. Its sites are named by reference as sent (`site_name` on historic
    /// works); the sites' descriptions come with the sites feature.
    init(_ f: FailureReasonDetail) throws {
        self.init(
            failureReason: try Wire.map(f.failureReason), failureReasonString: f.failureReason.rawValue,
            sites: nil, details: f.details,
            siteName: f.siteName ?? f.siteReferenceNumbers.flatMap { $0.isEmpty ? nil : $0.joined(separator: ", ") })
    }
}

extension Components.Schemas.InspectionSummaryResponse {
    /// An inspection as the works record and a non-compliance list it.
    init(_ i: InspectionRow) throws {
        self.init(
            inspectionDate: i.startDate, inspectionResponseType: .inspection,
            inspectionResponseTypeString: "inspection",
            inspectionReferenceNumber: i.reference, inspectionType: try Wire.map(i.type),
            inspectionTypeString: i.type.rawValue, inspectionStatus: try Wire.map(i.status),
            inspectionStatusString: i.status.rawValue, inspectionCategory: try Wire.map(i.category),
            inspectionCategoryString: i.category?.rawValue, inspectionOutcome: try Wire.map(Optional(i.outcome)),
            inspectionOutcomeString: i.outcome.rawValue, reinspectionDateTime: i.reinspectionDateTime,
            autoAcceptanceDueDate: i.autoAcceptanceDueDate, haResponseStatus: try Wire.map(i.haResponseStatus),
            haResponseStatusString: i.haResponseStatus?.rawValue, haResponseStatusChangeDate: i.haResponseDate,
            haResponseDetails: i.haResponseDetails, promoterResponseStatus: try Wire.map(i.promoterResponseStatus),
            promoterResponseStatusString: i.promoterResponseStatus?.rawValue,
            promoterResponseStatusChangeDate: i.promoterResponseDate,
            promoterResponseDetails: i.promoterResponseDetails, isAutoAccepted: i.isAutoAccepted,
            nonComplianceReferenceNumber: i.nonComplianceReference)
    }

    /// The works record's scheduled inspection, listed as a reinspection (R-INSP-10).
    init(_ s: ScheduledInspectionRow) throws {
        self.init(
            inspectionDate: s.date, inspectionResponseType: .reinspection,
            inspectionResponseTypeString: "reinspection", inspectionType: try Wire.map(s.type),
            inspectionTypeString: s.type.rawValue, inspectionStatus: .scheduled, inspectionStatusString: "scheduled",
            inspectionCategory: try Wire.map(s.category), inspectionCategoryString: s.category?.rawValue,
            reinspectionDateTime: s.dateTime)
    }
}
