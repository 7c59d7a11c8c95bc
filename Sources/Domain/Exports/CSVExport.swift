import Foundation

/// R-DATA-04: an export is a queued job: queued → in progress → ready | failed (wire values of
/// `CSVExportStatusResponse`).
public enum CSVExportStatus: String, Sendable, Hashable, CaseIterable {
    case queued
    case inProgress = "in_progress"
    case ready
    case failed
}

/// The kinds of export (wire values of `CSVExportTypeResponse`).
public enum CSVExportType: String, Sendable, Hashable, CaseIterable {
    case fee = "FEE"
    case forwardPlan = "FORWARD_PLAN"
    case fpn = "FPN"
    case inspection = "INSPECTION"
    case permit = "PERMIT"
    case reinstatement = "REINSTATEMENT"
    case section81 = "SECTION_81"
    case permitAlteration = "PERMIT_ALTERATION"
    case organisationData = "ORGANISATION_DATA"
    case comment = "COMMENT"
    case reportingInspectionOutcomes = "REPORTING_INSPECTION_OUTCOMES"
    case reportingPermitsCreated = "REPORTING_PERMITS_CREATED"
    case reportingPermitOutcomes = "REPORTING_PERMIT_OUTCOMES"
    case reportingAlterationsCreated = "REPORTING_ALTERATIONS_CREATED"
    case reportingAlterationOutcomes = "REPORTING_ALTERATION_OUTCOMES"
    case reportingFPNsCreated = "REPORTING_FPNS_CREATED"
    case reportingPermitsDeemed = "REPORTING_PERMITS_DEEMED"
    case section58 = "SECTION_58"
    case section74 = "SECTION_74"
    case sampleInspectionsDue = "SAMPLE_INSPECTIONS_DUE"
    case expiringInterimReinstatement = "EXPIRING_INTERIM_REINSTATEMENT"
    case pbiSampleInspectionsDue = "PBI_SAMPLE_INSPECTIONS_DUE"
    case reportingPBIPassFailRates = "REPORTING_PBI_PASS_FAIL_RATES"
    case numberOfInspectionUnits = "NUMBER_OF_INSPECTION_UNITS"
    case privateStreetNotice = "PRIVATE_STREET_NOTICE"
    case reinspection = "REINSPECTION"
    case nonCompliance = "NON_COMPLIANCE"
    case reinstatementsDue = "REINSTATEMENTS_DUE"
    case materialClassification = "MATERIAL_CLASSIFICATION"
    case pbiSampleInspectionTarget = "PBI_SAMPLE_INSPECTION_TARGET"
    case interestedPartyPermit = "INTERESTED_PARTY_PERMIT"
    case changeRequest = "CHANGE_REQUEST"
}

/// R-DATA-04: the rules of a CSV export.
public enum CSVExportRules {
    /// How long a process holds an export it is rendering before another may take it over.
    public static let lease: TimeInterval = 60

    /// A user may have one export queued at a time.
    public static let queuedPerUser = 1

    /// R-DATA-04: organisation-data exports cover at most 30 days in the past, performance
    /// reports at most 92 days.
    public static let organisationDataDays = 30
    public static let performanceReportDays = 92

    /// `<resource>_<UK local date-time>.csv`, as the service names its exports (SEED-v6: file
    /// names are in UK local time), e.g. `permits_2026-07-01_14-05-09.csv`; `.zip` for an export
    /// of several CSV files (D-FEES).
    public static func fileName(resource: String, at instant: Date, extension suffix: String = "csv") -> String {
        let time = UKTime.localTime(of: instant).description.replacingOccurrences(of: ":", with: "-")
        return "\(resource)_\(UKTime.localDate(of: instant))_\(time).\(suffix)"
    }
}
