import Foundation

/// R-CAT-01: the kind of works an application is for (wire values of `WorkType`).
public enum WorkType: String, Sendable, Hashable, Codable, CaseIterable {
    case planned
    case immediate
    case hs2HighwayWorks = "hs2_highway_works"
}

/// R-CAT-02: the works category, always computed by the system (wire values of
/// `WorkCategoryResponseEnum`).
public enum WorkCategory: String, Sendable, Hashable, Codable, CaseIterable {
    case minor
    case standard
    case major
    case paa
    case immediateUrgent = "immediate_urgent"
    case immediateEmergency = "immediate_emergency"
    case hs2Highway = "hs2_highway"

    /// Immediate (urgent or emergency) works.
    public var isImmediate: Bool { self == .immediateUrgent || self == .immediateEmergency }
}
