extension Migration {
    /// R-CR: change requests on permits (promoter changes, works extensions, modified permits and
    /// the HA's imposed changes), one awaiting assessment per permit (R-CR-04) kept by the
    /// database as well; and the permit's end of the reasonable period, set by a grant with
    /// duration challenge (R-CR-09, R-CR-17) and by the HA's answer to a non-acceptance (R-CR-16).
    static let createChangeRequests = Migration(
        18, "CreateChangeRequests",
        [
            """
            CREATE TABLE change_requests (
                change_request_reference_number TEXT PRIMARY KEY,
                permit_reference_number TEXT NOT NULL,
                work_reference_number TEXT NOT NULL,
                sequence BIGINT NOT NULL,
                promoter_swa_code TEXT NOT NULL,
                highway_authority_swa_code TEXT NOT NULL,
                workstream_prefix TEXT NOT NULL,
                change_request_type TEXT NOT NULL,
                change_request_status TEXT NOT NULL,
                change_request_reason TEXT NOT NULL,
                proposal TEXT NOT NULL,
                original_payload TEXT NOT NULL,
                original_proposed_start_date BIGINT NOT NULL,
                original_proposed_end_date BIGINT NOT NULL,
                proposed_start_date BIGINT NOT NULL,
                proposed_end_date BIGINT NOT NULL,
                deadline_date TEXT NOT NULL,
                deem_at BIGINT,
                assessment_comments TEXT,
                assessment_discount BIGINT,
                reasonable_period_end_date BIGINT,
                duration_challenge_review_status TEXT,
                duration_challenge_reason_for_non_acceptance TEXT,
                duration_challenge_review_update_date BIGINT,
                duration_challenge_non_acceptance_response_status TEXT,
                duration_challenge_non_acceptance_response_details TEXT,
                duration_challenge_non_acceptance_response_update_date BIGINT,
                duration_challenge_new_reasonable_period_end_date BIGINT,
                duration_challenge_old_reasonable_period_end_date BIGINT,
                date_created BIGINT NOT NULL,
                date_modified BIGINT NOT NULL
            )
            """,
            """
            CREATE UNIQUE INDEX change_requests_one_awaiting ON change_requests (permit_reference_number)
            WHERE change_request_status = 'submitted'
            """,
            "CREATE INDEX change_requests_permit ON change_requests (permit_reference_number, sequence)",
            "CREATE INDEX change_requests_deem_at ON change_requests (deem_at) WHERE deem_at IS NOT NULL",
            "CREATE INDEX change_requests_authority ON change_requests (highway_authority_swa_code, date_created)",
            "CREATE INDEX change_requests_promoter ON change_requests (promoter_swa_code, date_created)",
            "ALTER TABLE permits ADD COLUMN reasonable_period_end_date BIGINT",
        ])
}
