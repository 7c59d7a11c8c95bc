extension Migration {
    static let createWorkstreams = Migration(
        2, "CreateWorkstreams",
        [
            """
            CREATE TABLE workstreams (
                organisation_reference TEXT NOT NULL REFERENCES organisations(reference),
                prefix TEXT NOT NULL,
                name TEXT NOT NULL,
                description TEXT,
                status TEXT NOT NULL DEFAULT 'active',
                contact_name TEXT,
                contact_number TEXT,
                contact_email TEXT,
                emergency_contact_name TEXT,
                emergency_contact_number TEXT,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (organisation_reference, prefix)
            )
            """,
            """
            CREATE TABLE user_workstreams (
                email TEXT NOT NULL REFERENCES users(email),
                organisation_reference TEXT NOT NULL,
                prefix TEXT NOT NULL,
                access_level TEXT NOT NULL,
                PRIMARY KEY (email, organisation_reference, prefix)
            )
            """,
        ])
}
