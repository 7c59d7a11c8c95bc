extension Migration {
    /// CSV exports (R-DATA-04): the queue every server process claims from, and the files in
    /// compressed chunks, so any process can serve any export.
    static let createCSVExports = Migration(
        9, "CreateCSVExports",
        [
            """
            CREATE TABLE csv_exports (
                csv_export_id $ID,
                export_type TEXT NOT NULL,
                status TEXT NOT NULL,
                owner_email TEXT NOT NULL,
                owner_organisation TEXT NOT NULL,
                visibility TEXT NOT NULL,
                filters TEXT NOT NULL,
                description TEXT,
                file_name TEXT NOT NULL,
                row_count BIGINT,
                error TEXT,
                lease_owner TEXT,
                lease_until BIGINT,
                attempts BIGINT NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL,
                started_at BIGINT,
                finished_at BIGINT
            )
            """,
            // R-DATA-04: one queued export per user, kept by the database even for requests
            // that arrive together.
            "CREATE UNIQUE INDEX csv_exports_one_queued ON csv_exports (owner_email) WHERE status = 'queued'",
            "CREATE INDEX csv_exports_owner ON csv_exports (owner_email, owner_organisation, csv_export_id)",
            "CREATE INDEX csv_exports_pending ON csv_exports (status, csv_export_id)",
            """
            CREATE TABLE csv_export_chunks (
                csv_export_id BIGINT NOT NULL REFERENCES csv_exports(csv_export_id) ON DELETE CASCADE,
                sequence BIGINT NOT NULL,
                data $BLOB NOT NULL,
                PRIMARY KEY (csv_export_id, sequence)
            )
            """,
        ])
}
