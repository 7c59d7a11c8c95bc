extension Migration {
    /// What the reporting lists filter on that was not yet a column: the lane rental assessment
    /// outcome (set by lane rental assessments) and whether the grant challenged the duration.
    static let addListColumns = Migration(
        8, "AddListColumns",
        [
            "ALTER TABLE permits ADD COLUMN lane_rental_assessment_outcome TEXT",
            "ALTER TABLE permits ADD COLUMN is_duration_challenged BIGINT NOT NULL DEFAULT 0",
            "CREATE INDEX comments_created ON comments (date_created, comment_reference_number)",
        ],
        dialects: [
            .sqlite: [
                """
                UPDATE permits SET is_duration_challenged = 1
                WHERE assessment IS NOT NULL AND json_extract(assessment, '$.is_duration_challenged') = 1
                """
            ],
            .postgres: [
                """
                UPDATE permits SET is_duration_challenged = 1
                WHERE assessment IS NOT NULL AND assessment::jsonb ->> 'is_duration_challenged' = 'true'
                """
            ],
        ])
}
