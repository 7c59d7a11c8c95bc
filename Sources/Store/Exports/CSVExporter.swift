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

    public init(type: CSVExportType, name: String, source: any ListSource, columns: [CSVColumn]) {
        self.type = type
        self.name = name
        self.source = source
        self.columns = columns
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

    /// Writes the export's rows; how many there were. A chunk is compressed and stored while the
    /// next one is written (the two cores share the work); at most two are in memory.
    func render(_ export: CSVExportRow, _ resource: CSVResource) async throws -> Int {
        let request = ListRequest(query: export.filters, visibility: export.visibility, user: export.ownerEmail)
        var text = CSVText(capacity: Self.chunkBytes + (64 << 10))
        text.header(resource.columns)
        var sequence = 0
        var count = 0
        var storing: Task<Void, any Error>? = nil
        func flush() async throws {
            try await storing?.value
            let bytes = text.bytes
            let chunk = sequence
            storing = Task { try await store(export.id, sequence: chunk, bytes) }
            sequence += 1
            text = CSVText(capacity: Self.chunkBytes + (64 << 10))
        }
        do {
            try await resource.source.forEachBatch(
                request, columns: resource.columns, batchSize: Self.batchSize, in: database
            ) { rows in
                for row in rows { text.row(row, resource.columns) }
                count += rows.count
                if text.bytes.count >= Self.chunkBytes { try await flush() }
            }
            try await flush()
            try await storing?.value
        } catch {
            storing?.cancel()
            _ = try? await storing?.value
            throw error
        }
        return count
    }

    /// Compresses one chunk and stores it, renewing the lease; `LeaseLost` when the export is no
    /// longer this process's.
    func store(_ id: Int64, sequence: Int, _ bytes: [UInt8]) async throws {
        var buffer = ByteBuffer(bytes: bytes)
        let compressed = try buffer.compress(
            with: .gzip(configuration: .init(compressionLevel: .fastestCompression)))
        let data = Array(compressed.readableBytesView)
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
    public static func file(_ id: Int64, database: any SQLExecutor) -> AsyncThrowingStream<ByteBuffer, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    var next = 0
                    while true {
                        let chunks = try await CSVExportRepository(database).chunks(of: id, from: next, limit: 4)
                        if chunks.isEmpty { break }
                        for chunk in chunks {
                            var compressed = ByteBuffer(bytes: chunk.data)
                            continuation.yield(try compressed.decompress(with: .gzip()))
                            next = chunk.sequence + 1
                        }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
