import Domain
import Foundation
import Testing

@Suite("Ancillary information rules (R-PERMIT-24)")
struct AncillaryInfoRulesTests {
    func draft(
        type: AncillaryInfoType = .siteWelfareFacilities, location: String? = "Outside number 12",
        description: String = "Welfare van", points: [[Double]] = [[451_010, 201_010]],
        usrns: [Double] = [10_010_001]
    ) -> AncillaryInfoDraft {
        AncillaryInfoDraft(
            type: type, locationDescription: location, description: description, points: points, usrns: usrns)
    }

    @Test("R-PERMIT-24: the four types and two statuses, as the contract spells them")
    func wireValues() {
        #expect(
            AncillaryInfoType.allCases.map(\.rawValue) == [
                "portable_traffic_signals_or_other_traffic_controls", "site_welfare_facilities",
                "site_compound_or_material_storage", "site_compound_for_works",
            ])
        #expect(AncillaryInfoStatus.allCases.map(\.rawValue) == ["added", "removed"])
    }

    @Test("R-PERMIT-24: a valid item has no problems")
    func valid() {
        #expect(AncillaryInfoRules.creationProblems(draft()).isEmpty)
        let most = draft(
            points: (0..<10).map { [451_000 + Double($0), 201_000] },
            usrns: (0..<25).map { 10_010_001 + Double($0) })
        #expect(AncillaryInfoRules.creationProblems(most).isEmpty)
    }

    @Test("R-PERMIT-24: a location description is required unless the item is portable traffic signals")
    func locationDescription() {
        for type in AncillaryInfoType.allCases {
            for location in [nil, "", "   "] as [String?] {
                let problems = AncillaryInfoRules.creationProblems(draft(type: type, location: location))
                if type == .portableTrafficSignalsOrOtherTrafficControls {
                    #expect(problems.isEmpty)
                } else {
                    #expect(problems == [.locationDescriptionRequired(type)])
                }
            }
        }
        #expect(AncillaryInfoError.locationDescriptionRequired(.siteCompoundForWorks).field == "location_description")
        #expect(
            AncillaryInfoError.locationDescriptionRequired(.siteCompoundForWorks).message.hasPrefix("R-PERMIT-24:"))
    }

    @Test("R-PERMIT-24: a description that says something, texts of at most 500 characters")
    func texts() {
        #expect(AncillaryInfoRules.creationProblems(draft(description: " \n")) == [.descriptionRequired])
        let long = String(repeating: "é", count: 501)
        #expect(
            AncillaryInfoRules.creationProblems(draft(location: long, description: long)) == [
                .tooLong(field: "ancillary_info_description", limit: 500),
                .tooLong(field: "location_description", limit: 500),
            ])
        #expect(AncillaryInfoRules.creationProblems(draft(description: String(repeating: "a", count: 500))).isEmpty)
    }

    @Test("R-PERMIT-24, R-VAL-02: one to ten distinct points")
    func points() {
        #expect(AncillaryInfoRules.creationProblems(draft(points: [])) == [.pointRequired])
        let eleven = (0..<11).map { [451_000 + Double($0), 201_000] }
        #expect(AncillaryInfoRules.creationProblems(draft(points: eleven)) == [.tooManyPoints(11)])
        let twice = [[451_000.0, 201_000], [451_001, 201_000], [451_000, 201_000, 12]]
        #expect(AncillaryInfoRules.creationProblems(draft(points: twice)) == [.duplicatePoint(2)])
        #expect(AncillaryInfoError.duplicatePoint(2).field == "ancillary_info_coordinates[2]")
        #expect(AncillaryInfoError.tooManyPoints(11).message.hasPrefix("R-PERMIT-24 (R-VAL-02)"))
    }

    @Test("R-PERMIT-24, R-VAL-03: one to twenty-five distinct whole USRNs in range")
    func usrns() {
        #expect(AncillaryInfoRules.creationProblems(draft(usrns: [])) == [.usrnRequired])
        let many = (0..<26).map { 10_010_001 + Double($0) }
        #expect(AncillaryInfoRules.creationProblems(draft(usrns: many)) == [.tooManyUSRNs(26)])
        #expect(
            AncillaryInfoRules.creationProblems(draft(usrns: [10_010_001, 10_010_001.5, 100_001, 10_010_001])) == [
                .usrnOutOfRange(1), .usrnOutOfRange(2), .duplicateUSRN(3),
            ])
        #expect(AncillaryInfoError.duplicateUSRN(3).field == "usrns[3]")
        #expect(AncillaryInfoRules.wholeUSRN(99_999_999) == 99_999_999)
        #expect(AncillaryInfoRules.wholeUSRN(.infinity) == nil)
    }

    @Test("R-PERMIT-24: removal needs a reason of at most 500 characters")
    func removalReason() {
        #expect(AncillaryInfoRules.removalProblems(reason: "Signals no longer needed").isEmpty)
        #expect(AncillaryInfoRules.removalProblems(reason: "  ") == [.removalReasonRequired])
        #expect(
            AncillaryInfoRules.removalProblems(reason: String(repeating: "x", count: 501)) == [
                .tooLong(field: "ancillary_info_removal_reason", limit: 500)
            ])
        #expect(AncillaryInfoError.removalReasonRequired.field == "ancillary_info_removal_reason")
    }

    @Test("R-PERMIT-24: items change on a live PA only, and are removed once")
    func lifecycle() throws {
        for status in [PermitStatus.submitted, .underAssessment, .granted, .permitModificationRequest] {
            #expect(try AncillaryInfoLifecycle.add(toPermit: "P-01", status: status, isPAA: false) == .added)
            #expect(
                try AncillaryInfoLifecycle.remove(
                    "P-01-AI-01", status: .added, permit: "P-01", permitStatus: status, isPAA: false) == .removed)
        }
        for status in [PermitStatus.closed, .cancelled, .refused, .revoked, .progressed] {
            #expect(throws: AncillaryInfoError.permitNotLive(permit: "P-01", status: status)) {
                try AncillaryInfoLifecycle.add(toPermit: "P-01", status: status, isPAA: false)
            }
        }
        #expect(throws: AncillaryInfoError.permitIsPAA("P-01")) {
            try AncillaryInfoLifecycle.add(toPermit: "P-01", status: .granted, isPAA: true)
        }
        // Already removed is said first, whatever became of the permit.
        #expect(throws: AncillaryInfoError.alreadyRemoved("P-01-AI-01")) {
            try AncillaryInfoLifecycle.remove(
                "P-01-AI-01", status: .removed, permit: "P-01", permitStatus: .closed, isPAA: false)
        }
        #expect(AncillaryInfoError.alreadyRemoved("P-01-AI-01").field == nil)
        #expect(AncillaryInfoError.permitNotLive(permit: "P-01", status: .closed).message.contains("closed"))
    }

    @Test("D-ANCILLARY-INFO: references are {PRN}-AI-NN; the centre and box of the points")
    func referencesAndPlace() {
        #expect(AncillaryInfoLifecycle.reference(permit: "AW00112345678-01", sequence: 1) == "AW00112345678-01-AI-01")
        #expect(AncillaryInfoLifecycle.reference(permit: "AW00112345678-01", sequence: 12) == "AW00112345678-01-AI-12")
        #expect(AncillaryInfoLifecycle.reference(permit: "AW00112345678-01", sequence: 100).hasSuffix("-AI-100"))
        #expect(AncillaryInfoRules.centrePoint([[451_000, 201_000]]) == [451_000, 201_000])
        #expect(
            AncillaryInfoRules.centrePoint([[451_000, 201_000], [451_001, 201_002], [451_002, 201_001]]) == [
                451_001, 201_001,
            ])
        let bounds = AncillaryInfoRules.bounds([[451_000, 201_005], [451_010, 201_000]])
        #expect(bounds.minEasting == 451_000 && bounds.minNorthing == 201_000)
        #expect(bounds.maxEasting == 451_010 && bounds.maxNorthing == 201_005)
    }
}
