import HTTPTypes
import WorkAPI

/// Signing in and tokens (R-SEC-02 … R-SEC-07).
enum IdentityFeature: Feature {
    static let operations = [
        "work": ["authenticate", "authenticateInitial"],
        "party": ["refresh", "logout", "forgotPassword", "resetPassword", "setPassword"],
    ]
}

/// Work API: signing in.
extension WorkAPIHandler {
    /// R-SEC-03/04/05/06.
    func authenticate(_ input: Operations.Authenticate.Input) async throws -> Operations.Authenticate.Output {
        guard case .json(let body) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        switch try await services.identity.signIn(email: body.emailAddress, password: body.password) {
        case .tokens(let tokens):
            return .ok(
                .init(
                    body: .json(
                        .init(
                            idToken: tokens.idToken, organisationReference: tokens.organisationReference,
                            accessToken: tokens.accessToken, refreshToken: tokens.refreshToken))))
        case .temporaryPassword:
            // Sent through the error path so the Location header is not percent-encoded.
            throw AppError(
                .temporaryRedirect, "Temporary password: call /authenticate/initial with the same body",
                headers: [.location: "/v6/work/authenticate/initial"])
        }
    }

    /// R-SEC-05.
    func authenticateInitial(_ input: Operations.AuthenticateInitial.Input) async throws
        -> Operations.AuthenticateInitial.Output
    {
        guard case .json(let body) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let session = try await services.identity.initialSignIn(email: body.emailAddress, password: body.password)
        return .ok(.init(body: .json(.init(sessionToken: session))))
    }
}
