import Domain
import Foundation

/// Loads a gazetteer CSV (docs/gazetteer.md) into the store: every line is checked first, and
/// if any is wrong nothing is written; otherwise all streets are upserted by USRN in one
/// transaction.
public enum GazetteerImporter {
    public struct Summary: Sendable, Equatable {
        /// Streets in the file.
        public var rows: Int
        public var inserted: Int
        public var updated: Int

        public init(rows: Int, inserted: Int, updated: Int) {
            self.rows = rows
            self.inserted = inserted
            self.updated = updated
        }
    }

    /// Every line that cannot be imported; the file was refused and nothing was written.
    public struct Refused: Error, Sendable, CustomStringConvertible {
        public var rejected: [RejectedLine]
        public var description: String {
            "refused: \(rejected.count) invalid line(s), nothing imported\n"
                + rejected.map(\.description).joined(separator: "\n")
        }
    }

    /// Imports `csv`, calling `progress(written, total)` every `progressEvery` streets and at the end.
    @discardableResult
    public static func `import`(
        csv: some Collection<UInt8>, into database: any Database, progressEvery: Int = 1000, now: Date = Date(),
        progress: (@Sendable (_ written: Int, _ total: Int) -> Void)? = nil
    ) async throws -> Summary {
        let streets: [Street]
        switch GazetteerCSV.parse(csv) {
        case .success(let parsed): streets = parsed
        case .failure(let failure): throw Refused(rejected: failure.rejected)
        }
        let step = max(progressEvery, 1)
        return try await database.transaction { tx in
            let repository = StreetRepository(tx)
            var (updated, written, reported) = (0, 0, 0)
            for start in stride(from: 0, to: streets.count, by: StreetRepository.batchSize) {
                let batch = Array(streets[start..<min(start + StreetRepository.batchSize, streets.count)])
                updated += try await repository.existing(batch.map(\.usrn)).count
                try await repository.upsert(batch, at: now)
                written += batch.count
                if written - reported >= step || written == streets.count {
                    progress?(written, streets.count)
                    reported = written
                }
            }
            if streets.isEmpty { progress?(0, 0) }
            return Summary(rows: streets.count, inserted: streets.count - updated, updated: updated)
        }
    }
}
