import Foundation

/// R-PERMIT-24: what an ancillary information item on a permit is (wire values of
/// `AncillaryInfoType`).
public enum AncillaryInfoType: String, Sendable, Hashable, Codable, CaseIterable {
    case portableTrafficSignalsOrOtherTrafficControls = "portable_traffic_signals_or_other_traffic_controls"
    case siteWelfareFacilities = "site_welfare_facilities"
    case siteCompoundOrMaterialStorage = "site_compound_or_material_storage"
    case siteCompoundForWorks = "site_compound_for_works"

    /// R-PERMIT-24: every type but portable traffic signals needs a location description.
    public var requiresLocationDescription: Bool { self != .portableTrafficSignalsOrOtherTrafficControls }

    /// For history details: "site welfare facilities".
    public var label: String { rawValue.replacingOccurrences(of: "_", with: " ") }
}

/// R-PERMIT-24: an item is added, and may later be removed with a reason (wire values of
/// `AncillaryInfoStatusResponse`).
public enum AncillaryInfoStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case added
    case removed
}

/// Why an ancillary information value or step is not allowed; `message` names the rule first.
/// Bad input names the offending field (`field`); a state of the permit or the item has none.
public enum AncillaryInfoError: Error, Sendable, Hashable, CustomStringConvertible {
    /// R-PERMIT-24: a blank description.
    case descriptionRequired
    /// R-PERMIT-24: no location description for a type that needs one.
    case locationDescriptionRequired(AncillaryInfoType)
    /// R-PERMIT-24, R-VAL-07: a text over its limit (500 characters).
    case tooLong(field: String, limit: Int)
    /// R-PERMIT-24, R-VAL-02: no point at all, or more than 10.
    case pointRequired
    case tooManyPoints(Int)
    /// R-PERMIT-24: the same point twice (the contract's `uniqueItems`), by its index.
    case duplicatePoint(Int)
    /// R-PERMIT-24: 1 to 25 USRNs.
    case usrnRequired
    case tooManyUSRNs(Int)
    /// R-PERMIT-24, R-VAL-03: a USRN that is not a whole number in 1000001…99999999, by its index.
    case usrnOutOfRange(Int)
    /// R-PERMIT-24: the same USRN twice, by its index.
    case duplicateUSRN(Int)
    /// R-PERMIT-24, R-VAL-03: a USRN the gazetteer does not know, by its index.
    case unknownUSRN(Int)
    /// R-PERMIT-24: removing needs a reason.
    case removalReasonRequired
    /// R-PERMIT-24 (D-ANCILLARY-INFO): only a live permit's items change: not a PAA, and not a
    /// permit that is closed, cancelled, refused, revoked or progressed.
    case permitNotLive(permit: String, status: PermitStatus)
    case permitIsPAA(String)
    /// R-PERMIT-24: an item is removed once.
    case alreadyRemoved(String)

    public var rule: String {
        switch self {
        case .usrnOutOfRange, .unknownUSRN: "R-PERMIT-24 (R-VAL-03)"
        case .pointRequired, .tooManyPoints: "R-PERMIT-24 (R-VAL-02)"
        default: "R-PERMIT-24"
        }
    }

    /// The request field at fault, for bad input; nil for a state rule.
    public var field: String? {
        switch self {
        case .descriptionRequired: "ancillary_info_description"
        case .locationDescriptionRequired: "location_description"
        case .tooLong(let field, _): field
        case .pointRequired, .tooManyPoints: "ancillary_info_coordinates"
        case .duplicatePoint(let index): "ancillary_info_coordinates[\(index)]"
        case .usrnRequired, .tooManyUSRNs: "usrns"
        case .usrnOutOfRange(let index), .duplicateUSRN(let index), .unknownUSRN(let index): "usrns[\(index)]"
        case .removalReasonRequired: "ancillary_info_removal_reason"
        case .permitNotLive, .permitIsPAA, .alreadyRemoved: nil
        }
    }

    public var message: String {
        let detail: String
        switch self {
        case .descriptionRequired: detail = "is required"
        case .locationDescriptionRequired(let type):
            detail =
                "is required when ancillary_info_type is not portable_traffic_signals_or_other_traffic_controls (it is \(type.rawValue))"
        case .tooLong(_, let limit): detail = "must be at most \(limit) characters"
        case .pointRequired: detail = "must hold at least one GeoJSON Point"
        case .tooManyPoints(let count):
            detail = "must hold at most \(AncillaryInfoRules.maximumPoints) points (\(count) given)"
        case .duplicatePoint: detail = "is the same point as an earlier one"
        case .usrnRequired: detail = "must hold at least one USRN"
        case .tooManyUSRNs(let count):
            detail = "must hold at most \(AncillaryInfoRules.maximumUSRNs) USRNs (\(count) given)"
        case .usrnOutOfRange:
            detail =
                "must be a whole number from \(AncillaryInfoRules.usrns.lowerBound) to \(AncillaryInfoRules.usrns.upperBound)"
        case .duplicateUSRN: detail = "is the same USRN as an earlier one"
        case .unknownUSRN: detail = "is not a street in the gazetteer"
        case .removalReasonRequired: detail = "is required to remove ancillary information"
        case .permitNotLive(let permit, let status):
            detail =
                "ancillary information is added to and removed from a live permit only; permit \(permit) is \(status.rawValue)"
        case .permitIsPAA(let permit):
            detail = "\(permit) is a PAA; ancillary information is for the permit the works run under"
        case .alreadyRemoved(let reference): detail = "ancillary information \(reference) is already removed"
        }
        return "\(rule): \(detail)"
    }

    public var description: String { message }
}

/// What a promoter sends to add an item: the values the rules look at. `points` are the
/// positions of the item's GeoJSON Points (their shape and grid were checked with every other
/// geometry's, R-VAL-02).
public struct AncillaryInfoDraft: Sendable, Hashable {
    public var type: AncillaryInfoType
    public var locationDescription: String?
    public var description: String
    public var points: [[Double]]
    public var usrns: [Double]

    public init(
        type: AncillaryInfoType, locationDescription: String?, description: String, points: [[Double]],
        usrns: [Double]
    ) {
        self.type = type
        self.locationDescription = locationDescription
        self.description = description
        self.points = points
        self.usrns = usrns
    }
}
