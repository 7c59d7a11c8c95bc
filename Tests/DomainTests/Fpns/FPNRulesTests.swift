import Foundation
import Testing

@testable import Domain

@Suite("FPN rules")
struct FPNRulesTests {
    @Test("R-FPN-01: {WRN}-FPN-NN, at least two digits")
    func reference() {
        #expect(FPNRules.reference(work: "AW0011234", sequence: 1) == "AW0011234-FPN-01")
        #expect(FPNRules.reference(work: "AW0011234", sequence: 12) == "AW0011234-FPN-12")
        #expect(FPNRules.reference(work: "AW0011234", sequence: 100) == "AW0011234-FPN-100")
    }

    @Test("R-FPN-05, R-FPN-06: every status, side and next status against the transition table")
    func transitions() {
        let allowed: Set<String> = [
            "issued promoter accepted", "disputed promoter accepted", "issued promoter disputed",
            "issued ha withdrawn", "disputed ha withdrawn", "accepted ha paid", "accepted ha paid_discounted",
            "issued ha paid", "issued ha paid_discounted",
        ]
        for current in FPNStatus.allCases {
            for (side, name) in [(FPNSide.promoter, "promoter"), (.highwayAuthority, "ha")] {
                for next in FPNStatus.allCases {
                    let reason = next == .withdrawn || next == .disputed ? "Because" : nil
                    let result = try? FPNRules.transition(from: current, to: next, by: side, reason: reason)
                    let key = "\(current.rawValue) \(name) \(next.rawValue)"
                    #expect((result == next) == allowed.contains(key), "\(key)")
                }
            }
        }
    }

    @Test("R-FPN-07: the reason's rules")
    func reasons() {
        #expect(throws: FPNError.self) {
            try FPNRules.transition(from: .issued, to: .disputed, by: .promoter, reason: nil)
        }
        #expect(throws: FPNError.self) {
            try FPNRules.transition(from: .issued, to: .withdrawn, by: .highwayAuthority, reason: " ")
        }
        #expect(throws: FPNError.self) {
            try FPNRules.transition(from: .issued, to: .paid, by: .highwayAuthority, reason: "x")
        }
        #expect(throws: FPNError.self) {
            try FPNRules.transition(
                from: .issued, to: .accepted, by: .promoter, reason: String(repeating: "x", count: 501))
        }
        #expect((try? FPNRules.transition(from: .issued, to: .accepted, by: .promoter, reason: "ok")) == .accepted)
    }

    @Test("R-FPN-08: only an issued notice may be deleted")
    func deletable() {
        for status in FPNStatus.allCases {
            let ok = (try? FPNRules.checkDeletable(status, reference: "X-FPN-01")) != nil
            #expect(ok == (status == .issued))
        }
    }
}

@Suite("Evidence file kinds")
struct FileKindTests {
    @Test("D-FILES: the six kinds are recognised from their first bytes, nothing else is")
    func recognise() {
        #expect(FileContentType.recognise(Array("%PDF-1.7".utf8)) == .pdf)
        #expect(FileContentType.recognise([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]) == .png)
        #expect(FileContentType.recognise([0xFF, 0xD8, 0xFF, 0xE1]) == .jpeg)
        #expect(FileContentType.recognise([0x49, 0x49, 0x2A, 0x00, 8, 0]) == .tiff)
        #expect(FileContentType.recognise([0x4D, 0x4D, 0x00, 0x2A]) == .tiff)
        #expect(FileContentType.recognise([0x42, 0x4D, 0x36, 0, 0, 0, 0, 0]) == .bmp)
        #expect(FileContentType.recognise(Array("BMW report".utf8)) == nil)
        #expect(FileContentType.recognise([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) == .msword)
        #expect(FileContentType.recognise(Array("PK\u{3}\u{4}docx".utf8)) == nil)
        #expect(FileContentType.recognise([UInt8]()) == nil)
    }

    @Test("D-FILES: the name kept is the last path component, without control characters")
    func names() {
        #expect(FileRules.fileName("C:\\photos\\a.jpg") == "a.jpg")
        #expect(FileRules.fileName("../../etc/passwd") == "passwd")
        #expect(FileRules.fileName("a\u{0}b.png") == "ab.png")
        #expect(FileRules.fileName("  ") == nil)
        #expect(FileRules.fileName(nil) == nil)
        #expect(FileRules.fileName(String(repeating: "x", count: 300))?.count == 255)
    }
}
