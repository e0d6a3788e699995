/// How bad an incident is: 1 (critical) to 4 (low).
public struct Severity: RawRepresentable, Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: Int

    /// Fails for values outside 1…4.
    public init?(rawValue: Int) {
        guard (1...4).contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Validates a severity given by a person, with a message naming the problem.
    public init(validating value: Int) throws {
        guard let severity = Severity(rawValue: value) else {
            throw IncidentError.invalidInput("severity \(value) is out of range; expected 1 (critical) to 4 (low)")
        }
        self = severity
    }

    public var label: String { ["critical", "high", "medium", "low"][rawValue - 1] }
    public var description: String { "SEV\(rawValue)" }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer().decode(Int.self)
        guard let severity = Severity(rawValue: value) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "severity \(value) out of range"))
        }
        self = severity
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
