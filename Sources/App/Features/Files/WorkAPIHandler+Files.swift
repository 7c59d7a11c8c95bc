import Contract
import Domain
import Foundation
import OpenAPIRuntime
import Store
import WorkAPI

/// Work API: uploading, reading and deleting evidence files, and attaching them to a works
/// record (R-VAL-08, R-VAL-09, D-FILES).
extension WorkAPIHandler {
    /// `POST /files`: one file per upload (the `file` part of a `multipart/form-data` body), at
    /// most `FILE_MAX_BYTES` (10 MiB unless configured, R-VAL-08), of a kind the service keeps
    /// (PDF, Word 97–2003, PNG, JPEG, TIFF, BMP, recognised from its first bytes). The request
    /// is read no further than the limit: a `Content-Length` over it is refused before the body is
    /// read, and a streamed body is counted as it arrives (the contract gate, `LimitedBody`). The
    /// file belongs to the caller's organisation, or to the promoter a contractor names with
    /// `swaCode` (R-SEC-12), until it is attached to a record.
    func uploadFile(_ input: Operations.UploadFile.Input) async throws -> Operations.UploadFile.Output {
        let principal = try RequestScope.principal()
        let organisation = try principal.actingOrganisation(swaCode: input.query.swaCode)
        guard case .multipartForm(let parts) = input.body else {
            throw AppError.invalid(field: "body", "must be multipart/form-data")
        }
        let limit = services.fileLimits.maximumBytes
        var received: (name: String?, bytes: [UInt8])?
        do {
            for try await part in parts {
                switch part {
                case .file(let file):
                    var bytes: [UInt8] = []
                    for try await chunk in file.payload.body {
                        if bytes.count + chunk.count > limit { throw AppError.fileTooLarge(limit: limit) }
                        bytes.append(contentsOf: chunk)
                    }
                    received = (file.filename, bytes)
                case .undocumented(let other):
                    // Read past (and counted towards the request's limit), not kept.
                    for try await _ in other.body {}
                }
            }
        } catch {
            if let appError = AppError.within(error) { throw appError }
            throw AppError.invalid(field: "file", "R-VAL-08: the multipart/form-data body could not be read (\(error))")
        }
        guard let received else { throw AppError.invalid(field: "file", "R-VAL-08: one file is required") }
        guard !received.bytes.isEmpty else { throw AppError.invalid(field: "file", "R-VAL-08: the file is empty") }
        guard let type = FileContentType.recognise(received.bytes) else {
            throw AppError.invalid(
                field: "file",
                "D-FILES: must be a PDF, Word (.doc), PNG, JPEG, TIFF or BMP file (\(FileContentType.allCases.map(\.rawValue).joined(separator: ", ")))"
            )
        }
        let name = FileRules.fileName(received.name) ?? "file-\(ISO8601.format(services.clock.now()))"
        let id = try await FileRepository(services.database).insert(
            name: name, contentType: type, content: received.bytes, organisation: organisation,
            uploadedBy: principal.email, at: services.clock.now())
        return .created(.init(body: .json(.init(fileId: Double(id), name: name))))
    }

    /// `GET /files/{fileId}`: the file's bytes with its content type, to the organisation it was
    /// uploaded for and, once attached, to the works' promoter and highway authority (D-FILES);
    /// anyone else gets 404, as for a file that does not exist.
    func getFile(_ input: Operations.GetFile.Input) async throws -> Operations.GetFile.Output {
        let principal = try RequestScope.principal()
        let repository = FileRepository(services.database)
        guard let file = try await repository.file(input.path.fileId), principal.mayRead(file),
            let content = try await repository.content(file.id)
        else { throw AppError.notFound("File") }
        let body = HTTPBody(content)
        let answer: Operations.GetFile.Output.Ok.Body =
            switch file.contentType {
            case .msword: .applicationVnd_msword(body)
            case .pdf: .pdf(body)
            case .png: .png(body)
            case .jpeg: .jpeg(body)
            case .tiff: .imageTiff(body)
            case .bmp: .imageBmp(body)
            }
        return .ok(.init(body: answer))
    }

    /// `DELETE /files/{fileId}`: R-VAL-09: only the organisation a file was uploaded for deletes
    /// it, and only while nothing references it; an attached file is a 412.
    func deleteFile(_ input: Operations.DeleteFile.Input) async throws -> Operations.DeleteFile.Output {
        let principal = try RequestScope.principal()
        let id = try WholeNumber.checked(input.path.fileId, field: "fileId", in: 1...(1 << 53))
        let repository = FileRepository(services.database)
        guard let file = try await repository.file(id), principal.mayRead(file) else {
            throw AppError.notFound("File")
        }
        if let owner = file.owner {
            throw AppError.preconditionFailed("R-VAL-09: file \(id) is attached to \(owner) and cannot be deleted")
        }
        guard principal.mayActFor(file.organisationReference) else { throw AppError.accessRestricted }
        guard try await repository.deleteUnattached(id) else {
            throw AppError.preconditionFailed("R-VAL-09: file \(id) was attached meanwhile and cannot be deleted")
        }
        return .noContent(.init())
    }

    /// `POST /works/{wrn}/files`: the works' promoter side or highway authority attaches files it
    /// uploaded to the works record itself (R-VAL-09), recorded in the history as
    /// `file_uploaded`.
    func addFileToWork(_ input: Operations.AddFileToWork.Input) async throws -> Operations.AddFileToWork.Output {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        guard !request.fileIds.isEmpty else {
            throw AppError.invalid(field: "file_ids", "R-VAL-09: at least one file id is required")
        }
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            let wrn = change.work.workReferenceNumber
            try await change.attachFiles(request.fileIds, to: .work(wrn))
            let ids = request.fileIds.map { String(Int($0)) }.joined(separator: ", ")
            change.record(
                .fileUploaded, object: .work, reference: wrn,
                details: "\(request.fileIds.count == 1 ? "File" : "Files") \(ids) added to works record \(wrn)")
        }
        return .created(.init())
    }
}
