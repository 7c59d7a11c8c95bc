import Contract
import Foundation

/// R-VAL-02: works geometries are GeoJSON Point, LineString or Polygon in British National
/// Grid (EPSG:27700) eastings/northings.
enum GeoJSONGeometry {
    /// The extent of the British National Grid, in metres.
    static let eastings = 0.0...700_000.0
    static let northings = 0.0...1_300_000.0

    static func problems(_ value: JSONValue, field: String, allowed: Set<String> = ["Point", "LineString", "Polygon"])
        -> [FieldError]
    {
        guard case .object(let object) = value else {
            return [FieldError(field: field, message: "must be a GeoJSON geometry object")]
        }
        guard case .string(let type)? = object["type"], allowed.contains(type) else {
            return [
                FieldError(
                    field: "\(field).type", message: "must be one of: \(allowed.sorted().joined(separator: ", "))")
            ]
        }
        guard let coordinates = object["coordinates"] else {
            return [FieldError(field: "\(field).coordinates", message: "is required")]
        }
        let path = "\(field).coordinates"
        switch type {
        case "Point":
            return position(coordinates, path)
        case "LineString":
            guard case .array(let points) = coordinates, points.count >= 2 else {
                return [FieldError(field: path, message: "must be an array of at least 2 positions")]
            }
            return points.enumerated().flatMap { position($1, "\(path)[\($0)]") }
        default:
            guard case .array(let rings) = coordinates, !rings.isEmpty else {
                return [FieldError(field: path, message: "must be an array of linear rings")]
            }
            var errors: [FieldError] = []
            for (r, ring) in rings.enumerated() {
                guard case .array(let points) = ring, points.count >= 4 else {
                    errors.append(
                        FieldError(field: "\(path)[\(r)]", message: "must be a closed ring of at least 4 positions"))
                    continue
                }
                errors += points.enumerated().flatMap { position($1, "\(path)[\(r)][\($0)]") }
                if errors.isEmpty, points.first != points.last {
                    errors.append(
                        FieldError(field: "\(path)[\(r)]", message: "must end at its first position (closed ring)"))
                }
            }
            return errors
        }
    }

    static func position(_ value: JSONValue, _ path: String) -> [FieldError] {
        guard case .array(let numbers) = value, numbers.count == 2 || numbers.count == 3,
            case .number(let easting) = numbers[0], case .number(let northing) = numbers[1]
        else { return [FieldError(field: path, message: "must be a position [easting, northing]")] }
        guard eastings.contains(easting), northings.contains(northing) else {
            return [
                FieldError(
                    field: path,
                    message: "must lie in British National Grid (EPSG:27700): easting 0-700000, northing 0-1300000")
            ]
        }
        return []
    }
}
