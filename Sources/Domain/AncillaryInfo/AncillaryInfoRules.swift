import Foundation

/// The value rules of ancillary information (R-PERMIT-24, R-VAL-02, R-VAL-03), all problems at
/// once.
public enum AncillaryInfoRules {
    /// R-PERMIT-24: at most 10 points and 25 USRNs; texts of 500 characters (R-VAL-07).
    public static let maximumPoints = 10
    public static let maximumUSRNs = 25
    public static let textLimit = 500
    /// R-VAL-03: the USRN range of the v6 Work API models.
    public static let usrns = 1_000_001...99_999_999

    /// R-PERMIT-24: a description that says something; a location description unless the item
    /// is portable traffic signals (blank counts as none); 1–10 distinct points; 1–25 distinct
    /// USRNs, whole numbers in range.
    public static func creationProblems(_ draft: AncillaryInfoDraft) -> [AncillaryInfoError] {
        var problems: [AncillaryInfoError] = []
        if isBlank(draft.description) {
            problems.append(.descriptionRequired)
        } else if isTooLong(draft.description) {
            problems.append(.tooLong(field: "ancillary_info_description", limit: textLimit))
        }
        if let location = draft.locationDescription, isTooLong(location) {
            problems.append(.tooLong(field: "location_description", limit: textLimit))
        } else if draft.type.requiresLocationDescription, isBlank(draft.locationDescription ?? "") {
            problems.append(.locationDescriptionRequired(draft.type))
        }
        if draft.points.isEmpty {
            problems.append(.pointRequired)
        } else if draft.points.count > maximumPoints {
            problems.append(.tooManyPoints(draft.points.count))
        }
        for (index, point) in draft.points.enumerated()
        where draft.points[..<index].contains(where: { samePosition($0, point) }) {
            problems.append(.duplicatePoint(index))
        }
        if draft.usrns.isEmpty {
            problems.append(.usrnRequired)
        } else if draft.usrns.count > maximumUSRNs {
            problems.append(.tooManyUSRNs(draft.usrns.count))
        }
        for (index, usrn) in draft.usrns.enumerated() {
            if wholeUSRN(usrn) == nil {
                problems.append(.usrnOutOfRange(index))
            } else if draft.usrns[..<index].contains(usrn) {
                problems.append(.duplicateUSRN(index))
            }
        }
        return problems
    }

    /// R-PERMIT-24: removing needs a reason that says something, within 500 characters.
    public static func removalProblems(reason: String) -> [AncillaryInfoError] {
        if isBlank(reason) { return [.removalReasonRequired] }
        if isTooLong(reason) { return [.tooLong(field: "ancillary_info_removal_reason", limit: textLimit)] }
        return []
    }

    /// The USRN as a whole number when it is one in range (R-VAL-03).
    public static func wholeUSRN(_ value: Double) -> Int? {
        guard value.isFinite, value.rounded() == value, Double(usrns.lowerBound) <= value,
            value <= Double(usrns.upperBound)
        else { return nil }
        return Int(value)
    }

    /// The item's centre on the map: the mean of its points, rounded to centimetres (a single
    /// point is itself).
    public static func centrePoint(_ points: [[Double]]) -> [Double] {
        guard !points.isEmpty else { return [0, 0] }
        if points.count == 1 { return Array(points[0].prefix(2)) }
        let count = Double(points.count)
        let easting = points.map { $0[0] }.reduce(0, +) / count
        let northing = points.map { $0[1] }.reduce(0, +) / count
        return [(easting * 100).rounded() / 100, (northing * 100).rounded() / 100]
    }

    /// The box around the item's points `(minE, minN, maxE, maxN)`, kept for the map's index.
    public static func bounds(_ points: [[Double]]) -> (
        minEasting: Double, minNorthing: Double, maxEasting: Double, maxNorthing: Double
    ) {
        Geometry.lineString(points).bounds
    }

    static func isBlank(_ text: String) -> Bool { text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }

    /// Counted as the contract counts `maxLength`: in Unicode scalars.
    static func isTooLong(_ text: String) -> Bool { text.unicodeScalars.count > textLimit }

    /// Two positions are the same point when their easting and northing are (a height is not
    /// compared).
    static func samePosition(_ a: [Double], _ b: [Double]) -> Bool { a.prefix(2) == b.prefix(2) }
}

/// The ancillary information status machine (R-PERMIT-24, D-ANCILLARY-INFO).
public enum AncillaryInfoLifecycle {
    /// The permit statuses whose items may change: the permit is live (awaiting assessment,
    /// granted, or in a modification request).
    public static let livePermitStatuses: Set<PermitStatus> = [
        .submitted, .underAssessment, .granted, .permitModificationRequest,
    ]

    /// R-PERMIT-24: a new item on a live PA is added.
    public static func add(toPermit permit: String, status: PermitStatus, isPAA: Bool) throws(AncillaryInfoError)
        -> AncillaryInfoStatus
    {
        try requireLive(permit: permit, status: status, isPAA: isPAA)
        return .added
    }

    /// R-PERMIT-24: an added item of a live PA is removed, once.
    public static func remove(
        _ reference: String, status: AncillaryInfoStatus, permit: String, permitStatus: PermitStatus, isPAA: Bool
    ) throws(AncillaryInfoError) -> AncillaryInfoStatus {
        guard status == .added else { throw .alreadyRemoved(reference) }
        try requireLive(permit: permit, status: permitStatus, isPAA: isPAA)
        return .removed
    }

    static func requireLive(permit: String, status: PermitStatus, isPAA: Bool) throws(AncillaryInfoError) {
        if isPAA { throw .permitIsPAA(permit) }
        guard livePermitStatuses.contains(status) else { throw .permitNotLive(permit: permit, status: status) }
    }

    /// D-ANCILLARY-INFO: `{PRN}-AI-{NN}`, numbered per permit as change requests are (`-CR-NN`).
    public static func reference(permit: String, sequence: Int) -> String {
        "\(permit)-AI-\(sequence < 10 ? "0" : "")\(sequence)"
    }
}
