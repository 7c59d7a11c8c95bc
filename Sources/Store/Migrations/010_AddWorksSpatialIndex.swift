extension Migration {
    /// Map queries (R-DATA-03): each works record's bounding box, and a spatial index on it: an
    /// R*Tree kept by triggers on SQLite, a GiST index on the core `box` type on PostgreSQL.
    /// Records made before this have their boxes filled in when the server starts.
    static let addWorksSpatialIndex = Migration(
        10, "AddWorksSpatialIndex",
        [
            "ALTER TABLE works ADD COLUMN min_easting DOUBLE PRECISION",
            "ALTER TABLE works ADD COLUMN min_northing DOUBLE PRECISION",
            "ALTER TABLE works ADD COLUMN max_easting DOUBLE PRECISION",
            "ALTER TABLE works ADD COLUMN max_northing DOUBLE PRECISION",
        ],
        dialects: [
            .sqlite: [
                "CREATE VIRTUAL TABLE works_rtree USING rtree(id, min_easting, max_easting, min_northing, max_northing)",
                """
                CREATE TRIGGER works_rtree_insert AFTER INSERT ON works WHEN new.min_easting IS NOT NULL BEGIN
                INSERT INTO works_rtree VALUES (new.rowid, new.min_easting, new.max_easting, new.min_northing,
                new.max_northing); END
                """,
                """
                CREATE TRIGGER works_rtree_update AFTER UPDATE OF min_easting, max_easting, min_northing, max_northing
                ON works WHEN new.min_easting IS NOT NULL BEGIN
                INSERT OR REPLACE INTO works_rtree VALUES (new.rowid, new.min_easting, new.max_easting,
                new.min_northing, new.max_northing); END
                """,
                "CREATE TRIGGER works_rtree_delete AFTER DELETE ON works BEGIN DELETE FROM works_rtree WHERE id = old.rowid; END",
            ],
            .postgres: [
                """
                ALTER TABLE works ADD COLUMN works_box box GENERATED ALWAYS AS
                (box(point(min_easting, min_northing), point(max_easting, max_northing))) STORED
                """,
                "CREATE INDEX works_box_gist ON works USING gist (works_box)",
            ],
        ])
}
