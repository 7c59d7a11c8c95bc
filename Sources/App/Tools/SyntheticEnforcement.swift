import Domain
import Foundation
import Store

/// What the highway authorities did on the generated works (issue 10's share of `generate`), drawn
/// from a generator of its own per record so the works and permits stay as they were:
/// - an inspection on a quarter of the started records: live site (category A, or routine) during
///   the works, or a category B reinstatement inspection after them; one in seven fails with a
///   non-compliant area and raises a non-compliance (resolved on three in five), and the promoter
///   has accepted the failed outcome, or it was accepted automatically when its due date passed
///   (R-INSP-13; an outcome still within its 10 working days is left unanswered);
/// - a fixed penalty notice on one record in two hundred, in every status of R-FPN-05;
/// - a sample inspection target for each highway authority and promoter, and a category A sample
///   on one in twenty records in progress: completed by their category A inspection, still issued
///   while the works run, expired once they ended (R-SAMP-04 … R-SAMP-06); every category A or B
///   inspection counts towards its target.
extension SyntheticHistory {
    struct Enforcement {
        var inspections: [InspectionRow] = []
        var nonCompliances: [NonComplianceRow] = []
        var fpns: [FPNRow] = []
        var samples: [SampleInspectionRow] = []
        var progress: [SampleProgressRow] = []
        var events: [HistoryEntry] = []

        mutating func append(_ other: Enforcement) {
            inspections += other.inspections
            nonCompliances += other.nonCompliances
            fpns += other.fpns
            samples += other.samples
            progress += other.progress
            events += other.events
        }

        /// Writes it all in `tx`, one row at a time (a few per cent of the records have any).
        func insert(into tx: any SQLExecutor) async throws {
            let inspectionStore = InspectionRepository(tx)
            for nc in nonCompliances { try await inspectionStore.insert(nc) }
            for inspection in inspections { try await inspectionStore.insert(inspection) }
            let fpnStore = FPNRepository(tx)
            for fpn in fpns { try await fpnStore.insert(fpn) }
            let sampling = SamplingRepository(tx)
            for sample in samples { _ = try await sampling.insert(sample) }
            for row in progress { _ = try await sampling.insert(row) }
        }
    }

    /// The sample inspection target of each highway authority for each promoter (R-SAMP-02).
    static func sampleTargets(now: Date) -> [SampleInspectionTargetRow] {
        var targets: [SampleInspectionTargetRow] = []
        for authority in ["1001", "1002"] {
            for (sequence, promoter) in ["7001", "7002"].enumerated() {
                targets.append(
                    SampleInspectionTargetRow(
                        reference: targetReference(authority: authority, promoter: promoter),
                        sequence: sequence + 1, highwayAuthoritySWACode: authority, promoterSWACode: promoter,
                        inspectionUnits: 4_000, inspectionUnitsBaseline: 4_000, inspectionRate: 30, targetA: 100,
                        targetB: 100, targetC: 100, quarterStart: nil, quarterEnd: nil, internalUserIdentifier: nil,
                        internalUserName: nil, by: "generator", at: now.addingTimeInterval(-730 * 86_400)))
            }
        }
        return targets
    }

    static func targetReference(authority: String, promoter: String) -> String {
        SamplingRules.targetReference(highwayAuthority: authority, sequence: promoter == "7001" ? 1 : 2)
    }

    /// The enforcement of generated record `n` (none for a plan alone or works never started,
    /// except an FPN, which can come at any stage).
    static func enforcement(_ n: Int, _ record: Record, seed: UInt64, now: Date) -> Enforcement {
        var random = Random(state: seed ^ (UInt64(n) &* 0x2545_F491_4F6C_DD1D))
        var result = Enforcement()
        let work = record.work
        guard let active = record.permits.first(where: { $0.permitReferenceNumber == work.activePermitReferenceNumber })
        else { return result }
        let wrn = work.workReferenceNumber
        func entry(_ event: AuditEvent, _ at: Date, _ type: AuditObjectType, _ reference: String) -> HistoryEntry {
            HistoryEntry(
                workReferenceNumber: wrn, permitReferenceNumber: active.permitReferenceNumber,
                objectReference: reference, objectType: type, event: event,
                details: "\(event.rawValue.replacingOccurrences(of: "_", with: " ")) (synthetic)",
                username: "generator", organisationReference: nil, promoterSWACode: work.promoterSWACode,
                highwayAuthoritySWACode: work.highwayAuthoritySWACode, internalUserIdentifier: nil,
                internalUserName: nil, actionDate: at)
        }
        let target = targetReference(authority: work.highwayAuthoritySWACode, promoter: work.promoterSWACode)

        // An inspection of started works.
        if let started = active.actualStartDate, random.chance(25) {
            let stopped = active.actualStopDate
            let during = stopped == nil || random.chance(50)
            let type: InspectionType = during ? .liveSite : .reinstatement
            let category: InspectionCategory = during ? (random.chance(60) ? .a : .routine) : .b
            let windowStart = during ? started : stopped!
            let windowEnd = min(now.addingTimeInterval(-3600), during ? (stopped ?? now) : windowStart + 180 * 86_400)
            let span = max(0, windowEnd.timeIntervalSince(windowStart))
            let at = windowStart.addingTimeInterval(Double(random.int(0..<max(1, Int(span)))))
            let failed = random.chance(14)
            let reference = InspectionRules.reference(work: wrn, sequence: 1)
            var nonCompliance: String? = nil
            if failed {
                var nc = NonComplianceRow(
                    reference: InspectionRules.nonComplianceReference(work: wrn, sequence: 1),
                    workReferenceNumber: wrn, sequence: 1, promoterSWACode: work.promoterSWACode,
                    highwayAuthoritySWACode: work.highwayAuthoritySWACode, workstreamPrefix: work.workstreamPrefix,
                    at: at)
                if random.chance(60) {
                    nc.status = .resolved
                    nc.haResponseStatus = .worksCompletedAndPassed
                    nc.haResponseDate = min(now, at.addingTimeInterval(21 * 86_400))
                }
                nonCompliance = nc.reference
                result.nonCompliances.append(nc)
            }
            let reason = FailureReasonDetail(
                failureReason: during ? .liveSiteSignage : .reinstatementEdgeSealant, siteReferenceNumbers: nil,
                siteName: nil, details: during ? "Advance signs missing (synthetic)" : "Edge not sealed (synthetic)")
            var inspection = InspectionRow(
                reference: reference, workReferenceNumber: wrn, sequence: 1, promoterSWACode: work.promoterSWACode,
                highwayAuthoritySWACode: work.highwayAuthoritySWACode, workstreamPrefix: work.workstreamPrefix,
                type: type, category: category,
                outcome: failed ? (random.chance(50) ? .failedHigh : .failedLow) : .passed,
                startDate: at, failureReasons: failed ? [reason] : [], outcomeDetails: nil,
                wasCallLogged: failed && during ? false : nil, callLoggedTo: nil, callLoggedReference: nil,
                callLoggedSummary: nil, defectFixedOnSite: failed && during ? .no : nil, additionalComments: nil,
                evidence: false, fileIDs: [], reinspectionDate: nil, reinspectionDateTime: nil,
                username: "inspector.\(work.highwayAuthoritySWACode)@example", inspectorName: "Synthetic Inspector",
                madeSafeByHA: nil,
                autoAcceptanceDueDate: failed
                    ? InspectionRules.autoAcceptanceDue(recordedAt: at, calendar: .englandAndWales) : nil,
                nonComplianceReference: nonCompliance, dateCreated: at)
            if failed, let due = inspection.autoAcceptanceDueDate, due <= now {
                if random.chance(70) {
                    inspection.promoterResponseStatus = .inspectionOutcomeAccepted
                    inspection.promoterResponseDate = at.addingTimeInterval(2 * 86_400)
                } else {
                    inspection.promoterResponseStatus = .inspectionOutcomeAccepted
                    inspection.promoterResponseDate = due
                    inspection.isAutoAccepted = true
                }
                inspection.dateModified = inspection.promoterResponseDate ?? at
            }
            result.inspections.append(inspection)
            result.events.append(entry(inspection.outcome.auditEvent, at, .inspection, reference))
            if let nonCompliance { result.events.append(entry(.nonComplianceIssued, at, .inspection, nonCompliance)) }

            // A category A sample of works in progress; every A or B inspection counts (R-SAMP-06).
            var sample: String? = nil
            if work.workStatus == .inProgress, random.chance(20) {
                let reference = SamplingRules.sampleReference(work: wrn, category: .a)
                let issued = started.addingTimeInterval(3600)
                let completed = category == .a && at > issued
                let expired = !completed && active.proposedEndDate < now
                result.samples.append(
                    SampleInspectionRow(
                        reference: reference, workReferenceNumber: wrn, targetReference: target,
                        highwayAuthoritySWACode: work.highwayAuthoritySWACode, promoterSWACode: work.promoterSWACode,
                        workstreamPrefix: work.workstreamPrefix, category: .a,
                        status: completed ? .completed : expired ? .expired : .issued,
                        expiryDate: active.proposedEndDate, generationJobID: nil, dateCreated: issued,
                        completedByInspection: completed ? inspection.reference : nil,
                        dateCompleted: completed ? at : nil, dateExpired: expired ? active.proposedEndDate : nil))
                result.events.append(entry(.sampleInspectionIssued, issued, .sampleInspection, reference))
                if completed {
                    sample = reference
                    result.events.append(entry(.sampleInspectionCompleted, at, .sampleInspection, reference))
                } else if expired {
                    result.events.append(
                        entry(.sampleInspectionExpired, active.proposedEndDate, .sampleInspection, reference))
                }
            }
            if let sampled = SampleInspectionCategory(rawValue: category.rawValue) {
                result.progress.append(
                    SampleProgressRow(
                        inspectionReference: reference, workReferenceNumber: wrn, targetReference: target,
                        category: sampled, quarterStart: nil, sampleReference: sample, dateRecorded: at))
            }
        }

        // A fixed penalty notice, at any stage (R-FPN-02), in every status of R-FPN-05.
        if random.int(0..<200) == 0 {
            let offence = min(now.addingTimeInterval(-86_400), work.createdAt.addingTimeInterval(86_400))
            let issued = offence.addingTimeInterval(3 * 86_400)
            let statuses: [FPNStatus] = [
                .issued, .accepted, .paid, .paid, .paid, .disputed, .withdrawn, .paidDiscounted,
            ]
            let status = statuses[random.int(0..<statuses.count)]
            let changed = status == .issued ? issued : min(now, issued.addingTimeInterval(14 * 86_400))
            let reference = FPNRules.reference(work: wrn, sequence: 1)
            result.fpns.append(
                FPNRow(
                    reference: reference, workReferenceNumber: wrn, sequence: 1, promoterSWACode: work.promoterSWACode,
                    highwayAuthoritySWACode: work.highwayAuthoritySWACode, workstreamPrefix: work.workstreamPrefix,
                    permitReferenceNumber: active.permitReferenceNumber, location: "Outside number \(n % 200 + 1)",
                    streetName: work.streetName, usrn: work.usrn, offenceCode: .offenceCode05, offenceDate: offence,
                    offenceDetails: "Works without a permit displayed (synthetic)",
                    authorisedOfficer: "Synthetic Officer",
                    officerContactDetails: "01234 567890", officerAddress: "Town Hall",
                    representationsContact: "Street works team", representationsContactAddress: "Town Hall",
                    paymentMethods: [.bankTransfer, .cardPayment], evidence: false, status: status,
                    statusReason: status == .disputed || status == .withdrawn ? "Synthetic reason" : nil,
                    issueDateTime: issued, statusChangedDate: changed, issuedBy: "generator"))
            result.events.append(entry(.fpnSubmitted, issued, .fpn, reference))
            let followUp: [AuditEvent] =
                switch status {
                case .issued: []
                case .accepted: [.fpnAccepted]
                case .paid, .paidDiscounted: [.fpnAccepted, .fpnPaid]
                case .disputed: [.fpnDisputed]
                case .withdrawn: [.fpnWithdrawn]
                }
            for event in followUp { result.events.append(entry(event, changed, .fpn, reference)) }
        }
        return result
    }
}
