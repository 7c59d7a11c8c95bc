import Foundation

/// What a file is attached to (R-VAL-09: one record only): the works record itself
/// (`POST /works/{wrn}/files`), one of its permits, inspections or fixed penalty notices, each
/// by its reference.
public struct FileOwner: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case work
        case permit
        case inspection
        case fpn
    }

    public var kind: Kind
    public var reference: String

    public init(_ kind: Kind, _ reference: String) {
        self.kind = kind
        self.reference = reference.uppercased()
    }

    public static func work(_ reference: String) -> FileOwner { FileOwner(.work, reference) }
    public static func permit(_ reference: String) -> FileOwner { FileOwner(.permit, reference) }
    public static func inspection(_ reference: String) -> FileOwner { FileOwner(.inspection, reference) }
    public static func fpn(_ reference: String) -> FileOwner { FileOwner(.fpn, reference) }

    /// R-INSP-07, R-FPN-04, R-VAL-08: at most 50 files per inspection or FPN; none is set for the
    /// works record or a permit (their files count towards the works' total size instead).
    public var maximumFiles: Int? {
        switch kind {
        case .inspection, .fpn: FileRules.maximumFilesPerRecord
        case .work, .permit: nil
        }
    }

    /// The rule that limits the number of files of this owner.
    public var countRule: String { kind == .inspection ? "R-INSP-07" : "R-FPN-04" }

    public var description: String {
        switch kind {
        case .work: "works record \(reference)"
        case .permit: "permit \(reference)"
        case .inspection: "inspection \(reference)"
        case .fpn: "fixed penalty notice \(reference)"
        }
    }
}

/// The kinds of file the service keeps: the six content types `GET /files/{fileId}` answers
/// with (D-FILES). The kind is recognised from the file's first bytes, never taken from the
/// name or the type the client declares.
public enum FileContentType: String, Sendable, Hashable, CaseIterable {
    case msword = "application/vnd.msword"
    case pdf = "application/pdf"
    case png = "image/png"
    case jpeg = "image/jpeg"
    case tiff = "image/tiff"
    case bmp = "image/bmp"

    /// The reporting lists' `file_type` filter: `images` or `documents`.
    public var fileType: String {
        switch self {
        case .msword, .pdf: "documents"
        case .png, .jpeg, .tiff, .bmp: "images"
        }
    }

    /// How many leading bytes `recognise` needs.
    public static let signatureLength = 8

    /// The kind whose signature `bytes` start with: `%PDF-`, the PNG signature, a JPEG SOI
    /// marker, a TIFF byte-order mark (`II*\0` / `MM\0*`), `BM` with its reserved bytes zero, or an OLE compound document
    /// (the Word 97–2003 `.doc` container); nil for anything else.
    public static func recognise<C: Collection>(_ bytes: C) -> FileContentType? where C.Element == UInt8 {
        let head = Array(bytes.prefix(signatureLength))
        func starts(_ signature: [UInt8]) -> Bool { head.starts(with: signature) }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .msword }
        if starts([0x42, 0x4D]) && head.count == signatureLength && head[6] == 0 && head[7] == 0 { return .bmp }
        return nil
    }
}

/// The value rules of evidence files (R-VAL-08, R-VAL-09, R-VAL-10, R-INSP-07, R-FPN-04).
public enum FileRules {
    /// R-INSP-07, R-FPN-04, R-VAL-08: files per inspection or fixed penalty notice.
    public static let maximumFilesPerRecord = 50
    /// R-VAL-08: "≤ 10 MB each" (BR §1.5), as 10 MiB; `FILE_MAX_BYTES` changes it.
    public static let defaultMaximumBytes = 10 * 1024 * 1024
    /// R-VAL-08: "all files on one works record < 100 MB".
    public static let maximumBytesPerWork: Int64 = 100 * 1024 * 1024
    /// A file nothing references is removed this long after its upload (D-FILES);
    /// `FILE_UNATTACHED_RETENTION_HOURS` changes it.
    public static let defaultUnattachedRetention: TimeInterval = 24 * 3600
    /// What a multipart request may carry besides the file (boundaries and part headers) before
    /// its `Content-Length` alone refuses it.
    public static let multipartAllowance = 64 * 1024
    /// The longest file name kept (R-VAL-07's single-line text is 100; names run longer).
    public static let maximumNameLength = 255

    /// The name to keep for a file sent as `sent`: its last path component (a browser may send
    /// `C:\photos\a.jpg`), without control characters, at most 255 characters; nil when nothing
    /// is left.
    public static func fileName(_ sent: String?) -> String? {
        guard let sent else { return nil }
        let last = sent.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
            .trimmingCharacters(in: .whitespaces)
        guard !cleaned.isEmpty else { return nil }
        return String(cleaned.prefix(maximumNameLength))
    }
}

/// How big a file may be and how long an unattached one is kept (README, Configuration).
public struct FileLimits: Sendable, Equatable {
    /// R-VAL-08: the largest file accepted, in bytes.
    public var maximumBytes: Int
    /// D-FILES: how long after its upload a file nothing references is removed.
    public var unattachedRetention: TimeInterval

    public init(
        maximumBytes: Int = FileRules.defaultMaximumBytes,
        unattachedRetention: TimeInterval = FileRules.defaultUnattachedRetention
    ) {
        self.maximumBytes = maximumBytes
        self.unattachedRetention = unattachedRetention
    }

    /// The largest request body an upload may be: the file plus the multipart framing.
    public var maximumRequestBytes: Int { maximumBytes + FileRules.multipartAllowance }
}
