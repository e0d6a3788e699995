import Foundation
import IncidentModel

/// What a run will do, before it does it: every `aws` call per resource,
/// with the values known now filled in and later captures shown as `{name}`.
public struct ActionPlan: Sendable {
    /// One call as planned.
    public struct Call: Sendable, Equatable {
        /// The first resource the call is for.
        public var resource: String
        /// Every resource one batched call covers (`resource` first); just `resource` otherwise.
        public var resources: [String]
        public var stage: ActionStage
        public var step: String
        /// The argv after `aws`, exactly as it will run where `complete`; otherwise with `{capture}` for values a step will capture.
        public var arguments: [String]
        public var complete: Bool
        /// The condition the call depends on, said for people (`when original-groups is recorded`).
        public var condition: String?
        /// For one repetition of a repeated step: the item it is for (`eni-0abc…`); nil otherwise.
        /// A step repeated over a list not captured yet is one call with the item's placeholders left in.
        public var item: String? = nil
    }

    /// A shared undo step one resource's undo leaves for later: others of
    /// the run that share it (one VPC's isolation group) are not put back yet.
    public struct KeptStep: Sendable, Equatable {
        public var resource: String
        public var step: String
        /// Why, for people: `the isolation group stays: i-b in the same vpc vpc-0abc is still contained`.
        public var reason: String
    }

    public var definition: ActionDefinition
    public var incident: IncidentID
    public var runID: String
    public var resources: [PlannedResource]
    /// Operator-given and default parameter values.
    public var parameters: [String: String]
    /// Per resource: the values known before anything runs (built-ins, parameters, and for undo the recorded captures).
    public var values: [String: TemplateValues]
    /// The stages a run goes through: record, change, verify; or undo.
    public var stages: [ActionStage]
    public var calls: [Call]
    /// The text `--confirm` must repeat for a destructive action.
    public var confirmationText: String?
    /// The run this plan undoes.
    public var undoes: String?
    /// Per resource, the definition's `notice` filled from the preview's reads
    /// (`ActionPlanner.preview`): who else a change reaches. Empty until previewed.
    public var notices: [String: String] = [:]
    /// True once the preview's read-only calls were made.
    public var previewed = false
    /// Who the calls are made as, for an action that guards the caller (`CallerGuard`); nil when not learnt.
    public var caller: CallerIdentity?
    /// The resources that are the caller's own: a run refuses them without `--allow-self`.
    public var callerConflicts: [CallerConflict] = []
    /// For an undo: the definition's `undoNotice` when it applies to the parameters given.
    public var undoNotice: String?
    /// For an undo of some of a run's resources: the shared steps it does not run, and why.
    public var kept: [KeptStep] = []
    /// For an undo: how many resources the run it reverts covers (more than `resources` when it undoes some of them).
    public var undoneRunResources: [String] = []

    /// The kept step `step` of `resource`, if the plan leaves it for later.
    public func kept(_ step: String, for resource: String) -> KeptStep? {
        kept.first { $0.step == step && $0.resource == resource }
    }

    /// False when the text to type still names a value the preview could not read
    /// (`delete {summary.count} versions…` after a failed listing): nobody has seen
    /// what the run destroys, so it cannot be confirmed.
    public var confirmationIsFilled: Bool {
        confirmationText.map { PlanText.references($0).isEmpty } ?? true
    }

    /// Everything the plan warns about: the definition's warning, then each resource's notice.
    public var warnings: [String] {
        (definition.warning.map { [$0] } ?? []) + resources.compactMap { resource in notices[resource.id].map { "\(resource.id): \($0)" } }
    }
}
