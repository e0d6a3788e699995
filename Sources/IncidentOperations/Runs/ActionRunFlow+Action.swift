import AWSActions
import IncidentModel

extension ActionRunFlow {
    /// Runs `definition` on `resources`: planned again from the state inside the
    /// start's transaction, and the caller guard enforced on that very plan
    /// (`allowSelf`: the responder allowed acting on Firebreak's own identity).
    public func run(_ definition: ActionDefinition, resources: [String], parameters: [String: String], planner: ActionPlanner,
                    allowSelf: Bool, dryRun: Bool = false, force: Bool = false) throws -> ActionRun {
        try run(plan: { state in
            let plan = try planner.plan(definition, resources: resources, in: state, parameters: parameters)
            try CallerGuard.enforce(plan, allowSelf: allowSelf)
            return plan
        }, dryRun: dryRun, force: force)
    }
}
