import Foundation

/// R-INSP-12: the categories of sample inspection (wire values of `InspectionCategoryResponse`'s
/// sampling members): A during the works, B within 6 months after a reinstatement, C within the
/// 3 months before the permanent reinstatement's guarantee ends.
public enum SampleInspectionCategory: String, Sendable, Hashable, Codable, CaseIterable {
    case a
    case b
    case c

    /// `A`, `B`, `C`: the last part of a sample's reference (R-SAMP-04).
    public var letter: String { rawValue.uppercased() }
}

/// R-SAMP-05, R-SAMP-06, R-SAMP-08: a sample is issued, then completed by an inspection of its
/// category or expired (by the daily job, or when its target closes, R-SAMP-07).
public enum SampleInspectionStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case issued
    case completed
    case expired
}

/// R-SAMP-02, R-SAMP-07: a target is active until it is closed.
public enum SampleTargetStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case active
    case closed
}

/// R-SAMP-04: a generation request is a job (wire values of `AsyncJobStatusResponse`).
public enum SampleGenerationJobStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case queued
    case inProgress = "in_progress"
    case complete
    case failed
}

/// R-SAMP-09 (D-SAMPLING): a highway authority's quarter is started, then ended (an end can be
/// reverted while no later quarter has started).
public enum SampleQuarterStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case started
    case ended
}

/// The inspection units of one financial year (`AnnualInspectionUnitsSummary`).
public struct AnnualInspectionUnits: Sendable, Hashable {
    public var financialYearStart: Date
    public var units: Double?
    public var isAutoCalculated: Bool

    public init(financialYearStart: Date, units: Double?, isAutoCalculated: Bool) {
        self.financialYearStart = financialYearStart
        self.units = units
        self.isAutoCalculated = isAutoCalculated
    }
}

/// What a create or update of a target sends (R-SAMP-03).
public struct SampleTargetNumbers: Sendable, Hashable {
    public var inspectionUnitsBaseline: Double?
    public var annualInspectionUnits: [AnnualInspectionUnits]?
    public var inspectionRate: Double
    public var targetA: Double
    public var targetB: Double
    public var targetC: Double

    public init(
        inspectionUnitsBaseline: Double?, annualInspectionUnits: [AnnualInspectionUnits]?, inspectionRate: Double,
        targetA: Double, targetB: Double, targetC: Double
    ) {
        self.inspectionUnitsBaseline = inspectionUnitsBaseline
        self.annualInspectionUnits = annualInspectionUnits
        self.inspectionRate = inspectionRate
        self.targetA = targetA
        self.targetB = targetB
        self.targetC = targetC
    }

    public func target(_ category: SampleInspectionCategory) -> Double {
        switch category {
        case .a: targetA
        case .b: targetB
        case .c: targetC
        }
    }
}

/// Why a sampling value or step is refused; `message` names the rule first. Bad input names the
/// field; a state rule (a 412) has none.
public struct SamplingProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String?
    public var message: String

    public init(field: String?, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { field.map { "\($0) \(message)" } ?? message }
}

/// The sampling rules (R-SAMP-01 … R-SAMP-09, R-INSP-12) as pure functions; decisions on the
/// open ones are D-SAMPLING in docs/decisions.md.
public enum SamplingRules {
    /// R-SAMP-03: the inspection rate is a percentage from 20 to 100, both included (D-SAMPLING).
    public static let inspectionRates: ClosedRange<Double> = 20...100
    /// R-SAMP-02: a highway authority samples up to 30 promoters (active targets).
    public static let maximumActiveTargets = 30
    /// R-SAMP-05 (D-SAMPLING): the daily expiry job runs at 17:00 UK local time.
    public static let expiryTime = LocalTime(hour: 17, minute: 0)
    /// R-SAMP-05: category B samples expire 6 months after the reinstatement, C at the end of
    /// the guarantee, looked for within 3 months of it.
    public static let categoryBMonths = 6
    public static let categoryCMonths = 3

    /// `{WRN}-SI-A` (R-SAMP-04): one reference a works record and category.
    public static func sampleReference(work: String, category: SampleInspectionCategory) -> String {
        "\(work)-SI-\(category.letter)"
    }

    /// `SIT-{HA SWA code}-{NNNN}` (D-SAMPLING): numbered per highway authority from 0001.
    public static func targetReference(highwayAuthority: String, sequence: Int) -> String {
        let number = String(sequence)
        return "SIT-\(highwayAuthority)-" + String(repeating: "0", count: max(0, 4 - number.count)) + number
    }

    /// R-SAMP-09, Q-15 (D-SAMPLING): the quarterly quota of sample inspections: a quarter of the
    /// average annual inspection units given, times the inspection rate (a percentage), rounded
    /// up to a whole inspection. Nil when no units are given.
    public static func quarterlyQuota(inspectionUnits: [Double], inspectionRate: Double) -> Int? {
        guard !inspectionUnits.isEmpty else { return nil }
        let average = inspectionUnits.reduce(0, +) / Double(inspectionUnits.count)
        let quota = average * inspectionRate / 100 / 4
        // A quota a rounding error above a whole number is that number.
        return Int((quota - 1e-9).rounded(.up))
    }

    /// R-SAMP-09: what `GET /sample-inspection-quota` is asked, checked.
    public static func quotaProblems(inspectionUnits: [Double], inspectionRate: Double) -> [SamplingProblem] {
        var problems: [SamplingProblem] = []
        if inspectionUnits.isEmpty {
            problems.append(SamplingProblem(field: "inspection_units", "R-SAMP-09: at least one number is required"))
        }
        for (index, units) in inspectionUnits.enumerated() where !isWholeCount(units) {
            problems.append(
                SamplingProblem(field: "inspection_units[\(index)]", "R-SAMP-03: must be a whole number of 0 or more"))
        }
        if let problem = rateProblem(inspectionRate) { problems.append(problem) }
        return problems
    }

    static func rateProblem(_ rate: Double) -> SamplingProblem? {
        guard !rate.isFinite || !inspectionRates.contains(rate) else { return nil }
        return SamplingProblem(field: "inspection_rate", "R-SAMP-03: must be from 20 to 100 (a percentage)")
    }

    static func isWholeCount(_ value: Double) -> Bool {
        value.isFinite && value >= 0 && value.rounded() == value && value < 1e12
    }

    /// R-SAMP-03: the yearly inspection units of a target: the baseline when given, else the
    /// average of the annual units sent (D-SAMPLING).
    public static func yearlyUnits(_ numbers: SampleTargetNumbers) -> Double? {
        if let baseline = numbers.inspectionUnitsBaseline { return baseline }
        let units = (numbers.annualInspectionUnits ?? []).compactMap(\.units)
        guard !units.isEmpty else { return nil }
        return units.reduce(0, +) / Double(units.count)
    }

    /// R-SAMP-03: the numbers of a target checked; every problem, each naming its field.
    public static func targetProblems(_ numbers: SampleTargetNumbers) -> [SamplingProblem] {
        var problems: [SamplingProblem] = []
        if let baseline = numbers.inspectionUnitsBaseline, !isWholeCount(baseline) {
            problems.append(
                SamplingProblem(field: "inspection_units_baseline", "R-SAMP-03: must be a whole number of 0 or more"))
        }
        var years: Set<LocalDate> = []
        for (index, year) in (numbers.annualInspectionUnits ?? []).enumerated() {
            let field = "annual_inspection_units[\(index)]"
            let date = UKTime.localDate(of: year.financialYearStart)
            if !isFinancialYearStart(date) {
                problems.append(
                    SamplingProblem(
                        field: "\(field).financial_year_start_date",
                        "R-SAMP-03: must be the start of a financial year (1 April, UK time)"))
            } else if !years.insert(date).inserted {
                problems.append(
                    SamplingProblem(
                        field: "\(field).financial_year_start_date", "R-SAMP-03: the same financial year twice"))
            }
            if let units = year.units {
                if !isWholeCount(units) {
                    problems.append(
                        SamplingProblem(
                            field: "\(field).annual_inspection_units", "R-SAMP-03: must be a whole number of 0 or more")
                    )
                }
            } else if numbers.inspectionUnitsBaseline == nil {
                problems.append(
                    SamplingProblem(
                        field: "\(field).annual_inspection_units",
                        "R-SAMP-03: is required when inspection_units_baseline is absent"))
            }
        }
        if numbers.inspectionUnitsBaseline == nil && (numbers.annualInspectionUnits ?? []).isEmpty {
            problems.append(
                SamplingProblem(
                    field: "inspection_units_baseline",
                    "R-SAMP-03: inspection_units_baseline or annual_inspection_units is required"))
        }
        if let problem = rateProblem(numbers.inspectionRate) { problems.append(problem) }
        let targets = [("target_a", numbers.targetA), ("target_b", numbers.targetB), ("target_c", numbers.targetC)]
        for (field, value) in targets where !isWholeCount(value) {
            problems.append(SamplingProblem(field: field, "R-SAMP-03: must be a whole number of 0 or more"))
        }
        guard problems.isEmpty, let units = yearlyUnits(numbers),
            let quota = quarterlyQuota(inspectionUnits: [units], inspectionRate: numbers.inspectionRate)
        else { return problems }
        let sum = numbers.targetA + numbers.targetB + numbers.targetC
        if sum > Double(quota) {
            for (field, _) in targets {
                problems.append(
                    SamplingProblem(
                        field: field,
                        "R-SAMP-03: target_a + target_b + target_c (\(Int(sum))) must not exceed the quarterly quota (\(quota))"
                    ))
            }
        }
        return problems
    }

    /// 1 April (UK local date).
    public static func isFinancialYearStart(_ date: LocalDate) -> Bool { date.month == 4 && date.day == 1 }

    /// 1 April, 1 July, 1 October or 1 January (R-SAMP-09).
    public static func isFinancialQuarterStart(_ date: LocalDate) -> Bool {
        date.day == 1 && [1, 4, 7, 10].contains(date.month)
    }

    /// The quarter starting on `date`: UK midnight of that day to UK midnight three months on.
    public static func quarter(startingOn date: LocalDate) -> (start: Date, end: Date) {
        let month = date.month + 3
        let next = LocalDate(year: date.year + (month > 12 ? 1 : 0), month: (month - 1) % 12 + 1, day: 1)
        return (UKTime.startOfDay(date), UKTime.startOfDay(next))
    }

    /// R-SAMP-09 (D-SAMPLING): starting the quarter beginning `start`, after `latest` (the
    /// authority's latest quarter, if any), on the UK day `today`: a quarter is started once it
    /// has begun. The quarter's first day, or the refusal.
    public static func startQuarter(
        _ start: Date, latest: (start: Date, status: SampleQuarterStatus)?, today: LocalDate
    ) throws(SamplingProblem) -> LocalDate {
        let date = UKTime.localDate(of: start)
        guard isFinancialQuarterStart(date) else {
            throw SamplingProblem(
                field: "start_date",
                "R-SAMP-09: must be the first day of a financial quarter (1 April, 1 July, 1 October or 1 January, UK time)"
            )
        }
        guard date <= today else {
            throw SamplingProblem(
                field: "start_date", "R-SAMP-09: a quarter is started once it has begun; \(date.iso) is still to come")
        }
        if let latest {
            if latest.status == .started {
                throw SamplingProblem(
                    field: nil,
                    "R-SAMP-09: the quarter starting \(UKTime.localDate(of: latest.start).iso) has not ended; end it first"
                )
            }
            if UKTime.startOfDay(date) <= latest.start {
                throw SamplingProblem(
                    field: nil,
                    "R-SAMP-09: a quarter starting \(UKTime.localDate(of: latest.start).iso) was already started; a new quarter must start after it"
                )
            }
        }
        return date
    }

    /// R-SAMP-09: ending the running quarter.
    public static func endQuarter(latest: SampleQuarterStatus?) throws(SamplingProblem) {
        guard latest == .started else {
            throw SamplingProblem(field: nil, "R-SAMP-09: no quarter has been started, so none can end")
        }
    }

    /// R-SAMP-09: reverting the end of the latest quarter (while no later one has started).
    public static func revertEndQuarter(latest: SampleQuarterStatus?) throws(SamplingProblem) {
        guard latest == .ended else {
            throw SamplingProblem(
                field: nil,
                latest == nil
                    ? "R-SAMP-09: no quarter has ended, so there is no end to revert"
                    : "R-SAMP-09: the latest quarter has not ended, so there is no end to revert")
        }
    }

    /// R-SAMP-04 (D-SAMPLING): `sample_inspection_rate` of a generation request: a percentage of
    /// each target's remaining allowance, more than 0 and at most 100.
    public static func generationRateProblem(_ rate: Double) -> SamplingProblem? {
        guard !rate.isFinite || rate <= 0 || rate > 100 else { return nil }
        return SamplingProblem(
            field: "sample_inspection_rate", "R-SAMP-04: must be a percentage more than 0 and at most 100")
    }

    /// R-SAMP-04: how many samples of a category one run issues: the share `rate` (a percentage)
    /// of the target less the samples currently issued, rounded up; completed and expired samples
    /// are not counted, so repeated runs top up to the target.
    public static func allowance(target: Int, issued: Int, rate: Double) -> Int {
        let remaining = max(0, target - issued)
        guard remaining > 0 else { return 0 }
        return min(remaining, Int((Double(remaining) * rate / 100 - 1e-9).rounded(.up)))
    }

    /// R-SAMP-05: the expiry of a category A sample, fixed when it is issued: the actual stop of
    /// the works when known, else their proposed end.
    public static func categoryAExpiry(proposedEnd: Date, actualStop: Date?) -> Date { actualStop ?? proposedEnd }

    /// R-SAMP-05 (D-SAMPLING): the UK date whose expiry run is due at `now` (from 17:00 UK time
    /// on), or nil before 17:00.
    public static func expiryRunDate(at now: Date) -> LocalDate? {
        UKTime.localTime(of: now) >= expiryTime ? UKTime.localDate(of: now) : nil
    }

    /// R-SAMP-06 (D-SAMPLING): where a withdrawn inspection leaves the sample it completed:
    /// issued again, unless its expiry has passed or its target has closed meanwhile.
    public static func statusAfterWithdrawal(expiry: Date, targetActive: Bool, at now: Date)
        -> SampleInspectionStatus
    {
        targetActive && expiry > now ? .issued : .expired
    }
}
