import Foundation

/// The callers behind recently seen ID tokens, kept for a few seconds (D-PRINCIPAL-CACHE).
///
/// Every request would otherwise verify the token's signature and read the user, the
/// organisation, its contracts and the user's workstream grants: four round trips before any
/// work is done. A hit is only ever served before the token expires; logout, a password change
/// or reset on this process evicts the user's entries at once. Changes made elsewhere (another
/// server process, an organisation suspended in the database) show within `lifetime`.
final class PrincipalCache: @unchecked Sendable {
    let lifetime: TimeInterval
    let capacity: Int
    private let lock = NSLock()
    private var entries: [String: (principal: Principal, until: Date)] = [:]
    /// Bumped by every eviction: a lookup that started before an eviction must not store what
    /// it read, which may be the state the eviction was for (a logout, say).
    private var evictions: UInt64 = 0

    /// What a lookup started under; hand it back to `store`.
    struct Ticket: Sendable {
        fileprivate let evictions: UInt64
    }

    /// Call before reading a principal from the store.
    func beginLookup() -> Ticket {
        lock.withLock { Ticket(evictions: evictions) }
    }

    init(lifetime: TimeInterval, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    func principal(token: String, now: Date) -> Principal? {
        guard lifetime > 0 else { return nil }
        return lock.withLock {
            guard let entry = entries[token] else { return nil }
            guard entry.until > now else {
                entries[token] = nil
                return nil
            }
            return entry.principal
        }
    }

    /// Keeps `principal` for `token` until `lifetime` has passed or the token expires, unless
    /// something was evicted since the lookup behind it began (`ticket`).
    func store(_ principal: Principal, token: String, expires: Date, now: Date, ticket: Ticket) {
        guard lifetime > 0 else { return }
        let until = min(expires, now.addingTimeInterval(lifetime))
        lock.withLock {
            guard ticket.evictions == evictions else { return }
            if entries.count >= capacity {
                entries = entries.filter { $0.value.until > now }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[token] = (principal, until)
        }
    }

    func evict(email: String) {
        lock.withLock {
            evictions &+= 1
            entries = entries.filter { $0.value.principal.email != email }
        }
    }
}
