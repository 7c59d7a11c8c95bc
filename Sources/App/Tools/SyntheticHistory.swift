import Domain
import Foundation
import Store

/// A realistic synthetic history for load tests (`street-manager generate --works N`): works
/// records with one permit each, spread over two years, across the demo promoters, the two
/// highway authorities and their gazetteer streets, with statuses in realistic shares and the
/// history (event log) rows each status implies. Deterministic for a given seed.
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
        var written = 0
        while written < count {
            let size = min(batchSize, count - written)
            var works: [WorkRow] = []
            var permits: [PermitRow] = []
            var history: [HistoryEntry] = []
            for i in 0..<size {
                let n = start + written + i
                let (work, permit, events) = make(n, random: &random, streets: streets, now: now)
                works.append(work)
                permits.append(permit)
                history += events
            }
            try await database.transaction { [works, permits, history] tx in
                let bulk = BulkLoad(tx)
                try await bulk.insert(works: works)
                try await bulk.insert(permits: permits)
                for chunk in stride(from: 0, to: history.count, by: 1000) {
                    try await bulk.append(Array(history[chunk..<min(chunk + 1000, history.count)]))
                }
            }
            written += size
            progress(written)
        }
        return written
    }

    static func make(_ n: Int, random: inout Random, streets: [String: [StreetChoice]], now: Date)
        -> (WorkRow, PermitRow, [HistoryEntry])
    {
        let promoter = random.chance(70) ? ("7001", "AW", "001") : ("7002", "OG", "002")
        let authority = random.chance(75) ? "1001" : "1002"
        let candidates = streets[authority]!
        let street = candidates[random.int(0..<candidates.count)]
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
        let prn = "\(wrn)-01"
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
        let traffic = [
            "road_closure", "lane_closure", "two_way_signals", "give_and_take", "some_carriageway_incursion",
        ][random.int(0..<5)]
        let activity = ["utility_repair_and_maintenance_works", "utility_asset_works", "new_service_connection"][
            random.int(0..<3)]
        let payload = """
            {"activity_type":"\(activity)","application_type":"permit","close_footpath":"no","close_footway":"no","collaborative_working":false,"description_of_work":"Synthetic works \(n): repair a service pipe","excavation":true,"lane_rental_applicable":false,"location_types":["carriageway"],"others_can_collaborate_on_work":false,"reason_for_non_collaboration":"Small job","secondary_contact":"Site Lead","secondary_contact_number":"07000 000000","traffic_management_plan":false,"traffic_management_type":"\(traffic)","work_type":"\(immediate ? "immediate" : "planned")","works_coordinates":\(coordinates),"works_location_description":"Outside number \(n % 200 + 1)"}
            """
        let decided = created.addingTimeInterval(2 * 86_400)
        let assessment: AssessmentStatus? =
            switch status {
            case .granted, .closed, .revoked: .granted
            case .refused: .refused
            case .permitModificationRequest: .permitModificationRequest
            default: nil
            }
        let work = WorkRow(
            workReferenceNumber: wrn, promoterSWACode: promoter.0, highwayAuthoritySWACode: authority,
            workstreamPrefix: promoter.2, usrn: street.usrn, streetName: street.name, town: street.town,
            areaName: street.area, roadCategory: street.roadCategory, worksCoordinates: coordinates,
            bounds: Bounds(
                minEasting: easting, minNorthing: northing, maxEasting: easting + 40, maxNorthing: northing + 15),
            workStatus: workStatus, activePermitReferenceNumber: prn, permitCount: 1, createdAt: created,
            updatedAt: status == .submitted ? created : decided)
        let permit = PermitRow(
            permitReferenceNumber: prn, workReferenceNumber: wrn, sequence: 1, promoterSWACode: promoter.0,
            highwayAuthoritySWACode: authority, workstreamPrefix: promoter.2, permitStatus: status,
            assessmentStatus: status == .revoked ? .revoked : assessment,
            workCategory: timings.category, workType: immediate ? .immediate : .planned,
            isDeemed: status == .granted && random.chance(10), isEarlyStart: timings.isEarlyStart,
            everModificationRequested: status == .permitModificationRequest, proposedStartDate: startDate,
            proposedEndDate: endDate, actualStartDate: status == .closed ? startDate : nil,
            actualStopDate: status == .closed ? endDate : nil, calendarDayDuration: timings.calendarDayDuration,
            workingDayDuration: timings.workingDayDuration, deadlineDate: timings.deadlineDate,
            deemAt: status == .submitted ? timings.deemingInstant : nil,
            validityPeriodEndDate: timings.validityPeriodEndDate, isTrafficSensitive: false,
            descriptionOfWork: "Synthetic works \(n): repair a service pipe", activityType: activity,
            trafficManagementType: traffic, worksLocationDescription: "Outside number \(n % 200 + 1)",
            excavation: true, laneRentalApplicable: false, proposedStartTime: nil, proposedEndTime: nil,
            streetName: street.name, usrn: street.usrn,
            payload: payload, assessment: nil, cancellation: nil, dateCreated: created,
            dateModified: status == .submitted ? created : decided)
        func entry(_ event: AuditEvent, _ at: Date, _ type: AuditObjectType = .permit) -> HistoryEntry {
            HistoryEntry(
                workReferenceNumber: wrn, permitReferenceNumber: prn, objectReference: type == .work ? wrn : prn,
                objectType: type, event: event,
                details: "\(event.rawValue.replacingOccurrences(of: "_", with: " ")) (synthetic)",
                username: "generator",
                organisationReference: nil, promoterSWACode: promoter.0, highwayAuthoritySWACode: authority,
                internalUserIdentifier: nil, internalUserName: nil, actionDate: at)
        }
        var events = [
            entry(immediate ? .inProgressWorksRecordCreated : .plannedWorksRecordCreated, created, .work),
            entry(.permitSubmitted, created),
        ]
        switch status {
        case .granted: events.append(entry(permit.isDeemed ? .permitDeemed : .permitGranted, decided))
        case .refused: events.append(entry(.permitRefused, decided))
        case .cancelled: events.append(entry(.permitCancelled, decided))
        case .permitModificationRequest: events.append(entry(.permitModificationRequest, created))
        case .revoked: events += [entry(.permitGranted, decided), entry(.permitRevoked, decided)]
        case .closed:
            events += [
                entry(.permitGranted, decided), entry(.workStartLogged, startDate), entry(.workStopLogged, endDate),
            ]
        default: break
        }
        return (work, permit, events)
    }
}
