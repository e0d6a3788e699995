import Foundation

/// A value a step computes instead of calling AWS: one of Firebreak's named
/// built-ins, for what a `--query` cannot work out (JMESPath has no ranges
/// and cannot compare two captures). The step's `capture` keeps the result,
/// and the record holds it like any other capture.
///
/// ```json
/// { "name": "pick-rule-numbers", "capture": "deny-entries",
///   "derive": { "lowest-free-rule-numbers": { "entries": "acl-entries", "for": "cidrs" } } }
/// ```
public enum StepDerivation: Sendable, Equatable {
    /// One network ACL rule number per element of `for` (see `LowestFreeRuleNumbers`).
    case lowestFreeRuleNumbers(entries: String, for: String)
    /// The statements of a resource policy (held as a JSON string, as Lambda's
    /// `get-policy` gives it) that grant to everyone (see `PublicStatements`).
    case publicStatements(policy: String)

    /// The built-ins by the name a definition uses.
    static let names = ["lowest-free-rule-numbers", "public-statements"]

    /// The name a definition uses.
    public var name: String {
        switch self {
        case .lowestFreeRuleNumbers: return "lowest-free-rule-numbers"
        case .publicStatements: return "public-statements"
        }
    }

    /// The captures and parameters it reads.
    public var references: [String] {
        switch self {
        case .lowestFreeRuleNumbers(let entries, let list): return [entries, list]
        case .publicStatements(let policy): return [policy]
        }
    }

    /// Why a derivation could not give a value: one line.
    struct Failure: Error, Equatable {
        var reason: String
    }

    /// The value, as a JSON object; `missing` names an input not captured yet.
    func value(from values: TemplateValues) throws(Failure) -> Any {
        for name in references where values.values[name] == nil {
            throw Failure(reason: "no value for {\(name)}")
        }
        switch self {
        case .lowestFreeRuleNumbers(let entries, let list):
            return try LowestFreeRuleNumbers.pick(entries: values.object(entries), for: values.object(list))
        case .publicStatements(let policy):
            return try PublicStatements.pick(policy: values.object(policy))
        }
    }

    /// How the plan shows the step.
    var display: String {
        "(computed by Firebreak: \(name) from " + references.map { "{\($0)}" }.joined(separator: " and ") + ")"
    }
}
