import App
import ArgumentParser
import Foundation
import Store

struct Generate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add a synthetic history of works and permits (for load tests) to the database.")

    @OptionGroup var common: CommonOptions

    @Option(help: "How many works records (one permit each) to add.")
    var works: Int = 10_000

    @Option(help: "Seed of the deterministic generator.")
    var seed: UInt64 = 7

    func run() async throws {
        guard works > 0 else { throw ValidationError("--works must be positive") }
        let config = try common.configuration()
        let logger = common.logger(config)
        let services = try await makeServices(config: config, logger: logger)
        let started = Date()
        let total = works
        let written = try await SyntheticHistory.generate(into: services.database, works: total, seed: seed) { done in
            if done % 10_000 == 0 || done == total {
                print("generated \(done) of \(total) works (\(Int(Date().timeIntervalSince(started))) s)")
            }
        }
        print("added \(written) works records with their permits and history")
        await services.database.shutdown()
    }
}
