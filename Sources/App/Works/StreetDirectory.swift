import Store

/// What submitting needs to know of a street in the gazetteer (R-WORK-10, R-PERMIT-20/21).
struct StreetFacts: Sendable {
    var usrn: Int
    var streetName: String
    var town: String?
    var areaName: String?
    var roadCategory: Int
    var highwayAuthoritySWACode: String
    var isTrafficSensitive: Bool
}

struct StreetDirectory: Sendable {
    let database: any SQLExecutor

    func street(usrn: Int) async throws -> StreetFacts? {
        guard
            let row = try await database.first(
                "SELECT usrn, street_name, town, area, road_category, ha_swa_code, traffic_sensitive FROM streets WHERE usrn = ?",
                .int(Int64(usrn)))
        else { return nil }
        return StreetFacts(
            usrn: usrn, streetName: row.string("street_name") ?? "", town: row.string("town"),
            areaName: row.string("area").flatMap { $0.isEmpty ? nil : $0 }, roadCategory: row.int("road_category") ?? 0,
            highwayAuthoritySWACode: row.string("ha_swa_code") ?? "",
            isTrafficSensitive: row.bool("traffic_sensitive") ?? false)
    }
}
