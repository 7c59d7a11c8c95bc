import Domain
import Foundation
import OpenAPIRuntime
import Store
import WorkAPI

extension Components.Schemas.WorkResponse {
    /// `GET /works/{wrn}`: the works record, its active permit, its forward plan, its permits and
    /// latest history. A record with no application yet shows its plan's location and description.
    init(_ view: WorkView, names: [String: String]) throws {
        let work = view.work
        let active = view.permits.first { $0.permitReferenceNumber == work.activePermitReferenceNumber }
        let activePermit = try active.map {
            var permit = try Components.Schemas.PermitResponse(
                $0, on: work, names: names, changeRequests: view.activeChangeRequests)
            if !view.activeAncillaryInfo.isEmpty {
                permit.ancillaryInformations = try view.activeAncillaryInfo.map(
                    Components.Schemas.AncillaryInfoSummaryResponse.init)
            }
            return permit
        }
        self.init(
            workReferenceNumber: work.workReferenceNumber, workstreamPrefix: work.workstreamPrefix,
            promoterSwaCode: work.promoterSWACode, promoterOrganisation: names[work.promoterSWACode] ?? "",
            highwayAuthoritySwaCode: work.highwayAuthoritySWACode,
            highwayAuthority: names[work.highwayAuthoritySWACode] ?? "", streetName: work.streetName,
            town: work.town, areaName: work.areaName, roadCategory: Double(work.roadCategory),
            worksCoordinates: try StoredJSON.decode(OpenAPIValueContainer.self, from: work.worksCoordinates),
            usrn: Double(work.usrn), workStatus: try Wire.map(work.workStatus),
            workStatusString: work.workStatus.rawValue,
            worksLocationDescription: activePermit?.worksLocationDescription ?? view.forwardPlan?
                .worksLocationDescription ?? "",
            workStartDate: active?.actualStartDate, workEndDate: active?.actualStopDate,
            descriptionOfWork: active?.descriptionOfWork ?? view.forwardPlan?.descriptionOfWork,
            activePermit: activePermit,
            forwardPlan: try view.forwardPlan.map(Components.Schemas.ForwardPlanSummaryResponse.init),
            permits: try view.permits.map(Components.Schemas.PermitSummaryResponse.init),
            history: try view.history.map(Components.Schemas.WorkHistorySummaryResponse.init))
        if let historic = view.historic {
            // R-INSP-14: a historic record shows what was entered for it.
            worksLocationDescription = historic.worksLocationDescription
            descriptionOfWork = historic.descriptionOfWork
            workStartDate = historic.workStartDate
            workEndDate = historic.workEndDate
        }
        // R-INSP-10: the scheduled inspection first, as a reinspection, then the latest
        // inspections, newest first (SEED-v6: the latest 50).
        let scheduled = try view.scheduledInspection.map(Components.Schemas.InspectionSummaryResponse.init)
        let inspections =
            (scheduled.map { [$0] } ?? [])
            + (try view.inspections.map(Components.Schemas.InspectionSummaryResponse.init))
        if !inspections.isEmpty { self.inspections = inspections }
        if !view.nonCompliances.isEmpty {
            nonCompliances = try view.nonCompliances.map(Components.Schemas.NonComplianceSummaryResponse.init)
        }
        if !view.fpns.isEmpty { fpns = try view.fpns.map(Components.Schemas.FPNSummaryResponse.init) }
        if !view.files.isEmpty { files = view.files.map { Components.Schemas.FileResponse($0, names: names) } }
        if !view.samples.isEmpty {
            pbiSampleInspections = try view.samples.map(Components.Schemas.PbiSampleInspectionSummaryResponse.init)
        }
    }
}

extension Components.Schemas.NonComplianceSummaryResponse {
    /// A non-compliance as the works record lists it (R-NC-01).
    init(_ n: NonComplianceRow) throws {
        self.init(
            nonComplianceReferenceNumber: n.reference, nonComplianceDate: n.dateCreated,
            nonComplianceStatus: try Wire.map(n.status), nonComplianceStatusString: n.status.rawValue)
    }
}

extension Components.Schemas.PermitSummaryResponse {
    /// A permit as the works record lists it.
    init(_ p: PermitRow) throws {
        self.init(
            permitReferenceNumber: p.permitReferenceNumber, proposedStartDate: p.proposedStartDate,
            proposedEndDate: p.proposedEndDate, actualStartDate: p.actualStartDate, actualStopDate: p.actualStopDate,
            permitStatus: try Wire.map(p.permitStatus), permitStatusString: p.permitStatus.rawValue,
            workCategory: try Wire.map(p.workCategory), workCategoryString: p.workCategory.rawValue)
    }
}

extension Components.Schemas.WorkHistorySummaryResponse {
    /// One entry of a works record's history (R-COM-03).
    init(_ h: HistoryEntry) throws {
        self.init(
            actionDate: h.actionDate, topic: h.topic, details: h.details, username: h.username,
            event: try Wire.map(h.event), eventString: h.event.rawValue, objectReference: h.objectReference,
            updateId: Double(h.updateID), internalUserIdentifier: h.internalUserIdentifier,
            internalUserName: h.internalUserName)
    }
}

extension Components.Schemas.FPNSummaryResponse {
    /// A fixed penalty notice as the works record lists it (R-FPN-05).
    init(_ f: FPNRow) throws {
        self.init(
            fpnReferenceNumber: f.reference, fpnOffenceType: try Wire.map(f.offenceCode),
            fpnOffenceTypeString: f.offenceCode.rawValue, issueDateTime: f.issueDateTime,
            fpnStatus: try Wire.map(f.status), fpnStatusString: f.status.rawValue,
            statusChangedDate: f.statusChangedDate)
    }
}

extension Components.Schemas.FileResponse {
    /// A file attached to the works record (D-FILES), named by the organisation it was uploaded for.
    init(_ f: FileRow, names: [String: String]) {
        self.init(
            fileId: Double(f.id), name: f.name, createdDate: f.createdAt, userCreatedBy: f.uploadedBy,
            swaCode: f.organisationReference,
            organisationName: names[f.organisationReference] ?? f.organisationReference)
    }
}
