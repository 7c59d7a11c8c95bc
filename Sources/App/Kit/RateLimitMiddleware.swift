import Domain
import Foundation
import Hummingbird
import NIOCore

/// R-SEC-08: too many calls from one client address in a minute get 429 with the standard body.
/// Counted per process in fixed one-minute windows; 0 turns it off.
final class RateLimiter: @unchecked Sendable {
    let limitPerMinute: Int
    private let lock = NSLock()
    private var window: Int = 0
    private var counts: [String: Int] = [:]

    init(limitPerMinute: Int) { self.limitPerMinute = limitPerMinute }

    /// Counts one call; false once the client is over the limit in this minute.
    func allow(_ client: String, now: Date) -> Bool {
        guard limitPerMinute > 0 else { return true }
        let minute = Int(now.timeIntervalSince1970 / 60)
        lock.lock()
        defer { lock.unlock() }
        if minute != window {
            window = minute
            counts.removeAll(keepingCapacity: true)
        }
        let count = (counts[client] ?? 0) + 1
        counts[client] = count
        return count <= limitPerMinute
    }
}

struct RateLimitMiddleware<Context: RequestContext & RemoteAddressRequestContext>: RouterMiddleware {
    let limiter: RateLimiter
    let clock: any WallClock

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let client = context.remoteAddress?.ipAddress ?? "unknown"
        guard limiter.allow(client, now: clock.now()) else {
            var error = AppError.tooManyRequests
            error.headers[.retryAfter] = "60"
            throw error
        }
        return try await next(request, context)
    }
}
