/// Between the generated wire enums and the domain's: the same values under two types (the
/// domain never imports the generated API targets). A value without a twin is a server error,
/// never a silent default; tests hold the two lists equal.
enum Wire {
    static func map<A: RawRepresentable, B: RawRepresentable>(_ value: A, to type: B.Type = B.self) throws -> B
    where A.RawValue == B.RawValue {
        guard let mapped = B(rawValue: value.rawValue) else {
            throw AppError(.internalServerError, "\(value.rawValue) has no \(B.self) value")
        }
        return mapped
    }

    static func map<A: RawRepresentable, B: RawRepresentable>(_ value: A?, to type: B.Type = B.self) throws -> B?
    where A.RawValue == B.RawValue {
        try value.map { try map($0, to: B.self) }
    }

    static func map<A: RawRepresentable, B: RawRepresentable>(_ values: [A], to type: B.Type = B.self) throws -> [B]
    where A.RawValue == B.RawValue {
        try values.map { try map($0, to: B.self) }
    }

    /// A stored wire value (text) as its enum.
    static func map<B: RawRepresentable>(_ text: String, to type: B.Type = B.self) throws -> B
    where B.RawValue == String {
        guard let mapped = B(rawValue: text) else {
            throw AppError(.internalServerError, "\(text) has no \(B.self) value")
        }
        return mapped
    }
}
