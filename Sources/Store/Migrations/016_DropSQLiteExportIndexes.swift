extension Migration {
    /// The reference-order indexes of migration 12 serve exports that read in reference order,
    /// which only PostgreSQL does now: on SQLite an export reads the table in its storage order
    /// (D-EXPORTS), and no other query orders permits by reference within an organisation. Each
    /// still cost two index writes with every application.
    static let dropSQLiteExportIndexes = Migration(
        16, "DropSQLiteExportIndexes", [],
        dialects: [
            .sqlite: [
                "DROP INDEX IF EXISTS permits_ha_reference",
                "DROP INDEX IF EXISTS permits_promoter_reference",
            ]
        ])
}
