import Foundation

/// R-FEE-07: how the fee report is cut into files (wire values of `FeeReportFormat`).
public enum FeeReportFormat: String, Sendable, Hashable, CaseIterable {
    /// Every organisation's transactions in one CSV.
    case allOrganisationsOneCSV = "all_orgs_one_csv"
    /// One organisation's (`swa_code_filter`) in one CSV.
    case singleOrganisationOneCSV = "single_org_one_csv"
    /// One CSV per organisation (delivered as a zip of them, D-FEES).
    case allOrganisationsMultipleCSVs = "all_orgs_multiple_csvs"
}

/// What a fee report asks for: the range of transaction dates, the format, and the other
/// organisation it is narrowed to.
public struct FeeReportRequest: Sendable, Hashable {
    public var start: Date?
    public var end: Date?
    public var format: FeeReportFormat?
    public var organisation: String?

    public init(start: Date?, end: Date?, format: FeeReportFormat?, organisation: String?) {
        self.start = start
        self.end = end
        self.format = format
        self.organisation = organisation
    }
}

/// R-FEE-07: the rules of a fee report request.
public enum FeeReportRules {
    /// v6: the start within 30 days of the end. Counted in UK local dates (R-TIME-10), so a
    /// report from the first to the last day of a 31-day month is allowed, as BR §13's 31
    /// calendar days (D-06).
    public static let maximumDays = 30

    /// The dates a report can be for: no transaction is older than the first or as late as the
    /// second (the range is kept within what the store's date order holds).
    public static let earliest = Date(timeIntervalSince1970: 0)
    public static let latest = Date(timeIntervalSince1970: 7_258_118_400)  // 2200-01-01T00:00:00Z

    /// Every problem of `request`, each naming its field and the rule.
    public static func problems(_ request: FeeReportRequest) -> [FeeProblem] {
        var problems: [FeeProblem] = []
        for (field, date) in [("start_date", request.start), ("end_date", request.end)] {
            guard let date else {
                problems.append(FeeProblem(field: field, message: "R-FEE-07: is required"))
                continue
            }
            if date < earliest || date >= latest {
                problems.append(FeeProblem(field: field, message: "must be from 1970 to 2199"))
            }
        }
        // The range is checked once both ends are usable.
        if problems.isEmpty, let start = request.start, let end = request.end {
            if end < start {
                problems.append(
                    FeeProblem(field: "end_date", message: "R-FEE-07: must be on or after start_date"))
            } else if UKTime.localDate(of: start).days(until: UKTime.localDate(of: end)) > maximumDays {
                problems.append(
                    FeeProblem(
                        field: "start_date",
                        message: "R-FEE-07: must be no more than \(maximumDays) days before end_date"))
            }
        }
        switch request.format {
        case nil:
            problems.append(FeeProblem(field: "fee_report_format", message: "R-FEE-07: is required"))
        case .singleOrganisationOneCSV:
            if (request.organisation ?? "").isEmpty {
                problems.append(
                    FeeProblem(
                        field: "swa_code_filter",
                        message: "R-FEE-07: is required when fee_report_format is single_org_one_csv"))
            }
        case .allOrganisationsOneCSV, .allOrganisationsMultipleCSVs:
            if request.organisation != nil {
                problems.append(
                    FeeProblem(
                        field: "swa_code_filter", message: "R-FEE-07: is only for fee_report_format single_org_one_csv")
                )
            }
        }
        return problems
    }
}
