extension Migration {
    /// R-FP: forward plans. Each plan made its own works record (R-FP-05), one plan a record; the
    /// works record holds the geometry, street and spatial index, the plan the rest. The lists
    /// read each side's plans newest first; `permit_reference_number` is the application the
    /// plan was progressed into.
    static let createForwardPlans = Migration(
        20, "CreateForwardPlans",
        [
            """
            CREATE TABLE forward_plans (
                forward_plan_reference_number TEXT PRIMARY KEY,
                work_reference_number TEXT NOT NULL UNIQUE REFERENCES works(work_reference_number),
                promoter_swa_code TEXT NOT NULL,
                highway_authority_swa_code TEXT NOT NULL,
                workstream_prefix TEXT NOT NULL,
                forward_plan_status TEXT NOT NULL,
                start_date BIGINT NOT NULL,
                end_date BIGINT NOT NULL,
                description_of_work TEXT NOT NULL,
                works_location_description TEXT NOT NULL,
                project_reference_number TEXT,
                traffic_management_type TEXT,
                additional_info TEXT,
                forward_plan_asds TEXT NOT NULL,
                hs2_work_type TEXT,
                hs2_in_act_limits BIGINT,
                hs2_consultation_requested_response_date BIGINT,
                hs2_highway_exemption TEXT,
                cancelled_reason TEXT,
                permit_reference_number TEXT,
                date_created BIGINT NOT NULL,
                date_modified BIGINT NOT NULL
            )
            """,
            "CREATE INDEX forward_plans_promoter ON forward_plans (promoter_swa_code, date_created)",
            "CREATE INDEX forward_plans_authority ON forward_plans (highway_authority_swa_code, date_created)",
        ])
}
