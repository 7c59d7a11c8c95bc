import Domain
import Foundation
import ReportingAPI
import Store

/// Reporting API: the files of one record (D-FILES), through the shared list query: the caller
/// sees the files of works records it is the promoter (within its workstream grants) or highway
/// authority of; `file_type` narrows them to `images` or `documents`; in upload order.
extension ReportingAPIHandler {
    func getWorkFiles(_ input: Operations.GetWorkFiles.Input) async throws -> Operations.GetWorkFiles.Output {
        .ok(.init(body: .json(.init(rows: try await files(FileRow.workFiles)))))
    }

    func getPermitFiles(_ input: Operations.GetPermitFiles.Input) async throws -> Operations.GetPermitFiles.Output {
        .ok(.init(body: .json(.init(rows: try await files(FileRow.permitFiles)))))
    }

    func getInspectionFiles(_ input: Operations.GetInspectionFiles.Input) async throws
        -> Operations.GetInspectionFiles.Output
    {
        .ok(.init(body: .json(.init(rows: try await files(FileRow.inspectionFiles)))))
    }

    func getFpnFiles(_ input: Operations.GetFpnFiles.Input) async throws -> Operations.GetFpnFiles.Output {
        .ok(.init(body: .json(.init(rows: try await files(FileRow.fpnFiles)))))
    }

    /// Every file of the record the request names (the lists are not paged: a record's files
    /// are bounded by R-VAL-08).
    private func files(_ list: ListDescription<FileRow>) async throws -> [Components.Schemas.FileSummaryResponse] {
        let request = try await ListDescription<FileRow>.mapErrors {
            try list.listRequest(try RawRequest.current(), principal: try RequestScope.principal())
        }
        let rows = try await ListDescription<FileRow>.mapErrors {
            try await list.rows(request, limit: Int(Int32.max), in: services.database)
        }
        return rows.map { .init(fileId: Double($0.id), name: $0.name) }
    }
}
