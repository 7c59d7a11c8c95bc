import App
import ArgumentParser
import Foundation
import Store

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Migrate, then load a street gazetteer CSV (docs/gazetteer.md) in one transaction.",
        discussion: """
            Streets are inserted, or replaced when their USRN is already known. Every line is checked \
            first: if any is invalid, the file is refused, the invalid lines are listed and nothing \
            is written.
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "The CSV file to import.")
    var csvFile: String

    @Option(help: "Report progress every this many streets.")
    var progressEvery: Int = 1000

    /// Invalid lines listed before the rest are only counted.
    static let listedRejections = 100

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: csvFile) else {
            throw ValidationError("cannot read \(csvFile)")
        }
        let config = try common.configuration()
        let logger = common.logger(config)
        let database = try await openDatabase(config: config, logger: logger)
        do {
            try await Migrator(database: database, logger: logger).migrate()
            let started = Date()
            let summary = try await GazetteerImporter.import(csv: data, into: database, progressEvery: progressEvery) {
                written, total in
                print("  \(written) of \(total) streets written")
            }
            let seconds = Date().timeIntervalSince(started)
            print(
                "imported \(summary.rows) streets from \(csvFile) (\(summary.inserted) new, \(summary.updated) updated) in \(String(format: "%.1f", seconds)) s"
            )
        } catch let refused as GazetteerImporter.Refused {
            await database.shutdown()
            var standardError = StandardError()
            for line in refused.rejected.prefix(Self.listedRejections) { print(line, to: &standardError) }
            if refused.rejected.count > Self.listedRejections {
                print("… and \(refused.rejected.count - Self.listedRejections) more invalid lines", to: &standardError)
            }
            print(
                "refused \(csvFile): \(refused.rejected.count) invalid line(s); nothing was imported",
                to: &standardError)
            throw ExitCode.failure
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }
}

/// `print(…, to: &standardError)`.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}
