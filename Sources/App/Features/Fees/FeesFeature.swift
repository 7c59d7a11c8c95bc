import Domain
import Foundation
import Store

/// Fees: each highway authority's fee matrix (R-FEE-01), the chargeable transactions recorded
/// as they happen (R-FEE-02 … R-FEE-04) and the fee report that lists them (R-FEE-07).
enum FeesFeature: Feature {
    static let operations = [
        "work": ["getFeeMatrix", "updateFeeMatrix"],
        "export": ["generateFeesCsv"],
    ]

    static var exports: [CSVResource] { [feesExport] }
}

extension WorksChange {
    /// R-FEE-02 … R-FEE-04, R-PAA-05: records the chargeable transactions `events` make, in the
    /// works command's own transaction, so a charge is never left out beside the change that
    /// made it, whichever feature made it. Only events that can charge read anything more (the
    /// permits of the works record, and for a change request the category last charged).
    func recordChargeableTransactions(_ events: [HistoryEntry]) async throws {
        let candidates = events.filter { entry in
            // A new works record's first application never progresses a PAA.
            FeeRules.mayCharge(entry.event) && (entry.event != .permitSubmitted || work.permitCount > 1)
        }
        guard !candidates.isEmpty else { return }
        let permits = try await self.permits.permits(ofWork: work.workReferenceNumber)
        let bySequence = Dictionary(permits.map { ($0.sequence, $0) }, uniquingKeysWith: { first, _ in first })
        let wanted = Set(candidates.compactMap { $0.permitReferenceNumber ?? $0.objectReference })
        let fees = FeeTransactionRepository(tx)
        var facts: [String: FeePermitFacts] = [:]
        for permit in permits where wanted.contains(permit.permitReferenceNumber) {
            // R-PAA-02: a PA made on a PAA progressed it; the PAA is the application just before it.
            let previous = bySequence[permit.sequence - 1]
            let progressed =
                permit.isPAA ? nil : previous.flatMap { $0.isPAA && $0.permitStatus == .progressed ? $0 : nil }
            // R-CAT-11/12: a change request is charged beside a change of category it made.
            var charged: WorkCategory? = nil
            if candidates.contains(where: {
                $0.objectType == .changeRequest && $0.permitReferenceNumber == permit.permitReferenceNumber
            }) {
                charged = try await fees.chargedCategory(ofPermit: permit.permitReferenceNumber)
            }
            facts[permit.permitReferenceNumber] = FeePermitFacts(
                permitReferenceNumber: permit.permitReferenceNumber, category: permit.workCategory,
                assessmentStatus: permit.assessmentStatus, isHS2Protected: permit.isHS2Protected,
                progressedPAA: progressed?.permitReferenceNumber, chargedCategory: charged)
        }
        let transactions = FeeRules.transactions(
            for: candidates.map {
                FeeEvent(
                    event: $0.event, objectType: $0.objectType, objectReference: $0.objectReference,
                    permitReferenceNumber: $0.permitReferenceNumber)
            }, permits: facts)
        guard !transactions.isEmpty else { return }
        // R-FEE-07: the street's traffic sensitivity as it is now, when the charge arises.
        let streetIsTrafficSensitive = try await StreetRepository(tx).street(work.usrn)?.isTrafficSensitive ?? false
        for transaction in transactions {
            guard let permit = permits.first(where: { $0.permitReferenceNumber == transaction.permitReferenceNumber })
            else { continue }
            try await fees.record(
                FeeTransactionRow(
                    transaction: transaction, date: at, workReferenceNumber: work.workReferenceNumber,
                    promoterSWACode: permit.promoterSWACode, highwayAuthoritySWACode: permit.highwayAuthoritySWACode,
                    workstreamPrefix: permit.workstreamPrefix, isStreetTrafficSensitive: streetIsTrafficSensitive,
                    isWorksTrafficSensitive: permit.isTrafficSensitive))
        }
    }
}
