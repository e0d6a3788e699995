import Foundation

/// The statements of a resource-based policy that grant to everyone: an
/// `Allow` whose principal is `*` (or `{"AWS": "*"}`) with no condition that
/// narrows who calls (a source ARN or account, an organization). Lambda calls
/// such a policy public; a function URL's `lambda:FunctionUrlAuthType`
/// condition narrows nothing, so it still counts.
///
/// Each is returned as what `lambda add-permission` needs to put it back:
/// `Sid`, `Action` (absent when the statement lists several, which
/// add-permission cannot make) and `FunctionUrlAuthType` when it had one.
enum PublicStatements {
    /// Condition keys that leave a statement open to everyone.
    static let notNarrowing: Set<String> = ["lambda:functionurlauthtype"]

    static func pick(policy: Any?) throws(StepDerivation.Failure) -> [[String: Any]] {
        // No policy at all (ResourceNotFoundException tolerated): nothing is public.
        guard let text = policy as? String, !text.isEmpty else { return [] }
        guard let document = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw StepDerivation.Failure(reason: "the resource policy is not a JSON object")
        }
        let statements = (document["Statement"] as? [[String: Any]]) ?? ((document["Statement"] as? [String: Any]).map { [$0] } ?? [])
        return statements.compactMap { statement in
            guard (statement["Effect"] as? String) == "Allow", let sid = statement["Sid"] as? String, isEveryone(statement["Principal"]) else { return nil }
            let condition = (statement["Condition"] as? [String: Any]) ?? [:]
            var authType: String?
            for (_, body) in condition {
                guard let keys = body as? [String: Any] else { return nil }
                for (key, value) in keys {
                    guard notNarrowing.contains(key.lowercased()) else { return nil }
                    authType = (value as? String) ?? (value as? [String])?.first
                }
            }
            // moto keeps a function URL's auth type beside the statement rather than in a condition.
            if let direct = statement["FunctionUrlAuthType"] as? String { authType = direct }
            var found: [String: Any] = ["Sid": sid]
            if let action = statement["Action"] as? String { found["Action"] = action }
            else if let actions = statement["Action"] as? [String], actions.count == 1 { found["Action"] = actions[0] }
            if let authType { found["FunctionUrlAuthType"] = authType }
            return found
        }
    }

    private static func isEveryone(_ principal: Any?) -> Bool {
        if let text = principal as? String { return text == "*" }
        guard let object = principal as? [String: Any] else { return false }
        if let aws = object["AWS"] as? String { return aws == "*" }
        if let aws = object["AWS"] as? [String] { return aws.contains("*") }
        return false
    }
}
