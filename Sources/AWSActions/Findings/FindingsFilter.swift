import Foundation
import IncidentModel

/// Which findings to import: `--min-severity`, `--since`, `--resource`.
///
/// Given to AWS as its own filters when fetching (Security Hub's `--filters`,
/// GuardDuty's `--finding-criteria`), and applied again to every parsed
/// finding, so a service that ignores a filter (moto's Security Hub does) or
/// a file read from disk gets the same answer.
public struct FindingsFilter: Sendable, Equatable {
    /// The severities, lowest first.
    public enum Level: Int, Sendable, Comparable, CaseIterable {
        case informational, low, medium, high, critical

        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }

        var label: String { String(describing: self).uppercased() }

        /// Parses `low`, `HIGH`, … (any case).
        public init(parsing text: String) throws(FindingsError) {
            guard let level = Level.allCases.first(where: { $0.label == text.uppercased() }) else {
                throw FindingsError(source: "--min-severity", reason: "'\(text.terminalSafe)' is not informational, low, medium, high or critical")
            }
            self = level
        }

        /// The level a finding's severity text starts with (`HIGH (8.0)`, `CRITICAL`); nil for `UNKNOWN`.
        init?(severity: String) {
            guard let level = Level.allCases.first(where: { severity.hasPrefix($0.label) }) else { return nil }
            self = level
        }

        /// GuardDuty's lowest score of the level.
        var guardDutyScore: Double { [0, 1, 4, 7, 9][rawValue] }
    }

    public var minimumSeverity: Level?
    /// Findings whose activity was last seen at or after this time.
    public var since: Date?
    /// Findings that name this resource (an id, a name or an ARN).
    public var resource: String?

    public init(minimumSeverity: Level? = nil, since: Date? = nil, resource: String? = nil) {
        self.minimumSeverity = minimumSeverity
        self.since = since
        self.resource = resource
    }

    public var isEmpty: Bool { minimumSeverity == nil && since == nil && resource == nil }

    /// Whether a parsed finding passes. A finding whose severity could not be
    /// read passes a severity filter: a filter never hides what could not be judged.
    public func admits(_ finding: Finding) -> Bool {
        if let minimumSeverity, let level = Level(severity: finding.severity), level < minimumSeverity { return false }
        if let since, finding.lastSeen < since { return false }
        if let resource {
            let wanted = Self.shortName(resource)
            guard finding.resources.contains(where: { $0.reference.id == resource || Self.shortName($0.reference.id) == wanted }) else { return false }
        }
        return true
    }

    static func shortName(_ id: String) -> String {
        Resource(id: id, kind: .other, state: .suspected, addedAt: Date(timeIntervalSince1970: 0), addedBy: "").shortID
    }

    /// `securityhub get-findings --filters` (JSON), or nil when there is nothing to ask for.
    var securityHubFilters: String? {
        var filters: [String: Any] = [:]
        if let minimumSeverity {
            filters["SeverityLabel"] = Level.allCases.filter { $0 >= minimumSeverity }.map { ["Value": $0.label, "Comparison": "EQUALS"] }
        }
        if let since {
            filters["UpdatedAt"] = [["Start": Timestamp.format(since), "End": Timestamp.format(Date(timeIntervalSinceNow: 86_400))]]
        }
        if let resource { filters["ResourceId"] = [["Value": Self.shortName(resource), "Comparison": "CONTAINS"]] }
        return filters.isEmpty ? nil : Self.json(filters)
    }

    /// `guardduty list-findings --finding-criteria` (JSON), or nil when there is nothing to ask for.
    var guardDutyCriteria: String? {
        var criteria: [String: Any] = [:]
        if let minimumSeverity { criteria["severity"] = ["Gte": minimumSeverity.guardDutyScore] }
        if let since { criteria["updatedAt"] = ["Gte": Int64(since.timeIntervalSince1970 * 1000)] }
        if let resource {
            let name = Self.shortName(resource)
            if name.hasPrefix("i-") { criteria["resource.instanceDetails.instanceId"] = ["Eq": [name]] }
            if name.hasPrefix("AKIA") || name.hasPrefix("ASIA") { criteria["resource.accessKeyDetails.accessKeyId"] = ["Eq": [name]] }
        }
        return criteria.isEmpty ? nil : Self.json(["Criterion": criteria])
    }

    static func json(_ object: [String: Any]) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8), as: UTF8.self)
    }
}
