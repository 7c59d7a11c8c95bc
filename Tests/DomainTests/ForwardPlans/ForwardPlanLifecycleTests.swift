import Domain
import Foundation
import Testing

@Suite("Forward plan lifecycle (R-FP)")
struct ForwardPlanLifecycleTests {
    /// Monday 2026-01-05 09:00 UTC.
    let now = Date(timeIntervalSince1970: 1_767_603_600)
    func days(_ n: Double) -> Date { now.addingTimeInterval(n * 86_400) }

    @Test("R-FP-01: a plan is raised, then progressed or cancelled; the wire values")
    func statuses() throws {
        #expect(ForwardPlanStatus.allCases.map(\.rawValue) == ["raised", "progressed", "cancelled"])
        #expect(ForwardPlanWorkType.allCases.map(\.rawValue) == ["planned", "hs2_highway_works"])
        #expect(ForwardPlanLifecycle.create() == .raised)
        #expect(try ForwardPlanLifecycle.progress(.raised) == .progressed)
        #expect(try ForwardPlanLifecycle.cancel(.raised) == .cancelled)
    }

    @Test("R-FP-02: start today or later, end in the future, end on or after start, within five years")
    func creationDates() {
        func problems(_ start: Date, _ end: Date) -> [ForwardPlanError] {
            ForwardPlanRules.creationProblems(ForwardPlanDates(start: start, end: end), now: now)
        }
        #expect(problems(days(1), days(30)).isEmpty)
        // Earlier today is still today (UK local dates, R-VAL-06).
        #expect(problems(now.addingTimeInterval(-3_600), days(1)).isEmpty)
        #expect(problems(days(-1), days(1)) == [.startInPast])
        #expect(problems(days(-3), days(-1)) == [.startInPast, .endNotInFuture])
        #expect(problems(days(5), days(4)) == [.endBeforeStart])
        #expect(problems(days(1), days(1 + 5 * 366)) == [.longerThanFiveYears])
        #expect(problems(days(1), days(1 + 5 * 365)).isEmpty)
        #expect(ForwardPlanError.startInPast.field == "start_date")
        #expect(ForwardPlanError.endBeforeStart.field == "end_date")
        #expect(ForwardPlanError.longerThanFiveYears.message.hasPrefix("R-FP-02"))
    }

    @Test("R-FP-02 on edit: only a moved date must be today or later; order and five years always")
    func editDates() {
        let old = ForwardPlanDates(start: days(-10), end: days(10))
        func problems(_ start: Date, _ end: Date) -> [ForwardPlanError] {
            ForwardPlanRules.editProblems(ForwardPlanDates(start: start, end: end), was: old, now: now)
        }
        #expect(problems(old.start, old.end).isEmpty)
        #expect(problems(old.start, days(20)).isEmpty)
        #expect(problems(days(-5), old.end) == [.startInPast])
        #expect(problems(old.start, days(-1)) == [.endNotInFuture])
        #expect(problems(old.start, days(-11)) == [.endNotInFuture, .endBeforeStart])
    }

    @Test("R-FP-03: only a raised plan is edited, cancelled or progressed")
    func onlyRaised() {
        for status in [ForwardPlanStatus.progressed, .cancelled] {
            #expect(throws: ForwardPlanError.notRaised(.edit, status)) { try ForwardPlanLifecycle.edit(status) }
            #expect(throws: ForwardPlanError.notRaised(.cancel, status)) { try ForwardPlanLifecycle.cancel(status) }
            #expect(throws: ForwardPlanError.notRaised(.progress, status)) {
                try ForwardPlanLifecycle.progress(status)
            }
        }
        #expect(ForwardPlanError.notRaised(.edit, .cancelled).field == nil)
        #expect(
            ForwardPlanError.notRaised(.progress, .cancelled).message
                == "R-FP-03: only a raised forward plan can be progressed; this one is cancelled")
    }

    @Test("R-FP-03: workstream, highway authority and USRN never change")
    func unchangeable() {
        let stored = ["usrn": "10010001", "highway_authority_swa_code": "1001", "workstream_prefix": "001"]
        #expect(ForwardPlanRules.unchangeableProblems(sent: stored, stored: stored).isEmpty)
        #expect(
            ForwardPlanRules.unchangeableProblems(
                sent: ["usrn": "10010002", "workstream_prefix": "002"], stored: stored)
                == [.cannotChange("usrn"), .cannotChange("workstream_prefix")])
        #expect(ForwardPlanError.cannotChange("usrn").message.hasPrefix("R-FP-03"))
    }

    @Test("R-FP-04: cancelling needs a reason")
    func reason() {
        #expect(ForwardPlanRules.cancellationProblems(reason: "  \n") == [.reasonRequired])
        #expect(ForwardPlanRules.cancellationProblems(reason: "Programme changed").isEmpty)
        #expect(ForwardPlanError.reasonRequired.field == "cancelled_reason")
        #expect(ForwardPlanError.reasonRequired.message.hasPrefix("R-FP-04"))
    }

    @Test("R-FP-05: the plan's reference follows its works record; the HS2 fields are the HS2 promoter's")
    func referenceAndHS2() {
        #expect(ForwardPlanLifecycle.reference(work: "AW00112345678") == "AW00112345678-FP-01")
        let none = ForwardPlanHS2(
            workType: nil, inActLimits: nil, hasHighwayExemption: false, consultationRequestedResponseDate: nil)
        #expect(ForwardPlanRules.hs2Problems(none, promoter: "7001", now: now).isEmpty)
        #expect(
            ForwardPlanRules.hs2Problems(none, promoter: "7374", now: now)
                == [.hs2FieldRequired("hs2_work_type"), .hs2FieldRequired("hs2_in_act_limits")])
        let highway = ForwardPlanHS2(
            workType: .hs2HighwayWorks, inActLimits: true, hasHighwayExemption: false,
            consultationRequestedResponseDate: days(-2))
        #expect(
            ForwardPlanRules.hs2Problems(highway, promoter: "7374", now: now)
                == [.hs2ExemptionRequired, .hs2ConsultationDateInPast])
        #expect(
            ForwardPlanRules.hs2Problems(highway, promoter: "7001", now: now).first
                == .hs2FieldNotAllowed("hs2_work_type"))
    }
}
