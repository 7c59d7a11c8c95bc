import Domain
import Foundation

/// A forward plan as stored (R-FP). Its street, geometry and organisations' records are those of
/// the works record it made (R-FP-05), which never change (R-FP-03).
public struct ForwardPlanRow: Sendable, Hashable {
    public var reference: String
    public var workReferenceNumber: String
    public var promoterSWACode: String
    public var highwayAuthoritySWACode: String
    public var workstreamPrefix: String
    public var status: ForwardPlanStatus
    public var startDate: Date
    public var endDate: Date
    public var descriptionOfWork: String
    public var worksLocationDescription: String
    public var projectReferenceNumber: String?
    public var trafficManagementType: String?
    public var additionalInfo: String?
    /// The promoter's additional street data selection, as sent (`PermitASD` JSON array).
    public var asds: String
    public var hs2WorkType: ForwardPlanWorkType?
    public var hs2InActLimits: Bool?
    public var hs2ConsultationRequestedResponseDate: Date?
    public var hs2HighwayExemption: String?
    /// R-FP-04.
    public var cancelledReason: String?
    /// R-FP-05: the application the plan was progressed into.
    public var permitReferenceNumber: String?
    public var dateCreated: Date
    public var dateModified: Date

    public init(
        reference: String, workReferenceNumber: String, promoterSWACode: String, highwayAuthoritySWACode: String,
        workstreamPrefix: String, status: ForwardPlanStatus, startDate: Date, endDate: Date, descriptionOfWork: String,
        worksLocationDescription: String, projectReferenceNumber: String?, trafficManagementType: String?,
        additionalInfo: String?, asds: String, hs2WorkType: ForwardPlanWorkType?, hs2InActLimits: Bool?,
        hs2ConsultationRequestedResponseDate: Date?, hs2HighwayExemption: String?, cancelledReason: String? = nil,
        permitReferenceNumber: String? = nil, dateCreated: Date, dateModified: Date
    ) {
        self.reference = reference
        self.workReferenceNumber = workReferenceNumber
        self.promoterSWACode = promoterSWACode
        self.highwayAuthoritySWACode = highwayAuthoritySWACode
        self.workstreamPrefix = workstreamPrefix
        self.status = status
        self.startDate = startDate
        self.endDate = endDate
        self.descriptionOfWork = descriptionOfWork
        self.worksLocationDescription = worksLocationDescription
        self.projectReferenceNumber = projectReferenceNumber
        self.trafficManagementType = trafficManagementType
        self.additionalInfo = additionalInfo
        self.asds = asds
        self.hs2WorkType = hs2WorkType
        self.hs2InActLimits = hs2InActLimits
        self.hs2ConsultationRequestedResponseDate = hs2ConsultationRequestedResponseDate
        self.hs2HighwayExemption = hs2HighwayExemption
        self.cancelledReason = cancelledReason
        self.permitReferenceNumber = permitReferenceNumber
        self.dateCreated = dateCreated
        self.dateModified = dateModified
    }
}

/// Forward plans.
public struct ForwardPlanRepository: Sendable {
    let db: any SQLExecutor

    public init(_ db: any SQLExecutor) { self.db = db }

    static let columns =
        "forward_plan_reference_number, work_reference_number, promoter_swa_code, highway_authority_swa_code, workstream_prefix, forward_plan_status, start_date, end_date, description_of_work, works_location_description, project_reference_number, traffic_management_type, additional_info, forward_plan_asds, hs2_work_type, hs2_in_act_limits, hs2_consultation_requested_response_date, hs2_highway_exemption, cancelled_reason, permit_reference_number, date_created, date_modified"
    static let columnCount = 22

    /// The plan of a works record (at most one, R-FP-05).
    static let ofWork = "SELECT \(columns) FROM forward_plans WHERE work_reference_number = ?"

    static func binds(_ f: ForwardPlanRow) -> [SQLValue] {
        [
            .text(f.reference), .text(f.workReferenceNumber), .text(f.promoterSWACode),
            .text(f.highwayAuthoritySWACode), .text(f.workstreamPrefix), .text(f.status.rawValue),
            .instant(f.startDate), .instant(f.endDate), .text(f.descriptionOfWork), .text(f.worksLocationDescription),
            .optional(f.projectReferenceNumber), .optional(f.trafficManagementType), .optional(f.additionalInfo),
            .text(f.asds), .optional(f.hs2WorkType?.rawValue), .optional(f.hs2InActLimits),
            .optionalInstant(f.hs2ConsultationRequestedResponseDate), .optional(f.hs2HighwayExemption),
            .optional(f.cancelledReason), .optional(f.permitReferenceNumber), .instant(f.dateCreated),
            .instant(f.dateModified),
        ]
    }

    public func insert(_ f: ForwardPlanRow) async throws {
        try await db.query(
            "INSERT INTO forward_plans (\(Self.columns)) VALUES (\(SQL.placeholders(Self.columnCount)))", Self.binds(f))
    }

    /// Writes back every column but the keys and the organisations (R-FP-03: edits overwrite).
    public func update(_ f: ForwardPlanRow) async throws {
        try await db.query(
            """
            UPDATE forward_plans SET forward_plan_status = ?, start_date = ?, end_date = ?, description_of_work = ?,
            works_location_description = ?, project_reference_number = ?, traffic_management_type = ?,
            additional_info = ?, forward_plan_asds = ?, cancelled_reason = ?, permit_reference_number = ?,
            date_modified = ?
            WHERE forward_plan_reference_number = ?
            """,
            [
                .text(f.status.rawValue), .instant(f.startDate), .instant(f.endDate), .text(f.descriptionOfWork),
                .text(f.worksLocationDescription), .optional(f.projectReferenceNumber),
                .optional(f.trafficManagementType), .optional(f.additionalInfo), .text(f.asds),
                .optional(f.cancelledReason), .optional(f.permitReferenceNumber), .instant(f.dateModified),
                .text(f.reference),
            ])
    }

    /// The plan of the works record `work`, if it has one.
    public func plan(ofWork work: String) async throws -> ForwardPlanRow? {
        try await db.first(Self.ofWork, .text(work)).map(Self.row(from:))
    }

    /// The plan `reference` of the works record `work` with the record, read together; nil when
    /// either is missing or the plan belongs to other works.
    public func plan(_ reference: String, ofWork work: String) async throws -> (work: WorkRow, plan: ForwardPlanRow)? {
        let results = try await db.read([
            SQLStatement(WorkRepository.byReference, [.text(work)]),
            SQLStatement(
                "SELECT \(Self.columns) FROM forward_plans WHERE forward_plan_reference_number = ?",
                [
                    .text(reference)
                ]),
        ])
        guard let workRow = try results[0].first.map(WorkRepository.work(from:)),
            let plan = try results[1].first.map(Self.row(from:)), plan.workReferenceNumber == work
        else { return nil }
        return (workRow, plan)
    }

    static func row(from row: SQLRow) throws -> ForwardPlanRow {
        ForwardPlanRow(
            reference: try row.requireString("forward_plan_reference_number"),
            workReferenceNumber: try row.requireString("work_reference_number"),
            promoterSWACode: try row.requireString("promoter_swa_code"),
            highwayAuthoritySWACode: try row.requireString("highway_authority_swa_code"),
            workstreamPrefix: try row.requireString("workstream_prefix"),
            status: try row.value("forward_plan_status"),
            startDate: try row.requireInstant("start_date"),
            endDate: try row.requireInstant("end_date"),
            descriptionOfWork: try row.requireString("description_of_work"),
            worksLocationDescription: try row.requireString("works_location_description"),
            projectReferenceNumber: row.string("project_reference_number"),
            trafficManagementType: row.string("traffic_management_type"),
            additionalInfo: row.string("additional_info"),
            asds: try row.requireString("forward_plan_asds"),
            hs2WorkType: try row.optionalValue("hs2_work_type"),
            hs2InActLimits: row.bool("hs2_in_act_limits"),
            hs2ConsultationRequestedResponseDate: row.instant("hs2_consultation_requested_response_date"),
            hs2HighwayExemption: row.string("hs2_highway_exemption"),
            cancelledReason: row.string("cancelled_reason"),
            permitReferenceNumber: row.string("permit_reference_number"),
            dateCreated: try row.requireInstant("date_created"),
            dateModified: try row.requireInstant("date_modified"))
    }
}
