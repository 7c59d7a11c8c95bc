extension Migration {
    /// R-RESP-10 (D-WORKLIST): a highway authority dismisses an entry of its potential works
    /// overrunning list; the dismissal holds for the reasonable period end date it dismissed, so
    /// the entry comes back when that date changes. The works worklists look up each side's works
    /// by status (works in progress, planned works) rather than read every works record of the
    /// organisation.
    static let createWorklistDismissals = Migration(
        19, "CreateWorklistDismissals",
        [
            """
            CREATE TABLE worklist_dismissals (
                worklist TEXT NOT NULL,
                permit_reference_number TEXT NOT NULL REFERENCES permits(permit_reference_number),
                reasonable_period_end_date BIGINT NOT NULL,
                dismissed_by TEXT NOT NULL,
                dismissed_at BIGINT NOT NULL,
                PRIMARY KEY (worklist, permit_reference_number)
            )
            """,
            "CREATE INDEX works_highway_authority_status ON works (highway_authority_swa_code, work_status)",
            "CREATE INDEX works_promoter_status ON works (promoter_swa_code, work_status)",
        ])
}
