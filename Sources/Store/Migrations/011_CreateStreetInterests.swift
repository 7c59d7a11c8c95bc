extension Migration {
    /// The organisations with an interest in a street besides its highway authority (the NSG's
    /// interest records): the interested parties of the permits on it (D-INTERESTED).
    static let createStreetInterests = Migration(
        11, "CreateStreetInterests",
        [
            """
            CREATE TABLE street_interests (
                usrn BIGINT NOT NULL REFERENCES streets(usrn) ON DELETE CASCADE,
                swa_code TEXT NOT NULL,
                PRIMARY KEY (usrn, swa_code)
            )
            """,
            "CREATE INDEX street_interests_party ON street_interests (swa_code, usrn)",
        ])
}
