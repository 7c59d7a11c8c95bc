import Foundation
import Store

/// Organisation names for responses, read from the store and kept for a minute: every works,
/// permit and reporting response names its promoter and highway authority, and names change
/// rarely (a rename shows within a minute on every server process).
final class OrganisationNames: @unchecked Sendable {
    static let shared = OrganisationNames()
    static let lifetime: TimeInterval = 60

    private let lock = NSLock()
    private var cache: [String: (name: String, until: Date)] = [:]

    func names(_ references: Set<String>, database: any SQLExecutor) async throws -> [String: String] {
        let now = Date()
        var names: [String: String] = [:]
        var missing: [String] = []
        lock.withLock {
            for reference in references {
                if let hit = cache[reference], hit.until > now {
                    names[reference] = hit.name
                } else {
                    missing.append(reference)
                }
            }
        }
        let identity = IdentityRepository(database)
        for reference in missing {
            let name = try await identity.organisation(reference)?.name ?? reference
            names[reference] = name
            lock.withLock { cache[reference] = (name, now.addingTimeInterval(Self.lifetime)) }
        }
        return names
    }
}
