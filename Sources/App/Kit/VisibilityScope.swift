import Store

extension Principal {
    /// Which works and permits the caller sees in lists and polling (R-SEC-10, R-SEC-12,
    /// R-SEC-13, R-SEC-14): a highway authority those it is the authority for; a promoter (or its
    /// contractor, naming it with `swa_code`) its own, limited to the workstreams the user was
    /// granted when grants exist.
    func visibility(swaCode: String?) throws -> ListVisibility {
        if organisation.type == .highwayAuthority { return .highwayAuthority(organisationReference) }
        let promoter = try actingOrganisation(swaCode: swaCode)
        let grants = workstreamGrants.filter { $0.organisation == promoter }
        return .promoter(promoter, workstreams: grants.isEmpty ? nil : grants.map(\.prefix))
    }
}

extension ListDescription {
    /// One page of the list for the request being served, as the caller may see it: the
    /// contract-checked query values, `offset`, `sort_column`, `sort_direction`,
    /// `include_total_count` and `swa_code` (R-DATA-01).
    func page(_ request: RawRequest, principal: Principal, in db: any SQLExecutor) async throws -> ListPage<Row> {
        try await Self.mapErrors {
            try await page(try listRequest(request, principal: principal), in: db)
        }
    }

    func listRequest(_ request: RawRequest, principal: Principal) throws -> ListRequest {
        let visibility = try principal.visibility(swaCode: request.string("swa_code"))
        return ListRequest(
            query: request.query,
            visibility: seesEverything ? .everything(organisation: visibility.organisation) : visibility,
            offset: try request.wholeNumber("offset", in: 0...WholeNumber.maximumOffset) ?? 0,
            sortColumn: request.string("sort_column"), ascending: request.string("sort_direction").map { $0 == "asc" },
            includeTotalCount: request.bool("include_total_count") ?? false, user: principal.email)
    }

    /// A filter value the list cannot use becomes a 400 naming it.
    static func mapErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ListQueryError {
            throw AppError.invalid(field: error.field, error.message)
        }
    }
}

extension ListPage {
    /// The names of the organisations the page's rows name (`codes` of each row), by SWA code,
    /// read once for the page rather than per row.
    func organisationNames(_ codes: (Row) -> [String], in db: any SQLExecutor) async throws -> [String: String] {
        try await OrganisationNames.shared.names(Set(rows.flatMap(codes)), database: db)
    }
}
