import Contract
import Domain
import Foundation
import OpenAPIRuntime
import Store
import WorkAPI

/// Work API: adding, reading and removing a permit's ancillary information (R-PERMIT-24).
extension WorkAPIHandler {
    /// `POST /works/{wrn}/permits/{prn}/ancillary-informations`: the promoter side (planners and
    /// contractors acting for the promoter, with a write grant on the workstream) adds an item to
    /// a live PA; it is numbered `{PRN}-AI-NN` (D-ANCILLARY-INFO).
    func createAncillaryInfo(_ input: Operations.CreateAncillaryInfo.Input) async throws
        -> Operations.CreateAncillaryInfo.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let submission = try AncillaryInfoSubmission(
            type: try Wire.map(request.ancillaryInfoType), locationDescription: request.locationDescription,
            description: request.ancillaryInfoDescription,
            coordinates: try Self.points(request.ancillaryInfoCoordinates),
            usrns: request.usrns)
        try await submission.checkStreets(in: services.database)
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        let reference = try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            let permit = try await change.permit(input.path.permitReferenceNumber)
            let status = try ancillaryInfoRule { () throws(AncillaryInfoError) in
                try AncillaryInfoLifecycle.add(
                    toPermit: permit.permitReferenceNumber, status: permit.permitStatus, isPAA: permit.isPAA)
            }
            let sequence = try await change.ancillaryInfo.lastSequence(ofPermit: permit.permitReferenceNumber) + 1
            let reference = AncillaryInfoLifecycle.reference(permit: permit.permitReferenceNumber, sequence: sequence)
            try await change.ancillaryInfo.insert(
                submission.row(reference: reference, sequence: sequence, on: permit, status: status, at: change.at))
            change.record(
                .ancillaryInfoAdded, object: .permit, reference: permit.permitReferenceNumber,
                permit: permit.permitReferenceNumber,
                details: "Ancillary information \(reference) added: \(submission.draft.type.label)")
            return reference
        }
        return .created(.init(body: .json(.init(ancillaryInfoReferenceNumber: reference))))
    }

    /// `GET …/ancillary-informations/{ref}`: the item, removed or not, to any signed-in planner,
    /// contractor or highway authority user, as the permit is (D-ACCESS).
    func getAncillaryInfo(_ input: Operations.GetAncillaryInfo.Input) async throws
        -> Operations.GetAncillaryInfo.Output
    {
        guard
            let item = try await AncillaryInfoRepository(services.database).item(
                input.path.ancillaryInformationReferenceNumber.uppercased(),
                ofPermit: input.path.permitReferenceNumber.uppercased(),
                ofWork: input.path.workReferenceNumber.uppercased())
        else { throw AppError.notFound("Ancillary information") }
        return .ok(.init(body: .json(try Components.Schemas.AncillaryInfoResponse(item))))
    }

    /// `PUT …/ancillary-informations/{ref}/remove`: the promoter side removes an added item of a
    /// live PA with a reason; it stays, `removed`, with the reason and the time. Removing it again
    /// is a 412 naming R-PERMIT-24.
    func removeAncillaryInfo(_ input: Operations.RemoveAncillaryInfo.Input) async throws
        -> Operations.RemoveAncillaryInfo.Output
    {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let reason = request.ancillaryInfoRemovalReason
        let problems = AncillaryInfoRules.removalProblems(reason: reason)
        if !problems.isEmpty { throw AppError(ancillaryInfo: problems) }
        let caller = try WorksCaller.current(
            internalUserIdentifier: request.internalUserIdentifier, internalUserName: request.internalUserName)
        let reference = try await command.run(on: input.path.workReferenceNumber, by: caller) { change in
            let permit = try await change.permit(input.path.permitReferenceNumber)
            var item = try await change.ancillaryItem(input.path.ancillaryInformationReferenceNumber, of: permit)
            item.status = try ancillaryInfoRule { () throws(AncillaryInfoError) in
                try AncillaryInfoLifecycle.remove(
                    item.reference, status: item.status, permit: permit.permitReferenceNumber,
                    permitStatus: permit.permitStatus, isPAA: permit.isPAA)
            }
            item.removalReason = reason
            item.dateRemoved = change.at
            try await change.ancillaryInfo.update(item)
            change.record(
                .ancillaryInfoRemoved, object: .permit, reference: permit.permitReferenceNumber,
                permit: permit.permitReferenceNumber,
                details: "Ancillary information \(item.reference) removed: \(reason)")
            return item.reference
        }
        return .ok(.init(body: .json(.init(ancillaryInfoReferenceNumber: reference))))
    }

    /// The elements of `ancillary_info_coordinates` as sent (the body the contract gate parsed).
    static func points(_ sent: [OpenAPIValueContainer]) throws -> [JSONValue] {
        if let parsed = RequestScope.current?.body?["ancillary_info_coordinates"]?.arrayValue { return parsed }
        return try sent.map { try JSONValue.parse(Array(try PermitSubmission.encoder.encode($0))) }
    }
}

extension Components.Schemas.AncillaryInfoResponse {
    /// `GET …/ancillary-informations/{ref}`.
    init(_ a: AncillaryInfoRow) throws {
        self.init(
            ancillaryInfoReferenceNumber: a.reference, locationDescription: a.locationDescription,
            ancillaryInfoType: try Wire.map(a.type), ancillaryInfoStatus: try Wire.map(a.status),
            ancillaryInfoTypeString: a.type.rawValue, ancillaryInfoStatusString: a.status.rawValue,
            dateCreated: a.dateCreated, dateRemoved: a.dateRemoved, ancillaryInfoDescription: a.description,
            ancillaryInfoRemovalReason: a.removalReason,
            ancillaryInfoCoordinates: try StoredJSON.decode([OpenAPIValueContainer].self, from: a.coordinates),
            usrns: a.usrns.map(Double.init))
    }
}

extension Components.Schemas.AncillaryInfoSummaryResponse {
    /// An item as the permit lists it (`GET /works/{wrn}/permits/{prn}`); `AncillaryInfoJSON`
    /// writes the same directly.
    init(_ a: AncillaryInfoRow) throws {
        self.init(
            ancillaryInfoReferenceNumber: a.reference, locationDescription: a.locationDescription,
            ancillaryInfoType: try Wire.map(a.type), ancillaryInfoStatus: try Wire.map(a.status),
            ancillaryInfoTypeString: a.type.rawValue, ancillaryInfoStatusString: a.status.rawValue,
            dateCreated: a.dateCreated, dateRemoved: a.dateRemoved, ancillaryInfoDescription: a.description,
            ancillaryInfoRemovalReason: a.removalReason,
            ancillaryInfoCoordinates: try StoredJSON.decode([OpenAPIValueContainer].self, from: a.coordinates),
            usrns: a.usrns.map(Double.init))
    }
}
