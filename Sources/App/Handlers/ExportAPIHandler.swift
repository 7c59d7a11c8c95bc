import ExportAPI

/// The export API. Operations not listed in `Coverage` answer 501 (see Unbuilt/).
struct ExportAPIHandler: ExportAPI.APIProtocol {
    let services: AppServices

    func getStatus(_ input: Operations.GetStatus.Input) async throws -> Operations.GetStatus.Output {
        .ok(.init(body: .json(.init(status: .ok, api: "export", version: AppServices.apiVersion))))
    }
}
