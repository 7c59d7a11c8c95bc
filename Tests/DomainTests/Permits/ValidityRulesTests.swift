import Domain
import Foundation
import Testing

@Suite("R-PERMIT-20: validity period")
struct ValidityRulesTests {
    private func end(
        _ category: WorkCategory, _ start: Date, workType: WorkType = .planned, roadCategory: Int? = 3,
        trafficSensitive: Bool = false
    ) -> LocalDate? {
        PermitRules.validityPeriodEndDate(
            category: category, workType: workType, proposedStart: start, roadCategory: roadCategory,
            isTrafficSensitive: trafficSensitive)
    }

    @Test("R-PERMIT-20: a minor PA starting Wednesday is valid Wednesday and Thursday")
    func minorWednesday() {
        #expect(PermitRules.validityPeriod(.minor) == .workingDays(2))
        #expect(end(.minor, Fixture.uk("2026-01-07", 9)) == Fixture.day("2026-01-08"))
    }

    @Test("R-PERMIT-20: a standard PA has 5 working days, proposed start as day 1")
    func standard() {
        #expect(PermitRules.validityPeriod(.standard) == .workingDays(5))
        #expect(end(.standard, Fixture.uk("2026-01-07", 9), roadCategory: 4) == Fixture.day("2026-01-13"))
    }

    @Test("R-PERMIT-20: a major PA has 5 working days")
    func major() {
        #expect(PermitRules.validityPeriod(.major) == .workingDays(5))
        #expect(end(.major, Fixture.uk("2026-01-05", 9)) == Fixture.day("2026-01-09"))
    }

    @Test("R-PERMIT-20: a start on a non-working day makes the next working day day 1")
    func nonWorkingStart() {
        #expect(end(.minor, Fixture.uk("2026-01-10", 9)) == Fixture.day("2026-01-13"))
        #expect(end(.minor, Fixture.uk("2026-12-25", 9)) == Fixture.day("2026-12-30"))
    }

    @Test("R-PERMIT-20: the period skips bank holidays (Easter 2027)")
    func easter() {
        // Thursday 25 March 2027: Thu, Tue 30 March.
        #expect(end(.minor, Fixture.uk("2027-03-25", 9)) == Fixture.day("2027-03-30"))
    }

    @Test("R-PERMIT-20: only road categories 3 and 4")
    func roadCategories() {
        for category in [0, 1, 2, 5, 10] {
            #expect(end(.standard, Fixture.uk("2026-01-07", 9), roadCategory: category) == nil, "\(category)")
        }
        #expect(end(.standard, Fixture.uk("2026-01-07", 9), roadCategory: nil) == nil)
    }

    @Test("R-PERMIT-20: not on traffic-sensitive streets")
    func trafficSensitive() {
        #expect(end(.standard, Fixture.uk("2026-01-07", 9), trafficSensitive: true) == nil)
    }

    @Test("R-PERMIT-20: not for PAAs, immediate or HS2 works")
    func excludedCategories() {
        #expect(end(.paa, Fixture.uk("2026-01-07", 9)) == nil)
        #expect(end(.immediateUrgent, Fixture.uk("2026-01-07", 9), workType: .immediate) == nil)
        #expect(end(.immediateEmergency, Fixture.uk("2026-01-07", 9), workType: .immediate) == nil)
        #expect(end(.hs2Highway, Fixture.uk("2026-01-07", 9), workType: .hs2HighwayWorks) == nil)
        #expect(PermitRules.validityPeriod(.paa) == nil)
    }
}
