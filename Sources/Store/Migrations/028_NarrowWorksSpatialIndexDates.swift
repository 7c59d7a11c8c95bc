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
            ] + worksRtreeTriggers(withoutPermit: (noPermitDate, noPermitDate)) + [
                refreshWorksRtree(
                    where: "w.min_easting IS NOT NULL AND w.active_permit_reference_number IS NULL",
                    withoutPermit: (noPermitDate, noPermitDate))
            ]
        ])

    /// A works record without a permit: before any date a map is asked for.
    static let noPermitDate = "-1e15"
}
