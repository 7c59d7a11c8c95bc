import App
import Foundation
import Testing

@Suite("Authentication and tokens (R-SEC-02 … R-SEC-06)")
struct AuthenticationTests {
    @Test("R-SEC-03: every active demo user can sign in and gets ID, access and refresh tokens")
    func demoUsersSignIn() async throws {
        try await TestApp.run { app throws in
            for (email, organisation) in [
                (Demo.haOfficer, "1001"), (Demo.haAdmin, "1001"), (Demo.othertonOfficer, "1002"),
                (Demo.planner, "7001"),
                (Demo.promoterAdmin, "7001"), (Demo.gasPlanner, "7002"), (Demo.contractor, "CON1"),
            ] {
                let response = try await app.authenticate(email)
                #expect(response.status == .ok, "\(email)")
                #expect(response.json["organisationReference"] as? String == organisation)
                for key in ["idToken", "accessToken", "refreshToken"] {
                    #expect((response.json[key] as? String)?.isEmpty == false, "\(email) \(key)")
                }
            }
        }
    }

    @Test("R-SEC-02: wrong password, unknown user and wrong-case email fail with 401 Authentication failed")
    func wrongCredentials() async throws {
        try await TestApp.run { app throws in
            #expect(try await app.authenticate(Demo.planner, password: "nope").isError(401, "Authentication failed"))
            #expect(try await app.authenticate("nobody@example.com").isError(401, "Authentication failed"))
            #expect(try await app.authenticate("Planner@anytown-water.example").isError(401, "Authentication failed"))
        }
    }

    @Test("R-SEC-04: five failures in five minutes lock the account (423) until five minutes have passed")
    func lockout() async throws {
        try await TestApp.run { app throws in
            for _ in 0..<5 {
                #expect(try await app.authenticate(Demo.planner, password: "wrong").isError(401))
                app.clock.advance(by: 30)
            }
            // Locked: even the right password is refused.
            #expect(try await app.authenticate(Demo.planner).isError(423))
            app.clock.advance(by: 4 * 60)
            #expect(try await app.authenticate(Demo.planner).isError(423))
            app.clock.advance(by: 60)
            #expect(try await app.authenticate(Demo.planner).status == .ok)
        }
    }

    @Test("R-SEC-04: failures spread over more than five minutes do not lock")
    func failuresOutsideTheWindow() async throws {
        try await TestApp.run { app throws in
            for _ in 0..<6 {
                #expect(try await app.authenticate(Demo.planner, password: "wrong").isError(401))
                app.clock.advance(by: 100)
            }
            #expect(try await app.authenticate(Demo.planner).status == .ok)
        }
    }

    @Test("R-SEC-06: a user of a suspended organisation gets 412")
    func suspendedOrganisation() async throws {
        try await TestApp.run { app throws in
            #expect(try await app.authenticate(Demo.suspendedPlanner).isError(412))
            // The wrong password still just fails.
            #expect(try await app.authenticate(Demo.suspendedPlanner, password: "x").isError(401))
        }
    }

    @Test("R-SEC-05: a temporary password redirects (307) to /authenticate/initial; set-password makes it permanent")
    func temporaryPasswordJourney() async throws {
        try await TestApp.run { app throws in
            let redirect = try await app.authenticate(Demo.newStarter, password: DemoData.temporaryPassword)
            #expect(redirect.status.code == 307)
            #expect(redirect.headers[.location] == "/v6/work/authenticate/initial")

            let initial = try await app.request(
                .post, "/v6/work/authenticate/initial",
                json: ["emailAddress": Demo.newStarter, "password": DemoData.temporaryPassword])
            #expect(initial.status == .ok)
            let session = try #require(initial.json["sessionToken"] as? String)

            // A weak password is refused and changes nothing.
            let weak = try await app.request(
                .post, "/v6/party/set-password",
                json: ["email": Demo.newStarter, "password": "short", "token": session])
            #expect(weak.isError(400))
            #expect(weak.fieldErrors["password"] != nil)

            // A forged session token is refused.
            let forged = try await app.request(
                .post, "/v6/party/set-password",
                json: ["email": Demo.newStarter, "password": "New-Passw0rd!", "token": session + "x"])
            #expect(forged.isError(401, "Authentication failed"))

            let set = try await app.request(
                .post, "/v6/party/set-password",
                json: ["email": Demo.newStarter, "password": "New-Passw0rd!", "token": session])
            #expect(set.status == .ok)
            let idToken = try #require(set.json["idToken"] as? String)
            #expect(set.json["organisationReference"] as? String == "7001")
            #expect(try await app.request(.get, "/v6/party/organisations/7001", token: idToken).status == .ok)

            // The session token is single use, and the temporary password is gone.
            #expect(
                try await app.request(
                    .post, "/v6/party/set-password",
                    json: ["email": Demo.newStarter, "password": "Other-Passw0rd!", "token": session]
                ).isError(401))
            #expect(try await app.authenticate(Demo.newStarter, password: DemoData.temporaryPassword).isError(401))
            #expect(try await app.authenticate(Demo.newStarter, password: "New-Passw0rd!").status == .ok)
        }
    }

    @Test("R-SEC-05: /authenticate/initial is only for accounts with a temporary password")
    func initialNeedsTemporaryPassword() async throws {
        try await TestApp.run { app throws in
            let response = try await app.request(
                .post, "/v6/work/authenticate/initial",
                json: ["emailAddress": Demo.planner, "password": DemoData.password])
            #expect(response.isError(400))
        }
    }

    @Test("R-SEC-03: refresh gives new ID and access tokens; logout voids every token of the user")
    func refreshAndLogout() async throws {
        try await TestApp.run { app throws in
            let signIn = try await app.authenticate(Demo.planner)
            let idToken = try #require(signIn.json["idToken"] as? String)
            let accessToken = try #require(signIn.json["accessToken"] as? String)
            let refreshToken = try #require(signIn.json["refreshToken"] as? String)

            let refreshed = try await app.request(.post, "/v6/party/refresh", json: ["refresh_token": refreshToken])
            #expect(refreshed.status == .ok)
            let newIdToken = try #require(refreshed.json["id_token"] as? String)
            #expect(refreshed.json["access_token"] is String)
            #expect(try await app.request(.get, "/v6/party/organisations/7001", token: newIdToken).status == .ok)

            // An ID token is not a refresh token.
            #expect(try await app.request(.post, "/v6/party/refresh", json: ["refresh_token": idToken]).isError(401))

            #expect(
                try await app.request(.post, "/v6/party/logout", json: ["access_token": accessToken]).status
                    == .noContent)
            for token in [idToken, newIdToken] {
                #expect(
                    try await app.request(.get, "/v6/party/organisations/7001", token: token).isError(
                        401, "Authentication failed"))
            }
            #expect(
                try await app.request(.post, "/v6/party/refresh", json: ["refresh_token": refreshToken]).isError(401))
            #expect(try await app.request(.post, "/v6/party/logout", json: ["access_token": accessToken]).isError(401))
            // Signing in again works.
            #expect(try await app.authenticate(Demo.planner).status == .ok)
        }
    }

    @Test("R-SEC-03: ID tokens last one hour, refresh tokens one day")
    func tokenLifetimes() async throws {
        try await TestApp.run { app throws in
            let signIn = try await app.authenticate(Demo.planner)
            let idToken = try #require(signIn.json["idToken"] as? String)
            let refreshToken = try #require(signIn.json["refreshToken"] as? String)
            app.clock.advance(by: 3599)
            #expect(try await app.request(.get, "/v6/party/organisations/7001", token: idToken).status == .ok)
            app.clock.advance(by: 2)
            #expect(try await app.request(.get, "/v6/party/organisations/7001", token: idToken).isError(401))
            #expect(
                try await app.request(.post, "/v6/party/refresh", json: ["refresh_token": refreshToken]).status == .ok)
            app.clock.advance(by: 86_400)
            #expect(
                try await app.request(.post, "/v6/party/refresh", json: ["refresh_token": refreshToken]).isError(401))
        }
    }

    @Test("R-SEC-02: missing, forged and foreign-key tokens get 401 Authentication failed")
    func badTokens() async throws {
        try await TestApp.run { app throws in
            let token = try await app.token(Demo.planner)
            #expect(try await app.request(.get, "/v6/party/organisations/7001").isError(401, "Authentication failed"))
            #expect(
                try await app.request(.get, "/v6/party/organisations/7001", token: "not-a-jwt").isError(
                    401, "Authentication failed"))
            var tampered = Array(token)
            tampered[tampered.count - 3] = tampered[tampered.count - 3] == "A" ? "B" : "A"
            #expect(
                try await app.request(.get, "/v6/party/organisations/7001", token: String(tampered)).isError(
                    401, "Authentication failed"))
            // Signed with another key: a token from a different installation.
            try await TestApp.run(configure: { $0.tokenSigningKey = "another-installation-secret-key-0123456789" }) {
                other throws in
                let foreign = try await other.token(Demo.planner)
                #expect(
                    try await app.request(.get, "/v6/party/organisations/7001", token: foreign).isError(
                        401, "Authentication failed"))
            }
        }
    }

    @Test("R-SEC-05: forgot-password sends a code; reset-password with it sets a new password and voids old tokens")
    func forgotAndResetPassword() async throws {
        try await TestApp.run { app throws in
            let oldToken = try await app.token(Demo.planner)
            #expect(
                try await app.request(.post, "/v6/party/forgot-password", json: ["email": Demo.planner]).status
                    == .noContent)
            // Unknown accounts get the same answer, and no code.
            #expect(
                try await app.request(.post, "/v6/party/forgot-password", json: ["email": "x@y.example"]).status
                    == .noContent)
            #expect(app.notifier.code(for: "x@y.example") == nil)
            let code = try #require(app.notifier.code(for: Demo.planner))

            let wrong = try await app.request(
                .post, "/v6/party/reset-password",
                json: [
                    "email": Demo.planner, "verification_code": "000000" == code ? "111111" : "000000",
                    "password": "Reset-Passw0rd!",
                ])
            #expect(wrong.isError(400))
            #expect(wrong.fieldErrors["verification_code"] != nil)

            let reset = try await app.request(
                .post, "/v6/party/reset-password",
                json: ["email": Demo.planner, "verification_code": code, "password": "Reset-Passw0rd!"])
            #expect(reset.status == .noContent)
            #expect(try await app.authenticate(Demo.planner).isError(401))
            #expect(try await app.authenticate(Demo.planner, password: "Reset-Passw0rd!").status == .ok)
            #expect(try await app.request(.get, "/v6/party/organisations/7001", token: oldToken).isError(401))
            // The code is single use.
            #expect(
                try await app.request(
                    .post, "/v6/party/reset-password",
                    json: ["email": Demo.planner, "verification_code": code, "password": "Again-Passw0rd!"]
                ).isError(400))
        }
    }

    @Test("R-SEC-05: forgot-password gives no code to an account still on its temporary password")
    func forgotPasswordNeedsActivatedAccount() async throws {
        try await TestApp.run { app throws in
            #expect(
                try await app.request(.post, "/v6/party/forgot-password", json: ["email": Demo.newStarter]).status
                    == .noContent)
            #expect(app.notifier.code(for: Demo.newStarter) == nil)
        }
    }
}
