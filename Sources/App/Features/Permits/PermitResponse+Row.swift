import Domain
import Foundation
import OpenAPIRuntime
import Store
import WorkAPI

/// Stored JSON (applications, assessments, cancellations, geometries) read back as the generated
/// types it was written from.
enum StoredJSON {
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = ISO8601.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a date-time: \(text)")
            }
            return date
        }
        return decoder
    }()

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try decoder.decode(T.self, from: Data(text.utf8))
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String?) throws -> T? {
        try text.map { try decode(T.self, from: $0) }
    }
}

extension Components.Schemas.PermitResponse {
    /// `GET /works/{wrn}/permits/{prn}`: the application as submitted, with what the server
    /// decided and stores (R-PERMIT, R-RESP, R-CAT, R-PERMIT-20/21).
    init(_ p: PermitRow, on work: WorkRow, names: [String: String], changeRequests: [ChangeRequestRow] = []) throws {
        let a = try StoredJSON.decode(Components.Schemas.PermitCreateRequest.self, from: p.payload)
        let assessment = try StoredJSON.decode(
            Components.Schemas.PermitAssessmentUpdateRequest.self, from: p.assessment)
        let cancellation = try StoredJSON.decode(
            Components.Schemas.PermitStatusUpdateRequest.self, from: p.cancellation)
        let promoter = names[p.promoterSWACode] ?? p.promoterSWACode
        let coordinates =
            try a.worksCoordinates ?? StoredJSON.decode(OpenAPIValueContainer.self, from: work.worksCoordinates)
        self.init(
            permitReferenceNumber: p.permitReferenceNumber, proposedStartDate: p.proposedStartDate,
            proposedEndDate: p.proposedEndDate, actualStartDate: p.actualStartDate, actualStopDate: p.actualStopDate,
            permitStatus: try Wire.map(p.permitStatus), permitStatusString: p.permitStatus.rawValue,
            workCategory: try Wire.map(p.workCategory), workCategoryString: p.workCategory.rawValue,
            workReferenceNumber: p.workReferenceNumber, promoterOrganisation: promoter,
            promoterSwaCode: p.promoterSWACode, promoterContactDetails: promoter,
            secondaryContact: a.secondaryContact, secondaryContactNumber: a.secondaryContactNumber,
            secondaryContactEmail: a.secondaryContactEmail, proposedStartTime: a.proposedStartTime,
            proposedEndTime: a.proposedEndTime,
            reasonablePeriodEndDate: p.reasonablePeriodEndDate ?? assessment?.reasonablePeriodEndDate
                ?? p.proposedEndDate,
            calendarDayDuration: Double(p.calendarDayDuration), workingDayDuration: Double(p.workingDayDuration),
            descriptionOfWork: a.descriptionOfWork, excavation: a.excavation,
            projectReferenceNumber: a.projectReferenceNumber, trafficManagementPlan: a.trafficManagementPlan,
            laneRentalApplicable: a.laneRentalApplicable,
            permitConditions: try a.permitConditions?.map {
                .init(
                    condition: try Wire.map($0.condition), conditionString: $0.condition.rawValue, comment: $0.comment)
            },
            streetName: work.streetName, town: work.town, areaName: work.areaName, usrn: Double(work.usrn),
            highwayAuthority: names[p.highwayAuthoritySWACode] ?? p.highwayAuthoritySWACode,
            highwayAuthoritySwaCode: p.highwayAuthoritySWACode, roadCategory: Double(work.roadCategory),
            worksLocationDescription: a.worksLocationDescription, worksCoordinates: coordinates,
            collaborativeWorking: a.collaborativeWorking, collaborationDetails: a.collaborationDetails,
            collaborativeWorks: a.collaborativeWorks, dateCreated: p.dateCreated, dateModified: p.dateModified,
            deadlineDate: UKTime.startOfDay(p.deadlineDate), assessmentComments: assessment?.additionalComments,
            reasonsForRefusal: try assessment?.reasonsForRefusal.map { try Wire.map($0) },
            reasonsForRefusalString: assessment?.reasonsForRefusal?.map(\.rawValue),
            activityType: try Wire.map(a.activityType), activityTypeString: a.activityType.rawValue,
            trafficManagementType: try Wire.map(a.trafficManagementType),
            trafficManagementTypeString: a.trafficManagementType.rawValue,
            applicationType: try Wire.map(a.applicationType), applicationTypeString: a.applicationType.rawValue,
            locationTypes: try Wire.map(a.locationTypes), locationTypesString: a.locationTypes.map(\.rawValue),
            assessmentStatus: try Wire.map(p.assessmentStatus), assessmentStatusString: p.assessmentStatus?.rawValue,
            permitAsds: try (a.permitAsds ?? []).map(Components.Schemas.PermitASDResponse.init),
            permitNotSelectedAsds: try StoredJSON.decode(
                [Components.Schemas.PermitASDResponse].self, from: p.notSelectedASDs),
            assessmentDiscount: p.assessmentDiscount.map(Double.init),
            assessmentDiscountReason: p.assessmentDiscountReason, isTtroRequired: a.isTtroRequired,
            immediateRisk: a.immediateRisk, isEarlyStart: p.isEarlyStart, isDeemed: p.isDeemed,
            earlyStartPreApproval: a.earlyStartPreApproval, preApprovalDetails: a.preApprovalDetails,
            preApprovalAuthoriser: a.preApprovalAuthoriser, earlyStartReason: a.earlyStartReason,
            additionalInfo: a.additionalInfo, workType: try Wire.map(p.workType), workTypeString: p.workType.rawValue,
            revokeReason: assessment?.revokeReason, slidingEndDateCandidate: p.validityPeriodEndDate != nil,
            validityPeriodEndDate: p.validityPeriodEndDate.map(UKTime.startOfDay) ?? p.proposedStartDate,
            finalReinstatement: work.finalReinstatement, workstreamPrefix: p.workstreamPrefix,
            closeFootway: try Wire.map(a.closeFootway), closeFootwayString: a.closeFootway.rawValue,
            isLaneRental: p.laneRentalApplicable, pendingChangeDetails: assessment?.pendingChangeDetails,
            workStatus: try Wire.map(work.workStatus), workStatusString: work.workStatus.rawValue,
            hs2InActLimits: a.hs2InActLimits,
            hs2ConsultationRequestedResponseDate: a.hs2ConsultationRequestedResponseDate,
            hs2HighwayExemption: try Wire.map(a.hs2HighwayExemption),
            hs2HighwayExemptionString: a.hs2HighwayExemption?.rawValue, hs2HighwayEmails: a.hs2HighwayEmails,
            additionalContact: a.additionalContact, additionalContactNumber: a.additionalContactNumber,
            additionalContactEmail: a.additionalContactEmail, everModificationRequested: p.everModificationRequested,
            isDurationChallenged: p.isDurationChallenged ? true : assessment?.isDurationChallenged,
            hs2AdditionalUsrns: a.hs2AdditionalUsrns,
            excavationCarriedOut: p.excavation, emergencyContactName: a.emergencyContactName,
            emergencyContactNumber: a.emergencyContactNumber,
            currentTrafficManagementType: try p.currentTrafficManagementType.map { try Wire.map($0) },
            currentTrafficManagementTypeString: p.currentTrafficManagementType,
            currentTrafficManagementUpdateDate: p.currentTrafficManagementUpdateDate,
            currentTrafficManagementEmergencyContactName: p.currentTrafficManagementEmergencyContactName,
            currentTrafficManagementEmergencyContactNumber: p.currentTrafficManagementEmergencyContactNumber,
            closeFootpath: try Wire.map(a.closeFootpath),
            closeFootpathString: a.closeFootpath.rawValue,
            permitCancellationReason: try Wire.map(cancellation?.permitCancellationReason),
            permitCancellationReasonString: cancellation?.permitCancellationReason?.rawValue,
            permitCancellationReasonOther: cancellation?.permitCancellationReasonOther,
            isPrimaryPromoter: a.isPrimaryPromoter,
            collaborationTypes: try a.collaborationTypes.map { try Wire.map($0) },
            collaborationTypesString: a.collaborationTypes?.map(\.rawValue),
            primaryPromoterPermitReferenceNumber: a.primaryPromoterPermitReferenceNumber,
            collaborationContactName: a.collaborationContactName,
            collaborationContactEmail: a.collaborationContactEmail,
            collaborationContactPhoneNumber: a.collaborationContactPhoneNumber,
            estimatedNumberOfNetworkDaysSaved: a.estimatedNumberOfNetworkDaysSaved,
            othersCanCollaborateOnWork: a.othersCanCollaborateOnWork,
            reasonForNonCollaboration: a.reasonForNonCollaboration,
            canCollaborateOnWorkAdditionalDetails: a.canCollaborateOnWorkAdditionalDetails,
            collaborationType: try Wire.map(a.collaborationType),
            collaborationTypeString: a.collaborationType?.rawValue)
        try setDurationChallenge(
            p.durationChallenge,
            followUpComplete: p.isDurationChallenged ? p.durationChallenge?.isFollowUpComplete ?? false : nil)
        // R-LR-02: the HA's latest lane rental assessment.
        laneRentalAssessmentOutcome = try p.laneRentalAssessmentOutcome.map { try Wire.map($0) }
        laneRentalAssessmentOutcomeString = p.laneRentalAssessmentOutcome
        if let laneRental = try StoredJSON.decode(
            Components.Schemas.PermitLaneRentalAssessmentUpdateRequest.self, from: p.laneRentalAssessment)
        {
            laneRentalAssessmentAdditionalDetails = laneRental.additionalDetails
            laneRentalAssessmentChargeBand = try Wire.map(laneRental.chargeBand)
            laneRentalAssessmentChargeBandString = laneRental.chargeBand?.rawValue
            laneRentalAssessmentChargeableDays = laneRental.chargeableDays
            laneRentalAssessmentChargesAgreed = laneRental.chargesAgreed
        }
        // R-HS2-02: acknowledged, or awaiting it.
        if let acknowledged = p.hs2AcknowledgedAt {
            hs2Acknowledged = true
            hs2AcknowledgedDateTime = acknowledged
        } else if p.hs2Route(inActLimits: a.hs2InActLimits, highwayExemption: a.hs2HighwayExemption?.rawValue)
            == .consultation
        {
            hs2Acknowledged = false
        }
        if !changeRequests.isEmpty {
            // R-CR: the permit's changes, in both of the contract's shapes.
            permitAlterations = try changeRequests.map {
                .init(
                    permitAlterationReferenceNumber: $0.reference, dateCreated: $0.dateCreated,
                    deadlineDate: UKTime.startOfDay($0.deadlineDate), alterationStatus: try Wire.map($0.status),
                    alterationStatusString: $0.status.rawValue, alterationType: try Wire.map($0.type),
                    alterationTypeString: $0.type.rawValue)
            }
            self.changeRequests = try changeRequests.map {
                .init(
                    changeRequestReferenceNumber: $0.reference, dateCreated: $0.dateCreated,
                    deadlineDate: UKTime.startOfDay($0.deadlineDate), changeRequestStatus: try Wire.map($0.status),
                    changeRequestStatusString: $0.status.rawValue, changeRequestType: try Wire.map($0.type),
                    changeRequestTypeString: $0.type.rawValue)
            }
        }
    }
}

extension Components.Schemas.PermitASDResponse {
    /// A designation the promoter selected, with the names of its codes.
    init(_ asd: Components.Schemas.PermitASD) throws {
        let code = asd.streetSpecialDesigCode.rawValue
        self.init(
            specialDesigLocationText: asd.specialDesigLocationText,
            specialDesigDescription: asd.specialDesigDescription,
            specialDesigStartDate: asd.specialDesigStartDate, specialDesigStartTime: asd.specialDesigStartTime,
            specialDesigEndDate: asd.specialDesigEndDate, specialDesigEndTime: asd.specialDesigEndTime,
            streetSpecialDesigCode: try Wire.map(asd.streetSpecialDesigCode),
            streetSpecialDesigCodeString: StreetCodeNames.designation(code) ?? String(code),
            specialDesigPeriodicityCode: try Wire.map(asd.specialDesigPeriodicityCode),
            specialDesigPeriodicityCodeString: asd.specialDesigPeriodicityCode.map {
                StreetCodeNames.periodicity($0.rawValue) ?? String($0.rawValue)
            })
    }
}
