import Contract
import Domain
import Foundation
import Store
import WorkAPI

/// Change requests on permits (the contract's "permit alterations"): promoter changes, works
/// extensions, modified permits and the HA's imposed changes, their assessment, deeming and
/// duration challenges (R-CR, R-RESP-08).
enum ChangeRequestsFeature: Feature {
    static let operations = [
        "work": [
            "createPermitAlteration", "imposeChange", "getPermitAlteration", "updatePermitAlterationStatus",
            "durationChallengeReview", "durationChallengeNonAcceptanceResponse",
        ],
        "reporting": ["getAlterations", "getAlterationDurationChallenges"],
        "export": ["generatePermitAlterationsCsv"],
    ]

    static var exports: [CSVResource] { [alterationsExport] }
}

/// Runs a change request rule, turning its refusal into the caller's error: another change
/// awaiting assessment is a 409 (R-CR-04), any other state rule a 412 naming the rule.
func changeRequestRule<T>(_ body: () throws(ChangeRequestError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw error.isConflict ? AppError.conflict(error.message) : AppError.preconditionFailed(error.message)
    }
}

extension PermitRow {
    /// R-CR-11, R-CR-14: HS2 highway works, or HS2 street works within Act limits.
    var isHS2Protected: Bool {
        isHS2Protected(inActLimits: JSONValue.storedObject(payload)["hs2_in_act_limits"]?.boolValue)
    }

    /// The same, with the application's `hs2_in_act_limits` already read.
    func isHS2Protected(inActLimits: Bool?) -> Bool {
        PermitRules.isHS2Protected(workType: workType, inActLimits: inActLimits)
    }

    /// R-HS2-02: how the highway authority deals with this application.
    var hs2Route: HS2Route {
        let application = JSONValue.storedObject(payload)
        return hs2Route(
            inActLimits: application["hs2_in_act_limits"]?.boolValue,
            highwayExemption: application["hs2_highway_exemption"]?.stringValue)
    }

    func hs2Route(inActLimits: Bool?, highwayExemption: String?) -> HS2Route {
        PermitRules.hs2Route(
            workType: workType, promoterSWACode: promoterSWACode, inActLimits: inActLimits,
            highwayExemption: highwayExemption)
    }
}

extension WorkAPIHandler {
    /// `POST …/alterations`: the promoter changes a permit (R-CR-01, -03 … -07, -10, -14, -15).
    func createPermitAlteration(_ input: Operations.CreatePermitAlteration.Input) async throws
        -> Operations.CreatePermitAlteration.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let reason = request.value1?.permitAlterationReason ?? request.value2?.changeRequestReason ?? ""
        let body = try RequestScope.current?.body ?? JSONValue.parse(Array(PermitSubmission.encoder.encode(request)))
        let proposal = ChangeRequestProposal(body: body)
        let fileIDs = request.value1?.fileIds ?? request.value2?.fileIds ?? []
        // The v6 access table lets highway authority users call this path, but the change
        // requests it raises are the promoter's: the HA's own changes are imposed changes, and HA
        // change requests are not offered (R-CR-01, D-CHANGE-REQUESTS).
        if try RequestScope.principal().has(.highwayAuthority) {
            throw AppError.preconditionFailed(
                "R-CR-01: a highway authority changes a permit with an imposed change (POST …/alterations/impose); highway authority change requests are not offered"
            )
        }
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.value1?.internalUserIdentifier ?? request.value2?.internalUserIdentifier,
            internalUserName: request.value1?.internalUserName ?? request.value2?.internalUserName)
        let reference = try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            let permit = try await change.permit(input.path.permitReferenceNumber)
            let merged = try proposal.merged(onto: permit.payload)
            let problems = proposal.problems(merged.application, permit: permit)
            if !problems.isEmpty { throw AppError.invalid(problems) }
            let pending = try await change.changeRequests.awaitingAssessment(ofPermit: permit.permitReferenceNumber)
            let (type, status) = try changeRequestRule { () throws(ChangeRequestError) in
                try ChangeRequestLifecycle.raise(
                    ChangeRequestContext(
                        permit: permit.state(on: change.work),
                        isHS2Protected: permit.isHS2Protected(inActLimits: merged.application.hs2InActLimits),
                        awaitingAssessment: pending.first?.reference),
                    movesProposedEnd: proposal.movesProposedEnd(merged.application, permit: permit))
            }
            let reference = try await change.raiseChangeRequest(
                on: permit, type: type, status: status, reason: reason, proposal: proposal, merged: merged)
            // The evidence sent with a change request is the permit's (D-FILES: files belong to a
            // works record, permit, inspection or FPN), attached as an application's are.
            try await change.attachFiles(fileIDs, to: .permit(permit.permitReferenceNumber))
            return reference
        }
        return .created(
            .init(
                body: .json(
                    .init(
                        value1: .init(permitAlterationReferenceNumber: reference),
                        value2: .init(changeRequestReferenceNumber: reference)))))
    }

    /// `POST …/alterations/impose`: the HA adds or removes conditions of a granted permit,
    /// applied at once (R-CR-11). The conditions sent are the permit's conditions from now on
    /// (D-CHANGE-REQUESTS).
    func imposeChange(_ input: Operations.ImposeChange.Input) async throws -> Operations.ImposeChange.Output {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let reason = request.value1?.permitAlterationReason ?? request.value2?.changeRequestReason ?? ""
        let conditions = RequestScope.current?.body?["permit_conditions"] ?? .array([])
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.value1?.internalUserIdentifier ?? request.value2?.internalUserIdentifier,
            internalUserName: request.value1?.internalUserName ?? request.value2?.internalUserName)
        let reference = try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            let permit = try await change.permit(input.path.permitReferenceNumber)
            let status = try changeRequestRule { () throws(ChangeRequestError) in
                try ChangeRequestLifecycle.impose(
                    ChangeRequestContext(permit: permit.state(on: change.work), isHS2Protected: permit.isHS2Protected))
            }
            return try await change.raiseChangeRequest(
                on: permit, type: .haImposedChange, status: status, reason: reason,
                proposal: ChangeRequestProposal(fields: ["permit_conditions": conditions]))
        }
        return .created(
            .init(
                body: .json(
                    .init(
                        value1: .init(permitAlterationReferenceNumber: reference),
                        value2: .init(changeRequestReferenceNumber: reference)))))
    }

    /// `GET …/alterations/{ref}`: the change with the permit as it was and as proposed, in both
    /// the alteration and the change request shapes.
    func getPermitAlteration(_ input: Operations.GetPermitAlteration.Input) async throws
        -> Operations.GetPermitAlteration.Output
    {
        let database = services.database
        guard
            let (work, permit) = try await PermitRepository(database).permit(
                input.path.permitReferenceNumber.uppercased(), ofWork: input.path.workReferenceNumber.uppercased()),
            let cr = try await ChangeRequestRepository(database).changeRequest(
                input.path.permitAlterationReferenceNumber.uppercased()),
            cr.permitReferenceNumber == permit.permitReferenceNumber
        else { throw AppError.notFound("Permit alteration") }
        let names = try await OrganisationNames.shared.names(
            [work.promoterSWACode, work.highwayAuthoritySWACode], database: database)
        let original = try Components.Schemas.PermitResponse(cr.original(of: permit), on: work, names: names)
        let proposed = try Components.Schemas.PermitResponse(try cr.proposed(of: permit), on: work, names: names)
        let deadline = UKTime.startOfDay(cr.deadlineDate)
        let followUpComplete: Bool? =
            cr.status == .grantedWithDurationChallenge ? cr.durationChallenge?.isFollowUpComplete ?? false : nil
        let permitStatus: Components.Schemas.PermitStatusResponse = try Wire.map(permit.permitStatus)
        var alteration = Components.Schemas.PermitAlterationResponse(
            permitAlterationReferenceNumber: cr.reference, dateCreated: cr.dateCreated, deadlineDate: deadline,
            alterationStatus: try Wire.map(cr.status), alterationStatusString: cr.status.rawValue,
            alterationType: try Wire.map(cr.type), alterationTypeString: cr.type.rawValue,
            permitAlterationReason: cr.reason, original: original, proposed: proposed)
        alteration.permitStatus = permitStatus
        alteration.permitStatusString = permit.permitStatus.rawValue
        alteration.assessmentDiscount = cr.assessmentDiscount.map(Double.init)
        alteration.assessmentComments = cr.assessmentComments
        try alteration.setDurationChallenge(cr.durationChallenge, followUpComplete: followUpComplete)

        var changeRequest = Components.Schemas.ChangeRequestResponse(
            changeRequestReferenceNumber: cr.reference, dateCreated: cr.dateCreated, deadlineDate: deadline,
            changeRequestStatus: try Wire.map(cr.status), changeRequestStatusString: cr.status.rawValue,
            changeRequestType: try Wire.map(cr.type), changeRequestTypeString: cr.type.rawValue,
            changeRequestReason: cr.reason, current: original,
            proposed: try StoredJSON.decoder.decode(
                Components.Schemas.ProposedChangeRequestResponse.self,
                from: PermitSubmission.encoder.encode(proposed)))
        changeRequest.permitStatus = permitStatus
        changeRequest.permitStatusString = permit.permitStatus.rawValue
        changeRequest.assessmentDiscount = cr.assessmentDiscount.map(Double.init)
        changeRequest.assessmentComments = cr.assessmentComments
        try changeRequest.setDurationChallenge(cr.durationChallenge, followUpComplete: followUpComplete)
        // `proposed` is written by the second member: the full permit of the alteration shape.
        return .ok(.init(body: .json(.init(value1: changeRequest, value2: alteration))))
    }

    /// `PUT …/alterations/{ref}/status`: the HA grants (applying the proposal), grants with a
    /// duration challenge (works extensions in progress) or refuses (R-CR-08, R-CR-09). After
    /// the deadline the change has deemed (R-RESP-08).
    func updatePermitAlterationStatus(_ input: Operations.UpdatePermitAlterationStatus.Input) async throws
        -> Operations.UpdatePermitAlterationStatus.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let decision = try ChangeRequestDecisionFields(request)
        let caller = try WorksCaller.current(
            internalUserIdentifier: decision.internalUserIdentifier, internalUserName: decision.internalUserName)
        try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            let permit = try await change.permit(input.path.permitReferenceNumber)
            var cr = try await change.changeRequest(input.path.permitAlterationReferenceNumber, of: permit)
            if cr.status == .submitted, let deemAt = cr.deemAt, change.at >= deemAt {
                throw AppError.preconditionFailed(
                    "R-RESP-08: change request \(cr.reference) is deemed: its response period ended on \(cr.deadlineDate)"
                )
            }
            let status = try changeRequestRule { () throws(ChangeRequestError) in
                try ChangeRequestLifecycle.assess(
                    decision.decision, type: cr.type, status: cr.status, workStatus: change.work.workStatus)
            }
            if decision.decision == .grantWithDurationChallenge, let end = decision.reasonablePeriodEndDate {
                // R-CR-09: on or after the permit's current proposed end, before the proposed one.
                var errors: [FieldError] = []
                if end < permit.proposedEndDate {
                    errors.append(
                        FieldError(
                            field: "reasonable_period_end_date",
                            message: "R-CR-09: must be on or after the permit's proposed end date"))
                }
                if end >= cr.proposedEndDate {
                    errors.append(
                        FieldError(
                            field: "reasonable_period_end_date",
                            message: "R-CR-09: must be before the works extension's proposed end date"))
                }
                if !errors.isEmpty { throw AppError.invalid(errors) }
            }
            cr.status = status
            cr.deemAt = nil
            cr.assessmentComments = decision.assessmentComments
            cr.assessmentDiscount = decision.assessmentDiscount
            cr.reasonablePeriodEndDate = decision.reasonablePeriodEndDate
            cr.dateModified = change.at
            try await change.changeRequests.update(cr)
            if status.appliesProposal {
                try await change.applyProposal(of: cr) { p in
                    if status == .grantedWithDurationChallenge {
                        p.reasonablePeriodEndDate = decision.reasonablePeriodEndDate
                        p.isDurationChallenged = true
                    }
                }
            }
            let event: AuditEvent =
                switch status {
                case .grantedWithDurationChallenge: .alterationGrantedWithDurationChallenge
                case .refused: .alterationRefused
                default: .alterationGranted
                }
            change.record(
                event, object: .changeRequest, reference: cr.reference, permit: permit.permitReferenceNumber,
                details: "\(cr.type.label) \(cr.reference) \(status.rawValue.replacingOccurrences(of: "_", with: " "))")
        }
        return .noContent(.init())
    }

    /// `PUT …/alterations/{ref}/duration-challenge-review`: the promoter accepts or does not
    /// accept the duration challenge of a granted works extension (R-CR-16).
    func durationChallengeReview(_ input: Operations.DurationChallengeReview.Input) async throws
        -> Operations.DurationChallengeReview.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let reason = try DurationChallengeInput.reason(
            status: request.reviewStatus.rawValue, reason: request.reasonForNonAcceptance)
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            let permit = try await change.permit(input.path.permitReferenceNumber)
            var cr = try await change.changeRequest(input.path.permitAlterationReferenceNumber, of: permit)
            let review = try changeRequestRule { () throws(ChangeRequestError) in
                try DurationChallengeReview.review(
                    cr.durationChallenge, isChallenged: cr.status == .grantedWithDurationChallenge,
                    status: request.reviewStatus.rawValue, reason: reason, at: change.at)
            }
            cr.durationChallenge = review
            cr.dateModified = change.at
            try await change.changeRequests.update(cr)
            let accepted = review.reviewStatus == DurationChallengeReview.accepted
            change.record(
                accepted ? .alterationDurationChallengeAccepted : .alterationDurationChallengeNotAccepted,
                object: .changeRequest, reference: cr.reference, permit: permit.permitReferenceNumber,
                details: "Duration challenge of \(cr.reference) \(accepted ? "accepted" : "not accepted")")
        }
        return .noContent(.init())
    }

    /// `PUT …/alterations/{ref}/duration-challenge-non-acceptance-response`: the HA answers a
    /// non-acceptance, changing the end of the reasonable period or not (R-CR-16); a changed end
    /// becomes the permit's.
    func durationChallengeNonAcceptanceResponse(
        _ input: Operations.DurationChallengeNonAcceptanceResponse.Input
    ) async throws -> Operations.DurationChallengeNonAcceptanceResponse.Output {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let status = request.nonAcceptanceResponseStatus.rawValue
        try DurationChallengeInput.checkAnswer(status: status, newEnd: request.newReasonablePeriodEndDate)
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            var permit = try await change.permit(input.path.permitReferenceNumber)
            var cr = try await change.changeRequest(input.path.permitAlterationReferenceNumber, of: permit)
            let answered = try changeRequestRule { () throws(ChangeRequestError) in
                try DurationChallengeReview.answer(
                    cr.durationChallenge, isChallenged: cr.status == .grantedWithDurationChallenge, status: status,
                    details: request.nonAcceptanceResponseDetails, newEnd: request.newReasonablePeriodEndDate,
                    currentEnd: permit.reasonablePeriodEndDate ?? cr.reasonablePeriodEndDate ?? permit.proposedEndDate,
                    at: change.at)
            }
            cr.durationChallenge = answered
            cr.dateModified = change.at
            try await change.changeRequests.update(cr)
            if let end = answered.newReasonablePeriodEndDate {
                permit.reasonablePeriodEndDate = end
                permit.dateModified = change.at
                try await change.permits.update(permit)
            }
            change.record(
                .alterationDurationChallengeNonAcceptanceResponse, object: .changeRequest,
                reference: cr.reference, permit: permit.permitReferenceNumber,
                details: DurationChallengeInput.answerDetails(of: cr.reference, answered))
        }
        return .noContent(.init())
    }
}

/// R-CR-16: the request fields a duration challenge review or answer must carry (the permit's
/// and the change request's operations take the same fields under two model names).
enum DurationChallengeInput {
    /// The reason, required when not accepting.
    static func reason(status: String, reason: String?) throws -> String? {
        let reason = reason?.trimmingCharacters(in: .whitespaces) ?? ""
        if status == DurationChallengeReview.notAccepted, reason.isEmpty {
            throw AppError.invalid(
                field: "reason_for_non_acceptance",
                "is required when review_status is duration_challenge_not_accepted (R-CR-16)")
        }
        return reason.isEmpty ? nil : reason
    }

    /// A changed end needs its new date.
    static func checkAnswer(status: String, newEnd: Date?) throws {
        if status == DurationChallengeReview.endChanged, newEnd == nil {
            throw AppError.invalid(
                field: "new_reasonable_period_end_date",
                "is required when non_acceptance_response_status is reasonable_period_end_date_changed (R-CR-16)")
        }
    }

    static func answerDetails(of reference: String, _ answered: DurationChallengeReview) -> String {
        let changed = answered.newReasonablePeriodEndDate != nil
        return
            "Non-acceptance of the duration challenge of \(reference) answered: reasonable period end \(changed ? "changed" : "not changed")"
    }
}

/// The HA's decision on a change request in either spelling, once its conditional fields are
/// all present (R-CR-08, R-CR-09).
struct ChangeRequestDecisionFields {
    var decision: ChangeRequestDecision
    var assessmentComments: String?
    var assessmentDiscount: Int?
    var reasonablePeriodEndDate: Date?
    var internalUserIdentifier: String?
    var internalUserName: String?

    init(_ request: Components.Schemas.PermitAlterationOrChangeRequestStatusUpdateRequest) throws {
        let a = request.value1
        let b = request.value2
        let status = a?.alterationStatus.rawValue ?? b?.changeRequestStatus.rawValue ?? ""
        let statusField = a != nil ? "alteration_status" : "change_request_status"
        guard let decision = ChangeRequestDecision(rawValue: status) else {
            throw AppError.invalid(
                field: statusField, "must be one of: granted, refused, granted_with_duration_challenge (R-CR-08)")
        }
        self.decision = decision
        assessmentComments = a?.assessmentComments ?? b?.assessmentComments
        let discount = a?.assessmentDiscount ?? b?.assessmentDiscount
        reasonablePeriodEndDate = a?.reasonablePeriodEndDate ?? b?.reasonablePeriodEndDate
        internalUserIdentifier = a?.internalUserIdentifier ?? b?.internalUserIdentifier
        internalUserName = a?.internalUserName ?? b?.internalUserName
        var errors: [FieldError] = []
        let comments = (assessmentComments ?? "").trimmingCharacters(in: .whitespaces)
        switch decision {
        case .grant:
            if discount == nil {
                errors.append(FieldError(field: "assessment_discount", message: "is required when granting (R-CR-08)"))
            }
        case .refuse:
            if comments.isEmpty {
                errors.append(FieldError(field: "assessment_comments", message: "is required when refusing (R-CR-08)"))
            }
        case .grantWithDurationChallenge:
            if comments.isEmpty {
                errors.append(
                    FieldError(
                        field: "assessment_comments",
                        message: "is required when granting with a duration challenge (R-CR-09)"))
            }
            if reasonablePeriodEndDate == nil {
                errors.append(
                    FieldError(
                        field: "reasonable_period_end_date",
                        message: "is required when granting with a duration challenge (R-CR-09)"))
            }
        }
        if let discount {
            if !(0...100).contains(discount) || discount.rounded() != discount {
                errors.append(
                    FieldError(field: "assessment_discount", message: "must be a whole number between 0 and 100"))
            } else {
                assessmentDiscount = Int(discount)
            }
        }
        if !errors.isEmpty { throw AppError.invalid(errors) }
    }
}

/// The duration challenge fields the permit and both change request answers share (R-CR-16).
protocol DurationChallengeFields {
    var durationChallengeReviewStatus: Components.Schemas.DurationChallengeReviewStatusResponse? { get set }
    var durationChallengeReviewStatusString: String? { get set }
    var durationChallengeReasonForNonAcceptance: String? { get set }
    var durationChallengeReviewUpdateDate: Date? { get set }
    var durationChallengeNonAcceptanceResponseStatus:
        Components.Schemas.DurationChallengeNonAcceptanceResponseStatusResponse?
    { get set }
    var durationChallengeNonAcceptanceResponseStatusString: String? { get set }
    var durationChallengeNonAcceptanceResponseDetails: String? { get set }
    var durationChallengeNonAcceptanceResponseUpdateDate: Date? { get set }
    var durationChallengeNonAcceptanceResponseNewReasonablePeriodEndDate: Date? { get set }
    var durationChallengeNonAcceptanceResponseOldReasonablePeriodEndDate: Date? { get set }
    var durationChallengeFollowUpReviewComplete: Bool? { get set }
}

extension DurationChallengeFields {
    /// The review and its answer, where there is one; `followUpComplete` where a challenge was made.
    mutating func setDurationChallenge(_ review: DurationChallengeReview?, followUpComplete: Bool?) throws {
        durationChallengeFollowUpReviewComplete = followUpComplete
        guard let review else { return }
        durationChallengeReviewStatus = try Wire.map(review.reviewStatus)
        durationChallengeReviewStatusString = review.reviewStatus
        durationChallengeReasonForNonAcceptance = review.reasonForNonAcceptance
        durationChallengeReviewUpdateDate = review.reviewUpdateDate
        durationChallengeNonAcceptanceResponseStatus = try review.responseStatus.map { try Wire.map($0) }
        durationChallengeNonAcceptanceResponseStatusString = review.responseStatus
        durationChallengeNonAcceptanceResponseDetails = review.responseDetails
        durationChallengeNonAcceptanceResponseUpdateDate = review.responseUpdateDate
        durationChallengeNonAcceptanceResponseNewReasonablePeriodEndDate = review.newReasonablePeriodEndDate
        durationChallengeNonAcceptanceResponseOldReasonablePeriodEndDate = review.oldReasonablePeriodEndDate
    }
}

extension Components.Schemas.PermitAlterationResponse: DurationChallengeFields {}
extension Components.Schemas.ChangeRequestResponse: DurationChallengeFields {}
extension Components.Schemas.PermitResponse: DurationChallengeFields {}
