import Domain
import Foundation
import Testing

@Suite("R-SEC-04: login throttle")
struct LoginThrottleTests {
    let start = Date(timeIntervalSince1970: 1_767_603_600)

    @Test("R-SEC-04: the fifth failure within five minutes locks for five minutes")
    func fifthFailureLocks() {
        var throttle = LoginThrottle.cleared
        for i in 0..<4 {
            throttle = throttle.recordingFailure(at: start.addingTimeInterval(Double(i) * 60))
            #expect(!throttle.isLocked(at: start.addingTimeInterval(Double(i) * 60)))
        }
        let fifth = start.addingTimeInterval(4 * 60 + 59)
        throttle = throttle.recordingFailure(at: fifth)
        #expect(throttle.isLocked(at: fifth))
        #expect(throttle.isLocked(at: fifth.addingTimeInterval(299)))
        #expect(!throttle.isLocked(at: fifth.addingTimeInterval(300)))
    }

    @Test("R-SEC-04: a failure after the window starts a new count")
    func windowRestarts() {
        var throttle = LoginThrottle.cleared
        for i in 0..<4 { throttle = throttle.recordingFailure(at: start.addingTimeInterval(Double(i))) }
        throttle = throttle.recordingFailure(at: start.addingTimeInterval(301))
        #expect(throttle.failedCount == 1)
        #expect(!throttle.isLocked(at: start.addingTimeInterval(301)))
    }

    @Test("R-SEC-04: after a lock expires, failures count afresh")
    func afterLockExpires() {
        var throttle = LoginThrottle.cleared
        for i in 0..<5 { throttle = throttle.recordingFailure(at: start.addingTimeInterval(Double(i))) }
        #expect(throttle.isLocked(at: start.addingTimeInterval(10)))
        throttle = throttle.recordingFailure(at: start.addingTimeInterval(310))
        #expect(throttle.failedCount == 1)
        #expect(!throttle.isLocked(at: start.addingTimeInterval(310)))
    }
}
