import Foundation

/// One street of the gazetteer (the local NSG extract), keyed by its USRN.
public struct Street: Sendable, Hashable {
    /// R-VAL-03: the Lookup API's USRN range (whole numbers).
    public static let usrnRange = 100_001...99_999_999
    /// R-VAL-04: street states the service supports (1 under construction, 2 open).
    public static let supportedStates: Set<Int> = [1, 2]

    public var usrn: Int
    public var name: String
    public var town: String
    public var area: String
    /// R-VAL-05: 0–10.
    public var roadCategory: Int
    /// The SWA code of the highway authority responsible for the street.
    public var authoritySWACode: String
    public var state: Int
    /// R-VAL-04: 1–10 (an NSG 0 is stored as 5). Several when parts of the street differ (R-WORK-12).
    public var reinstatementTypeCodes: [Int]
    public var geometry: Geometry
    public var designations: [SpecialDesignation]
    /// SWA codes of the other organisations the NSG records an interest of on the street (its
    /// interest records besides the street authority's): the interested parties of its permits
    /// (D-INTERESTED).
    public var interestedParties: [String]

    public init(
        usrn: Int, name: String, town: String, area: String, roadCategory: Int, authoritySWACode: String,
        state: Int, reinstatementTypeCodes: [Int], geometry: Geometry, designations: [SpecialDesignation] = [],
        interestedParties: [String] = []
    ) {
        self.interestedParties = interestedParties
        self.usrn = usrn
        self.name = name
        self.town = town
        self.area = area
        self.roadCategory = roadCategory
        self.authoritySWACode = authoritySWACode
        self.state = state
        self.reinstatementTypeCodes = reinstatementTypeCodes
        self.geometry = geometry
        self.designations = designations
    }

    /// R-PERMIT-21: the street carries a traffic-sensitive designation (code 2).
    public var isTrafficSensitive: Bool { designations.contains { $0.code == SpecialDesignation.trafficSensitive } }
}

/// An additional special designation (ASD) of a street. Times are whole numbers 0–2400 (R-VAL-13).
public struct SpecialDesignation: Sendable, Hashable, Codable {
    public static let protectedStreet = 1
    public static let trafficSensitive = 2
    public static let specialEngineeringDifficulty = 3

    public var code: Int
    public var description: String?
    public var locationText: String?
    public var periodicityCode: Int?
    public var startTime: Int?
    public var endTime: Int?
    public var wholeRoad: Bool

    public init(
        code: Int, description: String? = nil, locationText: String? = nil, periodicityCode: Int? = nil,
        startTime: Int? = nil, endTime: Int? = nil, wholeRoad: Bool = true
    ) {
        self.code = code
        self.description = description
        self.locationText = locationText
        self.periodicityCode = periodicityCode
        self.startTime = startTime
        self.endTime = endTime
        self.wholeRoad = wholeRoad
    }
}

/// An additional special designation the promoter selected for the works: the identifying
/// fields of the contract's `PermitASD` (R-PERMIT-21, R-VAL-13). A field left `nil` was not sent
/// and is not compared.
public struct DesignationSelection: Sendable, Hashable {
    /// `street_special_desig_code` (2 is traffic sensitive).
    public var code: Int
    /// `special_desig_location_text`.
    public var locationText: String?
    /// `special_desig_periodicity_code`.
    public var periodicityCode: Int?
    /// `special_desig_start_time` and `special_desig_end_time`, whole numbers 0–2400.
    public var startTime: Int?
    public var endTime: Int?

    public init(
        code: Int, locationText: String? = nil, periodicityCode: Int? = nil, startTime: Int? = nil,
        endTime: Int? = nil
    ) {
        self.code = code
        self.locationText = locationText
        self.periodicityCode = periodicityCode
        self.startTime = startTime
        self.endTime = endTime
    }

    /// R-VAL-13: this selection is `designation` of the street, as the Lookup API returns it:
    /// the same code, and every field the selection gives equal to the designation's (location
    /// texts ignoring case and surrounding spaces). Descriptions and dates are not compared.
    public func identifies(_ designation: SpecialDesignation) -> Bool {
        func text(_ value: String?) -> String? {
            value.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
        }
        guard code == designation.code else { return false }
        if let locationText, text(locationText) != text(designation.locationText) { return false }
        if let periodicityCode, periodicityCode != designation.periodicityCode { return false }
        if let startTime, startTime != designation.startTime { return false }
        if let endTime, endTime != designation.endTime { return false }
        return true
    }
}

/// Names of the NSG codes the gazetteer uses, for the responses' `*_string` fields. Codes
/// without a name here are returned without one.
public enum StreetCodeNames {
    public static func designation(_ code: Int) -> String? {
        switch code {
        case SpecialDesignation.protectedStreet: "Protected street"
        case SpecialDesignation.trafficSensitive: "Traffic sensitive"
        case SpecialDesignation.specialEngineeringDifficulty: "Special engineering difficulty"
        default: nil
        }
    }

    public static func periodicity(_ code: Int) -> String? {
        switch code {
        case 1: "Every day"
        case 2: "Every weekday"
        case 3: "Every weekend"
        default: nil
        }
    }

    /// The specification for the reinstatement of openings in highways: road types by traffic
    /// (million standard axles), then footways, cycleways and verges.
    public static func reinstatementType(_ code: Int) -> String {
        switch code {
        case 1: "Type 1 road (10 to 30 msa)"
        case 2: "Type 2 road (2.5 to 10 msa)"
        case 3: "Type 3 road (0.5 to 2.5 msa)"
        case 4: "Type 4 road (up to 0.5 msa)"
        case 5: "Type 0 road (30 to 125 msa)"
        case 6: "High duty footway"
        case 7: "High amenity footway"
        case 8: "Other footway"
        case 9: "Cycleway"
        case 10: "Verge"
        default: "Reinstatement type \(code)"
        }
    }
}
