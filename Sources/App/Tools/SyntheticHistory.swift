import Domain
import Foundation
import Store

/// A realistic synthetic history for load tests (`street-manager generate --works N`): works
/// records spread over two years, across the demo promoters, the two highway authorities and their
/// gazetteer streets, with statuses in realistic shares and the history (event log) rows each
/// status implies. Deterministic for a given seed. Besides one PA per record:
/// - immediate works (8 %), in progress from submission with their start logged (R-IMM-02,
///   D-IMMEDIATE-START);
/// - major works that need a PAA first (R-CAT-07: about one record in six): half of those whose
///   outcome a PAA can have stay a PAA; the others were progressed to a major PA (R-PAA-02), which
///   then takes the record's drawn outcome; a fifth of them were announced by a forward plan,
///   progressed into the PAA (R-FP-05);
/// - forward plans still raised or cancelled, with no application yet (1 % of records);
/// - a change request on 15 % of granted or closed PAs: a works extension or a change request,
///   mostly granted, some refused, cancelled, deemed, or (when the permit is granted) awaiting
///   assessment since today (R-CR-01, R-CR-02);
/// - inspections, non-compliances, fixed penalty notices and sample inspections
///   (`SyntheticEnforcement.swift`).
public enum SyntheticHistory {
    struct Mix {
        /// Share of permits by final status, in percent.
        static let statuses: [(PermitStatus, Int)] = [
            (.submitted, 10), (.granted, 45), (.closed, 30), (.cancelled, 5), (.refused, 5),
            (.permitModificationRequest, 3), (.revoked, 2),
        ]
    }

    /// A small deterministic generator (SplitMix64).
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: Range<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
        mutating func chance(_ percent: Int) -> Bool { int(0..<100) < percent }
    }

    struct StreetChoice {
        var usrn: Int
        var name: String
        var town: String
        var area: String
        var roadCategory: Int
        /// A point on the street the works are drawn from (R-VAL-02: British National Grid).
        var centre: [Double]
    }

    /// Generates `count` works; returns how many were written. `progress` is called per batch.
    @discardableResult
    public static func generate(
        into database: any Database, works count: Int, seed: UInt64 = 7, now: Date = Date(), batchSize: Int = 500,
        progress: @Sendable (Int) -> Void = { _ in }
    ) async throws -> Int {
        let identity = IdentityRepository(database)
        try await identity.insert(
            Workstream(organisationReference: "7002", prefix: "002", name: "Otherton Gas network"), at: now,
            ignoreExisting: true)
        var streets: [String: [StreetChoice]] = [:]
        for authority in ["1001", "1002"] {
            streets[authority] = try await database.query(
                "SELECT usrn, street_name, town, area, road_category, geometry_wkt FROM streets WHERE ha_swa_code = ? AND street_state IN (1, 2) ORDER BY usrn",
                .text(authority)
            ).map {
                StreetChoice(
                    usrn: $0.int("usrn") ?? 0, name: $0.string("street_name") ?? "", town: $0.string("town") ?? "",
                    area: $0.string("area") ?? "", roadCategory: $0.int("road_category") ?? 4,
                    centre: (try? WKT.parse($0.string("geometry_wkt") ?? ""))?.centrePoint ?? [451_000, 201_000])
            }
            guard streets[authority]?.isEmpty == false else {
                throw AppError(
                    .internalServerError, "no streets for highway authority \(authority): seed the gazetteer first")
            }
        }
        let start =
            (try await database.first("SELECT COUNT(*) AS n FROM works WHERE work_reference_number LIKE '%S%'", []))?
            .int("n") ?? 0
        var random = Random(state: seed &+ UInt64(start))
        if start == 0 {
            // Each highway authority's sample inspection target for each promoter (R-SAMP-02).
            try await database.transaction { tx in
                for target in sampleTargets(now: now) { try await SamplingRepository(tx).insert(target) }
            }
        }
        var written = 0
        while written < count {
            let size = min(batchSize, count - written)
            var works: [WorkRow] = []
            var permits: [PermitRow] = []
            var changeRequests: [ChangeRequestRow] = []
            var forwardPlans: [ForwardPlanRow] = []
            var history: [HistoryEntry] = []
            var enforcement = Enforcement()
            for i in 0..<size {
                let n = start + written + i
                let record =
                    random.chance(1)
                    ? planOnly(n, random: &random, streets: streets, now: now)
                    : make(n, random: &random, streets: streets, now: now)
                works.append(record.work)
                permits += record.permits
                changeRequests += record.changeRequests
                if let plan = record.forwardPlan { forwardPlans.append(plan) }
                history += record.events
                enforcement.append(Self.enforcement(n, record, seed: seed, now: now))
            }
            history += enforcement.events
            try await database.transaction { [works, permits, changeRequests, forwardPlans, history, enforcement] tx in
                let bulk = BulkLoad(tx)
                try await bulk.insert(works: works)
                try await bulk.insert(permits: permits)
                try await bulk.insert(changeRequests: changeRequests)
                try await bulk.insert(forwardPlans: forwardPlans)
                try await enforcement.insert(into: tx)
                for chunk in stride(from: 0, to: history.count, by: 1000) {
                    try await bulk.append(Array(history[chunk..<min(chunk + 1000, history.count)]))
                }
            }
            written += size
            progress(written)
        }
        return written
    }

    /// One generated works record and what hangs off it.
    struct Record {
        var work: WorkRow
        var permits: [PermitRow]
        var changeRequests: [ChangeRequestRow] = []
        var forwardPlan: ForwardPlanRow? = nil
        var events: [HistoryEntry]
    }

    static func make(_ n: Int, random: inout Random, streets: [String: [StreetChoice]], now: Date) -> Record {
        let (promoter, authority, street) = place(random: &random, streets: streets)
        var roll = random.int(0..<100)
        var status = PermitStatus.granted
        for (candidate, share) in Mix.statuses {
            if roll < share {
                status = candidate
                break
            }
            roll -= share
        }
        let immediate = random.chance(8)
        // Submitted (and modification-requested) permits are today's; the rest spread over two years.
        let age: TimeInterval =
            status == .submitted || status == .permitModificationRequest
            ? Double(random.int(0..<8 * 3600)) : Double(random.int(3..<730)) * 86_400
        let created = now.addingTimeInterval(-age)
        let startDate = created.addingTimeInterval(immediate ? -3600 : Double(random.int(14..<60)) * 86_400)
        let endDate = startDate.addingTimeInterval(Double(random.int(1..<15)) * 86_400)
        let ttro = !immediate && random.chance(5)
        let timings = PermitRules.timings(
            workType: immediate ? .immediate : .planned, isTTRORequired: ttro,
            immediateRisk: immediate && random.chance(50),
            proposedStart: startDate, proposedEnd: endDate, submittedAt: created, roadCategory: street.roadCategory)
        let wrn = "\(promoter.1)\(promoter.2)S\(String(format: "%09d", n))"
        // R-CAT-07: major works on a new record need a PAA first. A PAA has no works and no
        // modification request, so those outcomes (and half the others) are the outcome of the
        // major PA the PAA was progressed into (R-PAA-02).
        let paaOnly: Bool
        let progressedPAA: Bool
        if timings.category == .paa {
            let paaOutcome = [.submitted, .granted, .refused, .cancelled].contains(status)
            paaOnly = paaOutcome && random.chance(50)
            progressedPAA = !paaOnly
        } else {
            paaOnly = false
            progressedPAA = false
        }
        let prn = "\(wrn)-\(progressedPAA ? "02" : "01")"
        let workStatus: WorkStatus =
            switch status {
            case .closed: .completed
            case .cancelled: .cancelled
            case .granted where immediate: .inProgress
            case .submitted where immediate: .inProgress
            default: .planned
            }
        // A short line on the street, near its middle.
        let easting = (street.centre[0] + Double(random.int(-40..<40))).rounded()
        let northing = (street.centre[1] + Double(random.int(-40..<40))).rounded()
        let coordinates =
            "{\"coordinates\":[[\(easting),\(northing)],[\(easting + 40),\(northing + 15)]],\"type\":\"LineString\"}"
        let traffic = Self.trafficManagement[random.int(0..<5)]
        let activity = ["utility_repair_and_maintenance_works", "utility_asset_works", "new_service_connection"][
            random.int(0..<3)]
        // The application as the server stores it: the request's fields, keys sorted, the
        // geometry last (`PermitSubmission.payload`).
        let kindFields =
            immediate
            ? "\"immediate_risk\":\(timings.category == .immediateEmergency),"
            : "\"is_ttro_required\":\(ttro),"
        let startTime = immediate ? "\"proposed_start_time\":\"\(ISO8601.format(startDate))\"," : ""
        let payload = """
            {"activity_type":"\(activity)","application_type":"permit","close_footpath":"no","close_footway":"no","collaborative_working":false,"description_of_work":"Synthetic works \(n): repair a service pipe","excavation":true,"highway_authority_swa_code":"\(authority)",\(kindFields)"lane_rental_applicable":false,"location_types":["carriageway"],"others_can_collaborate_on_work":false,"promoter_swa_code":"\(promoter.0)","proposed_end_date":"\(ISO8601.format(endDate))","proposed_start_date":"\(ISO8601.format(startDate))",\(startTime)"reason_for_non_collaboration":"Small job","secondary_contact":"Site Lead","secondary_contact_number":"07000 000000","traffic_management_plan":false,"traffic_management_type":"\(traffic)","usrn":\(street.usrn),"work_type":"\(immediate ? "immediate" : "planned")","works_location_description":"Outside number \(n % 200 + 1)","workstream_prefix":"\(promoter.2)","works_coordinates":\(coordinates)}
            """
        let decided = created.addingTimeInterval(2 * 86_400)
        let assessment: AssessmentStatus? =
            switch status {
            case .granted, .closed, .revoked: .granted
            case .refused: .refused
            case .permitModificationRequest: .permitModificationRequest
            default: nil
            }
        // R-IMM-02, D-IMMEDIATE-START: immediate works are started from submission.
        let started = status == .closed || (immediate && workStatus == .inProgress)
        let work = WorkRow(
            workReferenceNumber: wrn, promoterSWACode: promoter.0, highwayAuthoritySWACode: authority,
            workstreamPrefix: promoter.2, usrn: street.usrn, streetName: street.name, town: street.town,
            areaName: street.area, roadCategory: street.roadCategory, worksCoordinates: coordinates,
            bounds: Bounds(
                minEasting: easting, minNorthing: northing, maxEasting: easting + 40, maxNorthing: northing + 15),
            workStatus: workStatus, activePermitReferenceNumber: prn, permitCount: progressedPAA ? 2 : 1,
            createdAt: created, updatedAt: status == .submitted ? created : decided)
        // A progressed PA is major whatever its duration, with the later deadline (R-CAT-08, R-RESP-07).
        let paaCreated = created.addingTimeInterval(-35 * 86_400)
        let paaTimings = PermitRules.timings(
            workType: .planned, isTTRORequired: ttro, immediateRisk: false, proposedStart: startDate,
            proposedEnd: endDate, submittedAt: paaCreated, roadCategory: street.roadCategory)
        let ownTimings =
            progressedPAA
            ? PermitRules.timings(
                workType: .planned, isTTRORequired: ttro, immediateRisk: false, proposedStart: startDate,
                proposedEnd: endDate, submittedAt: created, progressingPAA: true,
                progressedPAADeadline: paaTimings.deadlineDate, roadCategory: street.roadCategory)
            : timings
        var permit = PermitRow(
            permitReferenceNumber: prn, workReferenceNumber: wrn, sequence: progressedPAA ? 2 : 1,
            promoterSWACode: promoter.0, highwayAuthoritySWACode: authority, workstreamPrefix: promoter.2,
            permitStatus: status, assessmentStatus: status == .revoked ? .revoked : assessment,
            workCategory: ownTimings.category, workType: immediate ? .immediate : .planned,
            isDeemed: status == .granted && random.chance(10), isEarlyStart: ownTimings.isEarlyStart,
            everModificationRequested: status == .permitModificationRequest, proposedStartDate: startDate,
            proposedEndDate: endDate, actualStartDate: started ? startDate : nil,
            actualStopDate: status == .closed ? endDate : nil, calendarDayDuration: ownTimings.calendarDayDuration,
            workingDayDuration: ownTimings.workingDayDuration, deadlineDate: ownTimings.deadlineDate,
            deemAt: status == .submitted ? ownTimings.deemingInstant : nil,
            validityPeriodEndDate: ownTimings.validityPeriodEndDate, isTrafficSensitive: false,
            descriptionOfWork: "Synthetic works \(n): repair a service pipe", activityType: activity,
            trafficManagementType: traffic, worksLocationDescription: "Outside number \(n % 200 + 1)",
            excavation: true, laneRentalApplicable: false, proposedStartTime: nil, proposedEndTime: nil,
            streetName: street.name, usrn: street.usrn,
            payload: payload, assessment: nil, cancellation: nil, dateCreated: created,
            dateModified: status == .submitted ? created : decided)
        func entry(
            _ event: AuditEvent, _ at: Date, _ type: AuditObjectType = .permit, permit: String? = nil,
            reference: String? = nil
        ) -> HistoryEntry {
            let permit = permit ?? prn
            return HistoryEntry(
                workReferenceNumber: wrn, permitReferenceNumber: type == .work ? prn : permit,
                objectReference: reference ?? (type == .work ? wrn : permit),
                objectType: type, event: event,
                details: "\(event.rawValue.replacingOccurrences(of: "_", with: " ")) (synthetic)",
                username: "generator",
                organisationReference: nil, promoterSWACode: promoter.0, highwayAuthoritySWACode: authority,
                internalUserIdentifier: nil, internalUserName: nil, actionDate: at)
        }
        var events = [entry(immediate ? .inProgressWorksRecordCreated : .plannedWorksRecordCreated, created, .work)]
        var permits: [PermitRow] = []
        if progressedPAA {
            // The PAA (-01), granted (or deemed) and then progressed into this PA.
            let paaPRN = "\(wrn)-01"
            let deemed = random.chance(10)
            var paa = permit
            paa.permitReferenceNumber = paaPRN
            paa.sequence = 1
            paa.permitStatus = .progressed
            paa.assessmentStatus = deemed ? nil : .granted
            paa.isDeemed = deemed
            paa.workCategory = .paa
            paa.isEarlyStart = paaTimings.isEarlyStart
            paa.everModificationRequested = false
            paa.actualStartDate = nil
            paa.actualStopDate = nil
            paa.deadlineDate = paaTimings.deadlineDate
            paa.deemAt = nil
            paa.validityPeriodEndDate = nil
            paa.dateCreated = paaCreated
            paa.dateModified = created
            permits.append(paa)
            events += [
                entry(.paaSubmitted, paaCreated, permit: paaPRN),
                entry(deemed ? .paaDeemed : .paaGranted, paaCreated.addingTimeInterval(20 * 86_400), permit: paaPRN),
            ]
        }
        if paaOnly { permit.assessmentStatus = assessment == .granted ? .granted : assessment }
        permits.append(permit)
        let paaCategory = permit.workCategory == .paa
        events.append(entry(paaCategory ? .paaSubmitted : .permitSubmitted, created))
        switch status {
        case .granted:
            events.append(
                entry(
                    paaCategory
                        ? (permit.isDeemed ? .paaDeemed : .paaGranted)
                        : (permit.isDeemed ? .permitDeemed : .permitGranted),
                    decided))
        case .refused: events.append(entry(paaCategory ? .paaRefused : .permitRefused, decided))
        case .cancelled: events.append(entry(paaCategory ? .paaCancelled : .permitCancelled, decided))
        case .permitModificationRequest: events.append(entry(.permitModificationRequest, created))
        case .revoked: events += [entry(.permitGranted, decided), entry(.permitRevoked, decided)]
        case .closed:
            events += [
                entry(.permitGranted, decided), entry(.workStartLogged, startDate), entry(.workStopLogged, endDate),
            ]
        default: break
        }
        var record = Record(work: work, permits: permits, events: events)
        // R-FP-05: a fifth of the records that started with a PAA were announced by a forward plan.
        if timings.category == .paa, random.chance(20) {
            let plan = forwardPlan(
                wrn: wrn, promoter: promoter, authority: authority, n: n, traffic: traffic, status: .progressed,
                start: startDate, end: endDate, at: paaCreated.addingTimeInterval(-60 * 86_400),
                progressedInto: "\(wrn)-01")
            record.forwardPlan = plan
            record.events.insert(
                entry(.forwardPlanSubmitted, plan.dateCreated, .forwardPlan, reference: plan.reference), at: 0)
        }
        // R-CR-01, R-CR-02: a change request on some granted or closed PAs.
        if !paaCategory, status == .granted || status == .closed, random.chance(15) {
            record.add(
                changeRequest(
                    on: permit, workStatus: workStatus, traffic: traffic, random: &random, now: now, decided: decided),
                entry: { event, at, reference in entry(event, at, .changeRequest, reference: reference) })
        }
        return record
    }

    /// A forward plan still raised (or cancelled, with its record, R-FP-04) and no application
    /// on its works record yet (R-FP-05): about one record in a hundred.
    static func planOnly(_ n: Int, random: inout Random, streets: [String: [StreetChoice]], now: Date) -> Record {
        let (promoter, authority, street) = place(random: &random, streets: streets)
        let cancelled = random.chance(15)
        let created = now.addingTimeInterval(-Double(random.int(1..<180)) * 86_400)
        let start = created.addingTimeInterval(Double(random.int(90..<365)) * 86_400)
        let end = start.addingTimeInterval(Double(random.int(20..<90)) * 86_400)
        let wrn = "\(promoter.1)\(promoter.2)S\(String(format: "%09d", n))"
        let easting = (street.centre[0] + Double(random.int(-40..<40))).rounded()
        let northing = (street.centre[1] + Double(random.int(-40..<40))).rounded()
        let coordinates =
            "{\"coordinates\":[[\(easting),\(northing)],[\(easting + 120),\(northing + 30)]],\"type\":\"LineString\"}"
        let traffic = trafficManagement[random.int(0..<5)]
        let plan = forwardPlan(
            wrn: wrn, promoter: promoter, authority: authority, n: n, traffic: traffic,
            status: cancelled ? .cancelled : .raised, start: start, end: end, at: created, progressedInto: nil)
        let work = WorkRow(
            workReferenceNumber: wrn, promoterSWACode: promoter.0, highwayAuthoritySWACode: authority,
            workstreamPrefix: promoter.2, usrn: street.usrn, streetName: street.name, town: street.town,
            areaName: street.area, roadCategory: street.roadCategory, worksCoordinates: coordinates,
            bounds: Bounds(
                minEasting: easting, minNorthing: northing, maxEasting: easting + 120, maxNorthing: northing + 30),
            workStatus: cancelled ? .cancelled : .planned, activePermitReferenceNumber: nil, permitCount: 0,
            createdAt: created, updatedAt: created)
        func entry(_ event: AuditEvent, _ type: AuditObjectType, _ reference: String) -> HistoryEntry {
            HistoryEntry(
                workReferenceNumber: wrn, permitReferenceNumber: nil, objectReference: reference, objectType: type,
                event: event, details: "\(event.rawValue.replacingOccurrences(of: "_", with: " ")) (synthetic)",
                username: "generator", organisationReference: nil, promoterSWACode: promoter.0,
                highwayAuthoritySWACode: authority, internalUserIdentifier: nil, internalUserName: nil,
                actionDate: created)
        }
        var events = [
            entry(.plannedWorksRecordCreated, .work, wrn), entry(.forwardPlanSubmitted, .forwardPlan, plan.reference),
        ]
        if cancelled { events.append(entry(.forwardPlanCancelled, .forwardPlan, plan.reference)) }
        return Record(work: work, permits: [], forwardPlan: plan, events: events)
    }

    /// Who does the works, whose streets they are on, and which street: the first draws of a record.
    static func place(random: inout Random, streets: [String: [StreetChoice]])
        -> (promoter: (String, String, String), authority: String, street: StreetChoice)
    {
        let promoter = random.chance(70) ? ("7001", "AW", "001") : ("7002", "OG", "002")
        let authority = random.chance(75) ? "1001" : "1002"
        let candidates = streets[authority]!
        return (promoter, authority, candidates[random.int(0..<candidates.count)])
    }

    static let trafficManagement = [
        "road_closure", "lane_closure", "two_way_signals", "give_and_take", "some_carriageway_incursion",
    ]

    static func forwardPlan(
        wrn: String, promoter: (String, String, String), authority: String, n: Int, traffic: String,
        status: ForwardPlanStatus, start: Date, end: Date, at: Date, progressedInto prn: String?
    ) -> ForwardPlanRow {
        ForwardPlanRow(
            reference: ForwardPlanLifecycle.reference(work: wrn), workReferenceNumber: wrn,
            promoterSWACode: promoter.0, highwayAuthoritySWACode: authority, workstreamPrefix: promoter.2,
            status: status, startDate: start, endDate: end,
            descriptionOfWork: "Synthetic programme \(n): replace the mains",
            worksLocationDescription: "Along the street",
            projectReferenceNumber: nil, trafficManagementType: traffic, additionalInfo: nil, asds: "[]",
            hs2WorkType: nil, hs2InActLimits: nil, hs2ConsultationRequestedResponseDate: nil, hs2HighwayExemption: nil,
            cancelledReason: status == .cancelled ? "Programme deferred" : nil, permitReferenceNumber: prn,
            dateCreated: at, dateModified: at)
    }

    /// A change request on `permit` (granted or closed), `-CR-01`: a works extension on works that
    /// ran (a later end), otherwise a change of traffic management. Decided ones were decided a day
    /// after they were raised; one awaiting assessment (on a granted permit only) was raised today,
    /// so that the deeming service has nothing overdue to deem when a server starts on the data.
    static func changeRequest(
        on permit: PermitRow, workStatus: WorkStatus, traffic: String, random: inout Random, now: Date, decided: Date
    ) -> ChangeRequestRow {
        let extending = workStatus != .planned && random.chance(40)
        var roll = random.int(0..<100)
        let status: ChangeRequestStatus
        if permit.permitStatus == .granted, roll < 5 {
            status = .submitted
        } else {
            roll = random.int(0..<100)
            status = roll < 75 ? .granted : roll < 87 ? .refused : roll < 94 ? .cancelled : .deemed
        }
        let raised =
            status == .submitted
            ? now.addingTimeInterval(-Double(random.int(0..<8 * 3600)))
            : min(decided.addingTimeInterval(Double(random.int(1..<10)) * 86_400), now.addingTimeInterval(-86_400))
        let other = trafficManagement.first { $0 != traffic } ?? traffic
        // A granted change is already in the permit: the original is what it replaced.
        let applied = status.appliesProposal
        let proposal: String
        var originalPayload = permit.payload
        var originalEnd = permit.proposedEndDate
        var proposedEnd = permit.proposedEndDate
        if extending {
            let later = permit.proposedEndDate.addingTimeInterval(2 * 86_400)
            if applied {
                originalEnd = permit.proposedEndDate.addingTimeInterval(-2 * 86_400)
                originalPayload = permit.payload.replacingOccurrences(
                    of: "\"proposed_end_date\":\"\(ISO8601.format(permit.proposedEndDate))\"",
                    with: "\"proposed_end_date\":\"\(ISO8601.format(originalEnd))\"")
            } else {
                proposedEnd = later
            }
            proposal = "{\"proposed_end_date\":\"\(ISO8601.format(applied ? permit.proposedEndDate : later))\"}"
        } else {
            if applied {
                originalPayload = permit.payload.replacingOccurrences(
                    of: "\"traffic_management_type\":\"\(traffic)\"", with: "\"traffic_management_type\":\"\(other)\"")
            }
            proposal = "{\"traffic_management_type\":\"\(applied ? traffic : other)\"}"
        }
        let deadline = PermitRules.deadlineDate(period: PermitRules.changeRequestResponsePeriod, submittedAt: raised)
        let decidedAt = raised.addingTimeInterval(86_400)
        return ChangeRequestRow(
            reference: ChangeRequestLifecycle.reference(permit: permit.permitReferenceNumber, sequence: 1),
            permitReferenceNumber: permit.permitReferenceNumber, workReferenceNumber: permit.workReferenceNumber,
            sequence: 1, promoterSWACode: permit.promoterSWACode,
            highwayAuthoritySWACode: permit.highwayAuthoritySWACode, workstreamPrefix: permit.workstreamPrefix,
            type: extending ? .workExtension : .promoterChangeRequest, status: status,
            reason: extending ? "More time needed to finish the repair" : "Traffic management changed",
            proposal: proposal, originalPayload: originalPayload,
            originalProposedStartDate: permit.proposedStartDate, originalProposedEndDate: originalEnd,
            proposedStartDate: permit.proposedStartDate, proposedEndDate: proposedEnd, deadlineDate: deadline,
            deemAt: status == .submitted ? PermitRules.deemingInstant(deadline: deadline) : nil, dateCreated: raised,
            dateModified: status == .submitted ? raised : decidedAt)
    }
}

extension SyntheticHistory.Record {
    /// Adds `changeRequest` with its history: raised, then decided unless it awaits assessment.
    mutating func add(
        _ changeRequest: ChangeRequestRow, entry: (AuditEvent, Date, String) -> HistoryEntry
    ) {
        changeRequests.append(changeRequest)
        events.append(entry(.alterationSubmitted, changeRequest.dateCreated, changeRequest.reference))
        let decision: AuditEvent? =
            switch changeRequest.status {
            case .granted: .alterationGranted
            case .refused: .alterationRefused
            case .cancelled: .alterationCancelled
            case .deemed: .alterationDeemed
            default: nil
            }
        if let decision { events.append(entry(decision, changeRequest.dateModified, changeRequest.reference)) }
    }
}
