import Contract
import Domain
import Foundation
import Store

/// Ancillary information on permits: portable traffic signals, welfare facilities and
/// compounds the works need, as up to 10 points on up to 25 streets; added and removed by the
/// promoter side, listed with the permit and shown on the map (R-PERMIT-24, D-ANCILLARY-INFO).
enum AncillaryInfoFeature: Feature {
    static let operations = [
        "work": ["createAncillaryInfo", "getAncillaryInfo", "removeAncillaryInfo"],
        "geojson": ["getAncillaryInformationIntersectBoundingBox"],
    ]
}

/// Runs an ancillary information rule, turning its refusal into the caller's error: bad input
/// is a 400 naming the field and the rule, a state rule a 412 naming the rule.
func ancillaryInfoRule<T>(_ body: () throws(AncillaryInfoError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw AppError(ancillaryInfo: [error])
    }
}

extension AppError {
    /// Ancillary information problems: a 412 for a state rule, else a 400 naming each field.
    init(ancillaryInfo problems: [AncillaryInfoError]) {
        if let state = problems.first(where: { $0.field == nil }) {
            self = .preconditionFailed(state.message)
        } else {
            self = .invalid(problems.map { FieldError(field: $0.field ?? "body", message: $0.message) })
        }
    }
}

extension WorksChange {
    var ancillaryInfo: AncillaryInfoRepository { AncillaryInfoRepository(tx) }

    /// The item `reference` of `permit`; 404 otherwise.
    func ancillaryItem(_ reference: String, of permit: PermitRow) async throws -> AncillaryInfoRow {
        guard let item = try await ancillaryInfo.item(reference.uppercased()),
            item.permitReferenceNumber == permit.permitReferenceNumber
        else { throw AppError.notFound("Ancillary information") }
        return item
    }
}

/// What `POST …/ancillary-informations` sends, checked (R-PERMIT-24, R-VAL-02, R-VAL-03): each
/// element of `ancillary_info_coordinates` a GeoJSON Point in British National Grid, checked as
/// every geometry is; then the rules of the item; then its streets in the gazetteer.
struct AncillaryInfoSubmission {
    var draft: AncillaryInfoDraft
    /// The Points as they will be stored (a JSON array, keys sorted).
    var coordinates: String
    var usrns: [Int]

    /// A 400 naming every offending field, before anything is read or written.
    init(
        type: AncillaryInfoType, locationDescription: String?, description: String, coordinates sent: [JSONValue],
        usrns: [Double]
    ) throws {
        var errors: [FieldError] = []
        var points: [[Double]] = []
        for (index, element) in sent.enumerated() {
            let field = "ancillary_info_coordinates[\(index)]"
            let problems = GeoJSONGeometry.problems(element, field: field, allowed: ["Point"])
            if !problems.isEmpty {
                errors += problems.map { FieldError(field: $0.field, message: "R-VAL-02: \($0.message)") }
            } else if case .point(let position)? = Geometry(geoJSON: element) {
                points.append(position)
            }
        }
        draft = AncillaryInfoDraft(
            type: type, locationDescription: locationDescription, description: description, points: points,
            usrns: usrns)
        var problems = AncillaryInfoRules.creationProblems(draft)
        // A point already refused for its shape is not counted again as missing.
        if !errors.isEmpty { problems.removeAll { $0 == .pointRequired } }
        errors += problems.map { FieldError(field: $0.field ?? "body", message: $0.message) }
        if !errors.isEmpty { throw AppError.invalid(errors) }
        coordinates = JSONValue.array(sent).serialized(sortedKeys: true)
        self.usrns = usrns.compactMap(AncillaryInfoRules.wholeUSRN)
    }

    /// R-PERMIT-24, R-VAL-03: every USRN a street of the gazetteer; a 400 naming each other one.
    func checkStreets(in executor: any SQLExecutor) async throws {
        let streets = StreetRepository(executor)
        var problems: [AncillaryInfoError] = []
        for (index, usrn) in usrns.enumerated() {
            if try await streets.street(usrn) == nil { problems.append(.unknownUSRN(index)) }
        }
        if !problems.isEmpty { throw AppError(ancillaryInfo: problems) }
    }

    /// The row of the new item `reference` (its `sequence` on `permit`).
    func row(reference: String, sequence: Int, on permit: PermitRow, status: AncillaryInfoStatus, at: Date)
        -> AncillaryInfoRow
    {
        AncillaryInfoRow(
            reference: reference, permitReferenceNumber: permit.permitReferenceNumber,
            workReferenceNumber: permit.workReferenceNumber, sequence: sequence,
            promoterSWACode: permit.promoterSWACode, highwayAuthoritySWACode: permit.highwayAuthoritySWACode,
            workstreamPrefix: permit.workstreamPrefix, type: draft.type, status: status,
            locationDescription: draft.locationDescription, description: draft.description, coordinates: coordinates,
            usrns: usrns, bounds: AncillaryInfoRules.bounds(draft.points), dateCreated: at)
    }
}

/// The permit's ancillary information written straight to JSON (D-DIRECT), as the generated
/// `AncillaryInfoSummaryResponse` encodes it (a test holds the two equal).
enum AncillaryInfoJSON {
    static func write(_ a: AncillaryInfoRow, into out: inout JSONBytes) {
        out.openObject()
        out.member("ancillary_info_reference_number", a.reference)
        out.member("location_description", a.locationDescription)
        out.member("ancillary_info_type", a.type.rawValue)
        out.member("ancillary_info_status", a.status.rawValue)
        out.member("ancillary_info_type_string", a.type.rawValue)
        out.member("ancillary_info_status_string", a.status.rawValue)
        out.member("date_created", instant: a.dateCreated)
        out.member("date_removed", instant: a.dateRemoved)
        out.member("ancillary_info_description", a.description)
        out.member("ancillary_info_removal_reason", a.removalReason)
        out.member("ancillary_info_coordinates", (try? JSONValue.parse(a.coordinates)) ?? .array([]))
        out.key("usrns")
        out.value(.array(a.usrns.map { .number(Double($0)) }))
        out.closeObject()
    }
}
