import Domain
import Foundation
import Testing

@Suite("R-CAT-01/10, R-HS2-01, R-RESP-01: HS2 highway works and Transport for London")
struct HS2RulesTests {
    private func hs2Timings(submittedAt: Date, authoritySWACode: String) -> PermitTimings {
        PermitRules.timings(
            workType: .hs2HighwayWorks, isTTRORequired: false, immediateRisk: false,
            proposedStart: submittedAt.addingTimeInterval(86_400),
            proposedEnd: submittedAt.addingTimeInterval(9 * 86_400),
            submittedAt: submittedAt, roadCategory: 3,
            highwayAuthorityIsTfL: PermitRules.isTransportForLondon(swaCode: authoritySWACode))
    }

    @Test("R-CAT-01: hs2_highway_works from any promoter but HS2 (7374) is refused, naming the rule")
    func hs2WorkTypeForOthers() {
        for code in ["1001", "0020", "7373", "737"] {
            #expect(
                PermitRules.workTypeProblem(.hs2HighwayWorks, promoterSWACode: code)
                    == "R-CAT-01: hs2_highway_works is only for the HS2 promoter (7374)", "\(code)")
        }
    }

    @Test("R-HS2-01: the HS2 promoter is 7374 and may use hs2_highway_works, planned and immediate")
    func hs2Promoter() {
        #expect(PermitRules.hs2PromoterSWACode == "7374")
        for workType in WorkType.allCases {
            #expect(PermitRules.workTypeProblem(workType, promoterSWACode: "7374") == nil, "\(workType)")
        }
    }

    @Test("R-CAT-01: planned and immediate works are open to every promoter")
    func otherWorkTypes() {
        for code in ["1001", "0020", "5990"] {
            #expect(PermitRules.workTypeProblem(.planned, promoterSWACode: code) == nil)
            #expect(PermitRules.workTypeProblem(.immediate, promoterSWACode: code) == nil)
        }
    }

    @Test("R-CAT-10: HS2 highway works are hs2_highway in the timings, with no early start or validity period")
    func hs2Category() {
        let timings = hs2Timings(submittedAt: Fixture.uk("2026-01-05", 10), authoritySWACode: "1001")
        #expect(timings.category == .hs2Highway)
        #expect(!timings.isEarlyStart)
        #expect(timings.validityPeriodEndDate == nil)
        // A TTRO or a long duration does not make HS2 highway works a PAA or major.
        let long = PermitRules.timings(
            workType: .hs2HighwayWorks, isTTRORequired: true, immediateRisk: false,
            proposedStart: Fixture.uk("2026-03-02", 8), proposedEnd: Fixture.uk("2026-05-29", 18),
            submittedAt: Fixture.uk("2026-01-05", 10), roadCategory: 3)
        #expect(long.category == .hs2Highway)
    }

    @Test("R-RESP-01: an HS2 highway PA whose HA is Transport for London has 42 calendar days")
    func tflDeadline() {
        #expect(PermitRules.transportForLondonSWACode == "0020")
        #expect(PermitRules.isTransportForLondon(swaCode: "0020"))
        // Monday 5 January 2026 10:00: effective that day, deadline Monday 16 February.
        let winter = hs2Timings(submittedAt: Fixture.uk("2026-01-05", 10), authoritySWACode: "0020")
        #expect(winter.deadlineDate == Fixture.day("2026-02-16"))
        #expect(winter.deemingInstant == Fixture.utc("2026-02-17", 0))
        // Monday 1 June 2026 17:00 BST: effective Tuesday 2 June, deadline Tuesday 14 July.
        let summer = hs2Timings(submittedAt: Fixture.uk("2026-06-01", 17), authoritySWACode: "0020")
        #expect(summer.deadlineDate == Fixture.day("2026-07-14"))
        #expect(summer.deemingInstant == Fixture.utc("2026-07-14", 23))
    }

    @Test("R-RESP-01: an HS2 highway PA with any other HA has 28 calendar days")
    func otherAuthorityDeadline() {
        for code in ["1001", "5990", "0021", "20", "7374"] {
            #expect(!PermitRules.isTransportForLondon(swaCode: code), "\(code)")
            let timings = hs2Timings(submittedAt: Fixture.uk("2026-01-05", 10), authoritySWACode: code)
            #expect(timings.deadlineDate == Fixture.day("2026-02-02"), "\(code)")
        }
    }

    @Test("R-RESP-01: Transport for London's 42 days are for HS2 highway works only")
    func tflOtherCategories() {
        let timings = PermitRules.timings(
            workType: .planned, isTTRORequired: false, immediateRisk: false,
            proposedStart: Fixture.uk("2026-02-02", 8), proposedEnd: Fixture.uk("2026-02-06", 18),
            submittedAt: Fixture.uk("2026-01-05", 10), roadCategory: 3,
            highwayAuthorityIsTfL: PermitRules.isTransportForLondon(swaCode: "0020"))
        #expect(timings.category == .standard)
        #expect(timings.deadlineDate == Fixture.day("2026-01-12"))
    }
}
