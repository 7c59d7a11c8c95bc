import Testing

@testable import Contract

@Suite("Route matching")
struct RouteMatchingTests {
    private func matched(_ method: String, _ path: String) -> (id: String, params: [String: String])? {
        contract.match(method: method, path: path).map { ("\($0.0.api).\($0.0.operationId)", $0.1) }
    }

    @Test func matchesLiteralPaths() {
        #expect(matched("POST", "/v6/work/works")?.id == "work.createWork")
        #expect(matched("GET", "/v6/work/permits/category")?.id == "work.getWorkCategory")
        #expect(
            matched("GET", "/v6/reporting/permits/duration-challenges")?.id == "reporting.getPermitDurationChallenges")
        #expect(matched("GET", "/v6/lookup/status")?.id == "lookup.getStatus")
        #expect(matched("GET", "/v6/worklist/status")?.id == "worklist.getStatus")
        #expect(
            matched("POST", "/v6/export/permits/reinstatements-due/csv")?.id == "export.generateReinstatementsDueCsv")
    }

    @Test func extractsPathParameters() throws {
        let m = try #require(matched("GET", "/v6/work/works/ABC123/permits/ABC123-01"))
        #expect(m.id == "work.getPermit")
        #expect(m.params == ["workReferenceNumber": "ABC123", "permitReferenceNumber": "ABC123-01"])

        let history = try #require(matched("GET", "/v6/work/works/W1/history"))
        #expect(history.id == "work.getWorkHistory" && history.params == ["workReferenceNumber": "W1"])

        let user = try #require(matched("GET", "/v6/party/users/pat%40example.com"))
        #expect(user.id == "party.getUser" && user.params == ["email": "pat@example.com"])
    }

    @Test func latestPrefixMapsToTheSameAPI() throws {
        let v6 = try #require(contract.match(method: "POST", path: "/v6/work/works/ABC/permits"))
        let latest = try #require(contract.match(method: "POST", path: "/latest/work/works/ABC/permits"))
        #expect(v6.0 == latest.0)
        #expect(v6.0.operationId == "createPermit")
        #expect(latest.1 == ["workReferenceNumber": "ABC"])
        #expect(matched("GET", "/latest/party/organisations/ORG1/workstreams/123")?.id == "party.getWorkstream")
    }

    @Test func literalSegmentsBeatParameters() throws {
        // POST …/alterations/impose is a literal route; GET …/alterations/{id} is a parameter route.
        let impose = try #require(matched("POST", "/v6/work/works/W/permits/P/alterations/impose"))
        #expect(impose.id == "work.imposeChange")
        #expect(impose.params == ["workReferenceNumber": "W", "permitReferenceNumber": "P"])
        let get = try #require(matched("GET", "/v6/work/works/W/permits/P/alterations/impose"))
        #expect(get.id == "work.getPermitAlteration")
        #expect(get.params["permitAlterationReferenceNumber"] == "impose")
    }

    @Test func literalBeatsParameterAndBacktracks() throws {
        var router = RouteMatcher()
        try router.add(api: "t", method: "GET", template: "/permits/{permitId}", id: 1)
        try router.add(api: "t", method: "GET", template: "/permits/category", id: 2)
        try router.add(api: "t", method: "GET", template: "/permits/{permitId}/status", id: 3)
        try router.add(api: "t", method: "GET", template: "/a/b/d", id: 4)
        try router.add(api: "t", method: "GET", template: "/a/{x}/c", id: 5)
        func find(_ path: String) -> (Int, [String: String])? {
            guard let (api, segments) = RouteMatcher.split(path: path),
                let m = router.match(api: api, method: "GET", segments: segments)
            else { return nil }
            return (m.id, m.parameters)
        }
        #expect(find("/v6/t/permits/category")?.0 == 2)
        #expect(find("/v6/t/permits/P1")?.0 == 1)
        #expect(find("/v6/t/permits/P1")?.1 == ["permitId": "P1"])
        #expect(find("/v6/t/permits/category/status")?.0 == 3)  // literal dead end, falls back to {permitId}
        #expect(find("/v6/t/permits/category/status")?.1 == ["permitId": "category"])
        #expect(find("/v6/t/a/b/d")?.0 == 4)
        #expect(find("/v6/t/a/b/c")?.0 == 5)
        #expect(find("/v6/t/a/b/c")?.1 == ["x": "b"])
        #expect(find("/v6/t/a/b/e") == nil)
        #expect(throws: RouteMatcher.TemplateError.self) {
            try router.add(api: "t", method: "GET", template: "/permits/{other}", id: 6)
        }
    }

    @Test func toleratesQueryStringsTrailingSlashAndLowercaseMethods() {
        #expect(matched("GET", "/v6/reporting/permits?status=granted&offset=10")?.id == "reporting.getPermits")
        #expect(matched("GET", "/v6/reporting/permits/")?.id == "reporting.getPermits")
        #expect(matched("post", "/v6/work/works")?.id == "work.createWork")
    }

    @Test func rejectsUnknownPaths() {
        #expect(matched("GET", "/v6/work/nothing-here") == nil)
        #expect(matched("GET", "/v5/work/works/W") == nil)
        #expect(matched("GET", "/v6/unknown/status") == nil)
        #expect(matched("GET", "/v6/work/works//permits/P") == nil)
        #expect(matched("GET", "/v6/work") == nil)
        #expect(matched("GET", "v6/work/status") == nil)
        #expect(matched("GET", "/") == nil)
        #expect(matched("GET", "") == nil)
        #expect(matched("PATCH", "/v6/work/works/W") == nil)
    }

    @Test func allowedMethodsForA405() {
        #expect(contract.allowedMethods(path: "/v6/work/works/W/scheduled-inspections") == ["DELETE", "POST"])
        #expect(contract.allowedMethods(path: "/latest/work/works") == ["POST"])
        #expect(contract.allowedMethods(path: "/v6/work/nothing").isEmpty)
    }

    @Test func everyTemplateMatchesItself() throws {
        for op in contract.operations {
            let concrete = op.path.split(separator: "/").map { $0.hasPrefix("{") ? "X\($0.count)" : String($0) }
            let path = "/v6/\(op.api)/" + concrete.joined(separator: "/")
            let (found, params) = try #require(contract.match(method: op.method, path: path), "\(op)")
            #expect(found == op, "\(path)")
            #expect(params.count == op.parameters.filter { $0.location == .path }.count)
        }
    }
}
