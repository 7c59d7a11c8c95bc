import Contract
import Domain
import Foundation
import Store
import WorkAPI

/// The permit journey on the work API.
extension WorkAPIHandler {
    var works: WorkService { WorkService(services: services) }
    var responses: WorkResponses { WorkResponses(database: services.database) }

    func createWork(_ input: Operations.CreateWork.Input) async throws -> Operations.CreateWork.Output {
        guard case .json(let body) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let submitted = try await works.createWork(body, principal: try RequestScope.principal())
        return .created(
            .init(
                body: .json(
                    .init(
                        workReferenceNumber: submitted.workReferenceNumber,
                        permitReferenceNumber: submitted.permitReferenceNumber))))
    }

    func createPermit(_ input: Operations.CreatePermit.Input) async throws -> Operations.CreatePermit.Output {
        guard case .json(let body) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let prn = try await works.createPermit(
            wrn: input.path.workReferenceNumber, body, principal: try RequestScope.principal())
        return .created(.init(body: .json(.init(permitReferenceNumber: prn))))
    }

    /// Answered by `ContractGate` through `DirectOperations`; this is the same JSON decoded
    /// into the generated types.
    func getWork(_ input: Operations.GetWork.Input) async throws -> Operations.GetWork.Output {
        let value = try await responses.work(input.path.workReferenceNumber)
        return .ok(.init(body: .json(try WorkResponses.decode(value, as: Components.Schemas.WorkResponse.self))))
    }

    /// Answered by `ContractGate` through `DirectOperations`, as `getWork`.
    func getPermit(_ input: Operations.GetPermit.Input) async throws -> Operations.GetPermit.Output {
        let value = try await responses.permit(
            wrn: input.path.workReferenceNumber, prn: input.path.permitReferenceNumber)
        return .ok(.init(body: .json(try WorkResponses.decode(value, as: Components.Schemas.PermitResponse.self))))
    }

    func updateAssessmentStatus(_ input: Operations.UpdateAssessmentStatus.Input) async throws
        -> Operations.UpdateAssessmentStatus.Output
    {
        guard case .json(let body) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        try await works.assess(
            wrn: input.path.workReferenceNumber, prn: input.path.permitReferenceNumber, body,
            principal: try RequestScope.principal())
        return .noContent(.init())
    }

    func updatePermitStatus(_ input: Operations.UpdatePermitStatus.Input) async throws
        -> Operations.UpdatePermitStatus.Output
    {
        guard case .json(let body) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        try await works.updateStatus(
            wrn: input.path.workReferenceNumber, prn: input.path.permitReferenceNumber, body,
            principal: try RequestScope.principal())
        return .noContent(.init())
    }

    func updateActualStartDate(_ input: Operations.UpdateActualStartDate.Input) async throws
        -> Operations.UpdateActualStartDate.Output
    {
        guard case .json(let body) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        try await works.start(
            wrn: input.path.workReferenceNumber, at: body.actualStartDate, principal: try RequestScope.principal())
        return .noContent(.init())
    }

    func updateActualStopDate(_ input: Operations.UpdateActualStopDate.Input) async throws
        -> Operations.UpdateActualStopDate.Output
    {
        guard case .json(let body) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        try await works.stop(
            wrn: input.path.workReferenceNumber, at: body.actualStopDate, principal: try RequestScope.principal())
        return .noContent(.init())
    }

    func revertActualStartDate(_ input: Operations.RevertActualStartDate.Input) async throws
        -> Operations.RevertActualStartDate.Output
    {
        guard case .json(let body) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        try await works.revertStart(
            wrn: input.path.workReferenceNumber, reason: body.revertReason, principal: try RequestScope.principal())
        return .noContent(.init())
    }

    func revertActualStopDate(_ input: Operations.RevertActualStopDate.Input) async throws
        -> Operations.RevertActualStopDate.Output
    {
        guard case .json(let body) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        try await works.revertStop(
            wrn: input.path.workReferenceNumber, reason: body.revertReason, principal: try RequestScope.principal())
        return .noContent(.init())
    }

    /// R-COM-03: history, 25 rows a page, newest first.
    func getWorkHistory(_ input: Operations.GetWorkHistory.Input) async throws -> Operations.GetWorkHistory.Output {
        let wrn = input.path.workReferenceNumber.uppercased()
        let repository = Store.WorkRepository(services.database)
        guard try await repository.work(wrn) != nil else { throw AppError.notFound("Work") }
        let offset = max(0, Int(input.query.offset ?? 0))
        let page = try await repository.history(ofWork: wrn, offset: offset, limit: 25)
        let object: JSONValue = [
            "pagination": [
                "total_rows": .int(page.total), "has_next_page": .bool(offset + page.rows.count < page.total),
            ],
            "rows": .array(page.rows.map(WorkResponses.historyObject)),
        ]
        return .ok(
            .init(body: .json(try WorkResponses.decode(object, as: Components.Schemas.WorkHistoryResponse.self))))
    }

    func postComment(_ input: Operations.PostComment.Input) async throws -> Operations.PostComment.Output {
        guard case .json(let body) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let reference = try await works.postComment(
            wrn: input.path.workReferenceNumber, body, principal: try RequestScope.principal())
        return .created(.init(body: .json(.init(commentReferenceNumber: reference))))
    }

    func getComment(_ input: Operations.GetComment.Input) async throws -> Operations.GetComment.Output {
        .ok(
            .init(
                body: .json(
                    try await works.comment(
                        wrn: input.path.workReferenceNumber, reference: input.path.commentReferenceNumber,
                        principal: try RequestScope.principal()))))
    }

    func markCommentAsRead(_ input: Operations.MarkCommentAsRead.Input) async throws
        -> Operations.MarkCommentAsRead.Output
    {
        try await works.markRead(
            wrn: input.path.workReferenceNumber, reference: input.path.commentReferenceNumber,
            principal: try RequestScope.principal())
        return .created(.init())
    }

    /// R-CAT-13: the category calculator, without saving.
    func getWorkCategory(_ input: Operations.GetWorkCategory.Input) async throws -> Operations.GetWorkCategory.Output {
        let q = input.query
        guard let start = q.proposedStartDate, let end = q.proposedEndDate else {
            var errors: [Contract.FieldError] = []
            if q.proposedStartDate == nil { errors.append(.init(field: "proposed_start_date", message: "is required")) }
            if q.proposedEndDate == nil { errors.append(.init(field: "proposed_end_date", message: "is required")) }
            throw AppError.invalid(errors)
        }
        guard end >= start else {
            throw AppError.invalid(field: "proposed_end_date", "must be on or after proposed_start_date")
        }
        var prior: [PermitStatus] = []
        if let wrn = q.workReferenceNumber {
            prior = try await Store.WorkRepository(services.database).permits(ofWork: wrn.uppercased(), limit: 1000)
                .compactMap { PermitStatus(rawValue: $0.permitStatus) }
        }
        let timings = PermitRules.timings(
            workType: WorkType(q.workType), isTTRORequired: q.isTtroRequired ?? false,
            immediateRisk: q.immediateRisk ?? false,
            proposedStart: start, proposedEnd: end, submittedAt: services.clock.now(), priorApplications: prior)
        let validity = timings.validityPeriodEndDate.map(UKTime.startOfDay) ?? start
        return .ok(
            .init(
                body: .json(
                    .init(
                        workCategory: .init(rawValue: timings.category.rawValue) ?? .minor,
                        workCategoryString: timings.category.rawValue,
                        duration: .init(
                            calendarDays: Double(timings.calendarDayDuration),
                            workingDays: Double(timings.workingDayDuration)),
                        validityPeriodEndDate: validity, isEarlyStart: timings.isEarlyStart))))
    }

    /// R-TIME-07/09: calendar and working days between two dates, both counted.
    func calculateDuration(_ input: Operations.CalculateDuration.Input) async throws
        -> Operations.CalculateDuration.Output
    {
        guard let start = input.query.startDate, let end = input.query.endDate else {
            var errors: [Contract.FieldError] = []
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
