extension Migration {
    /// Works records, their permits, and the append-only works history that doubles as the event
    /// log read by the event API (`update_id` is its key).
    static let createWorksAndPermits = Migration(
        5, "CreateWorksAndPermits",
        [
            """
            CREATE TABLE works (
                work_reference_number TEXT PRIMARY KEY,
                promoter_swa_code TEXT NOT NULL REFERENCES organisations(reference),
                highway_authority_swa_code TEXT NOT NULL REFERENCES organisations(reference),
                workstream_prefix TEXT NOT NULL,
                usrn BIGINT NOT NULL,
                street_name TEXT NOT NULL,
                town TEXT,
                area_name TEXT,
                road_category BIGINT NOT NULL,
                works_coordinates TEXT NOT NULL,
                work_status TEXT NOT NULL,
                active_permit_reference_number TEXT,
                permit_count BIGINT NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX works_promoter ON works (promoter_swa_code, workstream_prefix)",
            "CREATE INDEX works_highway_authority ON works (highway_authority_swa_code)",
            """
            CREATE TABLE permits (
                permit_reference_number TEXT PRIMARY KEY,
                work_reference_number TEXT NOT NULL REFERENCES works(work_reference_number),
                sequence BIGINT NOT NULL,
                promoter_swa_code TEXT NOT NULL,
                highway_authority_swa_code TEXT NOT NULL,
                workstream_prefix TEXT NOT NULL,
                permit_status TEXT NOT NULL,
                assessment_status TEXT,
                work_category TEXT NOT NULL,
                work_type TEXT NOT NULL,
                is_deemed BIGINT NOT NULL DEFAULT 0,
                is_early_start BIGINT NOT NULL DEFAULT 0,
                ever_modification_requested BIGINT NOT NULL DEFAULT 0,
                proposed_start_date BIGINT NOT NULL,
                proposed_end_date BIGINT NOT NULL,
                actual_start_date BIGINT,
                actual_stop_date BIGINT,
                calendar_day_duration BIGINT NOT NULL,
                working_day_duration BIGINT NOT NULL,
                deadline_date TEXT NOT NULL,
                deem_at BIGINT,
                validity_period_end_date TEXT,
                description_of_work TEXT NOT NULL,
                street_name TEXT NOT NULL,
                usrn BIGINT NOT NULL,
                payload TEXT NOT NULL,
                assessment TEXT,
                cancellation TEXT,
                date_created BIGINT NOT NULL,
                date_modified BIGINT NOT NULL
            )
            """,
            "CREATE INDEX permits_work ON permits (work_reference_number, sequence)",
            "CREATE INDEX permits_ha_status ON permits (highway_authority_swa_code, permit_status, date_created)",
            "CREATE INDEX permits_promoter_status ON permits (promoter_swa_code, permit_status, date_created)",
            "CREATE INDEX permits_deem_at ON permits (deem_at)",
            """
            CREATE TABLE work_history (
                update_id $ID,
                work_reference_number TEXT NOT NULL,
                permit_reference_number TEXT,
                object_reference TEXT,
                object_type TEXT NOT NULL,
                event TEXT NOT NULL,
                topic TEXT NOT NULL,
                details TEXT NOT NULL,
                username TEXT NOT NULL,
                organisation_reference TEXT,
                promoter_swa_code TEXT NOT NULL,
                highway_authority_swa_code TEXT NOT NULL,
                internal_user_identifier TEXT,
                internal_user_name TEXT,
                action_date BIGINT NOT NULL
            )
            """,
            "CREATE INDEX work_history_work ON work_history (work_reference_number, update_id)",
            "CREATE INDEX work_history_date ON work_history (action_date)",
            """
            CREATE TABLE comments (
                comment_reference_number TEXT PRIMARY KEY,
                work_reference_number TEXT NOT NULL REFERENCES works(work_reference_number),
                sequence BIGINT NOT NULL,
                topic TEXT NOT NULL,
                detail TEXT NOT NULL,
                is_internal BIGINT NOT NULL DEFAULT 0,
                author_email TEXT NOT NULL,
                author_organisation TEXT NOT NULL,
                date_created BIGINT NOT NULL,
                read_by TEXT,
                read_on BIGINT
            )
            """,
            "CREATE INDEX comments_work ON comments (work_reference_number, sequence)",
        ])
}
