import Foundation
import Testing

@testable import Contract

@Suite("Schema validation")
struct ValidationTests {
    private func errors(_ body: [String: JSONValue], _ schema: String = "WorkCreateRequest", in api: String = "work")
        -> Set<FieldError>
    {
        Set(contract.validate(body: .object(body), against: schema, in: api))
    }

    private func with(_ changes: [String: JSONValue?]) -> [String: JSONValue] {
        var body = minimalWorkCreateRequest()
        for (k, v) in changes { body[k] = v }
        return body
    }

    @Test func minimalBodyHasExactlyTheRequiredFields() throws {
        let schema = try JSONValue.parse(try #require(contract.api(named: "work")).rawData)["components"]?["schemas"]?[
            "WorkCreateRequest"]
        let required = try #require(schema?["required"]?.arrayValue).compactMap(\.stringValue)
        #expect(Set(required) == Set(minimalWorkCreateRequest().keys))
    }

    @Test func validMinimalBodyHasNoErrors() {
        #expect(errors(minimalWorkCreateRequest()).isEmpty)
    }

    @Test func reportsEveryFailureAtOnce() {
        var body = with([
            "description_of_work": .string(String(repeating: "x", count: 501)),
            "work_type": "emergency",
            "usrn": 8_400_123.5,
            "location_types": ["footway", "verge", "footway"],
        ])
        body["works_coordinates"] = nil
        let found = errors(body)
        #expect(
            found == [
                FieldError(field: "description_of_work", message: "must be at most 500 characters"),
                FieldError(field: "work_type", message: "must be one of: planned, immediate, hs2_highway_works"),
                FieldError(field: "works_coordinates", message: "is required"),
                FieldError(field: "usrn", message: "must be a whole number"),
                FieldError(field: "location_types", message: "must not contain duplicate items"),
            ])
        #expect(contract.validate(body: .object(body), against: "WorkCreateRequest", in: "work").count == 5)
    }

    @Test func errorsComeInSchemaOrder() {
        var body = minimalWorkCreateRequest()
        body["work_type"] = nil
        body["promoter_swa_code"] = nil
        body["usrn"] = "abc"
        let fields = contract.validate(body: .object(body), against: "WorkCreateRequest", in: "work").map(\.field)
        #expect(fields == ["promoter_swa_code", "usrn", "work_type"])
    }

    @Test func errorsComeInSchemaOrderWhenAllRequiredArePresent() {
        let body = with(["work_type": "bogus", "description_of_work": 1, "usrn": "abc", "street_name": 2])
        let fields = contract.validate(body: .object(body), against: "WorkCreateRequest", in: "work").map(\.field)
        #expect(fields == ["street_name", "usrn", "description_of_work", "work_type"])
    }

    @Test func smallSchemaWithManyUnknownKeys() {
        let found = contract.validate(
            body: ["condition": "nope", "comment": 3, "x": 1, "y": 2], against: "PermitCondition", in: "work")
        #expect(found.map(\.field) == ["condition", "comment"])
        #expect(
            contract.validate(body: ["x": 1, "y": 2, "z": 3], against: "PermitCondition", in: "work")
                == [FieldError(field: "condition", message: "is required")])
    }

    @Test func typeMismatchesNameTheExpectedType() {
        let found = errors(
            with([
                "usrn": "8400123",
                "excavation": "yes",
                "description_of_work": 5,
                "location_types": "footway",
                "works_coordinates": "anything goes",  // free-form {} schema
                "permit_asds": ["street_special_desig_code": 1],
            ]))
        #expect(
            found == [
                FieldError(field: "usrn", message: "must be a number"),
                FieldError(field: "excavation", message: "must be a boolean"),
                FieldError(field: "description_of_work", message: "must be a string"),
                FieldError(field: "location_types", message: "must be an array"),
                FieldError(field: "permit_asds", message: "must be an array"),
            ])
    }

    @Test func nestedPathsAndRanges() {
        let found = errors(
            with([
                "permit_asds": [
                    ["street_special_desig_code": 1, "special_desig_start_time": 900],
                    ["special_desig_start_time": 2500, "special_desig_end_date": "tomorrow"],
                    ["street_special_desig_code": 4, "special_desig_location_text": 7],
                ],
                "location_types": ["footway", "motorway"],
                "road_category": 11,
                "usrn": 12,
            ]))
        #expect(
            found == [
                FieldError(field: "permit_asds[1].special_desig_start_time", message: "must be between 0 and 2400"),
                FieldError(
                    field: "permit_asds[1].special_desig_end_date", message: "must be a valid date-time (ISO 8601)"),
                FieldError(field: "permit_asds[1].street_special_desig_code", message: "is required"),
                FieldError(field: "permit_asds[2].special_desig_location_text", message: "must be a string"),
                FieldError(
                    field: "permit_asds[2].street_special_desig_code",
                    message:
                        "must be one of: 1, 2, 3, 6, 8, 9, 10, 12, 13, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30"
                ),
                FieldError(
                    field: "location_types[1]",
                    message:
                        "must be one of: footway, carriageway, verge, cycleway, footpath, parking_place, bus_stop_or_stand, cycle_hire_docking_station, taxi_rank"
                ),
                FieldError(field: "road_category", message: "must be between 0 and 10"),
                FieldError(field: "usrn", message: "must be between 1000001 and 99999999"),
            ])
    }

    @Test func stringRules() {
        let found = errors(
            with([
                "work_reference_number": "bad ref!",
                "hs2_highway_emails": ["ok@example.com", "not-an-email", "third@example.com"],
                "promoter_swa_code": "12345",
            ]))
        #expect(
            found == [
                FieldError(field: "work_reference_number", message: "must match pattern ^[A-Za-z0-9_-]*$"),
                FieldError(field: "hs2_highway_emails", message: "must contain at most 2 items"),
                FieldError(field: "hs2_highway_emails[1]", message: "must be a valid email address"),
                FieldError(field: "promoter_swa_code", message: "must be at most 4 characters"),
            ])
        #expect(errors(with(["work_reference_number": "ABC_123-x", "promoter_swa_code": "ÄÖÜß"])).isEmpty)
    }

    @Test func nullCountsAsAbsent() {
        #expect(errors(with(["street_name": .null, "permit_asds": .null])).isEmpty)
        #expect(errors(with(["usrn": .null])) == [FieldError(field: "usrn", message: "is required")])
        #expect(
            errors(with(["works_coordinates": .null])) == [
                FieldError(field: "works_coordinates", message: "is required")
            ])
    }

    @Test func unknownPropertiesAreIgnored() {
        #expect(errors(with(["not_in_the_schema": 1, "another": ["x": true]])).isEmpty)
    }

    @Test(arguments: [
        "2026-01-05T09:00:00Z", "2026-01-05T09:00:00.000Z", "2026-01-05T09:00:00+01:00",
        "2026-01-05T09:00:00.123456-05:30", "2024-02-29T23:59:59Z", "2026-01-05T09:00Z", "2026-01-05t09:00:00z",
        "2026-01-05T09:00:00+0100",
    ])
    func acceptsDateTimes(text: String) {
        #expect(errors(with(["proposed_start_date": .string(text)])).isEmpty)
        #expect(DateTimeFormat.isValidDateTime(text))
    }

    @Test(arguments: [
        "2026-01-05", "2026-13-01T00:00:00Z", "2025-02-29T00:00:00Z", "2026-01-05T24:00:00Z", "2026-01-05T09:00:00",
        "2026-1-5T09:00:00Z", "yesterday", "", "2026-01-05T09:00:00.Z", "2026-01-05T09:00:00+1:00",
        "2026-01-05T09:00:00Z ",
    ])
    func rejectsBadDateTimes(text: String) {
        #expect(
            errors(with(["proposed_start_date": .string(text)]))
                == [FieldError(field: "proposed_start_date", message: "must be a valid date-time (ISO 8601)")])
    }

    @Test func dateTimeValues() throws {
        let d = try #require(DateTimeFormat.parseDateTime("2026-01-05T10:00:00.500+01:00"))
        #expect(d.timeIntervalSince1970 == 1_767_603_600.5)
        #expect(DateTimeFormat.parseDate("2026-01-05")?.timeIntervalSince1970 == 1_767_571_200)
        #expect(DateTimeFormat.isValidDate("2026-01-05T09:00:00Z"))
        #expect(!DateTimeFormat.isValidDate("2026-02-30"))
        #expect(DateTimeFormat.parseDateTime("1970-01-01T00:00:00Z")?.timeIntervalSince1970 == 0)
    }

    @Test(arguments: [
        ("pat@example.com", true), ("first.last+tag@sub.example.co.uk", true), ("a@b.io", true),
        ("no-at-sign", false), ("@example.com", false), ("pat@", false), ("pat@localhost", false),
        ("pat @example.com", false), ("pat@exa mple.com", false), ("pat..x@example.com", false),
        ("pat@example..com", false), ("pat@-example.com", false), ("pat@example.c", false),
    ])
    func emails(text: String, valid: Bool) {
        #expect(EmailFormat.isValid(text) == valid)
    }

    @Test func topLevelBodyMustBeAnObject() {
        for body: JSONValue in [[1, 2], "text", 3, .null, true] {
            #expect(
                contract.validate(body: body, against: "WorkCreateRequest", in: "work")
                    == [FieldError(field: "body", message: "must be an object")])
        }
    }

    @Test func exclusiveMinimum() {
        let found = contract.validate(
            body: ["status": "draft_invoice_issued", "number_of_days_overrun": 0, "draft_invoice_amount": -1],
            against: "Section74UpdateHAStatusRequest", in: "work")
        #expect(found.contains(FieldError(field: "number_of_days_overrun", message: "must be greater than 0")))
        #expect(found.contains(FieldError(field: "draft_invoice_amount", message: "must be greater than 0")))
    }

    @Test func unknownSchemaIsReported() {
        let found = contract.validate(body: [:], against: "NoSuchSchema", in: "work")
        #expect(found.count == 1 && found[0].field == "body")
    }

    @Test func validateForOperation() throws {
        let createWork = try #require(contract.operation(api: "work", operationId: "createWork"))
        #expect(contract.validate(body: .object(minimalWorkCreateRequest()), for: createWork).isEmpty)
        #expect(contract.validate(body: [:], for: createWork).count == 21)
        let getWork = try #require(contract.operation(api: "work", operationId: "getWork"))
        #expect(contract.validate(body: [:], for: getWork).isEmpty)
    }

    @Test func everyRequestSchemaAcceptsAnEmptyObjectOrListsRequiredFields() {
        // Smoke test: every request schema compiles and only "is required" failures come back for {}.
        for op in contract.operations {
            guard let schema = op.requestSchema else { continue }
            let found = contract.validate(body: [:], against: schema, in: op.api)
            #expect(found.allSatisfy { $0.message == "is required" }, "\(op)")
        }
    }

    @Test func queryParameters() throws {
        let getPermits = try #require(contract.operation(api: "reporting", operationId: "getPermits"))
        #expect(
            contract.validateParameters(
                query: [
                    "status": ["granted", "closed"], "offset": ["20"], "active_permit_only": ["true"],
                    "start_date": ["2026-01-05T00:00:00Z"], "sort_direction": ["asc"], "unknown": ["x"],
                ],
                for: getPermits
            ).isEmpty)
        #expect(
            Set(
                contract.validateParameters(
                    query: [
                        "status": ["granted", "bogus"], "offset": ["ten"], "active_permit_only": ["yes"],
                        "start_date": ["soon"], "sort_direction": ["up"],
                    ],
                    for: getPermits)) == [
                    FieldError(
                        field: "status[1]",
                        message:
                            "must be one of: submitted, granted, permit_modification_request, refused, closed, cancelled, revoked, progressed, under_assessment"
                    ),
                    FieldError(field: "offset", message: "must be a number"),
                    FieldError(field: "active_permit_only", message: "must be a boolean"),
                    FieldError(field: "start_date", message: "must be a valid date-time (ISO 8601)"),
                    FieldError(field: "sort_direction", message: "must be one of: asc, desc"),
                ])

        let bbox = try #require(contract.operation(api: "geojson", operationId: "getWorksIntersectBoundingBox"))
        #expect(
            Set(
                contract.validateParameters(
                    query: ["minEasting": ["1"], "minNorthing": ["2.5"], "maxEasting": ["1e3"]], for: bbox))
                == [FieldError(field: "maxNorthing", message: "is required")])
    }

    @Test func patternFastPath() throws {
        for source in ["^[A-Za-z0-9_-]*$", "^[A-Za-z0-9]*$", "^[0-9]{1,4}$"] {
            let fast = try #require(PatternMatcher(source))
            #expect(fast.usesFastPath)
            let regex = try NSRegularExpression(pattern: source)
            for sample in ["", "abc", "ABC_12-3", "12345", "1234", "a b", "é", "abc\n", "-", "0"] {
                let viaRegex = regex.firstMatch(in: sample, range: NSRange(sample.startIndex..., in: sample)) != nil
                let expected = sample.hasSuffix("\n") ? false : viaRegex  // ICU's $ also matches before a final newline
                #expect(fast.matches(sample) == expected, "\(source) on \(sample.debugDescription)")
            }
        }
        let general = try #require(PatternMatcher("^(ab)+$"))
        #expect(!general.usesFastPath)
        #expect(general.matches("abab") && !general.matches("aba"))
        #expect(PatternMatcher("([") == nil)
    }
}
