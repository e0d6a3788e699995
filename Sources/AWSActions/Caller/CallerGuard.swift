import Foundation
import IncidentModel

/// The rule every identity action keeps: never act on the identity Firebreak
/// itself runs as (its IAM user, the role behind its session, the access key
/// it signs with), and never write a bucket policy that denies it, unless the
/// responder overrides it (`--allow-self`, or the console's typed confirmation).
///
/// Which actions it applies to is data (`"guardsCaller": true` in a
/// definition); what counts as the caller's own is decided here, by the
/// resource's kind. IAM user and role names are unique in an account without
/// regard to case or path, so they are compared by name, ignoring case, and
/// by account when the resource names one.
public enum CallerGuard {
    /// The plan's resources and bucket policies that are the caller's own.
    public static func conflicts(in plan: ActionPlan, caller: CallerIdentity) -> [CallerConflict] {
        var found: [CallerConflict] = []
        for resource in plan.resources {
            if let account = resource.account, !account.isEmpty, account != caller.account { continue }
            if let reason = reason(resource, caller: caller, plan: plan) {
                found.append(CallerConflict(resource: resource.id, reason: reason))
            }
        }
        return found
    }

    /// Refuses, in one line, a plan that acts on the caller without the
    /// override, or one whose caller could not be learnt.
    public static func enforce(_ plan: ActionPlan, allowSelf: Bool) throws {
        guard plan.definition.guardsCaller, !allowSelf else { return }
        guard let caller = plan.caller else {
            throw IncidentError.invalidInput("\(plan.definition.id): who Firebreak acts as is unknown, so it cannot check it is not acting on itself (--allow-self runs without the check)")
        }
        guard let first = plan.callerConflicts.first else { return }
        let more = plan.callerConflicts.count > 1 ? " (and \(plan.callerConflicts.count - 1) more)" : ""
        throw IncidentError.invalidInput("refusing \(plan.definition.id): \(first.resource.terminalSafe) \(first.reason)\(more); "
            + "Firebreak acts as \(caller.arn.terminalSafe) and could not undo it afterwards (--allow-self to do it anyway)")
    }

    /// False for a call of a step that a parameter rules out (`"when": "responder-roles"` without
    /// the parameter): parameters are known when the plan is made, so that policy is never written.
    private static func mayRun(_ call: ActionPlan.Call, plan: ActionPlan) -> Bool {
        guard let step = plan.definition.steps(of: call.stage).first(where: { $0.name == call.step }) else { return true }
        let values = plan.values[call.resource] ?? TemplateValues()
        let parameters = Set(plan.definition.parameters.map(\.name))
        if let name = step.when, parameters.contains(name), values.isEmpty(name) { return false }
        if let name = step.unless, parameters.contains(name), !values.isEmpty(name) { return false }
        return true
    }

    private static func reason(_ resource: PlannedResource, caller: CallerIdentity, plan: ActionPlan) -> String? {
        let same = { (a: String, b: String) in a.caseInsensitiveCompare(b) == .orderedSame }
        switch (resource.kind, caller.principal) {
        case (.iamUser, .user(let name)) where same(resource.cliID, name):
            return "is the IAM user Firebreak acts as"
        case (.iamRole, .assumedRole(let role, _)) where same(resource.cliID, role):
            return "is the role behind Firebreak's own session"
        case (.iamAccessKey, .user):
            if let key = caller.accessKey { return key == resource.cliID ? "is the access key Firebreak signs with" : nil }
            if caller.userKeys.isEmpty || caller.userKeys.contains(resource.cliID) {
                return "may be the access key Firebreak signs with (the key in use could not be learnt, so every key of its user is guarded)"
            }
            return nil
        case (.s3Bucket, _):
            for call in plan.calls where call.stage == .change && call.resources.contains(resource.id) && mayRun(call, plan: plan) {
                guard call.arguments.contains("put-bucket-policy"), let index = call.arguments.firstIndex(of: "--policy"),
                      index + 1 < call.arguments.count else { continue }
                guard let policy = try? JSONSerialization.jsonObject(with: Data(call.arguments[index + 1].utf8)) else {
                    return "gets a bucket policy Firebreak cannot read, so it cannot tell whether it shuts Firebreak out"
                }
                if BucketPolicyCheck.denies(caller, policy: policy) { return "gets a bucket policy that denies Firebreak's own identity" }
            }
            return nil
        default:
            return nil
        }
    }
}
