extension AuditEvent {
    /// Whether subscribers of the other party are notified of the event (D-OUTBOX): every event
    /// of the works history except those only the acting organisation may see (an internal
    /// comment, R-COM-02).
    public var isNotifiable: Bool {
        switch self {
        case .internalCommentSubmitted: false
        default: true
        }
    }
}

extension AuditObjectType {
    /// The history's `topic` for events about this kind of object.
    public var topic: String {
        switch self {
        case .work: "Works record"
        case .permit, .paa: "Permit"
        case .comment: "Comment"
        case .changeRequest: "Change request"
        case .forwardPlan: "Forward plan"
        case .fpn: "Fixed penalty notice"
        case .inspection: "Inspection"
        case .scheduledInspection: "Scheduled inspection"
        case .sampleInspection: "Sample inspection"
        case .sampleInspectionTarget: "Sample inspection target"
        case .nonCompliance: "Non-compliance"
        case .section74: "Section 74"
        case .section81: "Section 81"
        case .section58: "Section 58"
        case .site: "Site"
        case .reinstatement: "Reinstatement"
        case .activity: "Activity"
        case .application: "Application"
        case .workstream: "Workstream"
        case .organisation: "Organisation"
        case .user: "User"
        case .geographicalArea: "Geographical area"
        case .feeMatrix: "Fee matrix"
        case .privateStreet: "Private street notice"
        case .eventSubscription: "Event subscription"
        case .materialClassification: "Material classification"
        }
    }
}
