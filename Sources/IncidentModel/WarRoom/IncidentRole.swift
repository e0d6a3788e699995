/// The roles an incident records: who leads, and who keeps the record.
public enum IncidentRole: String, CaseIterable, Codable, Sendable {
    case commander
    case scribe

    public init(parsing text: String) throws {
        guard let role = IncidentRole(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw IncidentError.invalidInput("unknown role '\(text.terminalSafe)'; expected commander or scribe")
        }
        self = role
    }
}

/// `role.assigned`: someone takes (or is given) a role; an empty operator clears it.
public struct RoleAssigned: Codable, Sendable, Equatable {
    public static let kind = "role.assigned"
    public var role: IncidentRole
    public var operatorName: String

    public init(role: IncidentRole, operatorName: String) {
        self.role = role
        self.operatorName = operatorName
    }
}

import Foundation
