extension Migration {
    /// The works map reads only works with a permit (R-DATA-03), but migration 13 gave a works
    /// record without one (a forward plan's) all time as its dates in the R*Tree, so every such
    /// record in a box was read, joined and dropped by every map query, whatever its date window:
    /// on a million generated works, a 1 km² box with a day's window read 702 candidates for
    /// about 100 features, 279 of them without a permit. Now such a record's dates are a single
    /// instant long before any window (the forward plans map, which shares the R*Tree, filters
    /// on its plans' own dates, not these). SQLite only: PostgreSQL's GiST index has no dates.
    static let narrowWorksSpatialIndexDates = Migration(
        28, "NarrowWorksSpatialIndexDates", [],
        dialects: [
            .sqlite: [
                "DROP TRIGGER works_rtree_insert",
                "DROP TRIGGER works_rtree_update",
                "DROP TRIGGER works_rtree_permit_insert",
                "DROP TRIGGER works_rtree_permit_update",
                """
                CREATE TRIGGER works_rtree_insert AFTER INSERT ON works WHEN new.min_easting IS NOT NULL BEGIN
                \(refreshWorksRtreeDates(where: "w.rowid = new.rowid")); END
                """,
                """
                CREATE TRIGGER works_rtree_update AFTER UPDATE OF min_easting, max_easting, min_northing, max_northing,
                active_permit_reference_number ON works WHEN new.min_easting IS NOT NULL BEGIN
                \(refreshWorksRtreeDates(where: "w.rowid = new.rowid")); END
                """,
                """
                CREATE TRIGGER works_rtree_permit_insert AFTER INSERT ON permits BEGIN
                \(refreshWorksRtreeDates(where: "w.work_reference_number = new.work_reference_number AND w.active_permit_reference_number = new.permit_reference_number AND w.min_easting IS NOT NULL")); END
                """,
                """
                CREATE TRIGGER works_rtree_permit_update AFTER UPDATE OF proposed_start_date, proposed_end_date,
                actual_start_date, actual_stop_date ON permits BEGIN
                \(refreshWorksRtreeDates(where: "w.work_reference_number = new.work_reference_number AND w.active_permit_reference_number = new.permit_reference_number AND w.min_easting IS NOT NULL")); END
                """,
                refreshWorksRtreeDates(where: "w.min_easting IS NOT NULL AND w.active_permit_reference_number IS NULL"),
            ]
        ])

    /// A works record without a permit: before any date a map is asked for.
    static let noPermitDate = "-1e15"

    /// Writes the R*Tree entries of the works `where` selects: box, and the active permit's dates
    /// (actual where logged, proposed otherwise), or `noPermitDate` twice without one.
    static func refreshWorksRtreeDates(where condition: String) -> String {
        """
        INSERT OR REPLACE INTO works_rtree SELECT w.rowid, w.min_easting, w.max_easting, w.min_northing, \
        w.max_northing, COALESCE(p.actual_start_date, p.proposed_start_date, \(noPermitDate)), \
        COALESCE(p.actual_stop_date, p.proposed_end_date, \(noPermitDate)) FROM works w LEFT JOIN permits p \
        ON p.permit_reference_number = w.active_permit_reference_number WHERE \(condition)
        """
    }
}
