import Foundation
import IncidentModel

/// Which shared undo steps (`shareBy`) an undo of some of a run's resources
/// leaves for later: a step is kept for a resource while another resource of
/// the run with the same shared value (the same VPC) is not put back yet,
/// since what the step removes (the VPC's isolation group) still holds that
/// one. The undo of the last of them runs it.
enum SharedUndoSteps {
    /// The kept steps of `undoing` (resources of `run`), each with why, in the definition's order.
    static func kept(of definition: ActionDefinition, run: ActionRun, undoing: [String], values: [String: TemplateValues],
                     in state: IncidentState) -> [ActionPlan.KeptStep] {
        let staying = run.resourcesToUndo.filter { !undoing.contains($0) }
        guard !staying.isEmpty else { return [] }
        var kept: [ActionPlan.KeptStep] = []
        for resource in undoing {
            for step in definition.steps(of: .undo) {
                guard let key = step.shareBy, let shared = run.captures(for: resource)[key] else { continue }
                let sharing = staying.filter { run.captures(for: $0)[key] == shared }
                guard !sharing.isEmpty else { continue }
                kept.append(ActionPlan.KeptStep(resource: resource, step: step.name,
                                                reason: reason(step, key: key, value: values[resource]?.object(key), sharing: sharing,
                                                               definition: definition, in: state)))
            }
        }
        return kept
    }

    /// `the isolation group stays: i-b in the same vpc vpc-0abc is still contained`.
    private static func reason(_ step: ActionStep, key: String, value: Any?, sharing: [String], definition: ActionDefinition,
                               in state: IncidentState) -> String {
        let what = step.removes ?? step.name
        let place = (value as? String).map { "\(key) \($0)" } ?? key
        let states = Set(sharing.compactMap { id in try? state.resource(matching: id).state })
        let one = sharing.count == 1
        let still: String
        if states.count == 1, let only = states.first, only == definition.successState {
            still = "\(one ? "is" : "are") still \(only.rawValue)"
        } else {
            still = "\(one ? "is" : "are") not undone yet"
        }
        return "\(what) stays: \(sharing.joined(separator: ", ")) in the same \(place) \(still); the undo of the last of them removes it"
    }
}
