import Contract
import Domain
import Foundation
import OpenAPIRuntime
import Store

/// Evidence files: uploaded once (`POST /files`, a multipart body, kept in the database),
/// attached to one record (the works record, a permit, an inspection or an FPN), read by the
/// works' parties, listed per record, and removed when nothing references them (R-VAL-08,
/// R-VAL-09, R-INSP-07, R-FPN-04, D-FILES).
enum FilesFeature: Feature {
    static let operations = [
        "work": ["uploadFile", "getFile", "deleteFile", "addFileToWork"],
        "reporting": ["getWorkFiles", "getPermitFiles", "getInspectionFiles", "getFpnFiles"],
    ]
}

extension WorksChange {
    var files: FileRepository { FileRepository(tx) }

    /// R-VAL-09, R-VAL-10, R-VAL-08, R-INSP-07, R-FPN-04: attaches the uploaded files `ids` to
    /// `owner`, a record of this works record. Each id names a file that exists, was uploaded
    /// for an organisation the caller acts for, and is attached to nothing yet; no id twice; at
    /// most 50 files on an inspection or FPN; the works' files stay under 100 MB. Otherwise a 400
    /// naming `field` (`file_ids[i]`) and the rule, and nothing is attached. The one way every
    /// feature attaches files (D-FILES).
    func attachFiles(_ ids: [Double], to owner: FileOwner, field: String = "file_ids") async throws {
        var problems: [FieldError] = []
        var wanted: [(index: Int, id: Int)] = []
        for (index, value) in ids.enumerated() {
            let name = "\(field)[\(index)]"
            guard value.isFinite, value.rounded() == value, value >= 1, value <= 9.0e15 else {
                problems.append(FieldError(field: name, message: "must be the id of an uploaded file"))
                continue
            }
            let id = Int(value)
            if wanted.contains(where: { $0.id == id }) {
                problems.append(FieldError(field: name, message: "R-VAL-10: file \(id) is named twice"))
                continue
            }
            wanted.append((index, id))
        }
        if let maximum = owner.maximumFiles {
            let existing = try await files.count(of: owner)
            if existing + wanted.count > maximum {
                problems.append(
                    FieldError(
                        field: field,
                        message:
                            "\(owner.countRule): at most \(maximum) files per \(owner.kind == .inspection ? "inspection" : "fixed penalty notice") (\(existing) attached, \(wanted.count) more sent)"
                    ))
            }
        }
        var bytes: Int64 = 0
        for (index, id) in wanted {
            let name = "\(field)[\(index)]"
            guard let file = try await files.file(id), mayUse(file) else {
                problems.append(FieldError(field: name, message: "R-VAL-09: file \(id) does not exist"))
                continue
            }
            if let attached = file.owner {
                problems.append(
                    FieldError(
                        field: name, message: "R-VAL-09: file \(id) is already attached to \(attached)"))
                continue
            }
            bytes += Int64(file.byteCount)
        }
        if problems.isEmpty, bytes > 0 {
            let total = try await files.totalBytes(ofWork: work.workReferenceNumber) + bytes
            if total >= FileRules.maximumBytesPerWork {
                problems.append(
                    FieldError(
                        field: field,
                        message:
                            "R-VAL-08: the files of a works record must stay under \(FileRules.maximumBytesPerWork) bytes (these would make \(total))"
                    ))
            }
        }
        if !problems.isEmpty { throw AppError.invalid(problems) }
        for (index, id) in wanted where !(try await files.attach(id, to: owner, work: work, at: at)) {
            // Attached or removed by another request since it was read.
            throw AppError.invalid(
                field: "\(field)[\(index)]", "R-VAL-09: file \(id) is already attached to another record")
        }
    }

    /// Whether the caller uploaded `file` (for an organisation it acts for); the system may
    /// attach any file.
    private func mayUse(_ file: FileRow) -> Bool {
        guard let principal = caller.principal else { return true }
        return principal.mayActFor(file.organisationReference)
    }
}

extension Principal {
    /// D-FILES: who may read a file: the organisation it was uploaded for, and once attached the
    /// works' promoter (or a contractor acting for it) and highway authority.
    func mayRead(_ file: FileRow) -> Bool {
        if mayActFor(file.organisationReference) { return true }
        guard file.owner != nil else { return false }
        return [file.promoterSWACode, file.highwayAuthoritySWACode].contains { $0.map(mayActFor) ?? false }
    }
}

/// A request body read no further than `maximum` bytes: past it, the read fails with a 413
/// naming the limit, so a multipart upload is never held beyond it (D-FILES).
struct LimitedBody: AsyncSequence, Sendable {
    typealias Element = HTTPBody.ByteChunk

    let body: HTTPBody
    let maximum: Int
    let limit: Int

    struct AsyncIterator: AsyncIteratorProtocol {
        var upstream: HTTPBody.AsyncIterator
        let maximum: Int
        let limit: Int
        var count = 0

        mutating func next() async throws -> HTTPBody.ByteChunk? {
            guard let chunk = try await upstream.next() else { return nil }
            count += chunk.count
            if count > maximum { throw AppError.fileTooLarge(limit: limit) }
            return chunk
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(upstream: body.makeAsyncIterator(), maximum: maximum, limit: limit)
    }

    /// `body` limited to the request size an upload of at most `limits.maximumBytes` may have;
    /// a 413 at once when its `Content-Length` says it is larger.
    static func limiting(_ body: HTTPBody?, to limits: FileLimits) throws -> HTTPBody? {
        guard let body else { return nil }
        if case .known(let length) = body.length, length > Int64(limits.maximumRequestBytes) {
            throw AppError.fileTooLarge(limit: limits.maximumBytes)
        }
        return HTTPBody(
            LimitedBody(body: body, maximum: limits.maximumRequestBytes, limit: limits.maximumBytes),
            length: body.length, iterationBehavior: .single)
    }
}

extension AppError {
    /// R-VAL-08: an upload over the configured limit (`FILE_MAX_BYTES`).
    static func fileTooLarge(limit: Int) -> AppError {
        AppError(
            .contentTooLarge,
            "R-VAL-08: a file may be at most \(limit) bytes (FILE_MAX_BYTES); the upload was refused",
            fieldErrors: [FieldError(field: "file", message: "must be at most \(limit) bytes")])
    }

    /// The `AppError` behind `error`, when it is one or wraps one (the multipart reader passes
    /// on what the request body threw inside its own errors).
    static func within(_ error: any Error, depth: Int = 0) -> AppError? {
        if let error = error as? AppError { return error }
        guard depth < 4 else { return nil }
        for child in Mirror(reflecting: error).children {
            if let inner = child.value as? any Error, let found = within(inner, depth: depth + 1) { return found }
        }
        return nil
    }
}
