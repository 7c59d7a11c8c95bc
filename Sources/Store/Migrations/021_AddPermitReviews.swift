extension Migration {
    /// What the two sides record on a permit after its assessment, kept beside the application
    /// (read with it, off the permits table every list scans): the promoter's review of a duration
    /// challenge and the HA's answer (R-CR-16), the HA's lane rental assessment (R-LR-02) and its
    /// acknowledgement of an HS2 application (R-HS2-02). The review statuses have columns of their
    /// own for the duration challenges list.
    static let addPermitReviews = Migration(
        21, "AddPermitReviews",
        [
            "ALTER TABLE permit_applications ADD COLUMN duration_challenge TEXT",
            "ALTER TABLE permit_applications ADD COLUMN duration_challenge_review_status TEXT",
            "ALTER TABLE permit_applications ADD COLUMN duration_challenge_non_acceptance_response_status TEXT",
            "ALTER TABLE permit_applications ADD COLUMN lane_rental_assessment TEXT",
            "ALTER TABLE permit_applications ADD COLUMN hs2_acknowledged_at BIGINT",
        ])
}
