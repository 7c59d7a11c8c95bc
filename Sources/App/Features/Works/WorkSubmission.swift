import Contract
import Domain
import Foundation
import Store
import WorkAPI

/// `POST /works`: a new works record with its first application (R-WORK-01, R-WORK-08…10,
/// R-REF-01…03, R-CAT, R-NOTICE, R-RESP).
struct WorkSubmission {
    let services: AppServices

    struct Submitted: Sendable {
        var workReferenceNumber: String
        var permitReferenceNumber: String
    }

    func submit(_ request: Components.Schemas.WorkCreateRequest) async throws -> Submitted {
        let database = services.database
        let submittedAt = services.clock.now()
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        var errors: [FieldError] = []
        let identity = IdentityRepository(database)

        // R-WORK-08: the promoter is the caller's organisation, or one that contracted them.
        let promoterCode = request.promoterSwaCode
        guard let principal = caller.principal, principal.mayActFor(promoterCode),
            let promoter = try await identity.organisation(promoterCode)
        else { throw AppError.accessRestricted }

        // R-WORK-10, R-VAL-03: the street, and its highway authority.
        let (usrn, street) = try await Self.street(
            request.usrn, authority: request.highwayAuthoritySwaCode, errors: &errors, in: database)
        // R-WORK-09: the workstream.
        let workstream = try await Self.workstream(
            request.workstreamPrefix, of: promoterCode, errors: &errors, in: database)
        // R-VAL-02: geometry.
        let coordinates = try PermitSubmission.coordinates(request.worksCoordinates)
        errors += GeoJSONGeometry.problems(coordinates, field: "works_coordinates")
        let streetName = request.streetName ?? street?.name ?? ""
        let roadCategory =
            try request.roadCategory.map { try WholeNumber.checked($0, field: "road_category", in: 0...10) }
            ?? street?.roadCategory ?? 0

        let submission = try PermitSubmission(
            request, promoter: promoterCode, authority: request.highwayAuthoritySwaCode, street: street,
            roadCategory: roadCategory, priorApplications: [], existingWorkStatus: nil, at: submittedAt)
        errors += submission.problems

        // R-REF-02: a supplied reference is letters, digits, - and _, at most 24, unique.
        var reference = request.workReferenceNumber?.uppercased()
        if let supplied = reference, supplied.isEmpty { reference = nil }
        if !errors.isEmpty { throw AppError.invalid(errors) }

        var bare = request
        bare.worksCoordinates = nil
        let payload = try PermitSubmission.payload(bare, coordinates: coordinates)
        let command = WorksCommand(services)
        for attempt in 0..<5 {
            let wrn = reference ?? Self.generatedReference(prefix: promoter.prefix, workstream: workstream)
            let prn = "\(wrn)-01"
            let work = WorkRow(
                workReferenceNumber: wrn, promoterSWACode: promoterCode,
                highwayAuthoritySWACode: request.highwayAuthoritySwaCode, workstreamPrefix: workstream, usrn: usrn,
                streetName: streetName, town: request.town ?? street?.town,
                areaName: request.areaName ?? street.flatMap { $0.area.isEmpty ? nil : $0.area },
                roadCategory: roadCategory, worksCoordinates: coordinates.serialized(sortedKeys: true),
                bounds: MapIndex.bounds(coordinates), workStatus: submission.transition.workStatus,
                activePermitReferenceNumber: prn, permitCount: 1,
                createdAt: submittedAt, updatedAt: submittedAt)
            do {
                try await command.create(work, by: caller) { change in
                    try await change.permits.insert(
                        submission.row(
                            prn: prn, wrn: wrn, sequence: 1, promoter: promoterCode,
                            authority: request.highwayAuthoritySwaCode, workstream: workstream, application: request,
                            streetName: streetName, usrn: usrn, payload: payload, at: submittedAt))
                    // R-VAL-09: the application's evidence files are attached to its permit (D-FILES).
                    try await change.attachFiles(request.fileIds ?? [], to: .permit(prn))
                    change.record(
                        submission.transition.workStatus == .inProgress
                            ? .inProgressWorksRecordCreated : .plannedWorksRecordCreated,
                        object: .work, reference: wrn, details: "Works record \(wrn) created")
                    submission.record(prn, on: change)
                }
                return Submitted(workReferenceNumber: wrn, permitReferenceNumber: prn)
            } catch StoreError.uniqueViolation {
                if reference != nil { throw AppError.conflict("Work reference number \(wrn) already exists") }
                if attempt == 4 { throw AppError.conflict("Could not allocate a work reference number") }
            }
        }
        throw AppError.conflict("Could not allocate a work reference number")
    }

    /// R-WORK-10, R-VAL-03: the street `usrn` names, whose highway authority must be `authority`;
    /// a USRN outside the gazetteer or another authority is a problem in `errors`.
    static func street(
        _ number: Double, authority: String, errors: inout [FieldError], in executor: any SQLExecutor
    ) async throws -> (usrn: Int, street: Street?) {
        let usrn = try WholeNumber.checked(number, field: "usrn", in: 1...99_999_999)
        let street = try await StreetRepository(executor).street(usrn)
        let organisation = try await IdentityRepository(executor).organisation(authority)
        if street == nil {
            errors.append(FieldError(field: "usrn", message: "is not a street in the gazetteer"))
        }
        if organisation?.type != .highwayAuthority {
            errors.append(
                FieldError(field: "highway_authority_swa_code", message: "must be the SWA code of a highway authority"))
        } else if let street, street.authoritySWACode != authority {
            errors.append(
                FieldError(
                    field: "highway_authority_swa_code",
                    message:
                        "must be \(street.authoritySWACode), the highway authority of street \(street.usrn) (R-WORK-10)"
                ))
        }
        return (usrn, street)
    }

    /// R-WORK-09: a named workstream must be the promoter's and not `000`; with none named, the
    /// promoter's first other workstream is used.
    static func workstream(
        _ requested: String?, of promoter: String, errors: inout [FieldError], in executor: any SQLExecutor
    ) async throws -> String {
        let identity = IdentityRepository(executor)
        if let requested {
            if requested == Workstream.defaultPrefix {
                errors.append(FieldError(field: "workstream_prefix", message: "must not be the default workstream 000"))
            } else if try await identity.workstream(promoter, requested) == nil {
                errors.append(
                    FieldError(field: "workstream_prefix", message: "is not a workstream of organisation \(promoter)"))
            }
            return requested
        }
        guard
            let chosen = try await identity.workstreams(of: promoter).first(where: {
                $0.prefix != Workstream.defaultPrefix
            })
        else {
            errors.append(
                FieldError(
                    field: "workstream_prefix",
                    message: "is required: organisation \(promoter) has no workstream other than 000"))
            return Workstream.defaultPrefix
        }
        return chosen.prefix
    }

    /// R-REF-01: `{organisation prefix}{workstream}{8 random digits}`.
    static func generatedReference(prefix: String, workstream: String) -> String {
        "\(prefix)\(workstream)\(String(format: "%08d", Int.random(in: 0..<100_000_000)))"
    }
}
