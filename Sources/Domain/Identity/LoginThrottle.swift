import Foundation

/// R-SEC-04: five failed logins within five minutes lock the account for five minutes.
public struct LoginThrottle: Sendable {
    public static let maximumFailures = 5
    public static let window: TimeInterval = 5 * 60
    public static let lockDuration: TimeInterval = 5 * 60

    public var failedCount: Int
    public var windowStart: Date?
    public var lockedUntil: Date?

    public init(failedCount: Int, windowStart: Date?, lockedUntil: Date?) {
        self.failedCount = failedCount
        self.windowStart = windowStart
        self.lockedUntil = lockedUntil
    }

    public func isLocked(at now: Date) -> Bool {
        guard let lockedUntil else { return false }
        return now < lockedUntil
    }

    /// The state after one more failure at `now`.
    public func recordingFailure(at now: Date) -> LoginThrottle {
        var next = self
        if let start = windowStart, now.timeIntervalSince(start) < Self.window,
            !(lockedUntil.map { now >= $0 } ?? false)
        {
            next.failedCount += 1
        } else {
            next.failedCount = 1
            next.windowStart = now
            next.lockedUntil = nil
        }
        if next.failedCount >= Self.maximumFailures {
            next.lockedUntil = now.addingTimeInterval(Self.lockDuration)
        }
        return next
    }

    public static let cleared = LoginThrottle(failedCount: 0, windowStart: nil, lockedUntil: nil)
}
