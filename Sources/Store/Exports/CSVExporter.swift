import CompressNIO
import Domain
import Foundation
import NIOCore

/// What one kind of export writes: the file's name, the list it reads and its columns in order.
public struct CSVResource: Sendable {
    public var type: CSVExportType
    /// The first part of the file name (`permits` → `permits_2026-07-01_14-05-09.csv`).
    public var name: String
    public var source: any ListSource
    public var columns: [CSVColumn]
    /// How an export of this resource may ask for one file per organisation (nil: it cannot).
    public var split: CSVSplit?

    public init(
        type: CSVExportType, name: String, source: any ListSource, columns: [CSVColumn], split: CSVSplit? = nil
    ) {
        self.type = type
        self.name = name
        self.source = source
        self.columns = columns
        self.split = split
    }

    /// Whether an export with these filters is one file per organisation, delivered as a zip.
    public func isSplit(_ filters: [String: [String]]) -> Bool {
        guard let split else { return false }
        return filters[split.parameter] == [split.value]
    }
}

/// An export asked for as one CSV file per organisation (the fees export's
/// `all_orgs_multiple_csvs`, R-FEE-07): a zip of one CSV a value of `column`, each holding the
/// rows the list filter `filter` narrows to that value (D-FEES).
public struct CSVSplit: Sendable {
    /// The filter, and its value, that ask for it.
    public var parameter: String
    public var value: String
    /// For the caller's visibility: the column whose values the files are for, and the list
    /// filter that keeps one value's rows.
    public var parts: @Sendable (ListVisibility) -> (column: String, filter: String)
    /// The name of the file in the zip for a value.
    public var fileName: @Sendable (String) -> String

    public init(
        parameter: String, value: String,
        parts: @escaping @Sendable (ListVisibility) -> (column: String, filter: String),
        fileName: @escaping @Sendable (String) -> String
    ) {
        self.parameter = parameter
        self.value = value
        self.parts = parts
        self.fileName = fileName
    }
}

/// Renders queued exports (R-DATA-04): claims one, reads every matching row of its list in
/// batches, writes CSV, and stores it in compressed chunks, renewing its lease as it goes. A
/// process that dies mid-export leaves the lease to run out; then any process takes the export
/// over and starts it again. Memory stays flat: one batch of rows and one chunk at a time.
public struct CSVExporter: Sendable {
    let database: any Database
    /// This process's name for its leases.
    let worker: String
    let now: @Sendable () -> Date
    let resources: [CSVExportType: CSVResource]
    /// How long a claim lasts before another process may take the export over.
    let lease: TimeInterval

    public static let batchSize = 5_000
    /// Uncompressed bytes per stored chunk (each is one commit).
    public static let chunkBytes = 4 << 20

    public init(
        database: any Database, worker: String, resources: [CSVResource], lease: TimeInterval = CSVExportRules.lease,
        now: @escaping @Sendable () -> Date
    ) {
        self.lease = lease
        self.database = database
        self.worker = worker
        self.now = now
        self.resources = Dictionary(resources.map { ($0.type, $0) }, uniquingKeysWith: { first, _ in first })
    }

    struct LeaseLost: Error {}

    /// Claims and renders one export; its id, or nil when none was waiting.
    @discardableResult
    public func runOne() async throws -> Int64? {
        let start = now()
        guard
            let export = try await database.transaction({ tx in
                try await CSVExportRepository(tx).claim(
                    worker: worker, now: start, leaseUntil: start.addingTimeInterval(lease))
            })
        else { return nil }
        do {
            guard let resource = resources[export.type] else {
                throw StoreError.unknownValue(column: "export_type", value: export.type.rawValue)
            }
            let rows = try await render(export, resource)
            let finished = try await database.transaction { tx in
                try await CSVExportRepository(tx).finish(export.id, worker: worker, rows: rows, at: now())
            }
            if !finished { throw LeaseLost() }
        } catch is LeaseLost {
            // Another process took it over; its copy is the one that counts.
        } catch {
            try await database.transaction { tx in
                try await CSVExportRepository(tx).fail(
                    export.id, worker: worker, error: String(describing: error), at: now())
            }
        }
        return export.id
    }

    /// Chunks of the second part of an export are numbered from here (the parts' chunks are
    /// read back in sequence order: the first part's, then the second's).
    static let partStride = 1 << 20

    /// Writes the export's rows; how many there were. A source that can be split is read in two
    /// halves at once, each on a reader thread of its own with its own chunks (D-EXPORTS).
    func render(_ export: CSVExportRow, _ resource: CSVResource) async throws -> Int {
        let request = ListRequest(query: export.filters, visibility: export.visibility, user: export.ownerEmail)
        let ranges = try await resource.source.exportRanges(in: database)
        // Read once for the export's parts, not looked up for each row.
        var names: [String: String] = [:]
        if resource.columns.contains(where: { $0.format == .organisationName }) {
            for organisation in try await IdentityRepository(database).organisations(types: [], query: nil) {
                names[organisation.reference] = organisation.name
            }
        }
        if resource.isSplit(export.filters), let split = resource.split {
            return try await renderZip(export, resource, split, request, names: names)
        }
        return try await withThrowingTaskGroup(of: Int.self) { [names] group in
            for (part, range) in ranges.enumerated() {
                group.addTask {
                    try await render(export, resource, request, names: names, range: range, part: part)
                }
            }
            return try await group.reduce(0, +)
        }
    }

    /// Writes one part of the export (the header with the first); how many rows it had.
    func render(
        _ export: CSVExportRow, _ resource: CSVResource, _ request: ListRequest, names: [String: String],
        range: ClosedRange<Int64>?, part: Int
    ) async throws -> Int {
        try await write(export, part: part) { sink, afterBatch in
            if part == 0 { sink.text.header(resource.columns) }
            return try await resource.source.writeRows(
                request, columns: resource.columns, batchSize: Self.batchSize, range: range, names: names,
                in: database, into: sink, afterBatch: afterBatch)
        }
    }

    /// Writes an export that is one CSV file per value of the split's column as a zip of them, in
    /// the order of the values (D-FEES); how many rows the files hold in all. Each file is written
    /// as its rows are read, like any export; an export with no rows is an empty zip.
    func renderZip(
        _ export: CSVExportRow, _ resource: CSVResource, _ split: CSVSplit, _ request: ListRequest,
        names: [String: String]
    ) async throws -> Int {
        let (column, filter) = split.parts(request.visibility)
        let values = try await resource.source.distinctValues(of: column, request, in: database)
        return try await write(export, part: 0) { sink, afterBatch in
            var archive = ZipArchive(modified: export.createdAt)
            var total = 0
            for value in values {
                let name = Array(split.fileName(value).utf8)
                let offset = sink.flushedBytes + sink.text.count
                sink.text.append(archive.localHeader(name: name))
                // The CRC and size of the file's bytes, counted before each chunk leaves.
                var crc = CRC32()
                var size = 0
                var mark = sink.text.count
                func count() {
                    let bytes = sink.text.bytes
                    crc.update(UnsafeBufferPointer(rebasing: bytes[mark...]))
                    size += bytes.count - mark
                    mark = bytes.count
                }
                sink.text.header(resource.columns)
                var one = request
                one.query[filter] = [value]
                total += try await resource.source.writeRows(
                    one, columns: resource.columns, batchSize: Self.batchSize, names: names, in: database,
                    into: sink
                ) {
                    count()
                    try await afterBatch()
                    mark = sink.text.count
                }
                count()
                sink.text.append(try ZipArchive.dataDescriptor(crc: crc.value, size: size))
                archive.entries.append(.init(name: name, offset: offset, crc: crc.value, size: size))
            }
            sink.text.append(try archive.centralDirectory(at: sink.flushedBytes + sink.text.count))
            return total
        }
    }

    /// Writes a part of an export through `body`, which fills the sink and calls its second
    /// argument between batches; returns what `body` does. Rows are written on the database's
    /// thread as they are read, and each chunk is compressed and stored in a task of its own
    /// while the next is written; at most two chunks are in memory.
    func write(
        _ export: CSVExportRow, part: Int,
        _ body: (CSVSink, _ afterBatch: () async throws -> Void) async throws -> Int
    ) async throws -> Int {
        let capacity = Self.chunkBytes + (4 << 20)
        let sink = CSVSink(CSVText(capacity: capacity))
        var sequence = part * Self.partStride
        // Two texts take turns: one is written while the other is compressed and stored, then
        // emptied and written again (a fresh text each chunk cost a page fault every 4 KB).
        var storing: Task<Void, any Error>? = nil
        var inFlight: StoredText? = nil
        func flush() async throws {
            try await storing?.value
            storing = nil
            guard sink.text.count > 0 else { return }
            let chunk = sequence
            let pending = inFlight ?? StoredText(CSVText(capacity: capacity))
            pending.text.removeAll()
            sink.flushedBytes += sink.text.count
            swap(&pending.text, &sink.text)
            inFlight = pending
            storing = Task { try await store(export.id, sequence: chunk, pending) }
            sequence += 1
        }
        do {
            let count = try await body(sink) {
                if sink.text.count >= Self.chunkBytes { try await flush() }
            }
            try await flush()
            try await storing?.value
            return count
        } catch {
            storing?.cancel()
            _ = try? await storing?.value
            throw error
        }
    }

    /// Compresses one chunk and stores it, renewing the lease; `LeaseLost` when the export is no
    /// longer this process's.
    func store(_ id: Int64, sequence: Int, _ pending: StoredText) async throws {
        let data = try pending.compressed()
        let renewed = try await database.transaction { tx in
            let repository = CSVExportRepository(tx)
            guard try await repository.renew(id, worker: worker, until: now().addingTimeInterval(lease)) else {
                return false
            }
            try await repository.addChunk(id, sequence: sequence, data: data)
            return true
        }
        if !renewed { throw LeaseLost() }
    }

    /// The file of a ready export, decompressed chunk by chunk as it is read.
    public static func file(_ id: Int64, database: any SQLExecutor) -> CSVFile {
        CSVFile(id: id, database: database)
    }
}

/// The text of a chunk being stored, kept to be written again once it is, with the context it is
/// compressed with (also kept: used by one task at a time, the writer's or the storer's).
final class StoredText: @unchecked Sendable {
    var text: CSVText
    private let compressor = Zstd.Compressor()

    init(_ text: CSVText) { self.text = text }

    /// The text as one Zstandard frame (D-EXPORTS).
    func compressed() throws -> [UInt8] { try compressor.compress(text.bytes) }
}

/// A ready export's file, read from the database one chunk at a time as the client takes it:
/// a slow download holds one chunk in memory, never the file.
public struct CSVFile: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer
    let id: Int64
    let database: any SQLExecutor

    public func makeAsyncIterator() -> Iterator { Iterator(id: id, database: database) }

    public struct Iterator: AsyncIteratorProtocol {
        let id: Int64
        let database: any SQLExecutor
        var sequence = 0
        var finished = false

        public mutating func next() async throws -> ByteBuffer? {
            guard !finished else { return nil }
            guard let chunk = try await CSVExportRepository(database).chunks(of: id, from: sequence, limit: 1).first
            else {
                finished = true
                return nil
            }
            sequence = chunk.sequence + 1
            if Zstd.isFrame(chunk.data) { return try Zstd.decompress(chunk.data) }
            // Stored as gzip by an earlier version.
            var compressed = ByteBuffer(bytes: chunk.data)
            return try compressed.decompress(with: .gzip())
        }
    }
}
