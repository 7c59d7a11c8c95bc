extension Migration {
    /// Exports read every permit a caller sees in reference order, a batch at a time
    /// (`… AND permit_reference_number > ? ORDER BY permit_reference_number`): an index per side
    /// serves that without sorting.
    static let addExportIndexes = Migration(
        12, "AddExportIndexes",
        [
            "CREATE INDEX permits_ha_reference ON permits (highway_authority_swa_code, permit_reference_number)",
            "CREATE INDEX permits_promoter_reference ON permits (promoter_swa_code, permit_reference_number)",
        ])
}
