import Foundation
import IncidentModel

/// The one rule for where a use case looks: the region the responder gave
/// (`--region`, on a command or the console's), else the incident's regions,
/// else the environment's (`$AWS_REGION`, then `$AWS_DEFAULT_REGION`). The
/// import, the readiness audit and the console's keys for them all follow it.
public enum RegionRule {
    /// The regions, each checked and named once; empty when nothing names one.
    public static func regions(given: [String], incident: Incident?,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [String] {
        var chosen = given
        if chosen.isEmpty { chosen = incident?.regions ?? [] }
        if chosen.isEmpty {
            chosen = [environment["AWS_REGION"], environment["AWS_DEFAULT_REGION"]].compactMap { $0 }.filter { !$0.isEmpty }.prefix(1).map { $0 }
        }
        var unique: [String] = []
        for region in chosen where !unique.contains(region) { unique.append(try AWSRegion.validate(region)) }
        return unique
    }

    /// The region for calls about one resource: the one given, else the resource's own (nil: the CLI's default).
    public static func region(given: String?, resource: Resource) throws -> String? {
        try given.map(AWSRegion.validate) ?? resource.region
    }
}
