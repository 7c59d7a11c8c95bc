import Domain

/// Who may call an operation (R-SEC-02, R-SEC-10, R-SEC-11).
public enum AccessRule: Sendable, Equatable {
    /// No token (authenticate, status, refresh, logout, password reset).
    case open
    /// A valid ID token whose user holds one of `roles`. `member`: the user must belong to the
    /// organisation of the record (its promoter or highway authority, R-SEC-10) — or act for it as a
    /// contracted contractor (R-SEC-12). `adminOfHighwayAuthorityOnly`: the Admin role counts only
    /// for users of a highway authority.
    case token(Set<Role>, member: Bool, adminOfHighwayAuthorityOnly: Bool = false)
}

/// The one declarative access table, keyed by API and `operationId`. Derived from the contract's
/// `x-roles` and the v6 specification's permission tables (the later statement where they
/// differ); rows marked (decision) are recorded in docs/decisions.md (D-ACCESS). A test fails if
/// any operation of the contract has no row.
public enum AccessPolicy {
    public static func rule(api: String, operationId: String) -> AccessRule? {
        table[api]?[operationId]
    }

    static let table: [String: [String: AccessRule]] = [
        "work": [
            "createActivity": .token([.highwayAuthority], member: true),  // POST /activity (seed)
            "getActivity": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /activity/{activityReferenceNumber} (seed)
            "updateActivity": .token([.highwayAuthority], member: false),  // PUT /activity/{activityReferenceNumber} (x-roles)
            "cancelActivity": .token([.highwayAuthority], member: true),  // PUT /activity/{activityReferenceNumber}/cancel (seed)
            "authenticate": .open,  // POST /authenticate
            "authenticateInitial": .open,  // POST /authenticate/initial
            "calculateDuration": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /duration (x-roles)
            "getFeeMatrix": .token([.planner, .contractor, .highwayAuthority, .admin], member: false),  // GET /fee-matrix/{organisationReference} (x-roles)
            "updateFeeMatrix": .token(
                [.highwayAuthority, .admin], member: true, adminOfHighwayAuthorityOnly: true),  // PUT /fee-matrix/{organisationReference} (decision)
            "uploadFile": .token([.planner, .contractor, .highwayAuthority], member: true),  // POST /files (seed)
            "deleteFile": .token([.planner, .contractor, .highwayAuthority], member: true),  // DELETE /files/{fileId} (seed)
            "getFile": .token([.planner, .contractor, .highwayAuthority, .admin], member: false),  // GET /files/{fileId} (x-roles)
            "createForwardPlan": .token([.planner, .contractor], member: true),  // POST /forward-plans (seed)
            "createGeographicalArea": .token(
                [.highwayAuthority, .admin], member: true, adminOfHighwayAuthorityOnly: true),  // POST /geographical-areas (seed)
            "updateGeographicalArea": .token(
                [.highwayAuthority, .admin], member: true, adminOfHighwayAuthorityOnly: true),  // PUT /geographical-areas/{geographicalAreaReferenceNumber} (seed)
            "createHistoricFpn": .token([.highwayAuthority], member: true),  // POST /historic-works/fixed-penalty-notices (seed)
            "createHistoricInspection": .token([.highwayAuthority], member: true),  // POST /historic-works/inspections (seed)
            "createMaterialsClassification": .token([.highwayAuthority], member: true),  // POST /material-classifications (decision)
            "getMaterialClassification": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /material-classifications/{materialClassificationReferenceNumber} (decision)
            "createNonNotifiableSite": .token([.planner, .contractor], member: true),  // POST /non-notifiable-works/sites (seed)
            "getWorkCategory": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /permits/category (x-roles)
            "createPrivateStreetNotice": .token([.planner, .contractor], member: false),  // POST /private-street-notices (x-roles)
            "createSection58": .token([.highwayAuthority], member: true),  // POST /section-58s (seed)
            "getSection58": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /section-58s/{section58ReferenceNumber} (seed)
            "updateSection58Status": .token([.highwayAuthority], member: true),  // PUT /section-58s/{section58ReferenceNumber}/status (seed)
            "createSection81": .token([.highwayAuthority], member: true),  // POST /section-81-works/section-81s (seed)
            "getStatus": .open,  // GET /status
            "createWork": .token([.planner, .contractor], member: true),  // POST /works (seed)
            "getWork": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /works/{workReferenceNumber} (x-roles)
            "postComment": .token([.planner, .contractor, .highwayAuthority], member: true),  // POST /works/{workReferenceNumber}/comments (seed)
            "getComment": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /works/{workReferenceNumber}/comments/{commentReferenceNumber} (decision)
            "markCommentAsRead": .token([.planner, .contractor, .highwayAuthority], member: true),  // PUT /works/{workReferenceNumber}/comments/{commentReferenceNumber}/read (seed)
            "getEarliestPermit": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /works/{workReferenceNumber}/earliest-permit (seed)
            "updateExcavationCarriedOut": .token([.planner, .contractor], member: true),  // PUT /works/{workReferenceNumber}/excavation-carried-out (x-roles+seed-wildcard)
            "addFileToWork": .token([.planner, .contractor, .highwayAuthority], member: true),  // POST /works/{workReferenceNumber}/files (x-roles)
            "updateFinalReinstatement": .token([.planner, .contractor], member: true),  // PUT /works/{workReferenceNumber}/final-reinstatement (seed-wildcard)
            "createFpn": .token([.highwayAuthority], member: true),  // POST /works/{workReferenceNumber}/fixed-penalty-notices (seed)
            "deleteFpn": .token([.highwayAuthority], member: true),  // DELETE /works/{workReferenceNumber}/fixed-penalty-notices/{fpnReferenceNumber} (seed)
            "getFpn": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /works/{workReferenceNumber}/fixed-penalty-notices/{fpnReferenceNumber} (x-roles)
            "updateFpnStatus": .token([.planner, .contractor, .highwayAuthority], member: true),  // PUT /works/{workReferenceNumber}/fixed-penalty-notices/{fpnReferenceNumber}/status (seed)
            "getForwardPlan": .token([.planner, .contractor], member: true),  // GET /works/{workReferenceNumber}/forward-plans/{forwardPlanReferenceNumber} (seed)
            "updateForwardPlan": .token([.planner, .contractor], member: true),  // PUT /works/{workReferenceNumber}/forward-plans/{forwardPlanReferenceNumber} (seed)
            "cancelForwardPlan": .token([.planner, .contractor], member: true),  // PUT /works/{workReferenceNumber}/forward-plans/{forwardPlanReferenceNumber}/cancel (seed)
            "getWorkHistory": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /works/{workReferenceNumber}/history (x-roles)
            "createInspection": .token([.highwayAuthority], member: true),  // POST /works/{workReferenceNumber}/inspections (seed)
            "deleteInspection": .token([.highwayAuthority], member: true),  // DELETE /works/{workReferenceNumber}/inspections/{inspectionReferenceNumber} (seed)
            "getInspection": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /works/{workReferenceNumber}/inspections/{inspectionReferenceNumber} (x-roles)
            "updateInspectionOutcomeStatus": .token([.planner, .contractor, .highwayAuthority], member: true),  // PUT /works/{workReferenceNumber}/inspections/{inspectionReferenceNumber}/status (x-roles+seed-wildcard)
            "withdrawInspection": .token([.highwayAuthority], member: true),  // PUT /works/{workReferenceNumber}/inspections/{inspectionReferenceNumber}/withdraw (seed)
            "getNonCompliance": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /works/{workReferenceNumber}/non-compliances/{nonComplianceReferenceNumber} (decision)
            "updateNonComplianceStatus": .token([.planner, .contractor, .highwayAuthority], member: true),  // PUT /works/{workReferenceNumber}/non-compliances/{nonComplianceReferenceNumber}/status (decision)
            "createPermit": .token([.planner, .contractor], member: true),  // POST /works/{workReferenceNumber}/permits (x-roles)
            "getPermit": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /works/{workReferenceNumber}/permits/{permitReferenceNumber} (x-roles)
            "createPermitAlteration": .token([.planner, .contractor, .highwayAuthority], member: true),  // POST /works/{workReferenceNumber}/permits/{permitReferenceNumber}/alterations (seed)
            "imposeChange": .token([.highwayAuthority], member: true),  // POST /works/{workReferenceNumber}/permits/{permitReferenceNumber}/alterations/impose (seed)
            "getPermitAlteration": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /works/{workReferenceNumber}/permits/{permitReferenceNumber}/alterations/{permitAlterationReferenceNumber} (x-roles)
            "durationChallengeNonAcceptanceResponse": .token([.highwayAuthority], member: true),  // PUT /works/{workReferenceNumber}/permits/{permitReferenceNumber}/alterations/{permitAlterationReferenceNumber}/duration-challenge-non-acceptance-response (seed)
            "durationChallengeReview": .token([.planner, .contractor], member: true),  // PUT /works/{workReferenceNumber}/permits/{permitReferenceNumber}/alterations/{permitAlterationReferenceNumber}/duration-challenge-review (seed)
            "updatePermitAlterationStatus": .token([.highwayAuthority], member: true),  // PUT /works/{workReferenceNumber}/permits/{permitReferenceNumber}/alterations/{permitAlterationReferenceNumber}/status (x-roles+seed-wildcard)
            "createAncillaryInfo": .token([.planner, .contractor], member: true),  // POST /works/{workReferenceNumber}/permits/{permitReferenceNumber}/ancillary-informations (decision)
            "getAncillaryInfo": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /works/{workReferenceNumber}/permits/{permitReferenceNumber}/ancillary-informations/{ancillaryInformationReferenceNumber} (decision)
            "removeAncillaryInfo": .token([.planner, .contractor], member: true),  // PUT /works/{workReferenceNumber}/permits/{permitReferenceNumber}/ancillary-informations/{ancillaryInformationReferenceNumber}/remove (seed-wildcard)
            "updateAssessmentStatus": .token([.highwayAuthority], member: true),  // PUT /works/{workReferenceNumber}/permits/{permitReferenceNumber}/assessment (x-roles+seed-wildcard)
            "updateCurrentTrafficManagementType": .token([.planner, .contractor], member: true),  // PUT /works/{workReferenceNumber}/permits/{permitReferenceNumber}/current-traffic-management-type (seed-wildcard)
            "updatePermitDurationChallengeNonAcceptanceResponse": .token([.highwayAuthority], member: true),  // PUT /works/{workReferenceNumber}/permits/{permitReferenceNumber}/duration-challenge-non-acceptance-response (seed)
            "updatePermitDurationChallengeReview": .token([.planner, .contractor], member: true),  // PUT /works/{workReferenceNumber}/permits/{permitReferenceNumber}/duration-challenge-review (seed)
            "acknowledgeHs2Permit": .token([.highwayAuthority], member: true),  // PUT /works/{workReferenceNumber}/permits/{permitReferenceNumber}/hs2_acknowledgement (seed)
            "updatePermitLaneRentalAssessment": .token([.highwayAuthority], member: true),  // PUT /works/{workReferenceNumber}/permits/{permitReferenceNumber}/lane-rental-assessments (x-roles+seed-wildcard)
            "linkPermitToNonCompliance": .token([.planner, .contractor], member: true),  // PUT /works/{workReferenceNumber}/permits/{permitReferenceNumber}/link-non-compliance (seed-wildcard)
            "linkSection81ToPermit": .token([.highwayAuthority], member: true),  // POST /works/{workReferenceNumber}/permits/{permitReferenceNumber}/link-section-81 (seed)
            "updatePermitDiscount": .token([.highwayAuthority], member: true),  // PUT /works/{workReferenceNumber}/permits/{permitReferenceNumber}/permit-discount (decision)
            "updatePermitStatus": .token([.planner, .contractor], member: true),  // PUT /works/{workReferenceNumber}/permits/{permitReferenceNumber}/status (x-roles+seed-wildcard)
            "markPermitAsUnderAssessment": .token([.highwayAuthority], member: true),  // PUT /works/{workReferenceNumber}/permits/{permitReferenceNumber}/under-assessment (decision)
            "unlinkSection81FromPermit": .token([.highwayAuthority], member: true),  // POST /works/{workReferenceNumber}/permits/{permitReferenceNumber}/unlink-section-81 (seed)
            "getPrivateStreetNotice": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /works/{workReferenceNumber}/private-street-notices/{privateStreetReferenceNumber} (x-roles)
            "cancelPrivateStreetNotice": .token([.planner, .contractor, .highwayAuthority], member: true),  // PUT /works/{workReferenceNumber}/private-street-notices/{privateStreetReferenceNumber}/cancel (x-roles+seed-wildcard)
            "revertActualStartDate": .token([.planner, .contractor], member: true),  // PUT /works/{workReferenceNumber}/revert-start (x-roles+seed-wildcard)
            "revertActualStopDate": .token([.planner, .contractor], member: true),  // PUT /works/{workReferenceNumber}/revert-stop (x-roles+seed-wildcard)
            "deleteScheduledInspection": .token([.highwayAuthority], member: true),  // DELETE /works/{workReferenceNumber}/scheduled-inspections (seed)
            "createScheduledInspection": .token([.highwayAuthority], member: true),  // POST /works/{workReferenceNumber}/scheduled-inspections (seed)
            "createSection74": .token([.highwayAuthority], member: true),  // POST /works/{workReferenceNumber}/section-74s (seed)
            "getSection74": .token([.planner, .contractor, .highwayAuthority], member: true),  // GET /works/{workReferenceNumber}/section-74s/{section74ReferenceNumber} (seed)
            "updateSection74HaStatus": .token([.highwayAuthority], member: true),  // PUT /works/{workReferenceNumber}/section-74s/{section74ReferenceNumber}/highway-authority-status (seed)
            "updateSection74PromoterStatus": .token([.planner, .contractor], member: true),  // PUT /works/{workReferenceNumber}/section-74s/{section74ReferenceNumber}/promoter-status (seed)
            "getSection81": .token([.planner, .contractor, .highwayAuthority], member: true),  // GET /works/{workReferenceNumber}/section-81s/{section81ReferenceNumber} (seed)
            "reassignSection81": .token([.highwayAuthority], member: true),  // PUT /works/{workReferenceNumber}/section-81s/{section81ReferenceNumber}/reassign-section-81 (seed)
            "updateSection81Status": .token([.highwayAuthority], member: true),  // PUT /works/{workReferenceNumber}/section-81s/{section81ReferenceNumber}/status (seed)
            "createSite": .token([.planner, .contractor], member: true),  // POST /works/{workReferenceNumber}/sites (x-roles)
            "getSite": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /works/{workReferenceNumber}/sites/{siteReferenceNumber} (x-roles)
            "createReinstatement": .token([.planner, .contractor], member: true),  // POST /works/{workReferenceNumber}/sites/{siteReferenceNumber}/reinstatements (seed)
            "deleteReinstatement": .token([.planner, .contractor], member: true),  // DELETE /works/{workReferenceNumber}/sites/{siteReferenceNumber}/reinstatements/{reinstatementReferenceNumber} (x-roles)
            "subsumeSite": .token([.planner, .contractor], member: true),  // PUT /works/{workReferenceNumber}/sites/{siteReferenceNumber}/subsume (x-roles+seed-wildcard)
            "updateActualStartDate": .token([.planner, .contractor], member: true),  // PUT /works/{workReferenceNumber}/start (x-roles+seed-wildcard)
            "updateActualStopDate": .token([.planner, .contractor, .highwayAuthority], member: true),  // PUT /works/{workReferenceNumber}/stop (x-roles+seed-wildcard)
        ],
        "reporting": [
            "getActivities": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /activities (x-roles+seed-wildcard)
            "getAlterations": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /alterations (x-roles+seed-wildcard)
            "getAlterationDurationChallenges": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /alterations/duration-challenges (x-roles+seed-wildcard)
            "getComments": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /comments (x-roles+seed-wildcard)
            "getCsvExports": .token([.planner, .contractor, .highwayAuthority, .admin], member: false),  // GET /csv-exports (x-roles+seed-wildcard)
            "getFpns": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /fixed-penalty-notices (x-roles+seed-wildcard)
            "getFpnFiles": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /fixed-penalty-notices/files (seed-wildcard)
            "getForwardPlans": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /forward-plans (x-roles+seed-wildcard)
            "getGeographicalAreas": .token([.admin, .highwayAuthority], member: false),  // GET /geographical-areas (x-roles+seed-wildcard)
            "getInspections": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /inspections (x-roles+seed-wildcard)
            "getInspectionFiles": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /inspections/files (seed-wildcard)
            "getInterestedPartyPermits": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /interested-party-permits (seed-wildcard)
            "getMaterialClassifications": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /material-classifications (x-roles+seed-wildcard)
            "getNonCompliances": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /non-compliances (x-roles+seed-wildcard)
            "getPbiSampleGenerationJobs": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /pbi-sample-generation-jobs (seed-wildcard)
            "getPbiSampleInspectionTargets": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /pbi-sample-inspection-targets (seed-wildcard)
            "getPbiSampleInspections": .token([.highwayAuthority], member: false),  // GET /pbi-sample-inspections (x-roles+seed-wildcard)
            "getPermits": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /permits (x-roles+seed-wildcard)
            "getPermitDurationChallenges": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /permits/duration-challenges (x-roles+seed-wildcard)
            "getPermitFiles": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /permits/files (seed-wildcard)
            "getReinstatementsDue": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /permits/reinstatements-due (seed-wildcard)
            "getPrivateStreets": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /private-street-notices (x-roles+seed-wildcard)
            "getPrivateStreetFiles": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /private-street-notices/files (x-roles+seed-wildcard)
            "getReinspections": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /reinspections (x-roles+seed-wildcard)
            "getReinstatements": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /reinstatements (x-roles+seed-wildcard)
            "getExpiringInterimReinstatements": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /reinstatements/expiring-interims (x-roles+seed-wildcard)
            "getReinstatementFiles": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /reinstatements/files (seed-wildcard)
            "getSection58s": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /section-58s (x-roles+seed-wildcard)
            "getSection74s": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /section-74s (x-roles+seed-wildcard)
            "getSection74Files": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /section-74s/files (seed-wildcard)
            "getSection81s": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /section-81s (x-roles+seed-wildcard)
            "getSection81Files": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /section-81s/files (seed-wildcard)
            "getStatus": .open,  // GET /status
            "getWorks": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /works (seed-wildcard)
            "getWorkFiles": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /works/files (seed-wildcard)
            "getWorkstreams": .token([.admin], member: false),  // GET /workstreams (x-roles+seed-wildcard)
        ],
        "lookup": [
            "getStreetsByQuery": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /nsg/search (x-roles+seed-wildcard)
            "getStreets": .token([.planner, .contractor, .highwayAuthority], member: false),  // POST /nsg/streets/search (x-roles)
            "getStreetsByUsrn": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /nsg/streets/{usrn} (x-roles+seed-wildcard)
            "getStatus": .open,  // GET /status
        ],
        "geojson": [
            "getActivitiesIntersectingBounds": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /activities (x-roles+seed-wildcard)
            "getAncillaryInformationIntersectBoundingBox": .token(
                [.planner, .contractor, .highwayAuthority], member: false),  // GET /ancillary-informations (x-roles+seed-wildcard)
            "getForwardPlansIntersectBoundingBox": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /forward-plans (x-roles+seed-wildcard)
            "getHs2ActLimitsIntersectingBounds": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /hs2-act-limits (x-roles+seed-wildcard)
            "getMaterialClassificationsIntersectBoundingBox": .token(
                [.planner, .contractor, .highwayAuthority], member: false),  // GET /material-classifications (x-roles+seed-wildcard)
            "getSection58sIntersectBoundingBox": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /section-58s (x-roles+seed-wildcard)
            "getStatus": .open,  // GET /status
            "getWorksIntersectBoundingBox": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /works (x-roles+seed-wildcard)
        ],
        "party": [
            "forgotPassword": .open,  // POST /forgot-password
            "logout": .open,  // POST /logout
            "getOrganisations": .token([.planner, .contractor, .highwayAuthority, .admin], member: false),  // GET /organisations (x-roles+seed-wildcard)
            "getOrganisation": .token([.planner, .contractor, .highwayAuthority, .admin], member: false),  // GET /organisations/{organisationReference} (seed)
            "getWorkstreams": .token([.planner, .contractor, .admin], member: true),  // GET /organisations/{organisationReference}/workstreams (seed)
            "createWorkstream": .token([.planner, .admin], member: true),  // POST /organisations/{organisationReference}/workstreams (seed)
            "getWorkstream": .token([.planner, .contractor, .highwayAuthority, .admin], member: false),  // GET /organisations/{organisationReference}/workstreams/{workstreamPrefix} (seed)
            "updateWorkstream": .token([.planner, .admin], member: true),  // PUT /organisations/{organisationReference}/workstreams/{workstreamPrefix} (seed)
            "refresh": .open,  // POST /refresh
            "resetPassword": .open,  // POST /reset-password
            "setPassword": .open,  // POST /set-password
            "getStatus": .open,  // GET /status
            "getUser": .token([.planner, .contractor, .admin], member: false),  // GET /users/{email} (seed)
            "updateUserDetails": .token([.planner, .contractor, .highwayAuthority, .admin], member: false),  // PUT /users/{email} (x-roles)
        ],
        "export": [
            "generatePermitAlterationsCsv": .token([.planner, .contractor, .highwayAuthority], member: false),  // POST /alterations/csv (x-roles+seed-wildcard)
            "generateCommentsCsv": .token([.planner, .contractor, .highwayAuthority], member: false),  // POST /comments/csv (x-roles+seed-wildcard)
            "getCsv": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /csv/{csvId} (seed)
            "generateFeesCsv": .token([.planner, .contractor, .highwayAuthority], member: false),  // POST /fees/csv (x-roles+seed-wildcard)
            "generateFpnsCsv": .token([.planner, .contractor, .highwayAuthority], member: false),  // POST /fixed-penalty-notices/csv (x-roles+seed-wildcard)
            "generateForwardPlansCsv": .token([.planner, .contractor, .highwayAuthority], member: false),  // POST /forward-plans/csv (x-roles+seed-wildcard)
            "generateInspectionCsv": .token([.planner, .contractor, .highwayAuthority], member: false),  // POST /inspections/csv (x-roles+seed-wildcard)
            "generateInterestedPartyPermits": .token([.highwayAuthority], member: false),  // POST /interested-party-permits/csv (x-roles+seed-wildcard)
            "generateMaterialClassificationCsv": .token([.planner, .contractor, .highwayAuthority], member: false),  // POST /material-classifications/csv (x-roles+seed-wildcard)
            "generateNonCompliancesCsv": .token([.planner, .contractor, .highwayAuthority], member: false),  // POST /non-compliances/csv (x-roles+seed-wildcard)
            "generatePbiSampleInspectionTargetsCsv": .token([.admin, .streetWorksAdmin], member: false),  // POST /pbi-sample-inspection-targets/csv (x-roles+seed-wildcard)
            "generatePbiSampleInspectionsDueCsv": .token([.highwayAuthority], member: false),  // POST /pbi-sample-inspections-due/csv (x-roles+seed-wildcard)
            "generatePermitsCsv": .token([.planner, .contractor, .highwayAuthority], member: false),  // POST /permits/csv (x-roles+seed-wildcard)
            "generateReinstatementsDueCsv": .token([.planner, .contractor, .highwayAuthority], member: false),  // POST /permits/reinstatements-due/csv (x-roles+seed-wildcard)
            "generatePrivateStreetNoticesCsv": .token([.planner, .contractor, .highwayAuthority], member: false),  // POST /private-street-notices/csv (x-roles+seed-wildcard)
            "generateReinspectionCsv": .token([.planner, .contractor, .highwayAuthority], member: false),  // POST /reinspections/csv (x-roles+seed-wildcard)
            "generateReinstatementsCsv": .token([.planner, .contractor, .highwayAuthority], member: false),  // POST /reinstatements/csv (x-roles+seed-wildcard)
            "generateExpiringInterimReinstatementsCsv": .token(
                [.planner, .contractor, .highwayAuthority], member: false),  // POST /reinstatements/expiring-interims/csv (x-roles+seed-wildcard)
            "generateSection58Csv": .token([.planner, .contractor, .highwayAuthority], member: false),  // POST /section-58s/csv (x-roles+seed-wildcard)
            "generateSection74Csv": .token([.planner, .contractor, .highwayAuthority], member: false),  // POST /section-74s/csv (x-roles+seed-wildcard)
            "generateSection81Csv": .token([.planner, .contractor, .highwayAuthority], member: false),  // POST /section-81s/csv (x-roles+seed-wildcard)
            "getStatus": .open,  // GET /status
        ],
        "event": [
            "subscribeToEvent": .token([.planner, .contractor, .highwayAuthority], member: false),  // POST /api-notifications/subscribe (x-roles)
            "unsubscribeToEvent": .token([.planner, .contractor, .highwayAuthority], member: false),  // POST /api-notifications/unsubscribe (x-roles)
            "getPermitSummaries": .token([.planner, .contractor, .highwayAuthority], member: false),  // POST /permits/search (x-roles)
            "getStatus": .open,  // GET /status
            "getWorksUpdates": .token([.planner, .contractor, .highwayAuthority], member: false),  // GET /works/updates (x-roles)
        ],
        "sampling": [
            "getPreviousAnnualInspectionUnits": .token(
                [.highwayAuthority, .admin], member: true, adminOfHighwayAuthorityOnly: true),  // GET /previous-annual-inspection-units (decision)
            "getSampleInspectionQuota": .token(
                [.highwayAuthority, .admin], member: true, adminOfHighwayAuthorityOnly: true),  // GET /sample-inspection-quota (decision)
            "createSampleInspectionTarget": .token(
                [.highwayAuthority, .admin], member: true, adminOfHighwayAuthorityOnly: true),  // POST /sample-inspection-targets (decision)
            "deleteSampleInspectionTarget": .token(
                [.highwayAuthority, .admin], member: true, adminOfHighwayAuthorityOnly: true),  // DELETE /sample-inspection-targets/{sampleInspectionTargetReferenceNumber} (decision)
            "getSampleInspectionTarget": .token(
                [.highwayAuthority, .admin], member: true, adminOfHighwayAuthorityOnly: true),  // GET /sample-inspection-targets/{sampleInspectionTargetReferenceNumber} (decision)
            "updateSampleInspectionTarget": .token(
                [.highwayAuthority, .admin], member: true, adminOfHighwayAuthorityOnly: true),  // PUT /sample-inspection-targets/{sampleInspectionTargetReferenceNumber} (decision)
            "generateSampleInspections": .token(
                [.highwayAuthority, .admin], member: true, adminOfHighwayAuthorityOnly: true),  // POST /sample-inspections (decision)
            "endQuarter": .token([.highwayAuthority, .admin], member: true, adminOfHighwayAuthorityOnly: true),  // POST /sample-inspections/end-quarter (decision)
            "revertEndQuarter": .token([.highwayAuthority, .admin], member: true, adminOfHighwayAuthorityOnly: true),  // POST /sample-inspections/revert-end-quarter (decision)
            "startQuarter": .token([.highwayAuthority, .admin], member: true, adminOfHighwayAuthorityOnly: true),  // POST /sample-inspections/start-quarter (decision)
            "getStatus": .open,  // GET /status
        ],
        "worklist": [
            "getChangeRequestsAboutToDeem": .token([.highwayAuthority], member: false),  // GET /change-requests-about-to-deem (x-roles)
            "getPermitsAboutToDeem": .token([.highwayAuthority], member: false),  // GET /permits-about-to-deem (x-roles)
            "getPotentialWorksOverrunning": .token([.highwayAuthority], member: false),  // GET /potential-works-overrunning (x-roles)
            "dismissPotentialWorksOverrunning": .token([.highwayAuthority], member: true),  // DELETE /potential-works-overrunning/{permitReferenceNumber} (x-roles)
            "getRefusedPermits": .token([.planner, .contractor], member: false),  // GET /refused-permits (x-roles)
            "getStatus": .open,  // GET /status
            "getWorkStartsDue": .token([.planner, .contractor], member: false),  // GET /work-starts-due (x-roles)
            "getWorkStopsDue": .token([.planner, .contractor], member: false),  // GET /work-stops-due (x-roles)
        ],
    ]
}
