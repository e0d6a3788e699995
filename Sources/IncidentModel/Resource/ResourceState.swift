/// Where a resource stands in the response, from first suspicion to all-clear.
public enum ResourceState: String, CaseIterable, Codable, Sendable {
    case suspected
    case compromised
    case contained
    case eradicated
    case recovered
    case cleared

    /// Parses a state name in any case.
    public init(parsing text: String) throws {
        guard let state = ResourceState(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw IncidentError.invalidInput("unknown resource state '\(text.terminalSafe)'; expected one of \(ResourceState.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = state
    }
}

import Foundation
