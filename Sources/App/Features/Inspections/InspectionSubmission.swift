import Domain
import Foundation
import Store
import WorkAPI

/// What `POST /works/{wrn}/inspections` or `POST /historic-works/inspections` sends, checked
/// (R-INSP-03 … R-INSP-07, R-INSP-10, R-NC-02): a 400 naming every offending field, before
/// anything is read or written.
struct InspectionSubmission: Sendable {
    var draft: InspectionDraft
    var additionalComments: String?
    var username: String
    var inspectorName: String?
    var fileIDs: [Int]
    var autoAcceptanceDue: Date?

    init(_ r: Components.Schemas.InspectionCreateRequest, now: Date) throws {
        let areas = try (r.failureReasonDetails ?? []).enumerated().map { index, area in
            FailureReasonDetail(
                failureReason: try requestValue(
                    area.failureReason, field: "failure_reason_details[\(index)].failure_reason"),
                siteReferenceNumbers: area.siteReferenceNumbers?.map { $0.uppercased() }, siteName: nil,
                details: area.details)
        }
        try self.init(
            type: r.inspectionType, category: r.inspectionCategory, outcome: r.inspectionOutcome,
            startDate: r.inspectionStartDate, areas: areas, outcomeDetails: r.inspectionOutcomeDetails,
            wasCallLogged: r.wasCallLogged, callLoggedTo: r.callLoggedTo, callLoggedReference: r.callLoggedReference,
            callLoggedSummary: r.callLoggedSummary, defectFixedOnSite: r.defectFixedOnSite,
            additionalComments: r.additionalComments, evidence: r.inspectionEvidence, fileIDs: r.fileIds,
            reinspectionDate: r.reinspectionDate, reinspectionDateTime: r.reinspectionDateTime,
            reinspectionType: r.reinspectionType, reinspectionCategory: r.reinspectionCategory,
            username: r.username, inspectorName: r.inspectorName, madeSafeByHA: r.madeSafeByHa,
            nonComplianceReference: r.nonComplianceReferenceNumber, now: now)
    }

    init(_ r: Components.Schemas.HistoricInspectionCreateRequest, now: Date) throws {
        let areas = try (r.failureReasonDetails ?? []).enumerated().map { index, area in
            FailureReasonDetail(
                failureReason: try requestValue(
                    area.failureReason, field: "failure_reason_details[\(index)].failure_reason"),
                siteReferenceNumbers: nil, siteName: area.siteName, details: area.details)
        }
        try self.init(
            type: r.inspectionType, category: r.inspectionCategory, outcome: r.inspectionOutcome,
            startDate: r.inspectionStartDate, areas: areas, outcomeDetails: r.inspectionOutcomeDetails,
            wasCallLogged: r.wasCallLogged, callLoggedTo: r.callLoggedTo, callLoggedReference: r.callLoggedReference,
            callLoggedSummary: r.callLoggedSummary, defectFixedOnSite: r.defectFixedOnSite,
            additionalComments: r.additionalComments, evidence: r.inspectionEvidence, fileIDs: r.fileIds,
            reinspectionDate: r.reinspectionDate, reinspectionDateTime: r.reinspectionDateTime,
            reinspectionType: r.reinspectionType, reinspectionCategory: r.reinspectionCategory,
            username: r.username, inspectorName: r.inspectorName, madeSafeByHA: r.madeSafeByHa,
            nonComplianceReference: nil, now: now)
    }

    private init(
        type: Components.Schemas.InspectionType, category: Components.Schemas.InspectionCategory?,
        outcome: Components.Schemas.InspectionOutcome, startDate: Date, areas: [FailureReasonDetail],
        outcomeDetails: String?, wasCallLogged: Bool?, callLoggedTo: String?, callLoggedReference: String?,
        callLoggedSummary: String?, defectFixedOnSite: Components.Schemas.DefectFixedOnsite?,
        additionalComments: String?, evidence: Bool, fileIDs: [Double]?, reinspectionDate: Date?,
        reinspectionDateTime: Date?, reinspectionType: Components.Schemas.InspectionType?,
        reinspectionCategory: Components.Schemas.InspectionCategory?, username: String, inspectorName: String?,
        madeSafeByHA: Bool?, nonComplianceReference: String?, now: Date
    ) throws {
        let type: InspectionType = try requestValue(type, field: "inspection_type")
        let category: InspectionCategory? = try requestValue(category, field: "inspection_category")
        var reinspection: ScheduledInspectionDraft? = nil
        var problems: [InspectionProblem] = []
        if let reinspectionDate {
            // R-INSP-10: type and category default to the inspection's when either is omitted.
            let sentType: InspectionType? = try requestValue(reinspectionType, field: "reinspection_type")
            let sentCategory: InspectionCategory? = try requestValue(
                reinspectionCategory, field: "reinspection_category")
            let defaulted = sentType == nil || sentCategory == nil && sentType == type
            reinspection = ScheduledInspectionDraft(
                type: sentType ?? type, category: defaulted ? (sentCategory ?? category) : sentCategory,
                date: reinspectionDate, dateTime: reinspectionDateTime)
        } else {
            for (field, sent) in [
                ("reinspection_date_time", reinspectionDateTime != nil), ("reinspection_type", reinspectionType != nil),
                ("reinspection_category", reinspectionCategory != nil),
            ] where sent {
                problems.append(.init("R-INSP-10", field: field, "is sent only with reinspection_date"))
            }
        }
        draft = InspectionDraft(
            type: type, category: category, outcome: try requestValue(outcome, field: "inspection_outcome"),
            startDate: startDate, failureReasons: areas, outcomeDetails: outcomeDetails, wasCallLogged: wasCallLogged,
            callLoggedTo: callLoggedTo, callLoggedReference: callLoggedReference, callLoggedSummary: callLoggedSummary,
            defectFixedOnSite: try requestValue(defectFixedOnSite, field: "defect_fixed_on_site"),
            madeSafeByHA: madeSafeByHA, evidence: evidence, fileIDs: fileIDs, reinspection: reinspection,
            nonComplianceReference: nonComplianceReference.flatMap { $0.isEmpty ? nil : $0 })
        problems += InspectionRules.creationProblems(draft, now: now)
        try requireNoInspectionProblems(problems)
        self.additionalComments = additionalComments
        self.username = username
        self.inspectorName = inspectorName
        self.fileIDs = (fileIDs ?? []).compactMap(InspectionRules.wholeFileID)
        self.autoAcceptanceDue =
            draft.outcome.awaitsPromoterResponse
            ? InspectionRules.autoAcceptanceDue(recordedAt: now, calendar: .englandAndWales) : nil
    }

    /// The row of the new inspection `reference` (its `sequence` on `work`).
    func row(reference: String, sequence: Int, on work: WorkRow, nonCompliance: String?, at: Date) -> InspectionRow {
        InspectionRow(
            reference: reference, workReferenceNumber: work.workReferenceNumber, sequence: sequence,
            promoterSWACode: work.promoterSWACode, highwayAuthoritySWACode: work.highwayAuthoritySWACode,
            workstreamPrefix: work.workstreamPrefix, type: draft.type, category: draft.category,
            outcome: draft.outcome, startDate: draft.startDate, failureReasons: draft.failureReasons,
            outcomeDetails: draft.outcomeDetails, wasCallLogged: draft.wasCallLogged,
            callLoggedTo: draft.callLoggedTo, callLoggedReference: draft.callLoggedReference,
            callLoggedSummary: draft.callLoggedSummary, defectFixedOnSite: draft.defectFixedOnSite,
            additionalComments: additionalComments, evidence: draft.evidence, fileIDs: fileIDs,
            reinspectionDate: draft.reinspection?.date, reinspectionDateTime: draft.reinspection?.dateTime,
            username: username, inspectorName: inspectorName, madeSafeByHA: draft.madeSafeByHA,
            autoAcceptanceDueDate: autoAcceptanceDue, nonComplianceReference: nonCompliance, dateCreated: at)
    }
}
