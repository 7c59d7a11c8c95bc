import Foundation

/// The demo gazetteer bundled with the store (`Resources/demo-gazetteer.csv`, written by
/// `scripts/generate-demo-gazetteer.py`): streets of Anytown (SWA 1001) and Otherton (1002).
public enum DemoGazetteer {
    public static var url: URL? {
        Bundle.module.url(forResource: "demo-gazetteer", withExtension: "csv", subdirectory: "Resources")
    }

    /// Imports the demo streets when the gazetteer is empty; returns how many were added.
    @discardableResult
    public static func seed(into database: any Database) async throws -> Int {
        guard try await StreetRepository(database).count() == 0 else { return 0 }
        guard let url, let data = FileManager.default.contents(atPath: url.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Resources/demo-gazetteer.csv"])
        }
        return try await GazetteerImporter.import(csv: data, into: database).rows
    }
}
