import Store

/// Which works and permits a caller sees in reporting and polling (R-SEC-10, R-SEC-13, R-SEC-14):
/// a highway authority those it is the authority for; a promoter (or its contractor, naming it with
/// `swa_code`) its own, limited to the workstreams the user was granted when grants exist.
struct VisibilityScope {
    var clause: String
    var binds: [SQLValue]

    static func of(_ principal: Principal, swaCode: String?, prefix: String = "p", database: any SQLExecutor)
        async throws
        -> VisibilityScope
    {
        if principal.organisation.type == .highwayAuthority {
            return VisibilityScope(
                clause: "\(prefix).highway_authority_swa_code = ?", binds: [.text(principal.organisationReference)])
        }
        let organisation = try principal.actingOrganisation(swaCode: swaCode)
        var scope = VisibilityScope(clause: "\(prefix).promoter_swa_code = ?", binds: [.text(organisation)])
        let grants = principal.workstreamGrants.filter { $0.organisation == organisation }
        if !grants.isEmpty {
            scope.clause += " AND \(prefix).workstream_prefix IN (\(grants.map { _ in "?" }.joined(separator: ", ")))"
            scope.binds += grants.map { .text($0.prefix) }
        }
        return scope
    }
}
