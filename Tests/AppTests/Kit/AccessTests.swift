import App
import Contract
import Foundation
import Store
import Testing

@Suite("Access policy (R-SEC-02, R-SEC-10, R-SEC-11, R-SEC-12)")
struct AccessTests {
    @Test("Every operation of the contract has exactly one access rule, and nothing else has one")
    func everyOperationHasAPolicy() throws {
        let contract = try OpenAPIContract.loadBundled()
        var count = 0
        for api in contract.apis {
            for operation in api.operations {
                count += 1
                let rule = AccessPolicy.rule(api: api.name, operationId: operation.operationId)
                #expect(rule != nil, "\(api.name).\(operation.operationId) has no access rule")
                // Open exactly where the contract needs no token.
                #expect((rule == .open) == !operation.requiresToken, "\(api.name).\(operation.operationId)")
            }
        }
        // 183 of the v6 contract + 9 × GET /status + authenticate/initial + set-password + 7 worklist
        // + PUT /fee-matrix
        #expect(count == 202)
    }

    @Test("Coverage lists only operations of the contract")
    func coverageNamesRealOperations() throws {
        let contract = try OpenAPIContract.loadBundled()
        for (api, operations) in Coverage.built {
            for operationId in operations {
                #expect(contract.operation(api: api, operationId: operationId) != nil, "\(api).\(operationId)")
            }
        }
    }

    @Test("R-SEC-02: a valid token without the operation's role gets 401 Access restricted")
    func wrongRole() async throws {
        try await TestApp.run { app throws in
            let officer = try await app.token(Demo.haOfficer)
            // Workstreams: Planner & Admin only (v6 permission table).
            let response = try await app.request(
                .post, "/v6/party/organisations/1001/workstreams", token: officer,
                json: ["prefix": "010", "name": "HA"])
            #expect(response.isError(401, "Access restricted"))
        }
    }

    @Test("R-SEC-10: organisation membership: a planner cannot touch another promoter's workstreams")
    func membership() async throws {
        try await TestApp.run { app throws in
            let gas = try await app.token(Demo.gasPlanner)
            #expect(
                try await app.request(.get, "/v6/party/organisations/7001/workstreams", token: gas).isError(
                    401, "Access restricted"))
            #expect(
                try await app.request(
                    .post, "/v6/party/organisations/7001/workstreams", token: gas,
                    json: ["prefix": "010", "name": "Gas"]
                ).isError(401, "Access restricted"))
            // Reading one workstream needs no membership (permission table).
            #expect(
                try await app.request(.get, "/v6/party/organisations/7001/workstreams/001", token: gas).status == .ok)
        }
    }

    @Test("R-SEC-12: a contractor acts for the promoter that contracted it, and only that one")
    func contractorActsForContractingPromoter() async throws {
        try await TestApp.run { app throws in
            let contractor = try await app.token(Demo.contractor)
            let mine = try await app.request(.get, "/v6/party/organisations/7001/workstreams", token: contractor)
            #expect(mine.status == .ok)
            #expect(Set(mine.array.compactMap { $0["prefix"] as? String }) == ["000", "001"])
            #expect(
                try await app.request(.get, "/v6/party/organisations/7002/workstreams", token: contractor).isError(
                    401, "Access restricted"))

            let user = try await app.request(
                .get, "/v6/party/users/\(Demo.contractor)?swaCode=7001", token: contractor)
            #expect(user.status == .ok)
            let contracts = user.json["contracts"] as? [[String: Any]] ?? []
            #expect(contracts.compactMap { $0["organisation_reference"] as? String } == ["7001"])
            let workstreams = (user.json["workstreams"] as? [[String: Any]] ?? []).compactMap {
                $0["workstream_prefix"] as? String
            }
            #expect(workstreams == ["000", "001"])
            #expect(
                try await app.request(.get, "/v6/party/users/\(Demo.contractor)?swaCode=7002", token: contractor)
                    .isError(
                        401, "Access restricted"))
        }
    }

    @Test(
        "R-SEC-06, D-PRINCIPAL-CACHE: tokens issued before the organisation was suspended stop working within 5 s"
    )
    func suspendedAfterSignIn() async throws {
        try await TestApp.run { app throws in
            let token = try await app.token(Demo.gasPlanner)
            #expect(try await app.request(.get, "/v6/party/organisations/7002", token: token).status == .ok)
            try await app.services.database.query(
                "UPDATE organisations SET status = 'suspended' WHERE reference = '7002'", [])
            app.clock.advance(by: 5)
            #expect(try await app.request(.get, "/v6/party/organisations/7002", token: token).isError(401))
        }
    }

    @Test("R-SEC-06: a contractor loses a promoter once that promoter is suspended")
    func contractorOfSuspendedPromoter() async throws {
        try await TestApp.run { app throws in
            let contractor = try await app.token(Demo.contractor)
            try await app.services.database.query(
                "UPDATE organisations SET status = 'suspended' WHERE reference = '7001'", [])
            app.clock.advance(by: 5)
            #expect(
                try await app.request(.get, "/v6/party/organisations/7001/workstreams", token: contractor).isError(
                    401, "Access restricted"))
        }
    }

    @Test(
        "Unbuilt operations answer 501 with the standard body; nothing in the contract is a 404 or a 500, with or without a body"
    )
    func everyContractPathAnswers() async throws {
        try await TestApp.run { app throws in
            let contract = app.services.contract
            let token = try await app.token(Demo.planner)
            for api in contract.apis {
                for operation in api.operations {
                    let path = operation.path.replacingOccurrences(
                        of: #"\{[^}]+\}"#, with: "TEST1", options: .regularExpression)
                    // Every write is sent twice: with an empty object, and with no body at all.
                    let bodies: [Any?] =
                        operation.method == "GET" || operation.method == "DELETE" ? [nil] : [[String: String](), nil]
                    for body in bodies {
                        let response = try await app.request(
                            .init(rawValue: operation.method)!, "\(api.basePath)\(path)", token: token, json: body)
                        let name = "\(operation.method) \(api.basePath)\(operation.path)\(body == nil ? "" : " {}")"
                        // A 404 is fine from a handler that looked for the record; never from routing.
                        #expect(response.status.code != 404 || response.message != "Not Found", "\(name): not routed")
                        #expect(
                            response.status.code < 500 || response.status.code == 501, "\(name): \(response.status)")
                        if Coverage.isBuilt(api: api.name, operationId: operation.operationId) {
                            #expect(response.status.code != 501, "\(name) is built but answered 501")
                        } else {
                            #expect(response.isError(501, "Not implemented"), "\(name): \(response.status)")
                        }
                        #expect(response.json["error"] != nil || response.status.code < 400, "\(name): error body")
                    }
                }
            }
        }
    }
}
