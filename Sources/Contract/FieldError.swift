/// One broken rule in a request: `field` is a path such as `works_coordinates`,
/// `permit_asds[0].activity_start_time` or `location_types[2]` (`body` for the body itself);
/// `message` names the rule in plain words, e.g. `must be at most 100 characters`.
public struct FieldError: Sendable, Hashable, Codable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field) \(message)" }
}
