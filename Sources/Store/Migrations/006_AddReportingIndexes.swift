extension Migration {
    /// Reporting's first page and polling served straight from an index: permits by authority or
    /// promoter, status and creation (with the reference as tie-breaker, so the page order needs no
    /// sort), and the event log by organisation and `update_id`.
    static let addReportingIndexes = Migration(
        6, "AddReportingIndexes",
        [
            "DROP INDEX permits_ha_status",
            "DROP INDEX permits_promoter_status",
            "CREATE INDEX permits_ha_status_created ON permits (highway_authority_swa_code, permit_status, date_created, permit_reference_number)",
            "CREATE INDEX permits_promoter_status_created ON permits (promoter_swa_code, permit_status, date_created, permit_reference_number)",
            "CREATE INDEX permits_ha_created ON permits (highway_authority_swa_code, date_created, permit_reference_number)",
            "CREATE INDEX permits_promoter_created ON permits (promoter_swa_code, date_created, permit_reference_number)",
            "CREATE INDEX work_history_promoter_update ON work_history (promoter_swa_code, update_id)",
            "CREATE INDEX work_history_ha_update ON work_history (highway_authority_swa_code, update_id)",
        ])
}
