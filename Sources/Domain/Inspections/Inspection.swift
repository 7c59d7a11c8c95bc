import Foundation

/// R-INSP-03: what kind of inspection (wire values of `InspectionType`).
public enum InspectionType: String, Sendable, Hashable, Codable, CaseIterable {
    case liveSite = "live_site"
    case reinstatement
    case nonComplianceFollowUp = "non_compliance_follow_up"
    case section81 = "section_81"
    case investigatoryWorks = "investigatory_works"

    /// For history details: "live site".
    public var label: String { rawValue.replacingOccurrences(of: "_", with: " ") }
}

/// R-INSP-03: the category within a type (wire values of `InspectionCategory`).
public enum InspectionCategory: String, Sendable, Hashable, Codable, CaseIterable {
    case a, b, c
    case thirdParty = "third_party"
    case routine
    case jointSiteVisit = "joint_site_visit"
    case followUp = "follow_up"
    case followUpCompletion = "follow_up_completion"
    case siteOccupancy = "site_occupancy"
    case conditions
    case coreSample = "core_sample"
    case skidResistance = "skid_resistance"
    case textureDepth = "texture_depth"
    case surfaceRegularity = "surface_regularity"
    case trialHole = "trial_hole"
}

/// R-INSP-04: the outcome of an inspection (wire values of `InspectionOutcome`).
public enum InspectionOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    case passed
    case unableToCompleteInspection = "unable_to_complete_inspection"
    case failedLow = "failed_low"
    case failedHigh = "failed_high"
    case furtherInspectionsRequired = "further_inspections_required"
    case agreedSiteCompliance = "agreed_site_compliance"
    case nonCompliantWithConditions = "non_compliant_with_conditions"
    case worksStoppedApparatusRemaining = "works_stopped_apparatus_remaining"
    case worksInProgressNoCarriagewayIncursion = "works_in_progress_no_carriageway_incursion"
    case worksInProgress = "works_in_progress"
    case worksStopped = "works_stopped"
    case failed

    /// R-INSP-05: failed high or low.
    public var isFailedHighOrLow: Bool { self == .failedHigh || self == .failedLow }

    /// D-INSPECTIONS: the outcomes that find the promoter at fault, which the promoter answers
    /// (R-INSP-13) and which are accepted automatically when unanswered.
    public var awaitsPromoterResponse: Bool {
        switch self {
        case .failedHigh, .failedLow, .failed, .nonCompliantWithConditions: true
        default: false
        }
    }

    /// The works history event recording an inspection with this outcome.
    public var auditEvent: AuditEvent {
        switch self {
        case .passed: .inspectionPassed
        case .failedHigh, .failedLow, .failed: .inspectionFailed
        case .unableToCompleteInspection: .inspectionUnableToCarryOut
        case .furtherInspectionsRequired: .inspectionFurtherRequired
        case .agreedSiteCompliance: .inspectionAgreedSiteCompliance
        case .nonCompliantWithConditions: .inspectionNonCompliantWithConditions
        case .worksStoppedApparatusRemaining: .inspectionWorksStoppedApparatusRemaining
        case .worksInProgressNoCarriagewayIncursion: .inspectionWorksInProgressNoCarriagewayIncursion
        case .worksInProgress: .inspectionWorksInProgress
        case .worksStopped: .inspectionWorksStopped
        }
    }

    public var label: String { rawValue.replacingOccurrences(of: "_", with: " ") }
}

/// R-INSP-05: a non-compliant area (wire values of `FailureReason`).
public enum FailureReason: String, Sendable, Hashable, Codable, CaseIterable {
    case liveSiteSignage = "live_site_signage"
    case liveSiteDistance = "live_site_distance"
    case liveSiteSafetyZone = "live_site_safety_zone"
    case liveSiteBarriers = "live_site_barriers"
    case liveSiteTrafficControl = "live_site_traffic_control"
    case liveSitePedestrianProvision = "live_site_pedestrian_provision"
    case liveSiteCyclistProvision = "live_site_cyclist_provision"
    case liveSiteOperativeQualification = "live_site_operative_qualification"
    case liveSiteEquipment = "live_site_equipment"
    case liveSiteMaterials = "live_site_materials"
    case liveSiteCompaction = "live_site_compaction"
    case liveSiteConstructionLayers = "live_site_construction_layers"
    case liveSiteStorageOfMaterials = "live_site_storage_of_materials"
    case reinstatementDamageToSurroundArea = "reinstatement_damage_to_surround_area"
    case reinstatementSawCutting = "reinstatement_saw_cutting"
    case reinstatementAcuteAngles = "reinstatement_acute_angles"
    case reinstatementVerge = "reinstatement_verge"
    case reinstatementAntiSkid = "reinstatement_anti_skid"
    case reinstatementFixedFeatures = "reinstatement_fixed_features"
    case reinstatementModular = "reinstatement_modular"
    case reinstatementProximity = "reinstatement_proximity"
    case reinstatementMaterialsIncorrect = "reinstatement_materials_incorrect"
    case reinstatementMaterialsDamaged = "reinstatement_materials_damaged"
    case reinstatementEdgeSealant = "reinstatement_edge_sealant"
    case reinstatementOverBanding = "reinstatement_over_banding"
    case reinstatementRoadMarkings = "reinstatement_road_markings"
    case reinstatementInfillPointing = "reinstatement_infill_pointing"
    case reinstatementIronworkApparatus = "reinstatement_ironwork_apparatus"
    case reinstatementBreakingOutFretting = "reinstatement_breaking_out_fretting"
    case reinstatementInterfaceCracking = "reinstatement_interface_cracking"
    case reinstatementCrowning = "reinstatement_crowning"
    case reinstatementDepression = "reinstatement_depression"
    case reinstatementAsLaidProfile = "reinstatement_as_laid_profile"
    case reinstatementTextureDepth = "reinstatement_texture_depth"
    case reinstatementEdgeDepression = "reinstatement_edge_depression"
    case investigatoryAirVoid = "investigatory_air_void"
    case investigatoryMaterialType = "investigatory_material_type"
    case investigatoryLayerDepth = "investigatory_layer_depth"
    case investigatoryContamination = "investigatory_contamination"
    case investigatoryOther = "investigatory_other"

    /// The family of the reason: `live_site`, `reinstatement` or `investigatory`.
    public var family: String { String(rawValue.prefix { $0 != "_" }) }
}

/// R-INSP-06 (wire values of `DefectFixedOnsite`).
public enum DefectFixedOnSite: String, Sendable, Hashable, Codable, CaseIterable {
    case yesByInspector = "yes_by_inspector"
    case yesByOnsiteMembers = "yes_by_onsite_members"
    case no
}

/// R-INSP-09: recorded, or withdrawn (wire values of `InspectionStatusResponse`; `scheduled` is
/// what a works record's list shows for its scheduled inspection).
public enum InspectionStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case recorded
    case withdrawn
    case scheduled
}

/// R-INSP-09 (wire values of `InspectionReasonForWithdrawal`).
public enum InspectionWithdrawalReason: String, Sendable, Hashable, Codable, CaseIterable {
    case incorrectOutcomeRecorded = "incorrect_outcome_recorded"
    case wrongWorksOrOrganisation = "wrong_works_or_organisation"
    case wrongDetails = "wrong_details"
    case outcomeChanged = "outcome_changed"
    case other

    public var label: String { rawValue.replacingOccurrences(of: "_", with: " ") }
}

/// R-INSP-13: the promoter's and the highway authority's answers to an outcome (wire values of
/// `InspectionOutcomeStatusTypeResponse`).
public enum InspectionOutcomeStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case inspectionOutcomeAccepted = "inspection_outcome_accepted"
    case inspectionOutcomeDisputed = "inspection_outcome_disputed"
    case inspectionOutcomePromoterAcceptsFailedInspection = "inspection_outcome_promoter_accepts_failed_inspection"
    case jointSiteMeetingNeeded = "joint_site_meeting_needed"
    case reviewingDispute = "reviewing_dispute"
    case inspectionWithdrawn = "inspection_withdrawn"
    case noAgreement = "no_agreement"

    /// R-INSP-13: the answers the promoter gives.
    public static let promoterResponses: Set<InspectionOutcomeStatus> = [
        .inspectionOutcomeAccepted, .inspectionOutcomeDisputed, .jointSiteMeetingNeeded,
    ]
    /// R-INSP-13: the answers the highway authority gives (`inspection_withdrawn` is set by
    /// withdrawing the inspection).
    public static let highwayAuthorityResponses: Set<InspectionOutcomeStatus> = [
        .inspectionOutcomePromoterAcceptsFailedInspection, .reviewingDispute, .noAgreement,
    ]

    /// R-INSP-13: the answers that need a reason.
    public var needsReason: Bool {
        self == .inspectionOutcomeDisputed || self == .inspectionOutcomePromoterAcceptsFailedInspection
    }

    public var auditEvent: AuditEvent {
        switch self {
        case .inspectionOutcomeAccepted: .inspectionOutcomeAccepted
        case .inspectionOutcomeDisputed: .inspectionOutcomeDisputed
        case .inspectionOutcomePromoterAcceptsFailedInspection: .inspectionOutcomePromoterAcceptsFailedInspection
        case .jointSiteMeetingNeeded: .inspectionOutcomeJointSiteMeetingNeeded
        case .reviewingDispute: .inspectionOutcomeReviewingDispute
        case .inspectionWithdrawn: .inspectionWithdrawn
        case .noAgreement: .inspectionOutcomeNoAgreement
        }
    }

    public var label: String { rawValue.replacingOccurrences(of: "_", with: " ") }
}

/// R-NC-01 (wire values of `NonComplianceStatusResponse`).
public enum NonComplianceStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case issued
    case withdrawn
    case resolved
}

/// R-NC-01: the answers either side gives to a non-compliance (wire values of
/// `NonComplianceResponseStatus`).
public enum NonComplianceResponseStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case issued
    case withdrawn
    case worksCompletedAndPassed = "works_completed_and_passed"
    case jointSiteMeetingSuggested = "joint_site_meeting_suggested"
    case willAttendJointSiteMeeting = "will_attend_joint_site_meeting"
    case worksCompleteReadyForInspection = "works_complete_ready_for_inspection"
    case jointSiteMeetingNotNeeded = "joint_site_meeting_not_needed"
    case acceptSuggestion = "accept_suggestion"

    public var auditEvent: AuditEvent {
        switch self {
        case .issued: .nonComplianceIssued
        case .withdrawn: .nonComplianceWithdrawn
        case .worksCompletedAndPassed: .nonComplianceWorksCompletedAndPassed
        case .jointSiteMeetingSuggested: .nonComplianceJointSiteMeetingSuggested
        case .willAttendJointSiteMeeting: .nonComplianceWillAttendJointSiteMeeting
        case .worksCompleteReadyForInspection: .nonComplianceWorksCompleteReadyForInspection
        case .jointSiteMeetingNotNeeded: .nonComplianceJointSiteMeetingNotNeeded
        case .acceptSuggestion: .nonComplianceAcceptSuggestion
        }
    }

    public var label: String { rawValue.replacingOccurrences(of: "_", with: " ") }
}

/// D-NON-COMPLIANCES: where the joint site meeting stands (wire values of `JsmStatusResponse`).
public enum JointSiteMeetingStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case awaitingAgreement = "awaiting_agreement"
    case dateAndTimeAgreed = "date_and_time_agreed"
    case jsmNotNeeded = "jsm_not_needed"
}

/// A non-compliant area as stored and shown (R-INSP-05): the reason, the sites it affects (by
/// reference, or by name on historic works) and what was found.
public struct FailureReasonDetail: Sendable, Hashable, Codable {
    public var failureReason: FailureReason
    public var siteReferenceNumbers: [String]?
    public var siteName: String?
    public var details: String

    public init(failureReason: FailureReason, siteReferenceNumbers: [String]?, siteName: String?, details: String) {
        self.failureReason = failureReason
        self.siteReferenceNumbers = siteReferenceNumbers
        self.siteName = siteName
        self.details = details
    }

    enum CodingKeys: String, CodingKey {
        case failureReason = "failure_reason"
        case siteReferenceNumbers = "site_reference_numbers"
        case siteName = "site_name"
        case details
    }
}
