import App
import Foundation
import Testing

@Suite("Party API: organisations, users, workstreams")
struct PartyTests {
    @Test("GET /organisations/{ref} returns the organisation; a promoter's members also see its contractors")
    func organisation() async throws {
        try await TestApp.run { app throws in
            let planner = try await app.token(Demo.planner)
            let water = try await app.request(.get, "/v6/party/organisations/7001", token: planner)
            #expect(water.status == .ok)
            #expect(water.json["name"] as? String == "Anytown Water Ltd")
            #expect(water.json["organisation_type"] as? String == "PROMOTER")
            #expect(water.json["prefix"] as? String == "AW")
            #expect(
                (water.json["contractors"] as? [[String: Any]])?.first?["organisation_reference"] as? String == "CON1")

            let officer = try await app.token(Demo.haOfficer)
            let seenByHA = try await app.request(.get, "/v6/party/organisations/7001", token: officer)
            #expect(seenByHA.status == .ok)
            #expect(seenByHA.json["contractors"] == nil)

            let council = try await app.request(.get, "/v6/party/organisations/1001", token: planner)
            #expect(council.json["organisation_type"] as? String == "HA")
            #expect(try await app.request(.get, "/v6/party/organisations/9999", token: planner).isError(404))
        }
    }

    @Test("GET /organisations filters by type and query")
    func organisations() async throws {
        try await TestApp.run { app throws in
            let planner = try await app.token(Demo.planner)
            let all = try await app.request(.get, "/v6/party/organisations", token: planner)
            #expect(all.array.count == 7)
            let authorities = try await app.request(.get, "/v6/party/organisations?type=HA", token: planner)
            #expect(Set(authorities.array.compactMap { $0["organisation_reference"] as? String }) == ["1001", "1002"])
            let both = try await app.request(.get, "/v6/party/organisations?type=HA&type=CONTRACTOR", token: planner)
            #expect(both.array.count == 3)
            let query = try await app.request(.get, "/v6/party/organisations?query=otherton", token: planner)
            #expect(Set(query.array.compactMap { $0["organisation_reference"] as? String }) == ["1002", "7002"])
            let badType = try await app.request(.get, "/v6/party/organisations?type=NOPE", token: planner)
            #expect(badType.isError(400))
        }
    }

    @Test("GET /users/{email}: own details with roles and workstreams; admins read their organisation's users")
    func users() async throws {
        try await TestApp.run { app throws in
            let planner = try await app.token(Demo.planner)
            let me = try await app.request(.get, "/v6/party/users/\(Demo.planner)", token: planner)
            #expect(me.status == .ok)
            #expect(me.json["roles"] as? [String] == ["Planner"])
            #expect(me.json["organisation_reference"] as? String == "7001")
            #expect((me.json["workstreams"] as? [[String: Any]])?.count == 2)
            #expect(
                try await app.request(.get, "/v6/party/users/\(Demo.promoterAdmin)", token: planner).isError(
                    401, "Access restricted"))

            let admin = try await app.token(Demo.promoterAdmin)
            let colleague = try await app.request(.get, "/v6/party/users/\(Demo.planner)", token: admin)
            #expect(colleague.json["first_name"] as? String == "Priya")
            #expect(try await app.request(.get, "/v6/party/users/\(Demo.gasPlanner)", token: admin).isError(404))

            // HA users are not in the v6 permission table for this endpoint.
            let officer = try await app.token(Demo.haOfficer)
            #expect(
                try await app.request(.get, "/v6/party/users/\(Demo.haOfficer)", token: officer).isError(
                    401, "Access restricted"))
        }
    }

    @Test("PUT /users/{email} changes the name; every field is checked")
    func updateUser() async throws {
        try await TestApp.run { app throws in
            let planner = try await app.token(Demo.planner)
            let bad = try await app.request(
                .put, "/v6/party/users/\(Demo.planner)", token: planner,
                json: ["first_name": String(repeating: "x", count: 51)])
            #expect(bad.isError(400))
            #expect(bad.fieldErrors.keys.sorted() == ["first_name", "last_name"])
            let ok = try await app.request(
                .put, "/v6/party/users/\(Demo.planner)", token: planner, json: ["first_name": "P", "last_name": "Q"])
            #expect(ok.status == .noContent)
            let me = try await app.request(.get, "/v6/party/users/\(Demo.planner)", token: planner)
            #expect(me.json["first_name"] as? String == "P")
        }
    }

    @Test("R-REF-07: workstreams: 000 for every organisation; new ones need three digits 001-999 and a free prefix")
    func workstreams() async throws {
        try await TestApp.run { app throws in
            let planner = try await app.token(Demo.planner)
            let list = try await app.request(.get, "/v6/party/organisations/7001/workstreams", token: planner)
            #expect(list.array.compactMap { $0["prefix"] as? String } == ["000", "001"])
            #expect(list.array.first?["status"] as? String == "active")

            for prefix in ["000", "12", "1234", "abc"] {
                let response = try await app.request(
                    .post, "/v6/party/organisations/7001/workstreams", token: planner,
                    json: ["prefix": prefix, "name": "X"])
                #expect(response.isError(400), "prefix \(prefix)")
                #expect(response.fieldErrors["prefix"] != nil)
            }
            let created = try await app.request(
                .post, "/v6/party/organisations/7001/workstreams", token: planner,
                json: ["prefix": "002", "name": "Mains renewal", "contact_name": "Priya"])
            #expect(created.status == .created)
            #expect(created.json["prefix"] as? String == "002")
            #expect(
                try await app.request(
                    .post, "/v6/party/organisations/7001/workstreams", token: planner,
                    json: ["prefix": "002", "name": "Again"]
                ).isError(409))

            let updated = try await app.request(
                .put, "/v6/party/organisations/7001/workstreams/002", token: planner,
                json: ["name": "Mains renewal 2027"])
            #expect(updated.status == .noContent)
            let one = try await app.request(.get, "/v6/party/organisations/7001/workstreams/002", token: planner)
            #expect(one.json["name"] as? String == "Mains renewal 2027")
            // PUT replaces: fields left out are cleared.
            #expect(one.json["contact_name"] == nil)
            #expect(
                try await app.request(
                    .put, "/v6/party/organisations/7001/workstreams/009", token: planner, json: ["name": "N"]
                )
                .isError(404))
            #expect(
                try await app.request(.get, "/v6/party/organisations/7001/workstreams/009", token: planner).isError(404)
            )

            for organisation in ["1001", "1002", "7002", "CON1", "7003"] {
                let officer = try await app.token(Demo.haOfficer)
                let zero = try await app.request(
                    .get, "/v6/party/organisations/\(organisation)/workstreams/000", token: officer)
                #expect(zero.status == .ok, "\(organisation) has workstream 000")
            }
        }
    }

    @Test("A malformed or invalid body is a 400 naming every offending field, and changes nothing")
    func invalidBodies() async throws {
        try await TestApp.run { app throws in
            let planner = try await app.token(Demo.planner)
            let malformed = try await app.request(
                .post, "/v6/party/organisations/7001/workstreams", token: planner, rawBody: "{\"prefix\": ")
            #expect(malformed.isError(400))
            #expect(malformed.fieldErrors["body"] != nil)

            let invalid = try await app.request(
                .post, "/v6/party/organisations/7001/workstreams", token: planner,
                json: [
                    "prefix": 7, "name": String(repeating: "n", count: 61),
                    "contact_number": String(repeating: "1", count: 21),
                ])
            #expect(invalid.isError(400))
            #expect(Set(invalid.fieldErrors.keys) == ["prefix", "name", "contact_number"])
            #expect(invalid.message?.contains("name") == true)

            let empty = try await app.request(.post, "/v6/party/organisations/7001/workstreams", token: planner)
            #expect(empty.isError(400))
            let list = try await app.request(.get, "/v6/party/organisations/7001/workstreams", token: planner)
            #expect(list.array.count == 2)
        }
    }
}
