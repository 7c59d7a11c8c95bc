import SamplingAPI

/// The sampling API. Operations not listed in `Coverage` answer 501 (see Unbuilt/).
struct SamplingAPIHandler: SamplingAPI.APIProtocol {
    let services: AppServices

    func getStatus(_ input: Operations.GetStatus.Input) async throws -> Operations.GetStatus.Output {
        .ok(.init(body: .json(.init(status: .ok, api: "sampling", version: AppServices.apiVersion))))
    }
}
