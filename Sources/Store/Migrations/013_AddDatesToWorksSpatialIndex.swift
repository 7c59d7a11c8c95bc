extension Migration {
    /// Map queries bound the works by a box and a date window together (R-DATA-03): on SQLite
    /// the R*Tree gets the works' dates as a third dimension (the active permit's start to end,
    /// actual where logged, proposed otherwise; no dates: all time), so a box in a busy town
    /// with a month's window reads the hundred works it holds, not every works record ever
    /// planned there. Triggers on works and on permits keep it. PostgreSQL keeps its GiST index
    /// on the box (the core `box` type has two dimensions) and filters the dates after it.
    static let addDatesToWorksSpatialIndex = Migration(
        13, "AddDatesToWorksSpatialIndex", [],
        dialects: [
            .sqlite: [
                "DROP TRIGGER works_rtree_insert",
                "DROP TRIGGER works_rtree_update",
                "DROP TRIGGER works_rtree_delete",
                "DROP TABLE works_rtree",
                """
                CREATE VIRTUAL TABLE works_rtree USING rtree(id, min_easting, max_easting, min_northing, max_northing,
                start_ms, end_ms)
                """,
                refreshWorksRtree(where: "w.min_easting IS NOT NULL"),
                worksRtreeTriggers(withoutPermit: ("-1e15", "1e15"))[0],
                worksRtreeTriggers(withoutPermit: ("-1e15", "1e15"))[1],
                "CREATE TRIGGER works_rtree_delete AFTER DELETE ON works BEGIN DELETE FROM works_rtree WHERE id = old.rowid; END",
                worksRtreeTriggers(withoutPermit: ("-1e15", "1e15"))[2],
                worksRtreeTriggers(withoutPermit: ("-1e15", "1e15"))[3],
            ]
        ])

    /// The triggers that keep the R*Tree's entries (insert and update of works, insert and dates
    /// of permits), each writing the dates `withoutPermit` for a record without a permit.
    static func worksRtreeTriggers(withoutPermit dates: (start: String, end: String)) -> [String] {
        let active =
            "w.work_reference_number = new.work_reference_number AND w.active_permit_reference_number = new.permit_reference_number AND w.min_easting IS NOT NULL"
        return [
            """
            CREATE TRIGGER works_rtree_insert AFTER INSERT ON works WHEN new.min_easting IS NOT NULL BEGIN
            \(refreshWorksRtree(where: "w.rowid = new.rowid", withoutPermit: dates)); END
            """,
            """
            CREATE TRIGGER works_rtree_update AFTER UPDATE OF min_easting, max_easting, min_northing, max_northing,
            active_permit_reference_number ON works WHEN new.min_easting IS NOT NULL BEGIN
            \(refreshWorksRtree(where: "w.rowid = new.rowid", withoutPermit: dates)); END
            """,
            """
            CREATE TRIGGER works_rtree_permit_insert AFTER INSERT ON permits BEGIN
            \(refreshWorksRtree(where: active, withoutPermit: dates)); END
            """,
            """
            CREATE TRIGGER works_rtree_permit_update AFTER UPDATE OF proposed_start_date, proposed_end_date,
            actual_start_date, actual_stop_date ON permits BEGIN
            \(refreshWorksRtree(where: active, withoutPermit: dates)); END
            """,
        ]
    }

    /// Writes the R*Tree entries of the works `where` selects: box and dates (the active permit's,
    /// actual where logged, proposed otherwise; `withoutPermit` for a record without one).
    static func refreshWorksRtree(
        where condition: String, withoutPermit dates: (start: String, end: String) = ("-1e15", "1e15")
    ) -> String {
        """
        INSERT OR REPLACE INTO works_rtree SELECT w.rowid, w.min_easting, w.max_easting, w.min_northing, \
        w.max_northing, COALESCE(p.actual_start_date, p.proposed_start_date, \(dates.start)), \
        COALESCE(p.actual_stop_date, p.proposed_end_date, \(dates.end)) FROM works w LEFT JOIN permits p \
        ON p.permit_reference_number = w.active_permit_reference_number WHERE \(condition)
        """
    }
}
