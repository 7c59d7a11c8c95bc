import Contract
import Foundation

/// The bundled documents, loaded once for all tests.
let contract: OpenAPIContract = {
    do {
        return try OpenAPIContract.loadBundled()
    } catch {
        fatalError("cannot load the bundled OpenAPI documents: \(error)")
    }
}()

/// A WorkCreateRequest with exactly the fields `required` lists in work.json, all valid.
func minimalWorkCreateRequest() -> [String: JSONValue] {
    [
        "promoter_swa_code": "0001",
        "highway_authority_swa_code": "4230",
        "works_coordinates": ["type": "Point", "coordinates": [530_000, 180_000]],
        "usrn": 8_400_123,
        "secondary_contact": "Pat Jones",
        "secondary_contact_number": "01234 567890",
        "proposed_start_date": "2026-01-05T00:00:00.000Z",
        "proposed_end_date": "2026-01-09T00:00:00Z",
        "description_of_work": "Replace a gas main",
        "excavation": true,
        "traffic_management_plan": false,
        "lane_rental_applicable": false,
        "collaborative_working": false,
        "activity_type": "utility_repair_and_maintenance_works",
        "traffic_management_type": "lane_closure",
        "application_type": "permit",
        "location_types": ["footway", "carriageway"],
        "work_type": "planned",
        "close_footway": "no",
        "close_footpath": "no",
        "works_location_description": "Outside number 12",
    ]
}
