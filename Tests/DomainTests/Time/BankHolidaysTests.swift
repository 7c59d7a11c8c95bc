import Domain
import Foundation
import Testing

@Suite("R-TIME-05: England-and-Wales bank holidays")
struct BankHolidaysTests {
    private func computed(_ year: Int) -> [String] {
        BankHolidays.englandAndWales(year: year).map(\.iso)
    }

    /// The gov.uk England-and-Wales dates 2018–2026, as bundled before the list was computed.
    static let published: [Int: [String]] = [
        2018: [
            "2018-01-01", "2018-03-30", "2018-04-02", "2018-05-07", "2018-05-28", "2018-08-27", "2018-12-25",
            "2018-12-26",
        ],
        2019: [
            "2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06", "2019-05-27", "2019-08-26", "2019-12-25",
            "2019-12-26",
        ],
        2020: [
            "2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25",
            "2020-12-28",
        ],
        2021: [
            "2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27",
            "2021-12-28",
        ],
        2022: [
            "2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29",
            "2022-09-19", "2022-12-26", "2022-12-27",
        ],
        2023: [
            "2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28",
            "2023-12-25", "2023-12-26",
        ],
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

    @Test("R-TIME-05: the computed dates 2018–2026 are the published gov.uk dates")
    func publishedYears() {
        for year in 2018...2026 {
            #expect(computed(year) == Self.published[year], "\(year)")
        }
    }

    @Test("R-TIME-05: years without one-off changes follow the standard rule")
    func ordinaryYears() {
        for year in [2018, 2019, 2021, 2024, 2025, 2026, 2027, 2028, 2031, 2049] {
            #expect(BankHolidays.englandAndWales(year: year) == BankHolidays.standardRule(year: year), "\(year)")
        }
    }

    @Test("R-TIME-05: the one-off changes of 1995, 1999, 2002, 2011 and 2012 are applied")
    func olderOneOffChanges() {
        // VE Day 50th anniversary in place of the early May holiday.
        #expect(
            computed(1995) == [
                "1995-01-02", "1995-04-14", "1995-04-17", "1995-05-08", "1995-05-29", "1995-08-28", "1995-12-25",
                "1995-12-26",
            ])
        // Millennium, on top of the Christmas and Boxing Day substitutes.
        #expect(
            computed(1999) == [
                "1999-01-01", "1999-04-02", "1999-04-05", "1999-05-03", "1999-05-31", "1999-08-30", "1999-12-27",
                "1999-12-28", "1999-12-31",
            ])
        // Golden Jubilee: spring holiday moved from 27 May to 4 June, plus 3 June.
        #expect(
            computed(2002) == [
                "2002-01-01", "2002-03-29", "2002-04-01", "2002-05-06", "2002-06-03", "2002-06-04", "2002-08-26",
                "2002-12-25", "2002-12-26",
            ])
        // Royal wedding.
        #expect(
            computed(2011) == [
                "2011-01-03", "2011-04-22", "2011-04-25", "2011-04-29", "2011-05-02", "2011-05-30", "2011-08-29",
                "2011-12-26", "2011-12-27",
            ])
        // Diamond Jubilee: spring holiday moved from 28 May to 4 June, plus 5 June.
        #expect(
            computed(2012) == [
                "2012-01-02", "2012-04-06", "2012-04-09", "2012-05-07", "2012-06-04", "2012-06-05", "2012-08-27",
                "2012-12-25", "2012-12-26",
            ])
    }

    @Test("R-TIME-05: the one-off changes of 2020, 2022 and 2023 replace the regular days")
    func recentOneOffChanges() {
        #expect(computed(2020).contains("2020-05-08") && !computed(2020).contains("2020-05-04"))
        #expect(Set(computed(2022)).isSuperset(of: ["2022-06-02", "2022-06-03", "2022-09-19"]))
        #expect(!computed(2022).contains("2022-05-30"))
        #expect(computed(2022).count == 10)
        #expect(computed(2023).contains("2023-05-08") && computed(2023).count == 9)
        // The regular rule alone gives the moved days, so the change really comes from the table.
        #expect(BankHolidays.standardRule(year: 2022).map(\.iso).contains("2022-05-30"))
        #expect(BankHolidays.standardRule(year: 2020).map(\.iso).contains("2020-05-04"))
    }

    @Test("R-TIME-05: years far ahead have the regular eight days, Easter-based ones from the computus")
    func farYears() {
        let expected: [Int: [String]] = [
            2031: [
                "2031-01-01", "2031-04-11", "2031-04-14", "2031-05-05", "2031-05-26", "2031-08-25", "2031-12-25",
                "2031-12-26",
            ],
            2035: [
                "2035-01-01", "2035-03-23", "2035-03-26", "2035-05-07", "2035-05-28", "2035-08-27", "2035-12-25",
                "2035-12-26",
            ],
            2049: [
                "2049-01-01", "2049-04-16", "2049-04-19", "2049-05-03", "2049-05-31", "2049-08-30", "2049-12-27",
                "2049-12-28",
            ],
            2100: [
                "2100-01-01", "2100-03-26", "2100-03-29", "2100-05-03", "2100-05-31", "2100-08-30", "2100-12-27",
                "2100-12-28",
            ],
        ]
        for (year, dates) in expected {
            #expect(computed(year) == dates, "\(year)")
        }
        let easters = ["2031-04-13", "2035-03-25", "2049-04-18", "2100-03-28"]
        for iso in easters {
            let easter = Fixture.day(iso)
            #expect(BankHolidays.easterSunday(year: easter.year) == easter)
            let holidays = BankHolidays.englandAndWales(year: easter.year)
            #expect(holidays.contains(easter.adding(days: -2)), "Good Friday \(easter.year)")
            #expect(holidays.contains(easter.adding(days: 1)), "Easter Monday \(easter.year)")
        }
    }

    @Test("R-TIME-05: every year 1978–2200 has 8 to 10 weekdays, ascending and unique")
    func wellFormed() {
        for year in 1978...2200 {
            let dates = BankHolidays.englandAndWales(year: year)
            #expect((8...10).contains(dates.count), "\(year)")
            #expect(dates == dates.sorted() && Set(dates).count == dates.count, "\(year)")
            #expect(dates.allSatisfy { !$0.isWeekend && $0.year == year }, "\(year)")
        }
    }

    @Test("R-TIME-05: substitute days replace holidays falling at a weekend")
    func substitutes() {
        // Christmas Saturday, Boxing Day Sunday (2021, 2027); Christmas Sunday (2022); New Year
        // on a Saturday (2022, 2028) or a Sunday (2023, 2034).
        #expect(Set(computed(2021)).isSuperset(of: ["2021-12-27", "2021-12-28"]))
        #expect(Set(computed(2022)).isSuperset(of: ["2022-01-03", "2022-12-26", "2022-12-27"]))
        #expect(Set(computed(2027)).isSuperset(of: ["2027-12-27", "2027-12-28"]))
        #expect(computed(2028).first == "2028-01-03")
        #expect(computed(2023).first == "2023-01-02")
        #expect(computed(2034).first == "2034-01-02")
        #expect(!computed(2026).contains("2026-12-26") && computed(2026).contains("2026-12-28"))
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

    @Test("R-TIME-05 (Q-08): there is no horizon: bank holidays after 2030 are not working days")
    func noHorizon() {
        let calendar = WorkingDayCalendar.englandAndWales
        for iso in ["2031-01-01", "2031-12-25", "2049-12-27", "2100-08-30", "2500-12-27"] {
            #expect(!calendar.isWorkingDay(Fixture.day(iso)), "\(iso)")
        }
        #expect(calendar.isWorkingDay(Fixture.day("2031-12-29")))
        #expect(calendar.holidays(in: 2049) == BankHolidays.englandAndWales(year: 2049))
        // Christmas 2049: Friday 24 is the last working day before Wednesday 29.
        #expect(calendar.nextWorkingDay(after: Fixture.day("2049-12-24")) == Fixture.day("2049-12-29"))
    }

    @Test("R-TIME-05: concurrent callers all see the same holidays")
    func concurrentCallers() async {
        let years = Array(2150...2250)
        let results = await withTaskGroup(of: (Int, [LocalDate]).self) { group in
            for round in 0..<8 {
                for year in years {
                    group.addTask {
                        let calendar = WorkingDayCalendar.englandAndWales
                        _ = calendar.isWorkingDay(LocalDate(year: year, month: 12, day: 25 + round % 3))
                        return (year, BankHolidays.englandAndWales(year: year))
                    }
                }
            }
            var all: [(Int, [LocalDate])] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == years.count * 8)
        #expect(results.allSatisfy { year, dates in dates == BankHolidays.standardRule(year: year) })
    }
}
