import Foundation
import IncidentModel

/// What a run will do, before it does it: every `aws` call per resource,
/// with the values known now filled in and later captures shown as `{name}`.
public struct ActionPlan: Sendable {
    /// One call as planned.
    public struct Call: Sendable, Equatable {
        public var resource: String
        public var stage: ActionStage
        public var step: String
        /// The argv after `aws`, exactly as it will run where `complete`; otherwise with `{capture}` for values a step will capture.
        public var arguments: [String]
        public var complete: Bool
        /// The condition the call depends on, said for people (`when original-groups is recorded`).
        public var condition: String?
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
}
