/// The number of an incident, printed as `INC-n`.
public struct IncidentID: RawRepresentable, Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: Int

    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Parses `INC-7`, `inc-7` or `7`.
    public init(parsing text: String) throws {
        var digits = Substring(text.trimmingCharacters(in: .whitespaces))
        if digits.lowercased().hasPrefix("inc-") { digits = digits.dropFirst(4) }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
              let number = Int(digits), number > 0 else {
            throw IncidentError.invalidInput("'\(text.terminalSafe)' is not an incident id; expected INC-n or a number")
        }
        rawValue = number
    }

    public var description: String { "INC-\(rawValue)" }

    public static func < (lhs: IncidentID, rhs: IncidentID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

import Foundation
