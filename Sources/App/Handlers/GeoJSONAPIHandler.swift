import GeoJSONAPI

/// The geojson API. Operations not listed in `Coverage` answer 501 (see Unbuilt/).
struct GeoJSONAPIHandler: GeoJSONAPI.APIProtocol {
    let services: AppServices

    func getStatus(_ input: Operations.GetStatus.Input) async throws -> Operations.GetStatus.Output {
        .ok(.init(body: .json(.init(status: .ok, api: "geojson", version: AppServices.apiVersion))))
    }
}
