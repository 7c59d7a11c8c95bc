extension Migration {
    /// The street gazetteer: one row per USRN, its designations (ASDs) in a second table.
    /// `name_lower` and `search_text` (name, area, town and USRN, lower-cased) serve the name
    /// search; the bounding box serves the search by coordinates.
    static let createStreets = Migration(
        4, "CreateStreets",
        [
            """
            CREATE TABLE streets (
                usrn BIGINT PRIMARY KEY,
                street_name TEXT NOT NULL,
                name_lower TEXT NOT NULL,
                town TEXT NOT NULL,
                area TEXT NOT NULL DEFAULT '',
                search_text TEXT NOT NULL,
                road_category BIGINT NOT NULL,
                ha_swa_code TEXT NOT NULL,
                street_state BIGINT NOT NULL,
                reinstatement_type_codes TEXT NOT NULL,
                geometry_wkt TEXT NOT NULL,
                min_easting DOUBLE PRECISION NOT NULL,
                min_northing DOUBLE PRECISION NOT NULL,
                max_easting DOUBLE PRECISION NOT NULL,
                max_northing DOUBLE PRECISION NOT NULL,
                traffic_sensitive BIGINT NOT NULL DEFAULT 0,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX streets_name_lower ON streets (name_lower)",
            "CREATE INDEX streets_ha_swa_code ON streets (ha_swa_code)",
            "CREATE INDEX streets_bounds ON streets (min_easting, max_easting)",
            """
            CREATE TABLE street_designations (
                usrn BIGINT NOT NULL REFERENCES streets(usrn) ON DELETE CASCADE,
                sequence BIGINT NOT NULL,
                code BIGINT NOT NULL,
                description TEXT,
                location_text TEXT,
                periodicity_code BIGINT,
                start_time BIGINT,
                end_time BIGINT,
                whole_road BIGINT NOT NULL DEFAULT 1,
                PRIMARY KEY (usrn, sequence)
            )
            """,
            "CREATE INDEX street_designations_code ON street_designations (code)",
        ])
}
