extension Migration {
    /// R-INSP, R-NC: inspections (numbered per works record, never updated but for their
    /// withdrawal and the answers to their outcome), the one scheduled inspection a works record
    /// may have, non-compliances (numbered per works record) with the permits linked to them, and
    /// what a historic works record holds that no permit does (R-INSP-14). Inspections whose
    /// outcome awaits the promoter's answer are found by their auto-acceptance due date.
    static let createInspections = Migration(
        24, "CreateInspections",
        [
            """
            CREATE TABLE inspections (
                inspection_reference_number TEXT PRIMARY KEY,
                work_reference_number TEXT NOT NULL,
                sequence BIGINT NOT NULL,
                promoter_swa_code TEXT NOT NULL,
                highway_authority_swa_code TEXT NOT NULL,
                workstream_prefix TEXT NOT NULL,
                inspection_type TEXT NOT NULL,
                inspection_category TEXT,
                inspection_outcome TEXT NOT NULL,
                inspection_start_date BIGINT NOT NULL,
                failure_reason_details TEXT NOT NULL,
                inspection_outcome_details TEXT,
                was_call_logged BIGINT,
                call_logged_to TEXT,
                call_logged_reference TEXT,
                call_logged_summary TEXT,
                defect_fixed_on_site TEXT,
                additional_comments TEXT,
                inspection_evidence BIGINT NOT NULL,
                file_ids TEXT NOT NULL,
                reinspection_date BIGINT,
                reinspection_date_time BIGINT,
                username TEXT NOT NULL,
                inspector_name TEXT,
                made_safe_by_ha BIGINT,
                inspection_status TEXT NOT NULL,
                reason_for_withdrawal TEXT,
                withdrawal_details TEXT,
                promoter_response_status TEXT,
                promoter_response_status_change_date BIGINT,
                promoter_response_details TEXT,
                ha_response_status TEXT,
                ha_response_status_change_date BIGINT,
                ha_response_details TEXT,
                auto_acceptance_due_date BIGINT,
                is_auto_accepted BIGINT NOT NULL,
                non_compliance_reference_number TEXT,
                date_created BIGINT NOT NULL,
                date_modified BIGINT NOT NULL,
                UNIQUE (work_reference_number, sequence)
            )
            """,
            "CREATE INDEX inspections_promoter ON inspections (promoter_swa_code, inspection_start_date)",
            "CREATE INDEX inspections_highway_authority ON inspections (highway_authority_swa_code, inspection_start_date)",
            "CREATE INDEX inspections_non_compliance ON inspections (non_compliance_reference_number)",
            """
            CREATE INDEX inspections_auto_acceptance ON inspections (auto_acceptance_due_date)
            WHERE promoter_response_status IS NULL AND inspection_status = 'recorded'
            """,
            """
            CREATE TABLE scheduled_inspections (
                work_reference_number TEXT PRIMARY KEY,
                promoter_swa_code TEXT NOT NULL,
                highway_authority_swa_code TEXT NOT NULL,
                workstream_prefix TEXT NOT NULL,
                inspection_type TEXT NOT NULL,
                inspection_category TEXT,
                scheduled_date BIGINT NOT NULL,
                scheduled_date_time BIGINT,
                username TEXT NOT NULL,
                date_created BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE non_compliances (
                non_compliance_reference_number TEXT PRIMARY KEY,
                work_reference_number TEXT NOT NULL,
                sequence BIGINT NOT NULL,
                promoter_swa_code TEXT NOT NULL,
                highway_authority_swa_code TEXT NOT NULL,
                workstream_prefix TEXT NOT NULL,
                non_compliance_status TEXT NOT NULL,
                jsm_requested_by TEXT,
                jsm_requested_by_organisation TEXT,
                jsm_suggested_time BIGINT,
                jsm_status TEXT,
                promoter_response_status TEXT,
                promoter_response_update_date BIGINT,
                promoter_response_additional_details TEXT,
                promoter_response_jsm_date BIGINT,
                ha_response_status TEXT NOT NULL,
                ha_response_update_date BIGINT NOT NULL,
                ha_response_additional_details TEXT,
                ha_response_jsm_date BIGINT,
                date_created BIGINT NOT NULL,
                UNIQUE (work_reference_number, sequence)
            )
            """,
            "CREATE INDEX non_compliances_promoter ON non_compliances (promoter_swa_code, date_created)",
            "CREATE INDEX non_compliances_highway_authority ON non_compliances (highway_authority_swa_code, date_created)",
            """
            CREATE TABLE non_compliance_permits (
                non_compliance_reference_number TEXT NOT NULL,
                permit_reference_number TEXT NOT NULL,
                date_linked BIGINT NOT NULL,
                PRIMARY KEY (non_compliance_reference_number, permit_reference_number)
            )
            """,
            """
            CREATE TABLE historic_works (
                work_reference_number TEXT PRIMARY KEY,
                works_location_description TEXT NOT NULL,
                description_of_work TEXT,
                work_start_date BIGINT,
                work_end_date BIGINT,
                date_created BIGINT NOT NULL
            )
            """,
        ])
}
