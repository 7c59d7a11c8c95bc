import LookupAPI

/// The lookup API. Operations not listed in `Coverage` answer 501 (see Unbuilt/).
struct LookupAPIHandler: LookupAPI.APIProtocol {
    let services: AppServices

    func getStatus(_ input: Operations.GetStatus.Input) async throws -> Operations.GetStatus.Output {
        .ok(.init(body: .json(.init(status: .ok, api: "lookup", version: AppServices.apiVersion))))
    }
}
