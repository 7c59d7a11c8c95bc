import Domain
import Foundation
import Testing

@Suite("R-RESP: response periods, deadlines and deeming")
struct ResponseRulesTests {
    private func deadline(_ category: WorkCategory, _ submitted: Date) -> LocalDate {
        PermitRules.deadlineDate(category: category, submittedAt: submitted)
    }

    /// Monday 5 January 2026, 10:00.
    private let monday = Fixture.uk("2026-01-05", 10)

    @Test("R-RESP-01: a major PAA has 28 calendar days")
    func paaRow() {
        #expect(PermitRules.responsePeriod(.paa) == .calendarDays(28))
        #expect(deadline(.paa, monday) == Fixture.day("2026-02-02"))
    }

    @Test("R-RESP-01: a major PA has 5 working days")
    func majorRow() {
        #expect(PermitRules.responsePeriod(.major) == .workingDays(5))
        // Day 1 is Tuesday 6 January; day 5 is Monday 12 January.
        #expect(deadline(.major, monday) == Fixture.day("2026-01-12"))
    }

    @Test("R-RESP-01: a standard PA has 5 working days")
    func standardRow() {
        #expect(PermitRules.responsePeriod(.standard) == .workingDays(5))
        #expect(deadline(.standard, monday) == Fixture.day("2026-01-12"))
    }

    @Test("R-RESP-01: a minor PA has 2 working days")
    func minorRow() {
        #expect(PermitRules.responsePeriod(.minor) == .workingDays(2))
        #expect(deadline(.minor, monday) == Fixture.day("2026-01-07"))
    }

    @Test("R-RESP-01: an immediate PA has 2 working days")
    func immediateRow() {
        #expect(PermitRules.responsePeriod(.immediateUrgent) == .workingDays(2))
        #expect(PermitRules.responsePeriod(.immediateEmergency) == .workingDays(2))
        // Friday 20:00 counts from Monday 12 January; deadline Wednesday 14 January.
        #expect(deadline(.immediateEmergency, Fixture.uk("2026-01-09", 20)) == Fixture.day("2026-01-14"))
    }

    @Test("R-RESP-01: a modified PA (reply to a PMR) has 2 working days")
    func modifiedRow() {
        #expect(PermitRules.modifiedPermitResponsePeriod == .workingDays(2))
        let date = PermitRules.deadlineDate(period: PermitRules.modifiedPermitResponsePeriod, submittedAt: monday)
        #expect(date == Fixture.day("2026-01-07"))
    }

    @Test("R-RESP-01: a change request or works extension has 2 working days")
    func changeRequestRow() {
        #expect(PermitRules.changeRequestResponsePeriod == .workingDays(2))
        let date = PermitRules.deadlineDate(
            period: PermitRules.changeRequestResponsePeriod, submittedAt: Fixture.uk("2026-12-23", 10))
        #expect(date == Fixture.day("2026-12-29"))
    }

    @Test("R-RESP-01: an HS2 highway application has 28 days (42 for TfL)")
    func hs2Row() {
        #expect(PermitRules.responsePeriod(.hs2Highway) == .calendarDays(28))
        #expect(PermitRules.responsePeriod(.hs2Highway, highwayAuthorityIsTfL: true) == .calendarDays(42))
        #expect(deadline(.hs2Highway, monday) == Fixture.day("2026-02-02"))
        #expect(
            PermitRules.deadlineDate(category: .hs2Highway, submittedAt: monday, highwayAuthorityIsTfL: true)
                == Fixture.day("2026-02-16"))
    }

    @Test("R-TIME-11: PAA given Tuesday 14:00 has its deadline on Tuesday four weeks later")
    func paaWorkedExampleOnTime() {
        #expect(deadline(.paa, Fixture.uk("2026-02-03", 14)) == Fixture.day("2026-03-03"))
    }

    @Test("R-TIME-11: PAA given Tuesday 16:31 has its deadline on Wednesday four weeks later")
    func paaWorkedExampleLate() {
        #expect(deadline(.paa, Fixture.uk("2026-02-03", 16, 31)) == Fixture.day("2026-03-04"))
    }

    @Test("R-TIME-11: a calendar-day deadline may fall on a bank holiday")
    func paaDeadlineOnHoliday() {
        #expect(deadline(.paa, Fixture.uk("2026-11-30", 10)) == Fixture.day("2026-12-28"))
    }

    @Test("R-TIME-11: working-day deadlines skip Christmas 2026")
    func christmasDeadline() {
        // Effective Tuesday 29 December; days 1–5: 30, 31 Dec, 4, 5, 6 Jan.
        #expect(deadline(.standard, Fixture.uk("2026-12-24", 16, 45)) == Fixture.day("2027-01-06"))
        #expect(deadline(.minor, Fixture.uk("2026-12-23", 10)) == Fixture.day("2026-12-29"))
    }

    @Test("R-TIME-11: working-day deadlines skip Easter 2027")
    func easterDeadline() {
        // Thursday 25 March 2027: day 1 Tuesday 30 March, day 2 Wednesday 31 March.
        #expect(deadline(.minor, Fixture.uk("2027-03-25", 11)) == Fixture.day("2027-03-31"))
    }

    @Test("R-TIME-06: in BST 15:45Z is after the cut-off, moving the deadline a day")
    func bstCutOffDeadline() {
        // Wednesday 15 July 2026 15:45Z = 16:45 BST, effective Thursday; day 2 is Monday 20 July.
        #expect(deadline(.minor, Fixture.utc("2026-07-15", 15, 45)) == Fixture.day("2026-07-20"))
        #expect(deadline(.minor, Fixture.utc("2026-07-15", 15, 15)) == Fixture.day("2026-07-17"))
    }

    @Test("R-RESP-04: deeming is at the end of the deadline date, UK local (Q-03)")
    func deemingInstant() {
        #expect(PermitRules.deemingInstant(deadline: Fixture.day("2026-01-12")) == Fixture.utc("2026-01-13", 0))
        #expect(PermitRules.deemingInstant(deadline: Fixture.day("2026-07-15")) == Fixture.utc("2026-07-15", 23))
        #expect(PermitRules.deemingInstant(deadline: Fixture.day("2026-10-24")) == Fixture.utc("2026-10-24", 23))
        #expect(PermitRules.deemingInstant(deadline: Fixture.day("2026-03-28")) == Fixture.utc("2026-03-29", 0))
    }

    @Test("R-RESP-03: a submitted application deems once the deeming instant is reached")
    func deemsAtInstant() {
        let deadline = Fixture.day("2026-07-15")
        let instant = PermitRules.deemingInstant(deadline: deadline)
        #expect(!PermitRules.isDeemed(status: .submitted, deadline: deadline, at: instant.addingTimeInterval(-1)))
        #expect(PermitRules.isDeemed(status: .submitted, deadline: deadline, at: instant))
    }

    @Test("R-RESP-09: under_assessment does not pause deeming (Q-04)")
    func underAssessmentDeems() {
        let deadline = Fixture.day("2026-07-15")
        #expect(PermitRules.isDeemed(status: .underAssessment, deadline: deadline, at: Fixture.uk("2026-07-16", 0)))
    }

    @Test("R-RESP-05: a permit in modification request does not deem")
    func pmrDoesNotDeem() {
        let deadline = Fixture.day("2026-07-15")
        #expect(
            !PermitRules.isDeemed(
                status: .permitModificationRequest, deadline: deadline, at: Fixture.uk("2026-08-01", 0)))
        #expect(!PermitRules.isDeemed(status: .granted, deadline: deadline, at: Fixture.uk("2026-08-01", 0)))
    }

    @Test("R-RESP-07: a PA progressed from a PAA keeps the later deadline")
    func progressedDeadline() {
        let own = Fixture.day("2026-01-12")
        #expect(
            PermitRules.progressedDeadlineDate(ownDeadline: own, paaDeadline: Fixture.day("2026-01-20"))
                == Fixture.day("2026-01-20"))
        #expect(PermitRules.progressedDeadlineDate(ownDeadline: own, paaDeadline: Fixture.day("2026-01-02")) == own)
    }
}
