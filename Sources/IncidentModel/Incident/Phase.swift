/// The seven phases of the incident-response framework, in order.
///
/// Phases are not a one-way street: an incident may re-enter an earlier phase,
/// and the timeline records every entry.
public enum Phase: String, CaseIterable, Codable, Sendable, Comparable {
    case readiness
    case detection
    case containment
    case troubleshooting
    case remediation
    case recovery
    case followUp = "follow-up"

    /// 1 for Readiness … 7 for Follow-up.
    public var number: Int { Phase.allCases.firstIndex(of: self)! + 1 }

    /// The name shown to people, e.g. "Follow-up".
    public var title: String {
        switch self {
        case .followUp: return "Follow-up"
        default: return rawValue.prefix(1).uppercased() + rawValue.dropFirst()
        }
    }

    /// Parses a phase name or number, in any case: `containment`, `3`, `Follow-Up`, `followup`.
    public init(parsing text: String) throws {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let number = Int(key), (1...7).contains(number) {
            self = Phase.allCases[number - 1]
            return
        }
        if let phase = Phase(rawValue: key) ?? Phase.allCases.first(where: { $0.rawValue.replacingOccurrences(of: "-", with: "") == key.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "") }) {
            self = phase
            return
        }
        throw IncidentError.invalidInput("unknown phase '\(text.terminalSafe)'; expected one of \(Phase.allCases.map(\.rawValue).joined(separator: ", ")) or 1-7")
    }

    public static func < (lhs: Phase, rhs: Phase) -> Bool { lhs.number < rhs.number }
}

import Foundation
