import Domain
import Foundation
import Testing

/// The raw values must equal the enums in `api/work.json` (without `upcoming_enum`).
@Suite("R-CAT-01/02, R-PERMIT-01/02, R-WORK-03: wire values")
struct WireEnumTests {
    @Test("R-CAT-01: WorkType wire values")
    func workType() {
        #expect(WorkType.allCases.map(\.rawValue) == ["planned", "immediate", "hs2_highway_works"])
    }

    @Test("R-CAT-02: WorkCategory wire values")
    func workCategory() {
        #expect(
            Set(WorkCategory.allCases.map(\.rawValue))
                == ["minor", "standard", "major", "immediate_urgent", "immediate_emergency", "paa", "hs2_highway"])
    }

    @Test("R-PERMIT-01: PermitStatus wire values")
    func permitStatus() {
        #expect(
            Set(PermitStatus.allCases.map(\.rawValue))
                == [
                    "submitted", "granted", "permit_modification_request", "refused", "closed", "cancelled", "revoked",
                    "progressed", "under_assessment",
                ])
    }

    @Test("R-PERMIT-02: AssessmentStatus wire values")
    func assessmentStatus() {
        #expect(
            AssessmentStatus.allCases.map(\.rawValue)
                == ["granted", "granted_auto", "refused", "refused_auto", "permit_modification_request", "revoked"])
    }

    @Test("R-WORK-03: WorkStatus wire values")
    func workStatus() {
        #expect(
            WorkStatus.allCases.map(\.rawValue)
                == [
                    "planned", "in_progress", "completed", "cancelled", "unattributable", "historical",
                    "non_notifiable",
                    "section_81",
                ])
    }

    @Test("R-CAT-02: categories decode from their wire values")
    func decodes() throws {
        let decoded = try JSONDecoder().decode([WorkCategory].self, from: Data(#"["immediate_emergency","paa"]"#.utf8))
        #expect(decoded == [.immediateEmergency, .paa])
    }
}
