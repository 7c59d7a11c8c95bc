extension Migration {
    /// R-SAMP: sample inspection targets (one active per highway authority and promoter, kept by
    /// a partial unique index, R-SAMP-02), the annual inspection units recorded with them
    /// (R-SAMP-03), the samples issued (`{WRN}-SI-A`, one a works record and category,
    /// R-SAMP-04), the inspections counted towards a target (so a withdrawal reverses exactly
    /// what was counted, R-SAMP-06), the generation jobs (one queued or running per authority,
    /// claimed with a lease, R-SAMP-04), the authorities' quarters (R-SAMP-09) and the daily
    /// expiry runs (one a UK day, R-SAMP-05).
    static let createSampleInspections = Migration(
        27, "CreateSampleInspections",
        [
            """
            CREATE TABLE sample_inspection_targets (
                sample_inspection_target_reference_number TEXT PRIMARY KEY,
                sequence BIGINT NOT NULL,
                highway_authority_swa_code TEXT NOT NULL,
                promoter_swa_code TEXT NOT NULL,
                target_status TEXT NOT NULL,
                inspection_units DOUBLE PRECISION NOT NULL,
                inspection_units_baseline DOUBLE PRECISION,
                inspection_rate DOUBLE PRECISION NOT NULL,
                is_inspection_rate_auto_updated BIGINT NOT NULL DEFAULT 0,
                target_a BIGINT NOT NULL,
                target_b BIGINT NOT NULL,
                target_c BIGINT NOT NULL,
                completed_a BIGINT NOT NULL DEFAULT 0,
                completed_b BIGINT NOT NULL DEFAULT 0,
                completed_c BIGINT NOT NULL DEFAULT 0,
                generated_a BIGINT NOT NULL DEFAULT 0,
                generated_b BIGINT NOT NULL DEFAULT 0,
                generated_c BIGINT NOT NULL DEFAULT 0,
                quarter_start BIGINT,
                quarter_end BIGINT,
                internal_user_identifier TEXT,
                internal_user_name TEXT,
                created_by TEXT NOT NULL,
                date_created BIGINT NOT NULL,
                updated_by TEXT NOT NULL,
                date_updated BIGINT NOT NULL,
                closed_by TEXT,
                closed_at BIGINT,
                UNIQUE (highway_authority_swa_code, sequence)
            )
            """,
            """
            CREATE UNIQUE INDEX sample_inspection_targets_one_active ON sample_inspection_targets
            (highway_authority_swa_code, promoter_swa_code) WHERE target_status = 'active'
            """,
            """
            CREATE INDEX sample_inspection_targets_promoter ON sample_inspection_targets
            (promoter_swa_code, target_status)
            """,
            """
            CREATE TABLE sample_inspection_annual_units (
                highway_authority_swa_code TEXT NOT NULL,
                promoter_swa_code TEXT NOT NULL,
                financial_year_start BIGINT NOT NULL,
                annual_inspection_units DOUBLE PRECISION,
                is_auto_calculated BIGINT NOT NULL,
                date_updated BIGINT NOT NULL,
                PRIMARY KEY (highway_authority_swa_code, promoter_swa_code, financial_year_start)
            )
            """,
            """
            CREATE TABLE sample_inspections (
                sample_inspection_reference_number TEXT PRIMARY KEY,
                work_reference_number TEXT NOT NULL,
                sample_inspection_target_reference_number TEXT NOT NULL,
                highway_authority_swa_code TEXT NOT NULL,
                promoter_swa_code TEXT NOT NULL,
                workstream_prefix TEXT NOT NULL,
                inspection_category TEXT NOT NULL,
                sample_status TEXT NOT NULL,
                sample_expiry_date BIGINT NOT NULL,
                generation_job_id BIGINT,
                date_created BIGINT NOT NULL,
                completed_by_inspection TEXT,
                date_completed BIGINT,
                date_expired BIGINT
            )
            """,
            "CREATE INDEX sample_inspections_target ON sample_inspections (sample_inspection_target_reference_number, inspection_category, sample_status)",
            "CREATE INDEX sample_inspections_due ON sample_inspections (sample_status, sample_expiry_date)",
            "CREATE INDEX sample_inspections_ha ON sample_inspections (highway_authority_swa_code, sample_status)",
            "CREATE INDEX sample_inspections_work ON sample_inspections (work_reference_number)",
            """
            CREATE TABLE sample_inspection_progress (
                inspection_reference_number TEXT PRIMARY KEY,
                work_reference_number TEXT NOT NULL,
                sample_inspection_target_reference_number TEXT NOT NULL,
                inspection_category TEXT NOT NULL,
                quarter_start BIGINT,
                sample_inspection_reference_number TEXT,
                date_recorded BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE sample_generation_jobs (
                sample_generation_job_id $ID,
                highway_authority_swa_code TEXT NOT NULL,
                username TEXT NOT NULL,
                sample_inspection_rate DOUBLE PRECISION NOT NULL,
                job_status TEXT NOT NULL,
                issued_count BIGINT,
                error TEXT,
                lease_owner TEXT,
                lease_until BIGINT,
                attempts BIGINT NOT NULL DEFAULT 0,
                date_created BIGINT NOT NULL,
                started_at BIGINT,
                finished_at BIGINT
            )
            """,
            // R-SAMP-04: one generation queued or running per authority, kept by the database
            // even for requests that arrive together.
            """
            CREATE UNIQUE INDEX sample_generation_jobs_one_pending ON sample_generation_jobs
            (highway_authority_swa_code) WHERE job_status IN ('queued', 'in_progress')
            """,
            "CREATE INDEX sample_generation_jobs_pending ON sample_generation_jobs (job_status, sample_generation_job_id)",
            "CREATE INDEX sample_generation_jobs_ha ON sample_generation_jobs (highway_authority_swa_code, sample_generation_job_id)",
            """
            CREATE TABLE sample_inspection_quarters (
                highway_authority_swa_code TEXT NOT NULL,
                quarter_start BIGINT NOT NULL,
                quarter_end BIGINT NOT NULL,
                quarter_status TEXT NOT NULL,
                started_by TEXT NOT NULL,
                started_at BIGINT NOT NULL,
                ended_by TEXT,
                ended_at BIGINT,
                internal_user_identifier TEXT,
                internal_user_name TEXT,
                PRIMARY KEY (highway_authority_swa_code, quarter_start)
            )
            """,
            """
            CREATE TABLE sample_expiry_runs (
                run_date TEXT PRIMARY KEY,
                lease_owner TEXT,
                lease_until BIGINT,
                expired_count BIGINT,
                started_at BIGINT NOT NULL,
                finished_at BIGINT
            )
            """,
        ])
}
