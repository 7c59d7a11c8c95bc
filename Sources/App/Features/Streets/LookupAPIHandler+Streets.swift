import Contract
import Domain
import Foundation
import LookupAPI
import Store

/// The street gazetteer: streets by USRN, by text and by coordinates (R-VAL-03, R-VAL-04).
enum StreetsFeature: Feature {
    static let operations = ["lookup": ["getStreetsByUsrn", "getStreetsByQuery", "getStreets"]]
}

/// Lookup API: streets of the gazetteer by USRN, by text and by coordinates.
extension LookupAPIHandler {
    /// Most streets `GET /nsg/search` returns.
    static var searchLimit: Int { 50 }
    static var maximumQueryLength: Int { 100 }
    /// How far from a coordinate of `POST /nsg/streets/search` a street may run (metres).
    static var searchRadius: Double { 15 }
    /// The location description of an authority responsible for the whole street.
    static var wholeStreet: String { "Whole street" }

    var streets: StreetRepository { StreetRepository(services.database) }

    func getStreetsByUsrn(_ input: Operations.GetStreetsByUsrn.Input) async throws
        -> Operations.GetStreetsByUsrn.Output
    {
        let usrn = try Self.usrn(input.path.usrn)
        guard let street = try await streets.street(usrn) else { throw AppError.notFound("Street") }
        let names = try await authorityNames(of: [street])
        return .ok(.init(body: .json(.init(street, authorityName: names[street.authoritySWACode]!))))
    }

    func getStreetsByQuery(_ input: Operations.GetStreetsByQuery.Input) async throws
        -> Operations.GetStreetsByQuery.Output
    {
        let query = input.query.query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !query.isEmpty else { throw AppError.invalid(field: "query", "must not be empty") }
        guard query.count <= Self.maximumQueryLength else {
            throw AppError.invalid(field: "query", "must be at most \(Self.maximumQueryLength) characters")
        }
        let found = try await streets.search(query, limit: Self.searchLimit)
        let names = try await authorityNames(of: found)
        return .ok(
            .init(
                body: .json(
                    found.map {
                        Components.Schemas.StreetSummaryResponse($0, authorityName: names[$0.authoritySWACode]!)
                    })))
    }

    /// The streets within `searchRadius` of each coordinate, nearest first, each street once.
    func getStreets(_ input: Operations.GetStreets.Input) async throws -> Operations.GetStreets.Output {
        guard case .json(let request) = input.body else { throw AppError.invalid(field: "body", "is required") }
        guard !request.coordinates.isEmpty else {
            throw AppError.invalid(field: "coordinates", "must have at least 1 item")
        }
        var errors: [FieldError] = []
        for (index, point) in request.coordinates.enumerated() {
            if !WKT.eastings.contains(point.easting) {
                errors.append(.init(field: "coordinates[\(index)].easting", message: "must be from 0 to 700000"))
            }
            if !WKT.northings.contains(point.northing) {
                errors.append(.init(field: "coordinates[\(index)].northing", message: "must be from 0 to 1300000"))
            }
        }
        if !errors.isEmpty { throw AppError.invalid(errors) }
        var found: [Street] = []
        var seen: Set<Int> = []
        for point in request.coordinates {
            for street in try await streets.streets(near: [point.easting, point.northing], within: Self.searchRadius)
            where seen.insert(street.usrn).inserted {
                found.append(street)
            }
        }
        let names = try await authorityNames(of: found)
        return .created(
            .init(
                body: .json(
                    found.map { Components.Schemas.StreetResponse($0, authorityName: names[$0.authoritySWACode]!) })))
    }

    /// R-VAL-03: the Lookup API takes whole-number USRNs from 100001 to 99999999.
    static func usrn(_ value: Double, field: String = "usrn") throws -> Int {
        guard value == value.rounded(), let usrn = Int(exactly: value), Street.usrnRange.contains(usrn) else {
            throw AppError.invalid(
                field: field,
                "must be a whole number from \(Street.usrnRange.lowerBound) to \(Street.usrnRange.upperBound)")
        }
        return usrn
    }

    /// The organisation name of each street's highway authority, or its SWA code when the
    /// authority is not an organisation of this installation.
    func authorityNames(of streets: [Street]) async throws -> [String: String] {
        let identity = IdentityRepository(services.database)
        var names: [String: String] = [:]
        for code in Set(streets.map(\.authoritySWACode)) {
            names[code] = try await identity.organisation(code)?.name ?? code
        }
        return names
    }
}
