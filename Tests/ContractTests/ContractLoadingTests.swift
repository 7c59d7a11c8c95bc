import Foundation
import Testing

@testable import Contract

@Suite("Loading the bundled documents")
struct ContractLoadingTests {
    @Test(arguments: [
        ("work", 94), ("reporting", 36), ("lookup", 4), ("geojson", 8), ("party", 14),
        ("export", 22), ("event", 5), ("sampling", 11), ("worklist", 8),
    ])
    func operationCounts(api: String, count: Int) throws {
        let document = try #require(contract.api(named: api))
        #expect(document.operations.count == count)
        #expect(document.basePath == "/v6/\(api)")
        #expect(document.operations.allSatisfy { $0.api == api })
    }

    @Test func loadsAllNineAPIs() {
        #expect(contract.apis.map(\.name) == OpenAPIContract.apiNames)
        #expect(contract.operations.count == 202)
        #expect(contract.apis.reduce(0) { $0 + $1.operations.count } == 202)
        for (i, op) in contract.operations.enumerated() { #expect(op.index == i) }
    }

    @Test func rawDataIsTheDocument() throws {
        for api in contract.apis {
            #expect(api.rawData.starts(with: Array("{".utf8)) || api.rawData.contains(UInt8(ascii: "{")))
            let parsed = try JSONValue.parse(api.rawData)
            #expect(parsed["servers"]?[0]?["url"]?.stringValue == api.basePath)
            #expect(parsed["openapi"]?.stringValue?.hasPrefix("3.1") == true)
        }
        // The bytes are the file's bytes, not a re-serialisation.
        let work = try #require(contract.api(named: "work"))
        let directory = try #require(
            OpenAPIContract.bundledDirectoryCandidates().first {
                FileManager.default.isReadableFile(atPath: $0.appendingPathComponent("work.json").path)
            })
        #expect(try Data(contentsOf: directory.appendingPathComponent("work.json")) == work.rawData)
    }

    @Test func createWorkMetadata() throws {
        let op = try #require(contract.operation(api: "work", operationId: "createWork"))
        #expect(op.method == "POST")
        #expect(op.path == "/works")
        #expect(op.requiresToken)
        #expect(op.roles == ["Planner", "Contractor"])
        #expect(op.requestSchema == "WorkCreateRequest")
        #expect(op.requestBodyRequired)
        #expect(!op.isMultipart)
        #expect(op.businessRules == ["3"])
        #expect(op.parameters.isEmpty)
    }

    @Test func openOperations() throws {
        let authenticate = try #require(contract.operation(api: "work", operationId: "authenticate"))
        #expect(!authenticate.requiresToken)
        #expect(authenticate.roles.isEmpty)
        for api in OpenAPIContract.apiNames {
            let status = try #require(contract.operation(api: api, operationId: "getStatus"))
            #expect(!status.requiresToken)
            #expect(status.method == "GET" && status.path == "/status")
        }
        #expect(contract.operations.filter { !$0.requiresToken }.count == 16)
    }

    @Test func multipartOperations() throws {
        let upload = try #require(contract.operation(api: "work", operationId: "uploadFile"))
        #expect(upload.isMultipart)
        #expect(upload.requestSchema == nil)
        #expect(upload.multipartSchema == "FilesBody")
        #expect(
            contract.operations.filter(\.isMultipart).map(\.operationId).sorted()
                == ["createGeographicalArea", "updateGeographicalArea", "uploadFile"])
    }

    @Test func rolesSplitFromADescriptionAreCleanedUp() throws {
        // work.json lists x-roles ["Planner", "Contractor The Permit and Section 81 must both exist already", …]
        let link = try #require(contract.operation(api: "work", operationId: "linkSection81ToPermit"))
        #expect(link.roles == ["Planner", "Contractor"])
        let unlink = try #require(contract.operation(api: "work", operationId: "unlinkSection81FromPermit"))
        #expect(unlink.roles == ["Planner", "Contractor"])
        let allRoles = Set(contract.operations.flatMap(\.roles))
        #expect(allRoles == ["Planner", "Contractor", "HighwayAuthority", "Admin", "StreetWorksAdmin"])
    }

    @Test func parametersAreListed() throws {
        let getPermits = try #require(contract.operation(api: "reporting", operationId: "getPermits"))
        let status = try #require(getPermits.parameters.first { $0.name == "status" })
        #expect(status.location == .query && status.isArray && !status.required)
        let getPermit = try #require(contract.operation(api: "work", operationId: "getPermit"))
        #expect(getPermit.parameters.map(\.name) == ["workReferenceNumber", "permitReferenceNumber"])
        #expect(getPermit.parameters.allSatisfy { $0.location == .path && $0.required })
    }

    @Test func schemaNames() {
        #expect(contract.schemaNames(in: "work").count == 282)
        #expect(contract.hasSchema("WorkCreateRequest", in: "work"))
        #expect(!contract.hasSchema("WorkCreateRequest", in: "party"))
    }

    @Test func unknownLookupsReturnNil() {
        #expect(contract.operation(api: "work", operationId: "nope") == nil)
        #expect(contract.operation(api: "nope", operationId: "createWork") == nil)
        #expect(contract.api(named: "nope") == nil)
    }

    @Test func loadFailures() throws {
        #expect(throws: ContractError.self) {
            try OpenAPIContract(documents: [("bad", Data("{\"paths\": ".utf8))])
        }
        let unresolved =
            ##"{"paths": {"/x": {"post": {"operationId": "x", "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Missing"}}}}}}}}"##
        #expect(throws: ContractError.self) {
            try OpenAPIContract(documents: [("bad", Data(unresolved.utf8))])
        }
        #expect(throws: ContractError.self) {
            try OpenAPIContract.load(directory: URL(fileURLWithPath: "/nonexistent"))
        }
    }
}
