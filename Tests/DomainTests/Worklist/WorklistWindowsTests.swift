import Domain
import Foundation
import Testing

@Suite("R-RESP-10: worklist date windows (D-WORKLIST)")
struct WorklistWindowsTests {
    func at(_ text: String) -> Date { ISO8601.parse(text)! }

    @Test("R-RESP-10: starts and stops due span yesterday, today and tomorrow, whole UK days")
    func dueWindows() {
        // Wednesday 2026-01-07 15:00 GMT.
        let now = at("2026-01-07T15:00:00Z")
        let window = WorklistWindows.startsDue(at: now)
        #expect(window == at("2026-01-06T00:00:00Z")..<at("2026-01-09T00:00:00Z"))
        #expect(WorklistWindows.stopsDue(at: now) == window)
        #expect(window.contains(at("2026-01-06T00:00:00Z")))
        #expect(!window.contains(at("2026-01-05T23:59:59Z")))
        #expect(window.contains(at("2026-01-08T23:59:59Z")))
        #expect(!window.contains(at("2026-01-09T00:00:00Z")))
    }

    @Test("R-TIME-10: after midnight in summer time, today is already the next UK day")
    func summerMidnight() {
        // 2026-06-10 23:30 UTC is 00:30 on Thursday 11 June in the UK.
        let now = at("2026-06-10T23:30:00Z")
        #expect(WorklistWindows.deemingDeadline(at: now) == LocalDate(year: 2026, month: 6, day: 11))
        #expect(WorklistWindows.startsDue(at: now) == at("2026-06-09T23:00:00Z")..<at("2026-06-12T23:00:00Z"))
        #expect(WorklistWindows.overrunning(at: now) == at("2026-06-03T23:00:00Z")..<at("2026-06-10T23:00:00Z"))
    }

    @Test("R-TIME-10: the day the clocks go forward is a whole (23-hour) day of the window")
    func clockChange() {
        // Monday 2026-03-30 (BST): Sunday 29 March began at 00:00 GMT, Wednesday 1 April at
        // 23:00 UTC the day before.
        let window = WorklistWindows.stopsDue(at: at("2026-03-30T10:00:00Z"))
        #expect(window == at("2026-03-29T00:00:00Z")..<at("2026-03-31T23:00:00Z"))
        #expect(window.upperBound.timeIntervalSince(window.lowerBound) == 71 * 3600)
    }

    @Test("R-RESP-10: overrunning means a reasonable period that ended 1 to 7 days ago, not today")
    func overrunningWindow() {
        let now = at("2026-01-14T09:00:00Z")
        let window = WorklistWindows.overrunning(at: now)
        #expect(window == at("2026-01-07T00:00:00Z")..<at("2026-01-14T00:00:00Z"))
        #expect(!window.contains(at("2026-01-14T00:00:00Z")), "ended today: not yet overrunning")
        #expect(window.contains(at("2026-01-13T23:59:59Z")))
        #expect(!window.contains(at("2026-01-06T23:59:59Z")), "8 days ago: left the list")
    }

    @Test("R-RESP-10: about to deem means a response period ending today, UK date")
    func deemingToday() {
        #expect(WorklistWindows.deemingDeadline(at: at("2026-01-07T23:59:59Z")) == LocalDate(iso: "2026-01-07"))
        #expect(WorklistWindows.deemingDeadline(at: at("2026-01-08T00:00:00Z")) == LocalDate(iso: "2026-01-08"))
    }
}
