import Contract
import Domain
import Foundation
import Store

/// Forward plans: advance notice of works in a long-term programme, each on a works record of
/// its own with no permits until the promoter applies on it (R-FP-01 … R-FP-06); the list, its
/// CSV export and the map.
enum ForwardPlansFeature: Feature {
    static let operations = [
        "work": ["createForwardPlan", "getForwardPlan", "updateForwardPlan", "cancelForwardPlan"],
        "reporting": ["getForwardPlans"],
        "export": ["generateForwardPlansCsv"],
        "geojson": ["getForwardPlansIntersectBoundingBox"],
    ]

    static var exports: [CSVResource] { [forwardPlansExport] }
}

/// Runs a forward plan rule, turning its refusal into the caller's error: bad input is a 400
/// naming the field and the rule, a state rule a 412 naming the rule.
func forwardPlanRule<T>(_ body: () throws(ForwardPlanError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw AppError(forwardPlan: [error])
    }
}

extension AppError {
    /// Forward plan problems: a 412 for a state rule, else a 400 naming each field.
    init(forwardPlan problems: [ForwardPlanError]) {
        if let state = problems.first(where: { $0.field == nil }) {
            self = .preconditionFailed(state.message)
        } else {
            self = .invalid(problems.map { FieldError(field: $0.field ?? "body", message: $0.message) })
        }
    }
}

extension WorksChange {
    var forwardPlans: ForwardPlanRepository { ForwardPlanRepository(tx) }

    /// The plan `reference` of this works record; 404 otherwise.
    func forwardPlan(_ reference: String) async throws -> ForwardPlanRow {
        guard let plan = try await forwardPlans.plan(ofWork: work.workReferenceNumber),
            plan.reference == reference.uppercased()
        else { throw AppError.notFound("Forward plan") }
        return plan
    }

    /// R-FP-03, R-FP-05: the hook of `POST /works/{wrn}/permits` for a works record without
    /// applications. Such a record was made by a forward plan: a raised plan becomes
    /// `progressed` into the application `prn` (its own event is the application's submission,
    /// recorded by the caller); a cancelled one refuses the application (412 naming R-FP-03).
    func progressForwardPlan(into prn: String) async throws {
        guard var plan = try await forwardPlans.plan(ofWork: work.workReferenceNumber) else { return }
        plan.status = try forwardPlanRule { () throws(ForwardPlanError) in
            try ForwardPlanLifecycle.progress(plan.status)
        }
        plan.permitReferenceNumber = prn
        plan.dateModified = at
        try await forwardPlans.update(plan)
    }
}
