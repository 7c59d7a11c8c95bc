extension Migration {
    /// The notification outbox the works command writes with each notifiable event (D-OUTBOX);
    /// what permits and works now store instead of answering constants: the traffic-sensitive
    /// decision (R-PERMIT-21), the street data the promoter did not select, the original proposed
    /// end moved by a late start (R-PERMIT-20), lane rental charges not agreed, and the final
    /// reinstatement flag; history object types in the contract's lower-case values.
    static let addOutboxAndPermitFacts = Migration(
        7, "AddOutboxAndPermitFacts",
        [
            """
            CREATE TABLE notification_outbox (
                update_id BIGINT PRIMARY KEY,
                work_reference_number TEXT NOT NULL,
                event TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                attempts BIGINT NOT NULL DEFAULT 0,
                delivered_at BIGINT
            )
            """,
            "CREATE INDEX notification_outbox_pending ON notification_outbox (delivered_at, update_id)",
            "ALTER TABLE permits ADD COLUMN original_proposed_end_date BIGINT",
            "ALTER TABLE permits ADD COLUMN is_traffic_sensitive BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE permits ADD COLUMN lane_rental_charges_not_agreed BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE permits ADD COLUMN not_selected_asds TEXT NOT NULL DEFAULT '[]'",
            "ALTER TABLE works ADD COLUMN final_reinstatement BIGINT NOT NULL DEFAULT 0",
            // The application fields lists show, as columns (lists no longer parse each payload).
            "ALTER TABLE permits ADD COLUMN activity_type TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE permits ADD COLUMN traffic_management_type TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE permits ADD COLUMN works_location_description TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE permits ADD COLUMN excavation BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE permits ADD COLUMN lane_rental_applicable BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE permits ADD COLUMN proposed_start_time TEXT",
            "ALTER TABLE permits ADD COLUMN proposed_end_time TEXT",
            // Permits made before this version: traffic-sensitive when the street has the
            // designation (the selection was not recorded).
            """
            UPDATE permits SET is_traffic_sensitive = 1 WHERE usrn IN
            (SELECT usrn FROM street_designations WHERE code = 2)
            """,
            "UPDATE work_history SET object_type = LOWER(object_type)",
        ],
        dialects: [
            .sqlite: [
                """
                UPDATE permits SET activity_type = COALESCE(json_extract(payload, '$.activity_type'), ''),
                traffic_management_type = COALESCE(json_extract(payload, '$.traffic_management_type'), ''),
                works_location_description = COALESCE(json_extract(payload, '$.works_location_description'), ''),
                excavation = COALESCE(json_extract(payload, '$.excavation'), 0),
                lane_rental_applicable = COALESCE(json_extract(payload, '$.lane_rental_applicable'), 0),
                proposed_start_time = json_extract(payload, '$.proposed_start_time'),
                proposed_end_time = json_extract(payload, '$.proposed_end_time')
                """
            ],
            .postgres: [
                """
                UPDATE permits SET activity_type = COALESCE(payload::jsonb ->> 'activity_type', ''),
                traffic_management_type = COALESCE(payload::jsonb ->> 'traffic_management_type', ''),
                works_location_description = COALESCE(payload::jsonb ->> 'works_location_description', ''),
                excavation = CASE WHEN payload::jsonb ->> 'excavation' = 'true' THEN 1 ELSE 0 END,
                lane_rental_applicable = CASE WHEN payload::jsonb ->> 'lane_rental_applicable' = 'true' THEN 1 ELSE 0 END,
                proposed_start_time = payload::jsonb ->> 'proposed_start_time',
                proposed_end_time = payload::jsonb ->> 'proposed_end_time'
                """
            ],
        ])
}
