import Domain
import Foundation
import Testing

@Suite("R-TIME-05: England-and-Wales bank holidays")
struct BankHolidaysTests {
    private func bundled(year: Int) -> [LocalDate] {
        BankHolidays.englandAndWales.filter { $0.year == year }
    }

    @Test("R-TIME-05: the bundled 2027–2030 dates match the standard rule")
    func futureYearsMatchRule() {
        for year in 2027...2030 {
            #expect(bundled(year: year) == BankHolidays.standardRule(year: year), "\(year)")
        }
    }

    @Test("R-TIME-05: the bundled 2024–2026 dates are the published gov.uk dates")
    func publishedRecentYears() {
        let published: [Int: [String]] = [
            2024: [
                "2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25",
                "2024-12-26",
            ],
            2025: [
                "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25",
                "2025-12-26",
            ],
            2026: [
                "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25",
                "2026-12-28",
            ],
        ]
        for (year, dates) in published {
            #expect(bundled(year: year).map(\.iso) == dates, "\(year)")
            #expect(BankHolidays.standardRule(year: year).map(\.iso) == dates, "rule \(year)")
        }
    }

    @Test("R-TIME-05: years without one-off holidays follow the standard rule")
    func ordinaryPastYears() {
        for year in [2018, 2019, 2021, 2024, 2025, 2026] {
            #expect(bundled(year: year) == BankHolidays.standardRule(year: year), "\(year)")
        }
    }

    @Test("R-TIME-05: one-off holidays of 2020, 2022 and 2023 are bundled")
    func specialHolidays() {
        let list = Set(BankHolidays.englandAndWalesISO)
        #expect(list.contains("2020-05-08"))
        #expect(!list.contains("2020-05-04"))
        #expect(list.isSuperset(of: ["2022-06-02", "2022-06-03", "2022-09-19"]))
        #expect(!list.contains("2022-05-30"))
        #expect(list.contains("2023-05-08"))
        #expect(bundled(year: 2022).count == 10)
        #expect(bundled(year: 2023).count == 9)
    }

    @Test("R-TIME-05: substitute days replace holidays falling at a weekend")
    func substitutes() {
        let list = Set(BankHolidays.englandAndWalesISO)
        #expect(
            list.isSuperset(of: [
                "2020-12-28", "2021-12-27", "2021-12-28", "2022-01-03", "2022-12-27",
                "2023-01-02", "2026-12-28", "2027-12-27", "2027-12-28", "2028-01-03",
            ]))
        #expect(!list.contains("2026-12-26"))
    }

    @Test("R-TIME-05: the list is ascending, unique, weekdays only and covers 2018–2030")
    func wellFormed() {
        let dates = BankHolidays.englandAndWales
        #expect(dates == dates.sorted())
        #expect(Set(dates).count == dates.count)
        #expect(dates.allSatisfy { !$0.isWeekend })
        #expect(Set(dates.map(\.year)) == Set(BankHolidays.firstYear...BankHolidays.lastYear))
        #expect(BankHolidays.firstYear == 2018 && BankHolidays.lastYear >= 2030)
    }

    @Test("R-TIME-05: Easter Sunday by the Gregorian computus")
    func easter() {
        let known = [
            "2019-04-21", "2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16",
            "2029-04-01", "2030-04-21", "2038-04-25", "2285-03-22",
        ]
        for iso in known {
            let date = Fixture.day(iso)
            #expect(BankHolidays.easterSunday(year: date.year) == date)
        }
    }

    @Test("R-TIME-05: beyond the bundled years only weekends are non-working")
    func beyondHorizon() {
        #expect(Fixture.calendar.isWorkingDay(Fixture.day("2031-12-25")))
        #expect(Fixture.calendar.isWorkingDay(Fixture.day("2031-01-01")))
    }
}
