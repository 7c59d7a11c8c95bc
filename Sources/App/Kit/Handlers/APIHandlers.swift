import EventAPI
import ExportAPI
import GeoJSONAPI
import LookupAPI
import PartyAPI
import ReportingAPI
import SamplingAPI
import WorkAPI
import WorklistAPI

// The nine API handlers. Each feature adds the operations it builds as extensions in its own
// folder; every other operation answers 501 (the defaults in Kit/Unbuilt). Here: `GET /status`.

struct WorkAPIHandler: WorkAPI.APIProtocol {
    let services: AppServices

    func getStatus(_ input: WorkAPI.Operations.GetStatus.Input) async throws -> WorkAPI.Operations.GetStatus.Output {
        .ok(.init(body: .json(.init(status: .ok, api: "work", version: AppServices.apiVersion))))
    }
}

struct ReportingAPIHandler: ReportingAPI.APIProtocol {
    let services: AppServices

    func getStatus(_ input: ReportingAPI.Operations.GetStatus.Input) async throws
        -> ReportingAPI.Operations.GetStatus.Output
    {
        .ok(.init(body: .json(.init(status: .ok, api: "reporting", version: AppServices.apiVersion))))
    }
}

struct LookupAPIHandler: LookupAPI.APIProtocol {
    let services: AppServices

    func getStatus(_ input: LookupAPI.Operations.GetStatus.Input) async throws -> LookupAPI.Operations.GetStatus.Output
    {
        .ok(.init(body: .json(.init(status: .ok, api: "lookup", version: AppServices.apiVersion))))
    }
}

struct GeoJSONAPIHandler: GeoJSONAPI.APIProtocol {
    let services: AppServices

    func getStatus(_ input: GeoJSONAPI.Operations.GetStatus.Input) async throws
        -> GeoJSONAPI.Operations.GetStatus.Output
    {
        .ok(.init(body: .json(.init(status: .ok, api: "geojson", version: AppServices.apiVersion))))
    }
}

struct PartyAPIHandler: PartyAPI.APIProtocol {
    let services: AppServices

    func getStatus(_ input: PartyAPI.Operations.GetStatus.Input) async throws -> PartyAPI.Operations.GetStatus.Output {
        .ok(.init(body: .json(.init(status: .ok, api: "party", version: AppServices.apiVersion))))
    }
}

struct ExportAPIHandler: ExportAPI.APIProtocol {
    let services: AppServices

    func getStatus(_ input: ExportAPI.Operations.GetStatus.Input) async throws -> ExportAPI.Operations.GetStatus.Output
    {
        .ok(.init(body: .json(.init(status: .ok, api: "export", version: AppServices.apiVersion))))
    }
}

struct EventAPIHandler: EventAPI.APIProtocol {
    let services: AppServices

    func getStatus(_ input: EventAPI.Operations.GetStatus.Input) async throws -> EventAPI.Operations.GetStatus.Output {
        .ok(.init(body: .json(.init(status: .ok, api: "event", version: AppServices.apiVersion))))
    }
}

struct SamplingAPIHandler: SamplingAPI.APIProtocol {
    let services: AppServices

    func getStatus(_ input: SamplingAPI.Operations.GetStatus.Input) async throws
        -> SamplingAPI.Operations.GetStatus.Output
    {
        .ok(.init(body: .json(.init(status: .ok, api: "sampling", version: AppServices.apiVersion))))
    }
}

struct WorklistAPIHandler: WorklistAPI.APIProtocol {
    let services: AppServices

    func getStatus(_ input: WorklistAPI.Operations.GetStatus.Input) async throws
        -> WorklistAPI.Operations.GetStatus.Output
    {
        .ok(.init(body: .json(.init(status: .ok, api: "worklist", version: AppServices.apiVersion))))
    }
}

/// `GET /status` of every API: needs no token.
enum StatusFeature: Feature {
    static let operations: [String: [String]] = [
        "work": ["getStatus"],
        "reporting": ["getStatus"],
        "lookup": ["getStatus"],
        "geojson": ["getStatus"],
        "party": ["getStatus"],
        "export": ["getStatus"],
        "event": ["getStatus"],
        "sampling": ["getStatus"],
        "worklist": ["getStatus"],
    ]
}
