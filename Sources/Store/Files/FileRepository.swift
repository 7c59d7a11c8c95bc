import Domain
import Foundation

/// A stored evidence file without its bytes (R-VAL-08, R-VAL-09).
public struct FileRow: Sendable, Hashable {
    public var id: Int
    public var name: String
    public var contentType: FileContentType
    public var byteCount: Int
    /// The organisation it was uploaded for (the uploader's, or the promoter a contractor acted for).
    public var organisationReference: String
    public var uploadedBy: String
    public var createdAt: Date
    /// What it is attached to; nil until it is.
    public var owner: FileOwner?
    public var workReferenceNumber: String?
    public var promoterSWACode: String?
    public var highwayAuthoritySWACode: String?
    public var workstreamPrefix: String?
    public var attachedAt: Date?

    public init(
        id: Int, name: String, contentType: FileContentType, byteCount: Int, organisationReference: String,
        uploadedBy: String, createdAt: Date, owner: FileOwner? = nil, workReferenceNumber: String? = nil,
        promoterSWACode: String? = nil, highwayAuthoritySWACode: String? = nil, workstreamPrefix: String? = nil,
        attachedAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.contentType = contentType
        self.byteCount = byteCount
        self.organisationReference = organisationReference
        self.uploadedBy = uploadedBy
        self.createdAt = createdAt
        self.owner = owner
        self.workReferenceNumber = workReferenceNumber
        self.promoterSWACode = promoterSWACode
        self.highwayAuthoritySWACode = highwayAuthoritySWACode
        self.workstreamPrefix = workstreamPrefix
        self.attachedAt = attachedAt
    }
}

/// Evidence files: their bytes and what they are attached to.
public struct FileRepository: Sendable {
    let db: any SQLExecutor

    public init(_ db: any SQLExecutor) { self.db = db }

    static let columns =
        "file_id, file_name, content_type, byte_count, organisation_reference, uploaded_by, created_at, owner_type, owner_reference, work_reference_number, promoter_swa_code, highway_authority_swa_code, workstream_prefix, attached_at"

    /// The files attached to a works record itself, in upload order (`GET /works/{wrn}`).
    static let ofWork =
        "SELECT \(columns) FROM files WHERE owner_type = '\(FileOwner.Kind.work.rawValue)' AND owner_reference = ? ORDER BY file_id"

    static func columns(as alias: String) -> String {
        columns.split(separator: ",").map { "\(alias).\($0.trimmingCharacters(in: .whitespaces))" }
            .joined(separator: ", ")
    }

    /// Stores a new, unattached file; its id.
    public func insert(
        name: String, contentType: FileContentType, content: [UInt8], organisation: String, uploadedBy: String,
        at: Date
    ) async throws -> Int {
        let row = try await db.first(
            """
            INSERT INTO files (file_name, content_type, file_type, byte_count, content, organisation_reference,
            uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING file_id
            """,
            [
                .text(name), .text(contentType.rawValue), .text(contentType.fileType), .int(Int64(content.count)),
                .blob(content), .text(organisation), .text(uploadedBy), .instant(at),
            ])
        guard let id = row?.int("file_id") else { throw StoreError.missingColumn("file_id") }
        return id
    }

    public func file(_ id: Int) async throws -> FileRow? {
        try await db.first("SELECT \(Self.columns) FROM files WHERE file_id = ?", .int(Int64(id))).map(Self.row(from:))
    }

    /// The file's bytes.
    public func content(_ id: Int) async throws -> [UInt8]? {
        guard let row = try await db.first("SELECT content FROM files WHERE file_id = ?", .int(Int64(id))) else {
            return nil
        }
        guard case .blob(let bytes) = row["content"] else { return [] }
        return bytes
    }

    /// The files attached to `owner`, in upload order.
    public func files(of owner: FileOwner) async throws -> [FileRow] {
        try await db.query(
            "SELECT \(Self.columns) FROM files WHERE owner_type = ? AND owner_reference = ? ORDER BY file_id",
            [.text(owner.kind.rawValue), .text(owner.reference)]
        ).map(Self.row(from:))
    }

    public func count(of owner: FileOwner) async throws -> Int {
        try await db.first(
            "SELECT COUNT(*) AS n FROM files WHERE owner_type = ? AND owner_reference = ?",
            [.text(owner.kind.rawValue), .text(owner.reference)]
        )?.int("n") ?? 0
    }

    /// The bytes of every file attached anywhere on the works record (R-VAL-08).
    public func totalBytes(ofWork reference: String) async throws -> Int64 {
        Int64(
            try await db.first(
                "SELECT COALESCE(SUM(byte_count), 0) AS n FROM files WHERE work_reference_number = ?",
                .text(reference)
            )?.int("n") ?? 0)
    }

    /// Attaches the unattached file `id` to `owner` on the works record `work`; false when it is
    /// gone or already attached (the condition holds against a concurrent attach or clean-up).
    public func attach(_ id: Int, to owner: FileOwner, work: WorkRow, at: Date) async throws -> Bool {
        let rows = try await db.query(
            """
            UPDATE files SET owner_type = ?, owner_reference = ?, work_reference_number = ?, promoter_swa_code = ?,
            highway_authority_swa_code = ?, workstream_prefix = ?, attached_at = ?
            WHERE file_id = ? AND owner_type IS NULL RETURNING file_id
            """,
            [
                .text(owner.kind.rawValue), .text(owner.reference), .text(work.workReferenceNumber),
                .text(work.promoterSWACode), .text(work.highwayAuthoritySWACode), .text(work.workstreamPrefix),
                .instant(at), .int(Int64(id)),
            ])
        return !rows.isEmpty
    }

    /// Deletes the unattached file `id`; false when it is gone or was attached meanwhile.
    public func deleteUnattached(_ id: Int) async throws -> Bool {
        !(try await db.query(
            "DELETE FROM files WHERE file_id = ? AND owner_type IS NULL RETURNING file_id", [.int(Int64(id))]
        ).isEmpty)
    }

    /// Deletes every file of `owner` (a deleted FPN's evidence, D-FPNS); how many.
    @discardableResult
    public func deleteFiles(of owner: FileOwner) async throws -> Int {
        try await db.query(
            "DELETE FROM files WHERE owner_type = ? AND owner_reference = ? RETURNING file_id",
            [.text(owner.kind.rawValue), .text(owner.reference)]
        ).count
    }

    /// D-FILES: removes up to `limit` files nothing references that were uploaded before
    /// `cutoff`; their ids. One conditional `DELETE`: with several processes each file is removed
    /// by one of them, and a file attached meanwhile is kept.
    public func deleteUnattached(uploadedBefore cutoff: Date, limit: Int) async throws -> [Int] {
        try await db.query(
            """
            DELETE FROM files WHERE owner_type IS NULL AND file_id IN
            (SELECT file_id FROM files WHERE owner_type IS NULL AND created_at < ? ORDER BY created_at LIMIT ?)
            RETURNING file_id
            """,
            [.instant(cutoff), .int(Int64(limit))]
        ).compactMap { $0.int("file_id") }
    }

    static func row(from row: SQLRow) throws -> FileRow {
        var owner: FileOwner? = nil
        if let kind = row.string("owner_type").flatMap(FileOwner.Kind.init(rawValue:)),
            let reference = row.string("owner_reference")
        {
            owner = FileOwner(kind, reference)
        }
        return FileRow(
            id: try row.requireInt("file_id"), name: try row.requireString("file_name"),
            contentType: try row.value("content_type"), byteCount: try row.requireInt("byte_count"),
            organisationReference: try row.requireString("organisation_reference"),
            uploadedBy: try row.requireString("uploaded_by"), createdAt: try row.requireInstant("created_at"),
            owner: owner, workReferenceNumber: row.string("work_reference_number"),
            promoterSWACode: row.string("promoter_swa_code"),
            highwayAuthoritySWACode: row.string("highway_authority_swa_code"),
            workstreamPrefix: row.string("workstream_prefix"), attachedAt: row.instant("attached_at"))
    }
}

extension FileRow {
    /// The reporting file lists (`GET /reporting/works/files`, `…/permits/files`,
    /// `…/inspections/files`, `…/fixed-penalty-notices/files`): the files of one record, by the
    /// list's reference parameter, as the caller may see them (the works' promoter, within its
    /// workstream grants, and highway authority), `file_type` `images` or `documents`, in upload
    /// order. The works list holds every file on the works record, whatever it is attached to.
    public static func list(_ parameter: String, column: String, kind: FileOwner.Kind?) -> ListDescription<FileRow> {
        var list = ListDescription<FileRow>(
            from: "files f", columns: FileRepository.columns(as: "f"),
            filters: [
                ListFilter(parameter, column, .equals, .upperText),
                ListFilter("file_type", "f.file_type", .anyOf),
            ],
            sorts: [:], defaultSort: "f.file_id", tieBreaker: "f.file_id", promoterColumn: "f.promoter_swa_code",
            highwayAuthorityColumn: "f.highway_authority_swa_code", workstreamColumn: "f.workstream_prefix",
            defaultAscending: true, decode: FileRepository.row(from:))
        if let kind { list.restriction = "f.owner_type = '\(kind.rawValue)'" }
        return list
    }

    public static let workFiles = list("work_reference_number", column: "f.work_reference_number", kind: nil)
    public static let permitFiles = list("permit_reference_number", column: "f.owner_reference", kind: .permit)
    public static let inspectionFiles = list(
        "inspection_reference_number", column: "f.owner_reference", kind: .inspection)
    public static let fpnFiles = list("fpn_reference_number", column: "f.owner_reference", kind: .fpn)
}
