import PartyAPI

/// Party API: token renewal, logout and passwords (R-SEC-03, R-SEC-05).
extension PartyAPIHandler {
    func refresh(_ input: Operations.Refresh.Input) async throws -> Operations.Refresh.Output {
        guard case .json(let body) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let tokens = try await services.identity.refresh(refreshToken: body.refreshToken)
        return .ok(.init(body: .json(.init(idToken: tokens.idToken, accessToken: tokens.accessToken))))
    }

    func logout(_ input: Operations.Logout.Input) async throws -> Operations.Logout.Output {
        guard case .json(let body) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        try await services.identity.logout(accessToken: body.accessToken)
        return .noContent(.init())
    }

    func forgotPassword(_ input: Operations.ForgotPassword.Input) async throws -> Operations.ForgotPassword.Output {
        guard case .json(let body) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        try await services.identity.forgotPassword(email: body.email)
        return .noContent(.init())
    }

    func resetPassword(_ input: Operations.ResetPassword.Input) async throws -> Operations.ResetPassword.Output {
        guard case .json(let body) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        try await services.identity.resetPassword(
            email: body.email, code: body.verificationCode, password: body.password)
        return .noContent(.init())
    }

    func setPassword(_ input: Operations.SetPassword.Input) async throws -> Operations.SetPassword.Output {
        guard case .json(let body) = input.body else { throw AppError.invalid(field: "body", "must be JSON") }
        let tokens = try await services.identity.setPassword(
            email: body.email, password: body.password, sessionToken: body.token)
        return .ok(
            .init(
                body: .json(
                    .init(
                        idToken: tokens.idToken, organisationReference: tokens.organisationReference,
                        accessToken: tokens.accessToken, refreshToken: tokens.refreshToken))))
    }
}
