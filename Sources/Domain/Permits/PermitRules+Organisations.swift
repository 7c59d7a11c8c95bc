import Foundation

extension PermitRules {
    /// R-HS2-01: the SWA code of the HS2 promoter (High Speed Two Ltd).
    public static let hs2PromoterSWACode = "7374"

    /// R-RESP-01: the SWA code of Transport for London, the highway authority for the GLA road
    /// network (D-TFL in `docs/decisions.md`).
    public static let transportForLondonSWACode = "0020"

    /// R-CAT-01, R-HS2-01: why `workType` may not be used by the promoter `promoterSWACode`, or
    /// `nil` when it may. `hs2_highway_works` is only for the HS2 promoter; `planned` and
    /// `immediate` are open to every promoter, HS2 included. Codes are compared as given (SWA
    /// codes are four characters, left-padded with zeros).
    public static func workTypeProblem(_ workType: WorkType, promoterSWACode: String) -> String? {
        guard workType == .hs2HighwayWorks, promoterSWACode != hs2PromoterSWACode else { return nil }
        return "R-CAT-01: \(workType.rawValue) is only for the HS2 promoter (\(hs2PromoterSWACode))"
    }

    /// R-RESP-01: the highway authority with `swaCode` is Transport for London, which has 42
    /// days rather than 28 for HS2 highway applications. Pass the result as `highwayAuthorityIsTfL`
    /// to `timings(...)`, `deadlineDate(category:...)` or ``responsePeriod(_:highwayAuthorityIsTfL:)``.
    public static func isTransportForLondon(swaCode: String) -> Bool {
        swaCode == transportForLondonSWACode
    }
}
