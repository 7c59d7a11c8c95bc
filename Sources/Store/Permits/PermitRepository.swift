import Domain
import Foundation

/// A permit (PAA or PA) as stored: the columns reads filter and sort on, plus the application
/// as submitted (`payload`, JSON) and the latest assessment and cancellation (JSON).
public struct PermitRow: Sendable, Hashable {
    public var permitReferenceNumber: String
    public var workReferenceNumber: String
    public var sequence: Int
    public var promoterSWACode: String
    public var highwayAuthoritySWACode: String
    public var workstreamPrefix: String
    public var permitStatus: PermitStatus
    public var assessmentStatus: AssessmentStatus?
    public var workCategory: WorkCategory
    public var workType: WorkType
    public var isDeemed: Bool
    public var isEarlyStart: Bool
    public var everModificationRequested: Bool
    public var proposedStartDate: Date
    public var proposedEndDate: Date
    /// R-PERMIT-20: the proposed end as applied for, while a late works start has moved it.
    public var originalProposedEndDate: Date?
    public var actualStartDate: Date?
    public var actualStopDate: Date?
    public var calendarDayDuration: Int
    public var workingDayDuration: Int
    public var deadlineDate: LocalDate
    /// When the deeming job grants it if still unassessed; nil once decided.
    public var deemAt: Date?
    public var validityPeriodEndDate: LocalDate?
    /// R-PERMIT-21: decided at submission from the street and the promoter's ASD selection.
    public var isTrafficSensitive: Bool
    /// R-LR: set by a lane rental assessment that found the charges not agreed.
    public var laneRentalChargesNotAgreed: Bool
    /// R-LR: the outcome of the latest lane rental assessment, when there was one.
    public var laneRentalAssessmentOutcome: String?
    /// R-PERMIT-15: granted with a duration challenge.
    public var isDurationChallenged: Bool
    /// R-FEE-05: the discount (whole per cent) on the fee, set with the grant or changed after it,
    /// and the reason given for the latest change.
    public var assessmentDiscount: Int? = nil
    public var assessmentDiscountReason: String? = nil
    /// R-PERMIT-23: the traffic management the promoter reports in place (a `TrafficManagementType`
    /// value), when, and the emergency contact signals need.
    public var currentTrafficManagementType: String? = nil
    public var currentTrafficManagementUpdateDate: Date? = nil
    public var currentTrafficManagementEmergencyContactName: String? = nil
    public var currentTrafficManagementEmergencyContactNumber: String? = nil
    /// R-CR-09, R-CR-16, R-PERMIT-15: the end of the reasonable period set by a grant with duration
    /// challenge (of the permit or of a works extension) or by the HA's answer to a non-acceptance;
    /// nil when none was set (the proposed end stands).
    public var reasonablePeriodEndDate: Date? = nil
    /// R-CR-16: the promoter's review of the permit's duration challenge and the HA's answer.
    public var durationChallenge: DurationChallengeReview? = nil
    /// R-LR-02: the HA's latest lane rental assessment (`PermitLaneRentalAssessmentUpdateRequest`
    /// JSON as sent).
    public var laneRentalAssessment: String? = nil
    /// R-HS2-02: when the HA acknowledged the HS2 application.
    public var hs2AcknowledgedAt: Date? = nil
    public var descriptionOfWork: String
    /// From the application: what lists show without reading `payload`.
    public var activityType: String
    public var trafficManagementType: String
    public var worksLocationDescription: String
    public var excavation: Bool
    public var laneRentalApplicable: Bool
    /// As sent (ISO 8601), when sent.
    public var proposedStartTime: String?
    public var proposedEndTime: String?
    public var streetName: String
    public var usrn: Int
    public var payload: String
    /// The street's special designations the promoter did not select (`PermitASD` JSON array).
    public var notSelectedASDs: String
    public var assessment: String?
    public var cancellation: String?
    public var dateCreated: Date
    public var dateModified: Date

    public init(
        permitReferenceNumber: String, workReferenceNumber: String, sequence: Int, promoterSWACode: String,
        highwayAuthoritySWACode: String, workstreamPrefix: String, permitStatus: PermitStatus,
        assessmentStatus: AssessmentStatus?, workCategory: WorkCategory, workType: WorkType, isDeemed: Bool,
        isEarlyStart: Bool, everModificationRequested: Bool, proposedStartDate: Date, proposedEndDate: Date,
        originalProposedEndDate: Date? = nil, actualStartDate: Date?, actualStopDate: Date?, calendarDayDuration: Int,
        workingDayDuration: Int, deadlineDate: LocalDate, deemAt: Date?, validityPeriodEndDate: LocalDate?,
        isTrafficSensitive: Bool, laneRentalChargesNotAgreed: Bool = false, laneRentalAssessmentOutcome: String? = nil,
        isDurationChallenged: Bool = false, descriptionOfWork: String,
        activityType: String, trafficManagementType: String, worksLocationDescription: String, excavation: Bool,
        laneRentalApplicable: Bool, proposedStartTime: String?, proposedEndTime: String?, streetName: String, usrn: Int,
        payload: String, notSelectedASDs: String = "[]", assessment: String?,
        cancellation: String?, dateCreated: Date, dateModified: Date
    ) {
        self.permitReferenceNumber = permitReferenceNumber
        self.workReferenceNumber = workReferenceNumber
        self.sequence = sequence
        self.promoterSWACode = promoterSWACode
        self.highwayAuthoritySWACode = highwayAuthoritySWACode
        self.workstreamPrefix = workstreamPrefix
        self.permitStatus = permitStatus
        self.assessmentStatus = assessmentStatus
        self.workCategory = workCategory
        self.workType = workType
        self.isDeemed = isDeemed
        self.isEarlyStart = isEarlyStart
        self.everModificationRequested = everModificationRequested
        self.proposedStartDate = proposedStartDate
        self.proposedEndDate = proposedEndDate
        self.originalProposedEndDate = originalProposedEndDate
        self.actualStartDate = actualStartDate
        self.actualStopDate = actualStopDate
        self.calendarDayDuration = calendarDayDuration
        self.workingDayDuration = workingDayDuration
        self.deadlineDate = deadlineDate
        self.deemAt = deemAt
        self.validityPeriodEndDate = validityPeriodEndDate
        self.isTrafficSensitive = isTrafficSensitive
        self.laneRentalChargesNotAgreed = laneRentalChargesNotAgreed
        self.laneRentalAssessmentOutcome = laneRentalAssessmentOutcome
        self.isDurationChallenged = isDurationChallenged
        self.descriptionOfWork = descriptionOfWork
        self.activityType = activityType
        self.trafficManagementType = trafficManagementType
        self.worksLocationDescription = worksLocationDescription
        self.excavation = excavation
        self.laneRentalApplicable = laneRentalApplicable
        self.proposedStartTime = proposedStartTime
        self.proposedEndTime = proposedEndTime
        self.streetName = streetName
        self.usrn = usrn
        self.payload = payload
        self.notSelectedASDs = notSelectedASDs
        self.assessment = assessment
        self.cancellation = cancellation
        self.dateCreated = dateCreated
        self.dateModified = dateModified
    }

    /// A provisional advance authorisation rather than a permit application.
    public var isPAA: Bool { workCategory == .paa }
}

/// Permits.
public struct PermitRepository: Sendable {
    let db: any SQLExecutor

    public init(_ db: any SQLExecutor) { self.db = db }

    /// The columns of `permits`, then of `permit_applications` (the application as submitted,
    /// read only by the permit's own answers, migration 14).
    static let permitColumns =
        "permit_reference_number, work_reference_number, sequence, promoter_swa_code, highway_authority_swa_code, workstream_prefix, permit_status, assessment_status, work_category, work_type, is_deemed, is_early_start, ever_modification_requested, proposed_start_date, proposed_end_date, original_proposed_end_date, actual_start_date, actual_stop_date, calendar_day_duration, working_day_duration, deadline_date, deem_at, validity_period_end_date, is_traffic_sensitive, lane_rental_charges_not_agreed, lane_rental_assessment_outcome, is_duration_challenged, description_of_work, activity_type, traffic_management_type, works_location_description, excavation, lane_rental_applicable, proposed_start_time, proposed_end_time, street_name, usrn, assessment, cancellation, date_created, date_modified, assessment_discount, assessment_discount_reason, current_traffic_management_type, current_traffic_management_update_date, current_traffic_management_emergency_contact_name, current_traffic_management_emergency_contact_number, reasonable_period_end_date"
    static let permitColumnCount = 48
    static let applicationColumns = "permit_reference_number, payload, not_selected_asds"
    static let applicationColumnCount = 3
    /// Every column of a permit, read from `withApplication`.
    static let columns =
        "p.\(permitColumns.replacingOccurrences(of: ", ", with: ", p.")), a.payload, a.not_selected_asds, a.duration_challenge, a.lane_rental_assessment, a.hs2_acknowledged_at"
    /// A permit with its application.
    static let withApplication =
        "permits p JOIN permit_applications a ON a.permit_reference_number = p.permit_reference_number"

    static func binds(_ p: PermitRow) -> [SQLValue] {
        [
            .text(p.permitReferenceNumber), .text(p.workReferenceNumber), .int(Int64(p.sequence)),
            .text(p.promoterSWACode), .text(p.highwayAuthoritySWACode), .text(p.workstreamPrefix),
            .text(p.permitStatus.rawValue), .optional(p.assessmentStatus?.rawValue), .text(p.workCategory.rawValue),
            .text(p.workType.rawValue), .bool(p.isDeemed), .bool(p.isEarlyStart), .bool(p.everModificationRequested),
            .instant(p.proposedStartDate), .instant(p.proposedEndDate), .optionalInstant(p.originalProposedEndDate),
            .optionalInstant(p.actualStartDate), .optionalInstant(p.actualStopDate), .int(Int64(p.calendarDayDuration)),
            .int(Int64(p.workingDayDuration)), .text(p.deadlineDate.description), .optionalInstant(p.deemAt),
            .optional(p.validityPeriodEndDate?.description), .bool(p.isTrafficSensitive),
            .bool(p.laneRentalChargesNotAgreed), .optional(p.laneRentalAssessmentOutcome),
            .bool(p.isDurationChallenged), .text(p.descriptionOfWork), .text(p.activityType),
            .text(p.trafficManagementType), .text(p.worksLocationDescription), .bool(p.excavation),
            .bool(p.laneRentalApplicable), .optional(p.proposedStartTime), .optional(p.proposedEndTime),
            .text(p.streetName), .int(Int64(p.usrn)), .optional(p.assessment), .optional(p.cancellation),
            .instant(p.dateCreated), .instant(p.dateModified),
            p.assessmentDiscount.map { .int(Int64($0)) } ?? .null, .optional(p.assessmentDiscountReason),
            .optional(p.currentTrafficManagementType), .optionalInstant(p.currentTrafficManagementUpdateDate),
            .optional(p.currentTrafficManagementEmergencyContactName),
            .optional(p.currentTrafficManagementEmergencyContactNumber), .optionalInstant(p.reasonablePeriodEndDate),
        ]
    }

    static func applicationBinds(_ p: PermitRow) -> [SQLValue] {
        [.text(p.permitReferenceNumber), .text(p.payload), .text(p.notSelectedASDs)]
    }

    public func insert(_ p: PermitRow) async throws {
        try await db.query(
            "INSERT INTO permits (\(Self.permitColumns)) VALUES (\(SQL.placeholders(Self.permitColumnCount)))",
            Self.binds(p))
        try await db.query(
            "INSERT INTO permit_applications (\(Self.applicationColumns)) VALUES (?, ?, ?)", Self.applicationBinds(p))
    }

    /// Writes back every mutable column of a permit.
    public func update(_ p: PermitRow) async throws {
        try await db.query(
            """
            UPDATE permits SET permit_status = ?, assessment_status = ?, work_category = ?, is_deemed = ?,
            is_early_start = ?, ever_modification_requested = ?, proposed_start_date = ?, proposed_end_date = ?,
            original_proposed_end_date = ?, actual_start_date = ?, actual_stop_date = ?, deadline_date = ?,
            deem_at = ?, lane_rental_charges_not_agreed = ?, lane_rental_assessment_outcome = ?,
            is_duration_challenged = ?, assessment = ?, cancellation = ?, date_modified = ?,
            assessment_discount = ?, assessment_discount_reason = ?, current_traffic_management_type = ?,
            current_traffic_management_update_date = ?, current_traffic_management_emergency_contact_name = ?,
            current_traffic_management_emergency_contact_number = ?, reasonable_period_end_date = ?
            WHERE permit_reference_number = ?
            """,
            [
                .text(p.permitStatus.rawValue), .optional(p.assessmentStatus?.rawValue),
                .text(p.workCategory.rawValue), .bool(p.isDeemed), .bool(p.isEarlyStart),
                .bool(p.everModificationRequested), .instant(p.proposedStartDate), .instant(p.proposedEndDate),
                .optionalInstant(p.originalProposedEndDate), .optionalInstant(p.actualStartDate),
                .optionalInstant(p.actualStopDate), .text(p.deadlineDate.description), .optionalInstant(p.deemAt),
                .bool(p.laneRentalChargesNotAgreed), .optional(p.laneRentalAssessmentOutcome),
                .bool(p.isDurationChallenged), .optional(p.assessment), .optional(p.cancellation),
                .instant(p.dateModified), p.assessmentDiscount.map { .int(Int64($0)) } ?? .null,
                .optional(p.assessmentDiscountReason), .optional(p.currentTrafficManagementType),
                .optionalInstant(p.currentTrafficManagementUpdateDate),
                .optional(p.currentTrafficManagementEmergencyContactName),
                .optional(p.currentTrafficManagementEmergencyContactNumber),
                .optionalInstant(p.reasonablePeriodEndDate),
                .text(p.permitReferenceNumber),
            ])
    }

    public func permit(_ reference: String) async throws -> PermitRow? {
        try await db.first(
            "SELECT \(Self.columns) FROM \(Self.withApplication) WHERE p.permit_reference_number = ?", .text(reference)
        )
        .map(Self.permit(from:))
    }

    /// A permit of the works record `work`, read with the record (one trip and one snapshot on
    /// SQLite); nil when either is missing or the permit belongs to other works.
    public func permit(_ reference: String, ofWork work: String) async throws -> (work: WorkRow, permit: PermitRow)? {
        let results = try await db.read([
            SQLStatement(WorkRepository.byReference, [.text(work)]),
            SQLStatement(
                "SELECT \(Self.columns) FROM \(Self.withApplication) WHERE p.permit_reference_number = ?",
                [.text(reference)]),
        ])
        guard let workRow = try results[0].first.map(WorkRepository.work(from:)),
            let permit = try results[1].first.map(Self.permit(from:)), permit.workReferenceNumber == work
        else { return nil }
        return (workRow, permit)
    }

    /// Newest first; binds the work reference and a limit.
    static let ofWork =
        "SELECT \(columns) FROM \(withApplication) WHERE p.work_reference_number = ? ORDER BY p.sequence DESC LIMIT ?"

    /// The permits of a works record, newest first.
    public func permits(ofWork reference: String, limit: Int = 1000) async throws -> [PermitRow] {
        try await db.query(Self.ofWork, .text(reference), .int(Int64(limit))).map(Self.permit(from:))
    }

    /// The first application made on a works record (its lowest permit number), nil when it
    /// has none.
    public func firstPermit(ofWork reference: String) async throws -> PermitRow? {
        try await db.first(
            "SELECT \(Self.columns) FROM \(Self.withApplication) WHERE p.work_reference_number = ? ORDER BY p.sequence LIMIT 1",
            .text(reference)
        ).map(Self.permit(from:))
    }

    /// Works records with a permit awaiting assessment whose deeming time has come, oldest
    /// first (each once).
    public func worksWithPermitsDue(at now: Date, limit: Int) async throws -> [String] {
        try await db.query(
            "SELECT work_reference_number, MIN(deem_at) AS due FROM permits WHERE deem_at IS NOT NULL AND deem_at <= ? GROUP BY work_reference_number ORDER BY due LIMIT ?",
            .instant(now), .int(Int64(limit))
        ).map { try $0.requireString("work_reference_number") }
    }

    static func permit(from row: SQLRow) throws -> PermitRow {
        var permit = PermitRow(
            permitReferenceNumber: try row.requireString("permit_reference_number"),
            workReferenceNumber: try row.requireString("work_reference_number"),
            sequence: try row.requireInt("sequence"),
            promoterSWACode: try row.requireString("promoter_swa_code"),
            highwayAuthoritySWACode: try row.requireString("highway_authority_swa_code"),
            workstreamPrefix: try row.requireString("workstream_prefix"),
            permitStatus: try row.value("permit_status"),
            assessmentStatus: try row.optionalValue("assessment_status"),
            workCategory: try row.value("work_category"),
            workType: try row.value("work_type"),
            isDeemed: try row.requireBool("is_deemed"),
            isEarlyStart: try row.requireBool("is_early_start"),
            everModificationRequested: try row.requireBool("ever_modification_requested"),
            proposedStartDate: try row.requireInstant("proposed_start_date"),
            proposedEndDate: try row.requireInstant("proposed_end_date"),
            originalProposedEndDate: row.instant("original_proposed_end_date"),
            actualStartDate: row.instant("actual_start_date"),
            actualStopDate: row.instant("actual_stop_date"),
            calendarDayDuration: try row.requireInt("calendar_day_duration"),
            workingDayDuration: try row.requireInt("working_day_duration"),
            deadlineDate: try row.localDate("deadline_date"),
            deemAt: row.instant("deem_at"),
            validityPeriodEndDate: try row.optionalLocalDate("validity_period_end_date"),
            isTrafficSensitive: try row.requireBool("is_traffic_sensitive"),
            laneRentalChargesNotAgreed: try row.requireBool("lane_rental_charges_not_agreed"),
            laneRentalAssessmentOutcome: row.string("lane_rental_assessment_outcome"),
            isDurationChallenged: try row.requireBool("is_duration_challenged"),
            descriptionOfWork: try row.requireString("description_of_work"),
            activityType: try row.requireString("activity_type"),
            trafficManagementType: try row.requireString("traffic_management_type"),
            worksLocationDescription: try row.requireString("works_location_description"),
            excavation: try row.requireBool("excavation"),
            laneRentalApplicable: try row.requireBool("lane_rental_applicable"),
            proposedStartTime: row.string("proposed_start_time"),
            proposedEndTime: row.string("proposed_end_time"),
            streetName: try row.requireString("street_name"),
            usrn: try row.requireInt("usrn"),
            payload: try row.requireString("payload"),
            notSelectedASDs: try row.requireString("not_selected_asds"),
            assessment: row.string("assessment"),
            cancellation: row.string("cancellation"),
            dateCreated: try row.requireInstant("date_created"),
            dateModified: try row.requireInstant("date_modified"))
        permit.assessmentDiscount = row.int("assessment_discount")
        permit.assessmentDiscountReason = row.string("assessment_discount_reason")
        permit.currentTrafficManagementType = row.string("current_traffic_management_type")
        permit.currentTrafficManagementUpdateDate = row.instant("current_traffic_management_update_date")
        permit.currentTrafficManagementEmergencyContactName = row.string(
            "current_traffic_management_emergency_contact_name")
        permit.currentTrafficManagementEmergencyContactNumber = row.string(
            "current_traffic_management_emergency_contact_number")
        permit.reasonablePeriodEndDate = row.instant("reasonable_period_end_date")
        permit.durationChallenge = row.string("duration_challenge").flatMap(DurationChallengeReview.init(stored:))
        permit.laneRentalAssessment = row.string("lane_rental_assessment")
        permit.hs2AcknowledgedAt = row.instant("hs2_acknowledged_at")
        return permit
    }
}

extension SQLRow {
    /// A stored `YYYY-MM-DD` calendar date.
    public func localDate(_ name: String) throws -> LocalDate {
        let text = try requireString(name)
        guard let date = LocalDate(iso: text) else { throw StoreError.unknownValue(column: name, value: text) }
        return date
    }

    public func optionalLocalDate(_ name: String) throws -> LocalDate? {
        guard string(name) != nil else { return nil }
        return try localDate(name)
    }
}

/// R-CR-16: a review as kept beside a permit's application (JSON).
extension DurationChallengeReview {
    init?(stored: String) {
        guard let value = try? Self.decoder.decode(Self.self, from: Data(stored.utf8)) else { return nil }
        self = value
    }

    var stored: String { String(decoding: (try? Self.encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self) }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()
}

extension PermitRepository {
    /// R-CR-16, R-LR-02, R-HS2-02: writes what the two sides recorded on the permit after its
    /// assessment.
    public func updateReviews(_ p: PermitRow) async throws {
        try await db.query(
            """
            UPDATE permit_applications SET duration_challenge = ?, duration_challenge_review_status = ?,
            duration_challenge_non_acceptance_response_status = ?, lane_rental_assessment = ?, hs2_acknowledged_at = ?
            WHERE permit_reference_number = ?
            """,
            [
                .optional(p.durationChallenge?.stored), .optional(p.durationChallenge?.reviewStatus),
                .optional(p.durationChallenge?.responseStatus), .optional(p.laneRentalAssessment),
                .optionalInstant(p.hs2AcknowledgedAt), .text(p.permitReferenceNumber),
            ])
    }
}
