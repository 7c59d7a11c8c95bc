import App
import Domain
import Foundation
import Testing

/// Typed helpers that keep journey tests a story.
extension TestApp {
    /// A valid planned `WorkCreateRequest` on a demo street, starting `startIn` days after the
    /// test clock's now (2026-01-05, a Monday).
    func workBody(
        startIn days: Double = 28, lasting duration: Double = 2, workType: String = "planned", ttro: Bool = false,
        usrn: Int = 10_010_001, overrides: [String: Any] = [:]
    ) -> [String: Any] {
        let start = clock.now().addingTimeInterval(days * 86_400)
        let end = start.addingTimeInterval(duration * 86_400)
        var body: [String: Any] = [
            "promoter_swa_code": "7001", "highway_authority_swa_code": "1001", "usrn": usrn,
            "workstream_prefix": "001",
            "works_coordinates": ["type": "LineString", "coordinates": [[451_000, 201_000], [451_050, 201_020]]],
            "secondary_contact": "Sam Second", "secondary_contact_number": "07000 000000",
            "proposed_start_date": ISO8601.format(start), "proposed_end_date": ISO8601.format(end),
            "description_of_work": "Replace a leaking water main valve", "excavation": true,
            "traffic_management_plan": false, "lane_rental_applicable": false, "collaborative_working": false,
            "others_can_collaborate_on_work": false, "reason_for_non_collaboration": "Emergency valve work",
            "activity_type": "utility_repair_and_maintenance_works", "traffic_management_type": "road_closure",
            "application_type": "permit", "location_types": ["carriageway"], "work_type": workType,
            "close_footway": "no", "close_footpath": "no", "works_location_description": "Outside number 12",
        ]
        if workType == "planned" { body["is_ttro_required"] = ttro }
        if workType == "immediate" {
            body["immediate_risk"] = true
            body["proposed_start_time"] = ISO8601.format(start)
        }
        for (key, value) in overrides { body[key] = value }
        return body
    }

    /// Submits a works record as the Anytown Water planner; returns (WRN, PRN).
    func submitWork(_ body: [String: Any]? = nil, as email: String = Demo.planner) async throws -> (String, String) {
        let response = try await request(
            .post, "/v6/work/works", token: try await token(email), json: body ?? workBody())
        #expect(response.status == .created, "create work: \(response.status) \(response.json)")
        let wrn = try #require(response.json["work_reference_number"] as? String)
        let prn = try #require(response.json["permit_reference_number"] as? String)
        return (wrn, prn)
    }

    func permit(_ wrn: String, _ prn: String, as email: String = Demo.haOfficer) async throws -> [String: Any] {
        try await request(.get, "/v6/work/works/\(wrn)/permits/\(prn)", token: try await token(email)).json
    }

    @discardableResult
    func assess(_ wrn: String, _ prn: String, _ body: [String: Any], as email: String = Demo.haOfficer) async throws
        -> JSONResponse
    {
        try await request(
            .put, "/v6/work/works/\(wrn)/permits/\(prn)/assessment", token: try await token(email), json: body)
    }
}
