import Domain
import Foundation
import Testing

@Suite("R-CAT: works category")
struct CategoryRulesTests {
    private func planned(
        _ workingDays: Int, ttro: Bool = false, prior: [PermitStatus] = [], progressingPAA: Bool = false
    ) -> WorkCategory {
        PermitRules.category(
            workType: .planned, isTTRORequired: ttro, immediateRisk: false, workingDayDuration: workingDays,
            priorApplications: prior, progressingPAA: progressingPAA)
    }

    @Test("R-CAT-03: immediate works with a risk to people or property are immediate_emergency")
    func immediateEmergency() {
        let category = PermitRules.category(
            workType: .immediate, isTTRORequired: true, immediateRisk: true, workingDayDuration: 20,
            priorApplications: [])
        #expect(category == .immediateEmergency)
    }

    @Test("R-CAT-03: immediate works without such a risk are immediate_urgent")
    func immediateUrgent() {
        let category = PermitRules.category(
            workType: .immediate, isTTRORequired: false, immediateRisk: false, workingDayDuration: 1,
            priorApplications: [.closed])
        #expect(category == .immediateUrgent)
        #expect(category.isImmediate)
    }

    @Test("R-CAT-10: HS2 highway works are hs2_highway")
    func hs2() {
        let category = PermitRules.category(
            workType: .hs2HighwayWorks, isTTRORequired: true, immediateRisk: false, workingDayDuration: 30,
            priorApplications: [])
        #expect(category == .hs2Highway)
    }

    @Test("R-CAT-04: a TTRO on a new works record makes a PAA whatever the duration")
    func ttroMakesPAA() {
        #expect(planned(1, ttro: true) == .paa)
        #expect(planned(5, ttro: true) == .paa)
    }

    @Test("R-CAT-05: 1 to 3 working days is minor")
    func minor() {
        #expect(planned(1) == .minor)
        #expect(planned(3) == .minor)
    }

    @Test("R-CAT-05: 4 working days is standard (3/4 boundary)")
    func standardLowerBoundary() {
        #expect(planned(3) == .minor)
        #expect(planned(4) == .standard)
    }

    @Test("R-CAT-05: 10 working days is standard, 11 is major (10/11 boundary)")
    func majorBoundary() {
        #expect(planned(10) == .standard)
        #expect(planned(11) == .paa)
        #expect(planned(11, prior: [.closed]) == .major)
    }

    @Test("R-CAT-05: works with no working days are minor (Q-05)")
    func zeroWorkingDays() {
        #expect(planned(0) == .minor)
    }

    @Test("R-CAT-06: on a record with an earlier PA a TTRO gives a major PA directly")
    func existingRecordTTRO() {
        #expect(planned(2, ttro: true, prior: [.closed]) == .major)
        #expect(planned(2, ttro: true, prior: [.granted]) == .major)
    }

    @Test("R-CAT-06: on a record with an earlier PA short works are still minor or standard")
    func existingRecordShort() {
        #expect(planned(2, prior: [.closed]) == .minor)
        #expect(planned(7, prior: [.closed]) == .standard)
    }

    @Test("R-CAT-07: minor completed, then a major needs no PAA")
    func minorCompletedThenMajor() {
        #expect(planned(15, prior: [.closed]) == .major)
        #expect(!PermitRules.needsPAA(priorApplications: [.closed]))
    }

    @Test("R-CAT-07: minor cancelled, then a major needs a PAA")
    func minorCancelledThenMajor() {
        #expect(planned(15, prior: [.cancelled]) == .paa)
    }

    @Test("R-CAT-07: standard refused, then a major needs a PAA")
    func standardRefusedThenMajor() {
        #expect(planned(15, prior: [.refused]) == .paa)
    }

    @Test("R-PAA-03: after a progression, no PAA while a PA on the record stands; one again once every PA is void")
    func afterProgression() {
        #expect(planned(15, prior: [.progressed, .granted]) == .major)
        #expect(planned(15, prior: [.progressed, .closed]) == .major)
        #expect(planned(15, prior: [.progressed, .cancelled]) == .paa)
        #expect(planned(15, prior: [.progressed, .refused, .revoked]) == .paa)
    }

    @Test("R-CAT-07: a major as first application needs a PAA")
    func majorFirst() {
        #expect(planned(15) == .paa)
        #expect(PermitRules.needsPAA(priorApplications: []))
    }

    @Test("R-CAT-07: a PAA is needed only if every earlier application was cancelled, revoked or refused")
    func mixedPriorApplications() {
        #expect(planned(15, prior: [.revoked, .cancelled, .refused]) == .paa)
        #expect(planned(15, prior: [.cancelled, .closed]) == .major)
    }

    @Test("R-CAT-08: progressing a PAA always yields a major PA")
    func progressingPAA() {
        #expect(planned(2, progressingPAA: true) == .major)
        #expect(planned(20, ttro: true, progressingPAA: true) == .major)
    }
}
