import Domain
import Foundation
import Testing

@Suite("R-TIME-10: local dates")
struct LocalDateTests {
    @Test("R-TIME-10: dates parse from and print as YYYY-MM-DD")
    func isoRoundTrip() {
        let date = LocalDate(iso: "2026-03-09")
        #expect(date == LocalDate(year: 2026, month: 3, day: 9))
        #expect(date?.iso == "2026-03-09")
        #expect(LocalDate(year: 987, month: 1, day: 2).iso == "0987-01-02")
        #expect(LocalDate(iso: "2024-02-29") != nil)
    }

    @Test("R-TIME-10: malformed or impossible dates are rejected")
    func rejectsBadDates() {
        for text in [
            "2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-4-01", "2026-04-1", "20260401",
            "2026-04-01T00:00:00Z", "abcd-ef-gh", "", "2026/04/01", "+202-04-01",
        ] {
            #expect(LocalDate(iso: text) == nil, "\(text)")
        }
    }

    @Test("R-TIME-10: adding days crosses months, years and leap days")
    func addingDays() {
        #expect(Fixture.day("2026-12-31").adding(days: 1) == Fixture.day("2027-01-01"))
        #expect(Fixture.day("2024-02-28").adding(days: 1) == Fixture.day("2024-02-29"))
        #expect(Fixture.day("2025-02-28").adding(days: 1) == Fixture.day("2025-03-01"))
        #expect(Fixture.day("2026-03-01").adding(days: -1) == Fixture.day("2026-02-28"))
        #expect(Fixture.day("2026-01-05").adding(days: 84) == Fixture.day("2026-03-30"))
        #expect(Fixture.day("2026-01-05").days(until: Fixture.day("2026-03-30")) == 84)
        #expect(Fixture.day("1970-01-01").dayNumber == 0)
        #expect(Fixture.day("1969-12-31").dayNumber == -1)
    }

    @Test("R-TIME-10: day numbers round-trip and step one date at a time over 800 years")
    func dayNumberRoundTrip() {
        let first = Fixture.day("1800-01-01").dayNumber
        var previous = LocalDate(dayNumber: first)
        var mismatches = 0
        for number in (first + 1)...(first + 146_097 * 2) {
            let date = LocalDate(dayNumber: number)
            let followsOn =
                (date.year == previous.year && date.month == previous.month && date.day == previous.day + 1)
                || (date.day == 1 && previous.day == LocalDate.daysInMonth(year: previous.year, month: previous.month)
                    && (date.month == previous.month + 1 && date.year == previous.year
                        || date.month == 1 && previous.month == 12 && date.year == previous.year + 1))
            if date.dayNumber != number || !followsOn { mismatches += 1 }
            previous = date
        }
        #expect(mismatches == 0)
        #expect(previous == Fixture.day("2600-01-01"))
    }

    @Test("R-TIME-04: weekdays")
    func weekdays() {
        #expect(Fixture.day("1970-01-01").weekday == .thursday)
        #expect(Fixture.day("1969-12-31").weekday == .wednesday)
        #expect(Fixture.day("2026-01-01").weekday == .thursday)
        #expect(Fixture.day("2026-12-26").weekday == .saturday)
        #expect(Fixture.day("2026-12-27").weekday == .sunday)
        #expect(Fixture.day("2027-03-29").weekday == .monday)
        #expect(Fixture.day("2026-12-26").isWeekend)
        #expect(!Fixture.day("2026-12-25").isWeekend)
    }

    @Test("R-TIME-10: dates order chronologically")
    func ordering() {
        #expect(Fixture.day("2026-01-31") < Fixture.day("2026-02-01"))
        #expect(Fixture.day("2025-12-31") < Fixture.day("2026-01-01"))
        #expect(max(Fixture.day("2026-03-04"), Fixture.day("2026-03-03")) == Fixture.day("2026-03-04"))
    }

    @Test("R-TIME-10: dates encode as a JSON string YYYY-MM-DD")
    func codable() throws {
        let data = try JSONEncoder().encode([Fixture.day("2026-12-25")])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-12-25"]"#)
        let decoded = try JSONDecoder().decode([LocalDate].self, from: Data(#"["2027-03-29"]"#.utf8))
        #expect(decoded == [Fixture.day("2027-03-29")])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([LocalDate].self, from: Data(#"["2027-02-30"]"#.utf8))
        }
    }
}
