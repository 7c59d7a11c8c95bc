extension Migration {
    static let createOrganisationsAndUsers = Migration(
        1, "CreateOrganisationsAndUsers",
        [
            """
            CREATE TABLE organisations (
                reference TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                organisation_type TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'active',
                prefix TEXT NOT NULL,
                address_line_one TEXT NOT NULL DEFAULT '',
                address_line_two TEXT,
                town TEXT,
                postcode TEXT NOT NULL DEFAULT '',
                phone_number TEXT NOT NULL DEFAULT '',
                email TEXT,
                industry_sector TEXT,
                is_hs2_applicable BIGINT NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE organisation_contracts (
                promoter_reference TEXT NOT NULL REFERENCES organisations(reference),
                contractor_reference TEXT NOT NULL REFERENCES organisations(reference),
                created_at BIGINT NOT NULL,
                PRIMARY KEY (promoter_reference, contractor_reference)
            )
            """,
            """
            CREATE TABLE users (
                email TEXT PRIMARY KEY,
                organisation_reference TEXT NOT NULL REFERENCES organisations(reference),
                first_name TEXT NOT NULL,
                last_name TEXT NOT NULL,
                roles TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                temporary_password BIGINT NOT NULL DEFAULT 0,
                disabled BIGINT NOT NULL DEFAULT 0,
                token_generation BIGINT NOT NULL DEFAULT 0,
                failed_login_count BIGINT NOT NULL DEFAULT 0,
                failed_login_window_start BIGINT,
                locked_until BIGINT,
                last_login_at BIGINT,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX users_organisation ON users (organisation_reference)",
        ])
}
