import Contract
import Domain
import Foundation
import Logging
import ServiceLifecycle
import Store

/// Queuing a CSV export for the caller (R-DATA-04), the same way for every resource.
struct CSVExports {
    let services: AppServices

    /// Body fields that describe the export rather than filter its rows.
    static let metaFields: Set<String> = ["export_description", "swa_code", "csv_export_prefix"]

    /// Checks the filters of `body` (or `given`, when the resource's request says more than its
    /// list's filters) against the resource's list and queues the export; its id.
    func enqueue(_ type: CSVExportType, filters given: [String: [String]]? = nil) async throws -> Int64 {
        guard let resource = Features.exports.first(where: { $0.type == type }) else {
            throw AppError(.internalServerError, "No export of type \(type.rawValue)")
        }
        let principal = try RequestScope.principal()
        let body = RequestScope.current?.body?.objectValue ?? [:]
        var visibility = try principal.visibility(swaCode: body["swa_code"]?.stringValue)
        if resource.source.seesEverything { visibility = .everything(organisation: visibility.organisation) }
        var filters: [String: [String]] = given ?? [:]
        for (key, value) in body where given == nil && !Self.metaFields.contains(key) {
            switch value {
            case .array(let items): filters[key] = items.compactMap(Self.text)
            default: if let text = Self.text(value) { filters[key] = [text] }
            }
        }
        // The filters are those of the list: a filter it cannot apply is a 400 now, not a
        // failed export later.
        _ = try await ListDescription<PermitSummaryRow>.mapErrors {
            try resource.source.condition(
                ListRequest(query: filters, visibility: visibility, user: principal.email),
                dialect: services.database.dialect)
        }
        let now = services.clock.now()
        do {
            defer { services.exportsQueued.raise() }
            return try await CSVExportRepository(services.database).enqueue(
                type, owner: principal.email, organisation: visibility.organisation, visibility: visibility,
                filters: filters, description: body["export_description"]?.stringValue,
                fileName: CSVExportRules.fileName(
                    resource: resource.name, at: now, extension: resource.isSplit(filters) ? "zip" : "csv"), at: now)
        } catch StoreError.uniqueViolation {
            let queued = try await CSVExportRepository(services.database).queued(of: principal.email)
            throw AppError.conflict(
                "R-DATA-04: export \(queued.map { String($0.id) } ?? "") is already queued for you; ask for another once it has started"
            )
        }
    }

    static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .number: value.serialized(sortedKeys: true)
        default: nil
        }
    }
}

/// Renders queued exports in the background, in every server process: each export is claimed
/// by one (D-EXPORTS).
struct CSVExportService: Service {
    let exporter: CSVExporter
    let idle: Duration
    /// Raised when an export is queued through this process.
    let queued: Wakeup
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            var worked = false
            do {
                if let id = try await exporter.runOne() {
                    worked = true
                    logger.info("rendered a CSV export", metadata: ["csv_id": .stringConvertible(id)])
                }
            } catch {
                logger.error("CSV export failed", metadata: ["error": .string(String(describing: error))])
            }
            if !worked { try? await cancelWhenGracefulShutdown { try await queued.wait(upTo: idle) } }
        }
    }
}

extension AppServices {
    /// The exporter of this process, over every feature's exports.
    func exporter(lease: TimeInterval = CSVExportRules.lease) -> CSVExporter {
        var random = SystemRandomNumberGenerator()
        let worker = "\(ProcessInfo.processInfo.hostName)-\(getpid())-\(random.next() % 1_000_000)"
        let clock = self.clock
        return CSVExporter(
            database: database, worker: worker, resources: Features.exports, lease: lease, now: { clock.now() })
    }
}
