import Domain
import Foundation
import Testing

@Suite("R-TIME-10: UK local time")
struct UKTimeTests {
    @Test("R-TIME-10: a 23:30Z instant in BST falls on the next UK day")
    func bstLateEvening() {
        let instant = Fixture.utc("2026-07-15", 23, 30)
        #expect(UKTime.localDate(of: instant) == Fixture.day("2026-07-16"))
        #expect(UKTime.localTime(of: instant) == LocalTime(hour: 0, minute: 30))
    }

    @Test("R-TIME-10: in winter UK local time is UTC")
    func winter() {
        let instant = Fixture.utc("2026-01-15", 23, 30, 15)
        #expect(UKTime.localDate(of: instant) == Fixture.day("2026-01-15"))
        #expect(UKTime.localTime(of: instant) == LocalTime(hour: 23, minute: 30, second: 15))
    }

    @Test("R-TIME-10: start of a UK day is 00:00Z in winter and 23:00Z the day before in BST")
    func startOfDay() {
        #expect(UKTime.startOfDay(Fixture.day("2026-01-15")) == Fixture.utc("2026-01-15", 0))
        #expect(UKTime.startOfDay(Fixture.day("2026-07-15")) == Fixture.utc("2026-07-14", 23))
    }

    @Test("R-TIME-10: start of day is right on both clock-change days")
    func clockChangeDays() {
        // Clocks go forward at 01:00Z on 2026-03-29 and back at 01:00Z on 2026-10-25.
        #expect(UKTime.startOfDay(Fixture.day("2026-03-29")) == Fixture.utc("2026-03-29", 0))
        #expect(UKTime.startOfDay(Fixture.day("2026-03-30")) == Fixture.utc("2026-03-29", 23))
        #expect(UKTime.startOfDay(Fixture.day("2026-10-25")) == Fixture.utc("2026-10-24", 23))
        #expect(UKTime.startOfDay(Fixture.day("2026-10-26")) == Fixture.utc("2026-10-26", 0))
        #expect(UKTime.localDate(of: Fixture.utc("2026-10-24", 23, 30)) == Fixture.day("2026-10-25"))
        #expect(UKTime.localTime(of: Fixture.utc("2026-03-29", 1, 30)) == LocalTime(hour: 2, minute: 30))
    }

    @Test("R-TIME-06: 16:30 UK local is 16:30Z in winter and 15:30Z in BST")
    func cutOffInstants() {
        #expect(Fixture.uk("2026-01-15", 16, 30) == Fixture.utc("2026-01-15", 16, 30))
        #expect(Fixture.uk("2026-07-15", 16, 30) == Fixture.utc("2026-07-15", 15, 30))
    }

    @Test("R-TIME-10: a skipped local time moves forward; a repeated one takes the BST occurrence")
    func clockChangeWallTimes() {
        #expect(Fixture.uk("2026-03-29", 1, 30) == Fixture.utc("2026-03-29", 1, 30))
        #expect(Fixture.uk("2026-10-25", 1, 30) == Fixture.utc("2026-10-25", 0, 30))
    }
}
