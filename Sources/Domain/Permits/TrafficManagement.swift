extension PermitRules {
    /// Traffic management types that count as high impact in lists and filters
    /// (`is_high_impact_traffic_management`): those that close or narrow the carriageway or stop
    /// traffic in more than one direction (D-WORKS; no source lists them).
    public static let highImpactTrafficManagement: Set<String> = [
        "road_closure", "contra_flow", "lane_closure", "multi_way_signals",
    ]

    public static func isHighImpact(trafficManagementType: String) -> Bool {
        highImpactTrafficManagement.contains(trafficManagementType)
    }
}
