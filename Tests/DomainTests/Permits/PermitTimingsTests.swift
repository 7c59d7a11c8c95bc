import Domain
import Foundation
import Testing

@Suite("R-CAT-13: permit timings in one call")
struct PermitTimingsTests {
    @Test("R-CAT-13: a 2-day planned PA on a category 3 street")
    func minorTimings() {
        let timings = PermitRules.timings(
            workType: .planned, isTTRORequired: false, immediateRisk: false,
            proposedStart: Fixture.uk("2026-01-07", 9), proposedEnd: Fixture.uk("2026-01-08", 16),
            submittedAt: Fixture.uk("2026-01-05", 10), roadCategory: 3)
        #expect(
            timings
                == PermitTimings(
                    category: .minor, calendarDayDuration: 2, workingDayDuration: 2, isEarlyStart: true,
                    deadlineDate: Fixture.day("2026-01-07"), deemingInstant: Fixture.utc("2026-01-08", 0),
                    validityPeriodEndDate: Fixture.day("2026-01-08")))
    }

    @Test("R-CAT-13: a 12-working-day first application is a PAA")
    func paaTimings() {
        let timings = PermitRules.timings(
            workType: .planned, isTTRORequired: false, immediateRisk: false,
            proposedStart: Fixture.uk("2026-06-01", 8), proposedEnd: Fixture.uk("2026-06-16", 18),
            submittedAt: Fixture.uk("2026-02-03", 14), roadCategory: 3)
        #expect(timings.category == .paa)
        #expect(timings.calendarDayDuration == 16)
        #expect(timings.workingDayDuration == 12)
        #expect(!timings.isEarlyStart)
        #expect(timings.deadlineDate == Fixture.day("2026-03-03"))
        #expect(timings.deemingInstant == Fixture.utc("2026-03-04", 0))
        #expect(timings.validityPeriodEndDate == nil)
    }

    @Test("R-CAT-13: an emergency application in BST")
    func immediateTimings() {
        let timings = PermitRules.timings(
            workType: .immediate, isTTRORequired: false, immediateRisk: true,
            proposedStart: Fixture.utc("2026-07-15", 14), proposedEnd: Fixture.utc("2026-07-17", 12),
            submittedAt: Fixture.utc("2026-07-15", 15, 45), roadCategory: 3)
        #expect(timings.category == .immediateEmergency)
        #expect(timings.calendarDayDuration == 3)
        #expect(timings.workingDayDuration == 3)
        #expect(!timings.isEarlyStart)
        #expect(timings.deadlineDate == Fixture.day("2026-07-20"))
        #expect(timings.deemingInstant == Fixture.utc("2026-07-20", 23))
        #expect(timings.validityPeriodEndDate == nil)
    }

    @Test("R-RESP-07: a PA progressed from a PAA keeps the PAA's later deadline")
    func progressedTimings() {
        let timings = PermitRules.timings(
            workType: .planned, isTTRORequired: true, immediateRisk: false,
            proposedStart: Fixture.uk("2026-06-01", 8), proposedEnd: Fixture.uk("2026-06-03", 18),
            submittedAt: Fixture.uk("2026-02-03", 14), priorApplications: [.progressed], progressingPAA: true,
            progressedPAADeadline: Fixture.day("2026-02-20"))
        #expect(timings.category == .major)
        #expect(timings.deadlineDate == Fixture.day("2026-02-20"))
        #expect(timings.deemingInstant == Fixture.utc("2026-02-21", 0))
    }
}
