extension Migration {
    /// R-PERMIT-23: the traffic management the promoter reports in place on a live permit, when it
    /// reported it, and the emergency contact that signals need.
    static let addCurrentTrafficManagement = Migration(
        17, "AddCurrentTrafficManagement",
        [
            "ALTER TABLE permits ADD COLUMN current_traffic_management_type TEXT",
            "ALTER TABLE permits ADD COLUMN current_traffic_management_update_date BIGINT",
            "ALTER TABLE permits ADD COLUMN current_traffic_management_emergency_contact_name TEXT",
            "ALTER TABLE permits ADD COLUMN current_traffic_management_emergency_contact_number TEXT",
        ])
}
