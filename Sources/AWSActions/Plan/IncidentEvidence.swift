import Foundation
import IncidentModel

/// What this incident's own record says it took as evidence: a resource that
/// an additive run of the incident (ec2.snapshot, whatever its end) captured
/// the id of was created by Firebreak for the incident. `ebs.delete-snapshot`
/// reads it as `{evidence-run}` and refuses such a snapshot unless forced,
/// even when its tags were removed.
enum IncidentEvidence {
    /// The first run of `state` that created the resource AWS calls `cliID`, or nil.
    static func run(thatCreated cliID: String, in state: IncidentState) -> String? {
        for run in state.actionRuns where run.risk == .additive && !run.dryRun {
            for resource in run.resources {
                for json in run.captures(for: resource).values where mentions(json, cliID) { return run.runID }
            }
        }
        return nil
    }

    /// Whether a captured JSON value is `id` or a list holding it.
    private static func mentions(_ json: String, _ id: String) -> Bool {
        guard json.contains(id),
              let value = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]) else { return false }
        if let text = value as? String { return text == id }
        return (value as? [Any])?.contains { ($0 as? String) == id } ?? false
    }
}
