import Domain
import Foundation

/// The workstreams list (`GET /reporting/workstreams`): the workstreams of the caller's
/// organisation (R-SEC-13, R-SEC-17), by prefix.
extension Workstream {
    public static let list = ListDescription<Workstream>(
        from: "workstreams ws", columns: IdentityRepository.workstreamColumns,
        filters: [ListFilter("status", "ws.status", .anyOf)],
        sorts: [:], defaultSort: "ws.prefix", tieBreaker: "ws.organisation_reference",
        promoterColumn: "ws.organisation_reference", highwayAuthorityColumn: "ws.organisation_reference",
        workstreamColumn: "ws.prefix", defaultAscending: true, decode: IdentityRepository.workstream(from:))
}
