extension Migration {
    /// R-FEE: each highway authority's fee matrix (R-FEE-01), one row an authority, replaced on
    /// each update; and the chargeable transactions (R-FEE-02 … R-FEE-04), written in the works
    /// command that causes each, with what the fee report needs that cannot be read later (the
    /// street's traffic sensitivity then, the category charged). A charge is made once: a
    /// permit's own fee once, each change request's once (`charge_key`). The report reads one
    /// organisation's transactions in date order (`report_order`: the transaction date in
    /// milliseconds times 2^20, plus the row's id modulo 2^20, so rows of the same millisecond keep
    /// the order they were recorded in).
    static let createFees = Migration(
        23, "CreateFees",
        [
            """
            CREATE TABLE fee_matrices (
                organisation_reference TEXT PRIMARY KEY,
                major_paa_fee_traffic_sensitive DOUBLE PRECISION NOT NULL,
                major_work_permit_fee_traffic_sensitive DOUBLE PRECISION NOT NULL,
                standard_works_permit_fee_traffic_sensitive DOUBLE PRECISION NOT NULL,
                minor_works_permit_fee_traffic_sensitive DOUBLE PRECISION NOT NULL,
                immediate_works_permit_fee_traffic_sensitive DOUBLE PRECISION NOT NULL,
                permit_variation_fee_traffic_sensitive DOUBLE PRECISION NOT NULL,
                major_paa_fee_non_traffic_sensitive DOUBLE PRECISION NOT NULL,
                major_work_permit_fee_non_traffic_sensitive DOUBLE PRECISION NOT NULL,
                standard_works_permit_fee_non_traffic_sensitive DOUBLE PRECISION NOT NULL,
                minor_works_permit_fee_non_traffic_sensitive DOUBLE PRECISION NOT NULL,
                immediate_works_permit_fee_non_traffic_sensitive DOUBLE PRECISION NOT NULL,
                permit_variation_fee_non_traffic_sensitive DOUBLE PRECISION NOT NULL,
                discount_guidance TEXT NOT NULL,
                charge_band_one_cost DOUBLE PRECISION,
                charge_band_one_description TEXT,
                charge_band_two_cost DOUBLE PRECISION,
                charge_band_two_description TEXT,
                charge_band_three_cost DOUBLE PRECISION,
                charge_band_three_description TEXT,
                charge_band_four_cost DOUBLE PRECISION,
                charge_band_four_description TEXT,
                charge_band_five_cost DOUBLE PRECISION,
                charge_band_five_description TEXT,
                charge_band_six_cost DOUBLE PRECISION,
                charge_band_six_description TEXT,
                lane_rental_discount_guidance TEXT,
                lane_rental_guidance_link TEXT,
                internal_user_identifier TEXT,
                internal_user_name TEXT,
                updated_by TEXT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE fee_transactions (
                fee_transaction_id $ID,
                report_order BIGINT,
                transaction_date BIGINT NOT NULL,
                transaction_type TEXT NOT NULL,
                charge_key TEXT NOT NULL,
                permit_reference_number TEXT NOT NULL,
                work_reference_number TEXT NOT NULL,
                change_request_reference_number TEXT,
                progressed_paa_reference_number TEXT,
                promoter_swa_code TEXT NOT NULL,
                highway_authority_swa_code TEXT NOT NULL,
                workstream_prefix TEXT NOT NULL,
                work_category TEXT NOT NULL,
                previous_work_category TEXT,
                is_street_traffic_sensitive BIGINT NOT NULL,
                is_works_traffic_sensitive BIGINT NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX fee_transactions_once ON fee_transactions (permit_reference_number, charge_key)",
            "CREATE UNIQUE INDEX fee_transactions_order ON fee_transactions (report_order)",
            "CREATE INDEX fee_transactions_authority ON fee_transactions (highway_authority_swa_code, report_order)",
            "CREATE INDEX fee_transactions_promoter ON fee_transactions (promoter_swa_code, report_order)",
        ])
}
