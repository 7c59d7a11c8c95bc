import Store

/// One feature of the server (works, permits, comments, streets…): the contract operations it
/// builds, by API and `operationId`, and the hot reads among them that it answers straight from
/// JSON. Its handlers are extensions of the API handler structs in the feature's folder.
///
/// Adding an operation to a feature adds its `operationId` here and its handler method beside
/// it; nothing else lists it. Every operation no feature declares answers 501.
protocol Feature {
    /// `operationId`s by API (`"work"`, `"reporting"`, …).
    static var operations: [String: [String]] { get }
    /// Renderers of the feature's measured hot reads (D-DIRECT), by API and `operationId`.
    static func directRenderers(_ services: AppServices) -> [String: [String: DirectRenderer]]
    /// The CSV exports the feature offers (R-DATA-04): one declaration each.
    static var exports: [CSVResource] { get }
}

extension Feature {
    static func directRenderers(_ services: AppServices) -> [String: [String: DirectRenderer]] { [:] }
    static var exports: [CSVResource] { [] }
}

/// Every feature of the server. A new feature adds one line here; its operations are its own.
enum Features {
    static let all: [any Feature.Type] = [
        StatusFeature.self, IdentityFeature.self, PartyFeature.self, StreetsFeature.self, WorksFeature.self,
        PermitsFeature.self, ChangeRequestsFeature.self, CommentsFeature.self, PollingFeature.self, ExportsFeature.self,
        MapFeature.self, WorklistFeature.self, ForwardPlansFeature.self, AncillaryInfoFeature.self, FeesFeature.self,
        InspectionsFeature.self,
        FilesFeature.self, FpnsFeature.self,
        SamplingFeature.self,
    ]

    /// Every CSV export of every feature.
    static var exports: [CSVResource] { all.flatMap { $0.exports } }

    /// The direct renderers of all features, by API and `operationId`.
    static func directRenderers(_ services: AppServices) -> [String: [String: DirectRenderer]] {
        var table: [String: [String: DirectRenderer]] = [:]
        for feature in all {
            for (api, renderers) in feature.directRenderers(services) {
                table[api, default: [:]].merge(renderers) { first, _ in first }
            }
        }
        return table
    }
}

/// The operations built so far, by API, derived from the features' declarations. Every other
/// operation of the contract answers `501 {"message": "Not implemented", "error": {"status": 501}}`
/// before any other check, so coverage can be counted from outside (D-UNBUILT).
public enum Coverage {
    public static let built: [String: Set<String>] = {
        var built: [String: Set<String>] = [:]
        for feature in Features.all {
            for (api, operations) in feature.operations { built[api, default: []].formUnion(operations) }
        }
        return built
    }()

    /// Which feature declares each operation (a test checks none is declared twice).
    static var declarations: [(feature: String, api: String, operationId: String)] {
        Features.all.flatMap { feature in
            feature.operations.flatMap { api, operations in
                operations.map { (String(describing: feature), api, $0) }
            }
        }
    }

    public static func isBuilt(api: String, operationId: String) -> Bool {
        built[api]?.contains(operationId) ?? false
    }
}
