extension Migration {
    /// Evidence files (R-VAL-08, R-VAL-09): kept in the database (BLOB on SQLite, BYTEA on
    /// PostgreSQL) so every server process serves them. A file belongs to the organisation that
    /// uploaded it (a contractor's upload to the promoter it acted for) until it is attached, once,
    /// to a works record, a permit, an inspection or an FPN (`owner_type`, `owner_reference`);
    /// attaching copies the works' parties onto it, for who may read it and the lists. A file
    /// nothing references is removed after a while (D-FILES), found by `files_unattached`.
    static let createFiles = Migration(
        25, "CreateFiles",
        [
            """
            CREATE TABLE files (
                file_id $ID,
                file_name TEXT NOT NULL,
                content_type TEXT NOT NULL,
                file_type TEXT NOT NULL,
                byte_count BIGINT NOT NULL,
                content $BLOB NOT NULL,
                organisation_reference TEXT NOT NULL,
                uploaded_by TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                owner_type TEXT,
                owner_reference TEXT,
                work_reference_number TEXT,
                promoter_swa_code TEXT,
                highway_authority_swa_code TEXT,
                workstream_prefix TEXT,
                attached_at BIGINT
            )
            """,
            "CREATE INDEX files_owner ON files (owner_type, owner_reference, file_id)",
            "CREATE INDEX files_work ON files (work_reference_number, file_id)",
            "CREATE INDEX files_unattached ON files (created_at) WHERE owner_type IS NULL",
        ])
}
