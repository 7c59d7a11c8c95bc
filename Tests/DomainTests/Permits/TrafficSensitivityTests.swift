import Domain
import Foundation
import Testing

@Suite("R-PERMIT-21: the promoter's designation selection decides traffic sensitivity")
struct TrafficSensitivityTests {
    private func street(_ designations: [SpecialDesignation]) -> Street {
        Street(
            usrn: 10_020_020, name: "Silver Road", town: "Otherton", area: "Old Town", roadCategory: 3,
            authoritySWACode: "1002", state: 2, reinstatementTypeCodes: [3],
            geometry: .lineString([[471_901.78, 214_177.09], [471_820.10, 214_132.79]]), designations: designations)
    }

    private let morningPeak = SpecialDesignation(
        code: SpecialDesignation.trafficSensitive, description: "Morning peak", locationText: "Whole street",
        periodicityCode: 2, startTime: 700, endTime: 1000)
    private let eveningPeak = SpecialDesignation(
        code: SpecialDesignation.trafficSensitive, description: "Evening peak", locationText: "Junction with A40",
        periodicityCode: 2, startTime: 1600, endTime: 1900, wholeRoad: false)
    private let difficulty = SpecialDesignation(
        code: SpecialDesignation.specialEngineeringDifficulty, description: "Culvert", locationText: "Over the culvert",
        wholeRoad: false)
    private let protected = SpecialDesignation(code: SpecialDesignation.protectedStreet)

    private func sensitive(_ street: Street, _ selected: [DesignationSelection]) -> Bool {
        PermitRules.isTrafficSensitive(street: street, selectedDesignations: selected)
    }

    @Test("R-PERMIT-21: a street without a traffic-sensitive designation is never traffic-sensitive")
    func noDesignation() {
        let plain = street([difficulty, protected])
        #expect(!plain.isTrafficSensitive)
        #expect(!sensitive(street([]), [DesignationSelection(code: 2)]))
        #expect(!sensitive(plain, [DesignationSelection(code: 2), DesignationSelection(code: 3)]))
    }

    @Test("R-PERMIT-21: traffic-sensitive designations the promoter did not select do not count")
    func notSelected() {
        let busy = street([morningPeak, difficulty])
        #expect(busy.isTrafficSensitive)
        #expect(!sensitive(busy, []))
        #expect(!sensitive(busy, [DesignationSelection(code: 3, locationText: "Over the culvert")]))
    }

    @Test("R-PERMIT-21: selecting a traffic-sensitive designation makes the works traffic-sensitive")
    func selected() {
        let busy = street([morningPeak, difficulty])
        #expect(sensitive(busy, [DesignationSelection(code: 2)]))
        #expect(
            sensitive(
                busy,
                [
                    DesignationSelection(code: 3),
                    DesignationSelection(
                        code: 2, locationText: "Whole street", periodicityCode: 2, startTime: 700, endTime: 1000),
                ]))
    }

    @Test("R-PERMIT-21 (R-VAL-13): a selection counts only if it is one of the street's designations")
    func selectionMustMatch() {
        let peaks = street([morningPeak, eveningPeak])
        // The evening peak, named by its times or by its location (any case and spacing).
        #expect(sensitive(peaks, [DesignationSelection(code: 2, startTime: 1600, endTime: 1900)]))
        #expect(sensitive(peaks, [DesignationSelection(code: 2, locationText: "  junction with a40 ")]))
        // Times or a location that neither designation has.
        #expect(!sensitive(peaks, [DesignationSelection(code: 2, startTime: 1000, endTime: 1600)]))
        #expect(!sensitive(peaks, [DesignationSelection(code: 2, locationText: "Junction with A41")]))
        #expect(!sensitive(peaks, [DesignationSelection(code: 2, locationText: "Whole street", startTime: 1600)]))
        #expect(!sensitive(peaks, [DesignationSelection(code: 2, periodicityCode: 1)]))
    }

    @Test("R-PERMIT-21: the blanket traffic-sensitive flag is a whole-street code-2 designation, selected or not")
    func blanketFlag() {
        // What the gazetteer makes of `traffic_sensitive = Y` with no times.
        let flagged = street([SpecialDesignation(code: SpecialDesignation.trafficSensitive)])
        #expect(flagged.isTrafficSensitive)
        #expect(sensitive(flagged, [DesignationSelection(code: 2)]))
        #expect(!sensitive(flagged, []))
        #expect(!sensitive(flagged, [DesignationSelection(code: 2, startTime: 700, endTime: 1000)]))
    }

    @Test("R-PERMIT-21: an unselected traffic-sensitive street still gets a validity period")
    func validityPeriod() {
        let busy = street([morningPeak])
        func validityEnd(_ selected: [DesignationSelection]) -> LocalDate? {
            PermitRules.validityPeriodEndDate(
                category: .minor, workType: .planned, proposedStart: Fixture.uk("2026-01-07", 9),
                roadCategory: busy.roadCategory, isTrafficSensitive: sensitive(busy, selected))
        }
        #expect(validityEnd([]) == Fixture.day("2026-01-08"))
        #expect(validityEnd([DesignationSelection(code: 2)]) == nil)
    }
}
