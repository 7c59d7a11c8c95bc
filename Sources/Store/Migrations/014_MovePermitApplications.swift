extension Migration {
    /// The application as submitted (`payload`, about 700 bytes of JSON) and the street data the
    /// promoter did not select move out of `permits` into a table of their own: only the permit's
    /// own answers read them, while every list, export and map query reads `permits`, which was
    /// two thirds application text (a million permits: 1.1 GB, of which the columns those queries
    /// read are about 330 MB). Both are written once, with the permit, and never changed. On
    /// SQLite the table is keyed by the reference itself (`WITHOUT ROWID`): one B-tree to write
    /// and to search, not a table and an index.
    static let movePermitApplications = Migration(
        14, "MovePermitApplications", [],
        dialects: [
            .sqlite: movingApplications(into: "\(applicationsTable) WITHOUT ROWID"),
            .postgres: movingApplications(into: applicationsTable),
        ], compacts: true)

    private static let applicationsTable = """
        CREATE TABLE permit_applications (
            permit_reference_number TEXT PRIMARY KEY REFERENCES permits(permit_reference_number),
            payload TEXT NOT NULL,
            not_selected_asds TEXT NOT NULL
        )
        """

    private static func movingApplications(into create: String) -> [String] {
        [
            create,
            """
            INSERT INTO permit_applications (permit_reference_number, payload, not_selected_asds)
            SELECT permit_reference_number, payload, not_selected_asds FROM permits
            """,
            "ALTER TABLE permits DROP COLUMN payload",
            "ALTER TABLE permits DROP COLUMN not_selected_asds",
        ]
    }
}
