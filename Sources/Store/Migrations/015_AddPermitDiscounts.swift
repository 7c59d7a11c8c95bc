extension Migration {
    /// R-FEE-05: the discount on a permit's fee, a column of its own (it was only inside the stored
    /// assessment): the highway authority changes it after the grant, with a reason, and a deemed
    /// permit has no assessment to keep it in. Existing grants carry theirs over.
    static let addPermitDiscounts = Migration(
        15, "AddPermitDiscounts",
        [
            "ALTER TABLE permits ADD COLUMN assessment_discount BIGINT",
            "ALTER TABLE permits ADD COLUMN assessment_discount_reason TEXT",
        ],
        dialects: [
            .sqlite: [
                """
                UPDATE permits SET assessment_discount = CAST(json_extract(assessment, '$.assessment_discount') AS INTEGER)
                WHERE assessment IS NOT NULL AND json_extract(assessment, '$.assessment_discount') IS NOT NULL
                """
            ],
            .postgres: [
                """
                UPDATE permits SET assessment_discount = (assessment::jsonb ->> 'assessment_discount')::numeric::bigint
                WHERE assessment IS NOT NULL AND assessment::jsonb ->> 'assessment_discount' IS NOT NULL
                """
            ],
        ])
}
