import Foundation

/// R-HS2-02: how the highway authority deals with an application.
public enum HS2Route: String, Sendable, Hashable {
    /// Within the HS2 Act limits and under no protective provision (HS2 street works, or HS2
    /// highway works with `none_applicable` exemption): granted on submission; the highway
    /// authority is consulted and can only acknowledge it.
    case consultation
    /// HS2 highway works within Act limits under a protective provision: the highway authority
    /// consents (grants or refuses) as it assesses any application.
    case consent
    /// Every other application (outside Act limits, or not HS2's): assessed as usual.
    case assessed
}

extension PermitRules {
    /// R-CR-11, R-CR-14, R-HS2-03, R-LR-04: HS2 highway works, or HS2 works within the Act limits,
    /// on which the highway authority imposes no changes, conditions, designations, lane rental
    /// or discounts.
    public static func isHS2Protected(workType: WorkType, inActLimits: Bool?) -> Bool {
        workType == .hs2HighwayWorks || inActLimits == true
    }

    /// R-HS2-02: the route of an application by `promoterSWACode`.
    public static func hs2Route(
        workType: WorkType, promoterSWACode: String, inActLimits: Bool?, highwayExemption: String?
    ) -> HS2Route {
        guard promoterSWACode == hs2PromoterSWACode, inActLimits == true else { return .assessed }
        if workType == .hs2HighwayWorks, highwayExemption != "none_applicable" { return .consent }
        return .consultation
    }

    /// R-HS2-01: what an application by `promoterSWACode` fails to state, as (field, message):
    /// the HS2 promoter states whether its works are within the Act limits, and its highway works
    /// within them state the protective provision that applies (or `none_applicable`).
    public static func hs2Problems(
        workType: WorkType, promoterSWACode: String, inActLimits: Bool?, highwayExemption: String?
    ) -> [(field: String, message: String)] {
        guard promoterSWACode == hs2PromoterSWACode else { return [] }
        guard let inActLimits else {
            return [("hs2_in_act_limits", "is required for the HS2 promoter's applications (R-HS2-01)")]
        }
        if inActLimits, workType == .hs2HighwayWorks, highwayExemption == nil {
            return [
                (
                    "hs2_highway_exemption",
                    "is required for HS2 highway works within Act limits (R-HS2-01): the protective provision, or none_applicable"
                )
            ]
        }
        return []
    }
}
