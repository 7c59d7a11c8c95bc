import Domain
import Foundation
import Testing

/// The inspection rules as pure functions (R-INSP-01, R-INSP-03, R-INSP-04, R-INSP-13, R-NC-01),
/// and the domain's wire values held to `api/work.json`.
@Suite("Inspection rules (R-INSP, R-NC)")
struct InspectionRulesTests {
    /// The enum `name` of `api/work.json` without `upcoming_enum`.
    static func contractEnum(_ name: String) throws -> Set<String> {
        var directory = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
            directory = directory.deletingLastPathComponent()
        }
        let data = try Data(contentsOf: directory.appendingPathComponent("api/work.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: Any]
        let values = try #require((schemas?[name] as? [String: Any])?["enum"] as? [String], "\(name)")
        return Set(values).subtracting(["upcoming_enum"])
    }

    @Test("R-INSP-03, R-INSP-04, R-INSP-09, R-INSP-13, R-NC-01: wire values are the contract's")
    func wireValues() throws {
        #expect(Set(InspectionType.allCases.map(\.rawValue)) == (try Self.contractEnum("InspectionType")))
        #expect(Set(InspectionCategory.allCases.map(\.rawValue)) == (try Self.contractEnum("InspectionCategory")))
        #expect(Set(InspectionOutcome.allCases.map(\.rawValue)) == (try Self.contractEnum("InspectionOutcome")))
        #expect(Set(FailureReason.allCases.map(\.rawValue)) == (try Self.contractEnum("FailureReason")))
        #expect(Set(DefectFixedOnSite.allCases.map(\.rawValue)) == (try Self.contractEnum("DefectFixedOnsite")))
        #expect(Set(InspectionStatus.allCases.map(\.rawValue)) == (try Self.contractEnum("InspectionStatusResponse")))
        #expect(
            Set(InspectionWithdrawalReason.allCases.map(\.rawValue))
                == (try Self.contractEnum("InspectionReasonForWithdrawal")))
        #expect(
            Set(InspectionOutcomeStatus.allCases.map(\.rawValue))
                == (try Self.contractEnum("InspectionOutcomeStatusTypeResponse")))
        #expect(
            Set(NonComplianceStatus.allCases.map(\.rawValue)) == (try Self.contractEnum("NonComplianceStatusResponse")))
        #expect(
            Set(NonComplianceResponseStatus.allCases.map(\.rawValue))
                == (try Self.contractEnum("NonComplianceResponseStatus")))
        #expect(Set(JointSiteMeetingStatus.allCases.map(\.rawValue)) == (try Self.contractEnum("JsmStatusResponse")))
    }

    @Test("R-INSP-01: references have at least two digits, numbered from 01")
    func references() {
        #expect(InspectionRules.reference(work: "AW001X", sequence: 1) == "AW001X-INSP-01")
        #expect(InspectionRules.reference(work: "AW001X", sequence: 100) == "AW001X-INSP-100")
        #expect(InspectionRules.nonComplianceReference(work: "AW001X", sequence: 12) == "AW001X-NC-12")
    }

    @Test("R-INSP-03, R-INSP-04: every category's outcomes; each category belongs to one or two types")
    func outcomesTable() {
        #expect(
            InspectionRules.outcomes(of: .liveSite, category: .a) == [
                .passed, .failedHigh, .failedLow, .unableToCompleteInspection,
            ])
        #expect(InspectionRules.outcomes(of: .liveSite, category: .conditions).contains(.nonCompliantWithConditions))
        #expect(!InspectionRules.outcomes(of: .liveSite, category: .siteOccupancy).contains(.passed))
        #expect(InspectionRules.outcomes(of: .section81, category: nil).contains(.failed))
        #expect(InspectionRules.categories(of: .section81).isEmpty)
        let all = InspectionType.allCases.flatMap { InspectionRules.categories(of: $0) }
        #expect(Set(all) == Set(InspectionCategory.allCases))
    }

    @Test("R-INSP-13: the due date is 10 working days on, skipping weekends and bank holidays")
    func autoAcceptanceDue() {
        // Tuesday 2026-12-22 10:00 UTC: Christmas Day, Boxing Day (Monday 28th in lieu) and New
        // Year's Day are skipped; due Friday 2027-01-08 at the same time.
        let recorded = Date(timeIntervalSince1970: 1_797_933_600)
        #expect(ISO8601.format(recorded) == "2026-12-22T10:00:00.000Z")
        let due = InspectionRules.autoAcceptanceDue(recordedAt: recorded, calendar: .englandAndWales)
        #expect(ISO8601.format(due) == "2027-01-08T10:00:00.000Z")
    }

    @Test("R-INSP-13: only a failed outcome is answered; the authority answers a dispute")
    func outcomeResponses() {
        let failed = InspectionOutcomeResponses.State(
            status: .recorded, outcome: .failedLow, promoterStatus: nil, haStatus: nil)
        #expect(
            InspectionOutcomeResponses.problems(
                .inspectionOutcomeAccepted, reason: nil, by: .promoter, state: failed, reference: "X"
            ).isEmpty)
        #expect(
            InspectionOutcomeResponses.problems(
                .reviewingDispute, reason: nil, by: .highwayAuthority, state: failed, reference: "X"
            )
            .first?.field == nil)
        var disputed = failed
        disputed.promoterStatus = .inspectionOutcomeDisputed
        #expect(
            InspectionOutcomeResponses.problems(
                .noAgreement, reason: nil, by: .highwayAuthority, state: disputed, reference: "X"
            )
            .isEmpty)
        let passed = InspectionOutcomeResponses.State(
            status: .recorded, outcome: .passed, promoterStatus: nil, haStatus: nil)
        #expect(
            InspectionOutcomeResponses.problems(
                .inspectionOutcomeAccepted, reason: nil, by: .promoter, state: passed, reference: "X"
            ).first?.rule == "R-INSP-13")
    }

    @Test(
        "R-NC-01: the authority's withdrawal and completion end a non-compliance; a meeting is agreed by the other side"
    )
    func nonComplianceLifecycle() {
        #expect(NonComplianceLifecycle.status(after: .withdrawn, from: .issued) == .withdrawn)
        #expect(NonComplianceLifecycle.status(after: .worksCompletedAndPassed, from: .issued) == .resolved)
        #expect(NonComplianceLifecycle.status(after: .jointSiteMeetingSuggested, from: .issued) == .issued)
        let now = Date(timeIntervalSince1970: 1_767_603_600)
        let suggested = NonComplianceLifecycle.State(
            status: .issued, jsmStatus: .awaitingAgreement, jsmRequestedBy: .promoter)
        #expect(
            NonComplianceLifecycle.problems(
                .acceptSuggestion, details: nil, jsmDate: nil, by: .promoter, state: suggested, now: now, reference: "N"
            ).first?.field == nil)
        #expect(
            NonComplianceLifecycle.problems(
                .acceptSuggestion, details: nil, jsmDate: nil, by: .highwayAuthority, state: suggested, now: now,
                reference: "N"
            ).isEmpty)
        #expect(
            NonComplianceLifecycle.jsmStatus(after: .acceptSuggestion, from: .awaitingAgreement) == .dateAndTimeAgreed)
    }
}
