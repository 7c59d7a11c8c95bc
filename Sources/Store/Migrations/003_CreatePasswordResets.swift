extension Migration {
    static let createPasswordResets = Migration(
        3, "CreatePasswordResets",
        [
            """
            CREATE TABLE password_resets (
                email TEXT PRIMARY KEY REFERENCES users(email),
                code_hash TEXT NOT NULL,
                expires_at BIGINT NOT NULL,
                attempts BIGINT NOT NULL DEFAULT 0
            )
            """
        ])
}
