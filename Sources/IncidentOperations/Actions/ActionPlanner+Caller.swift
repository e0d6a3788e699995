import AWSActions
import IncidentModel

extension ActionPlanner {
    /// This planner with the caller learnt (one `sts get-caller-identity`
    /// through its runner, once for the whole plan or run) when `definition`
    /// guards the caller; unchanged otherwise. When STS does not answer, a
    /// run (`required`) stops with the reason unless the responder allows
    /// acting on itself; a plan goes on and says the caller is unknown
    /// (`problem`).
    public func learningCaller(for definition: ActionDefinition, required: Bool, allowSelf: Bool = false) throws -> (planner: ActionPlanner, problem: String?) {
        guard definition.guardsCaller else { return (self, nil) }
        var planner = self
        do {
            planner.caller = try CallerLookup(runner: runner).learn(keys: definition.kinds.contains(.iamAccessKey))
            return (planner, nil)
        } catch {
            if required && !allowSelf { throw error }
            return (planner, "\(error)")
        }
    }
}
