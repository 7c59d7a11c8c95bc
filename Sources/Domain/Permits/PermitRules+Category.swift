import Foundation

extension PermitRules {
    /// The longest planned works, in working days, that is still minor (R-CAT-05: 1–3 WD).
    public static let minorMaximumWorkingDays = 3
    /// The longest planned works, in working days, that is still standard (R-CAT-05: 4–10 WD).
    public static let standardMaximumWorkingDays = 10

    /// The works category of a new application (R-CAT-02).
    ///
    /// - R-CAT-03: immediate works are `immediate_emergency` when there is an immediate risk to
    ///   people or property, otherwise `immediate_urgent`.
    /// - R-CAT-10: HS2 highway works are `hs2_highway`.
    /// - R-CAT-08: progressing a PAA always gives `major`.
    /// - R-CAT-04, R-CAT-06: planned works needing a TTRO are major works whatever their length.
    /// - R-CAT-05: otherwise more than 10 WD is major, 4–10 WD standard, 3 WD or fewer minor
    ///   a planned works lasting 0 working days is minor).
    /// - R-CAT-07: major works are a `paa` when no earlier application exists on the works
    ///   record or every earlier one was cancelled, revoked or refused; otherwise a major PA.
    ///
    /// - Parameters:
    ///   - isTTRORequired: mandatory for planned works (R-CAT-04); callers validate presence.
    ///   - immediateRisk: mandatory for immediate works (R-CAT-03); callers validate presence.
    ///   - workingDayDuration: from ``workingDayDuration(proposedStart:proposedEnd:calendar:)``.
    ///   - priorApplications: statuses of the earlier PAAs/PAs on the same works record (empty
    ///     for a new record).
    ///   - progressingPAA: the application is made by progressing a submitted or granted PAA.
    public static func category(
        workType: WorkType,
        isTTRORequired: Bool,
        immediateRisk: Bool,
        workingDayDuration: Int,
        priorApplications: [PermitStatus],
        progressingPAA: Bool = false
    ) -> WorkCategory {
        switch workType {
        case .immediate:
            return immediateRisk ? .immediateEmergency : .immediateUrgent
        case .hs2HighwayWorks:
            return .hs2Highway
        case .planned:
            if progressingPAA { return .major }
            if isTTRORequired || workingDayDuration > standardMaximumWorkingDays {
                return needsPAA(priorApplications: priorApplications) ? .paa : .major
            }
            return workingDayDuration > minorMaximumWorkingDays ? .standard : .minor
        }
    }

    /// R-CAT-07: major works need a PAA first when the record has no earlier application, or
    /// every earlier application was cancelled, revoked or refused. R-PAA-03: a progressed PAA
    /// lives on as the PA it was progressed into, so it does not count itself: once every PA on
    /// the record is cancelled, revoked or refused, major works need a PAA again
    /// (D-PAA-PROGRESSION).
    public static func needsPAA(priorApplications: [PermitStatus]) -> Bool {
        priorApplications.allSatisfy { $0.voidsEarlierApplication || $0 == .progressed }
    }
}
