extension Migration {
    /// Fixed penalty notices (R-FPN-01 … R-FPN-08), numbered per works record; a deleted notice
    /// keeps its row, marked `deleted_at`, so its number is never given again (D-FPNS).
    static let createFixedPenaltyNotices = Migration(
        26, "CreateFixedPenaltyNotices",
        [
            """
            CREATE TABLE fixed_penalty_notices (
                fpn_reference_number TEXT PRIMARY KEY,
                work_reference_number TEXT NOT NULL,
                sequence BIGINT NOT NULL,
                promoter_swa_code TEXT NOT NULL,
                highway_authority_swa_code TEXT NOT NULL,
                workstream_prefix TEXT NOT NULL,
                permit_reference_number TEXT,
                location TEXT NOT NULL,
                street_name TEXT NOT NULL,
                usrn BIGINT NOT NULL,
                offence_code TEXT NOT NULL,
                offence_date BIGINT NOT NULL,
                offence_details TEXT NOT NULL,
                authorised_officer TEXT NOT NULL,
                officer_contact_details TEXT NOT NULL,
                officer_address TEXT NOT NULL,
                representations_contact TEXT NOT NULL,
                representations_contact_address TEXT NOT NULL,
                payment_methods TEXT NOT NULL,
                fpn_evidence BIGINT NOT NULL,
                fpn_status TEXT NOT NULL,
                status_reason TEXT,
                issue_date_time BIGINT NOT NULL,
                status_changed_date BIGINT NOT NULL,
                issued_by TEXT NOT NULL,
                deleted_at BIGINT,
                UNIQUE (work_reference_number, sequence)
            )
            """,
            "CREATE INDEX fixed_penalty_notices_authority ON fixed_penalty_notices (highway_authority_swa_code, issue_date_time)",
            "CREATE INDEX fixed_penalty_notices_promoter ON fixed_penalty_notices (promoter_swa_code, issue_date_time)",
        ])
}
