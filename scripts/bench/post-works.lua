-- POST /v6/work/works with a full, valid WorkCreateRequest (auto-generated reference numbers).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["token"] = os.getenv("TOKEN")
wrk.body = [==[{"promoter_swa_code":"7001","highway_authority_swa_code":"1001","usrn":10010001,"workstream_prefix":"001",
"works_coordinates":{"type":"LineString","coordinates":[[451000,201000],[451050,201020]]},"work_type":"planned",
"is_ttro_required":false,"proposed_start_date":"2030-03-04T08:00:00Z","proposed_end_date":"2030-03-06T17:00:00Z",
"description_of_work":"Benchmark: replace a valve","works_location_description":"Outside number 12",
"activity_type":"utility_repair_and_maintenance_works","traffic_management_type":"road_closure",
"application_type":"permit","location_types":["carriageway"],"close_footway":"no","close_footpath":"no",
"excavation":true,"traffic_management_plan":false,"lane_rental_applicable":false,"collaborative_working":false,
"others_can_collaborate_on_work":false,"reason_for_non_collaboration":"Small job","secondary_contact":"Sam Second",
"secondary_contact_number":"07000 000000"}]==]
