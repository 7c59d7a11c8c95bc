import Domain
import Foundation
import Testing

@Suite("Sample inspection rules (R-SAMP, R-INSP-12)")
struct SamplingRulesTests {
    func numbers(
        baseline: Double? = 400, annual: [AnnualInspectionUnits]? = nil, rate: Double = 50, a: Double = 2,
        b: Double = 1, c: Double = 1
    ) -> SampleTargetNumbers {
        SampleTargetNumbers(
            inspectionUnitsBaseline: baseline, annualInspectionUnits: annual, inspectionRate: rate, targetA: a,
            targetB: b, targetC: c)
    }

    @Test("R-INSP-12, R-SAMP-04: categories a, b, c and references {WRN}-SI-A, -SI-B, -SI-C")
    func references() {
        #expect(SampleInspectionCategory.allCases.map(\.rawValue) == ["a", "b", "c"])
        #expect(SamplingRules.sampleReference(work: "AW00112345678", category: .c) == "AW00112345678-SI-C")
        #expect(SamplingRules.targetReference(highwayAuthority: "1001", sequence: 7) == "SIT-1001-0007")
        #expect(SamplingRules.targetReference(highwayAuthority: "1001", sequence: 12_345) == "SIT-1001-12345")
    }

    @Test("R-SAMP-03: rate 20–100 inclusive, whole targets, units required, sum within the quarterly quota")
    func targetNumbers() {
        #expect(SamplingRules.targetProblems(numbers()).isEmpty)
        #expect(SamplingRules.targetProblems(numbers(rate: 20)).isEmpty)
        #expect(SamplingRules.targetProblems(numbers(rate: 100)).isEmpty)
        #expect(SamplingRules.targetProblems(numbers(rate: 19.9)).map(\.field) == ["inspection_rate"])
        #expect(SamplingRules.targetProblems(numbers(a: 1.5)).map(\.field) == ["target_a"])
        #expect(SamplingRules.targetProblems(numbers(baseline: nil)).map(\.field) == ["inspection_units_baseline"])
        #expect(SamplingRules.targetProblems(numbers(a: 48)).isEmpty)  // 50 = the quota
        #expect(
            SamplingRules.targetProblems(numbers(a: 49)).map(\.field) == ["target_a", "target_b", "target_c"])
        let april = UKTime.startOfDay(LocalDate(year: 2025, month: 4, day: 1))
        let may = UKTime.startOfDay(LocalDate(year: 2025, month: 5, day: 1))
        let years = [
            AnnualInspectionUnits(financialYearStart: april, units: 200, isAutoCalculated: false),
            AnnualInspectionUnits(financialYearStart: may, units: 600, isAutoCalculated: false),
        ]
        #expect(
            SamplingRules.targetProblems(numbers(baseline: nil, annual: years)).map(\.field) == [
                "annual_inspection_units[1].financial_year_start_date"
            ])
        let twice = [years[0], years[0]]
        #expect(SamplingRules.targetProblems(numbers(baseline: nil, annual: twice)).count == 1)
        #expect(SamplingRules.yearlyUnits(numbers(baseline: nil, annual: [years[0]])) == 200)
        #expect(SamplingRules.yearlyUnits(numbers(baseline: 300, annual: [years[0]])) == 300)
    }

    @Test("R-SAMP-09, Q-15: quota = ceil(mean units × rate / 100 / 4)")
    func quota() {
        #expect(SamplingRules.quarterlyQuota(inspectionUnits: [400], inspectionRate: 50) == 50)
        #expect(SamplingRules.quarterlyQuota(inspectionUnits: [401], inspectionRate: 100) == 101)
        #expect(SamplingRules.quarterlyQuota(inspectionUnits: [100, 200, 300], inspectionRate: 20) == 10)
        #expect(
            SamplingRules.quotaProblems(inspectionUnits: [], inspectionRate: 50).map(\.field) == ["inspection_units"])
        #expect(
            SamplingRules.quotaProblems(inspectionUnits: [-1], inspectionRate: 150).map(\.field) == [
                "inspection_units[0]", "inspection_rate",
            ])
    }

    @Test("R-SAMP-04: a run issues its share of (target − issued), rounded up; completed ones are not counted")
    func allowance() {
        #expect(SamplingRules.allowance(target: 10, issued: 0, rate: 100) == 10)
        #expect(SamplingRules.allowance(target: 10, issued: 4, rate: 100) == 6)
        #expect(SamplingRules.allowance(target: 10, issued: 4, rate: 50) == 3)
        #expect(SamplingRules.allowance(target: 10, issued: 4, rate: 1) == 1)
        #expect(SamplingRules.allowance(target: 3, issued: 5, rate: 100) == 0)
        #expect(SamplingRules.generationRateProblem(0)?.field == "sample_inspection_rate")
        #expect(SamplingRules.generationRateProblem(100.1) != nil)
        #expect(SamplingRules.generationRateProblem(0.5) == nil)
    }

    @Test("R-SAMP-09: quarters start on 1 Apr/Jul/Oct/Jan (UK), once begun, one at a time, going forward")
    func quarters() throws {
        let today = LocalDate(year: 2026, month: 5, day: 1)
        let april = UKTime.startOfDay(LocalDate(year: 2026, month: 4, day: 1))
        #expect(
            try SamplingRules.startQuarter(april, latest: nil, today: today) == LocalDate(year: 2026, month: 4, day: 1))
        #expect(throws: SamplingProblem.self) {
            try SamplingRules.startQuarter(april.addingTimeInterval(86_400), latest: nil, today: today)
        }
        let july = UKTime.startOfDay(LocalDate(year: 2026, month: 7, day: 1))
        #expect(throws: SamplingProblem.self) { try SamplingRules.startQuarter(july, latest: nil, today: today) }
        let january = UKTime.startOfDay(LocalDate(year: 2026, month: 1, day: 1))
        #expect(throws: SamplingProblem.self) {
            try SamplingRules.startQuarter(april, latest: (january, .started), today: today)
        }
        #expect(throws: SamplingProblem.self) {
            try SamplingRules.startQuarter(january, latest: (january, .ended), today: today)
        }
        #expect(try SamplingRules.startQuarter(april, latest: (january, .ended), today: today).month == 4)
        let quarter = SamplingRules.quarter(startingOn: LocalDate(year: 2026, month: 10, day: 1))
        #expect(quarter.start == UKTime.startOfDay(LocalDate(year: 2026, month: 10, day: 1)))
        #expect(quarter.end == UKTime.startOfDay(LocalDate(year: 2027, month: 1, day: 1)))
        #expect(throws: SamplingProblem.self) { try SamplingRules.endQuarter(latest: nil) }
        #expect(throws: SamplingProblem.self) { try SamplingRules.revertEndQuarter(latest: .started) }
        try SamplingRules.endQuarter(latest: .started)
        try SamplingRules.revertEndQuarter(latest: .ended)
    }

    @Test(
        "R-SAMP-05, R-SAMP-06: expiry at the actual stop else the proposed end; a withdrawal reopens only a live sample"
    )
    func expiry() {
        let end = Date(timeIntervalSince1970: 1_800_000_000)
        let stop = end.addingTimeInterval(-3600)
        #expect(SamplingRules.categoryAExpiry(proposedEnd: end, actualStop: nil) == end)
        #expect(SamplingRules.categoryAExpiry(proposedEnd: end, actualStop: stop) == stop)
        #expect(SamplingRules.statusAfterWithdrawal(expiry: end, targetActive: true, at: stop) == .issued)
        #expect(SamplingRules.statusAfterWithdrawal(expiry: end, targetActive: false, at: stop) == .expired)
        #expect(SamplingRules.statusAfterWithdrawal(expiry: stop, targetActive: true, at: end) == .expired)
    }
}
