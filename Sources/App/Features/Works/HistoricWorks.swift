import Contract
import Domain
import Foundation
import Store

/// What a historic inspection or FPN sends about works never in Street Manager (R-INSP-14,
/// `HistoricInspectionCreateRequest`, `HistoricFPNCreateRequest`).
struct HistoricWorksDetails: Sendable {
    var promoterSWACode: String
    var highwayAuthoritySWACode: String
    var worksCoordinates: JSONValue
    var streetName: String?
    var town: String?
    var areaName: String?
    var usrn: Double
    var roadCategory: Double?
    var historicalPermitReference: String
    var worksLocationDescription: String
    var descriptionOfWork: String?
    var workStartDate: Date?
    var workEndDate: Date?
}

/// R-INSP-14: a historic works record, made for an inspection or a fixed penalty notice of works
/// never in Street Manager: status `historical`, workstream `000`, its WRN the historical permit
/// reference (letters, digits, `-` and `_`, at most 24, unique, upper-cased); the street from the
/// gazetteer unless sent. Its WRN never changes; inspections, scheduled inspections, FPNs,
/// permits, files and comments may be added to it later like any other.
struct HistoricWorks {
    let services: AppServices

    init(_ services: AppServices) { self.services = services }

    /// Checks `details` (a 400 naming every field), creates the record through the works command
    /// (the caller must be the named highway authority, R-INSP-02), records
    /// `historic_works_record_created`, then runs `body` on it in the same transaction. Returns
    /// the WRN and what `body` returned. A WRN already taken is a 409.
    func create<T: Sendable>(
        _ details: HistoricWorksDetails, by caller: WorksCaller, _ body: @Sendable (WorksChange) async throws -> T
    ) async throws -> (String, T) {
        let database = services.database
        let now = services.clock.now()
        var errors: [FieldError] = []
        let wrn = details.historicalPermitReference.uppercased()
        if wrn.isEmpty || wrn.count > 24
            || !wrn.unicodeScalars.allSatisfy({
                CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "-" || $0 == "_"
            })
        {
            errors.append(
                FieldError(
                    field: "historical_permit_reference",
                    message: "R-INSP-14: must be 1 to 24 letters, digits, - or _"))
        }
        let promoter = try await IdentityRepository(database).organisation(details.promoterSWACode)
        if promoter?.type != .promoter {
            errors.append(FieldError(field: "promoter_swa_code", message: "must be the SWA code of a promoter"))
        }
        let (usrn, street) = try await WorkSubmission.street(
            details.usrn, authority: details.highwayAuthoritySWACode, errors: &errors, in: database)
        errors += GeoJSONGeometry.problems(details.worksCoordinates, field: "works_coordinates")
        let roadCategory =
            try details.roadCategory.map { try WholeNumber.checked($0, field: "road_category", in: 0...10) }
            ?? street?.roadCategory ?? 0
        if details.worksLocationDescription.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            errors.append(FieldError(field: "works_location_description", message: "is required"))
        }
        if let start = details.workStartDate, start >= now {
            errors.append(FieldError(field: "work_start_date", message: "R-INSP-14: must be in the past"))
        }
        if let end = details.workEndDate {
            if end >= now {
                errors.append(FieldError(field: "work_end_date", message: "R-INSP-14: must be in the past"))
            } else if let start = details.workStartDate, end <= start {
                errors.append(FieldError(field: "work_end_date", message: "must be after work_start_date"))
            }
        }
        if !errors.isEmpty { throw AppError.invalid(errors) }
        let work = WorkRow(
            workReferenceNumber: wrn, promoterSWACode: details.promoterSWACode,
            highwayAuthoritySWACode: details.highwayAuthoritySWACode, workstreamPrefix: Workstream.defaultPrefix,
            usrn: usrn, streetName: details.streetName ?? street?.name ?? "", town: details.town ?? street?.town,
            areaName: details.areaName ?? street.flatMap { $0.area.isEmpty ? nil : $0.area },
            roadCategory: roadCategory, worksCoordinates: details.worksCoordinates.serialized(sortedKeys: true),
            bounds: MapIndex.bounds(details.worksCoordinates), workStatus: .historical,
            activePermitReferenceNumber: nil, permitCount: 0, createdAt: now, updatedAt: now)
        do {
            let result = try await WorksCommand(services).create(work, by: caller) { change in
                try await change.inspections.insert(
                    HistoricWorkRow(
                        workReferenceNumber: wrn, worksLocationDescription: details.worksLocationDescription,
                        descriptionOfWork: details.descriptionOfWork, workStartDate: details.workStartDate,
                        workEndDate: details.workEndDate, dateCreated: now))
                change.record(
                    .historicWorksRecordCreated, object: .work, reference: wrn,
                    details: "Historic works record \(wrn) created")
                return try await body(change)
            }
            return (wrn, result)
        } catch StoreError.uniqueViolation {
            throw AppError.conflict("R-INSP-14: work reference number \(wrn) already exists")
        }
    }
}
