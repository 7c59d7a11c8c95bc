extension Migration {
    /// R-PERMIT-24: ancillary information on permits (portable traffic signals, welfare
    /// facilities, compounds), numbered per permit; a removed item stays, with its reason and
    /// time. The box around an item's points is indexed for the map (R-DATA-03) as the works'
    /// boxes are (migration 10): an R*Tree kept by triggers on SQLite, a GiST index on the core
    /// `box` type on PostgreSQL.
    static let createAncillaryInformation = Migration(
        22, "CreateAncillaryInformation",
        [
            """
            CREATE TABLE ancillary_information (
                ancillary_info_reference_number TEXT PRIMARY KEY,
                permit_reference_number TEXT NOT NULL,
                work_reference_number TEXT NOT NULL,
                sequence BIGINT NOT NULL,
                promoter_swa_code TEXT NOT NULL,
                highway_authority_swa_code TEXT NOT NULL,
                workstream_prefix TEXT NOT NULL,
                ancillary_info_type TEXT NOT NULL,
                ancillary_info_status TEXT NOT NULL,
                location_description TEXT,
                ancillary_info_description TEXT NOT NULL,
                ancillary_info_coordinates TEXT NOT NULL,
                usrns TEXT NOT NULL,
                min_easting DOUBLE PRECISION NOT NULL,
                min_northing DOUBLE PRECISION NOT NULL,
                max_easting DOUBLE PRECISION NOT NULL,
                max_northing DOUBLE PRECISION NOT NULL,
                ancillary_info_removal_reason TEXT,
                date_created BIGINT NOT NULL,
                date_removed BIGINT,
                UNIQUE (permit_reference_number, sequence)
            )
            """
        ],
        dialects: [
            .sqlite: [
                """
                CREATE VIRTUAL TABLE ancillary_information_rtree USING rtree(id, min_easting, max_easting, min_northing,
                max_northing)
                """,
                """
                CREATE TRIGGER ancillary_information_rtree_insert AFTER INSERT ON ancillary_information BEGIN
                INSERT INTO ancillary_information_rtree VALUES (new.rowid, new.min_easting, new.max_easting,
                new.min_northing, new.max_northing); END
                """,
                """
                CREATE TRIGGER ancillary_information_rtree_delete AFTER DELETE ON ancillary_information BEGIN
                DELETE FROM ancillary_information_rtree WHERE id = old.rowid; END
                """,
            ],
            .postgres: [
                """
                ALTER TABLE ancillary_information ADD COLUMN ancillary_info_box box GENERATED ALWAYS AS
                (box(point(min_easting, min_northing), point(max_easting, max_northing))) STORED
                """,
                "CREATE INDEX ancillary_information_box_gist ON ancillary_information USING gist (ancillary_info_box)",
            ],
        ])
}
