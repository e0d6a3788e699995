import Foundation

/// Whether a bucket policy about to be written would deny the caller: one
/// `Deny` statement whose principal covers it (`*`, its account, its own ARN
/// — a role by name, since a session's ARN lacks the role's path — or a
/// `NotPrincipal` that leaves it out) and that has no condition.
///
/// A deny with a condition is counted only when the condition cannot be an
/// exemption of the caller: a `StringNotEquals`/`StringNotLike`/
/// `ArnNotEquals`/`ArnNotLike` on `aws:PrincipalArn` or `aws:userid` naming
/// the caller exempts it, and one naming only others does not; any other condition (transport, source address,
/// time) is one Firebreak does not evaluate, so such a statement is not
/// counted. Every action of a deny counts: denying only `s3:PutBucketPolicy`
/// is enough to stop the undo.
enum BucketPolicyCheck {
    static func denies(_ caller: CallerIdentity, policy: Any) -> Bool {
        guard let document = policy as? [String: Any] else { return false }
        let statements: [[String: Any]]
        if let list = document["Statement"] as? [[String: Any]] { statements = list }
        else if let one = document["Statement"] as? [String: Any] { statements = [one] }
        else { return false }
        for statement in statements where (statement["Effect"] as? String) == "Deny" {
            let covered: Bool
            if let principal = statement["Principal"] {
                covered = names(principal).contains { matches($0, caller) }
            } else if let not = statement["NotPrincipal"] {
                covered = !names(not).contains { matches($0, caller) }
            } else {
                covered = false
            }
            guard covered else { continue }
            guard let condition = statement["Condition"] as? [String: Any], !condition.isEmpty else { return true }
            if exempts(condition, caller) { continue }
            // "Everyone but these principals", and the caller is not among them.
            if onlyExemptsPrincipals(condition) { return true }
        }
        return false
    }

    /// The principal values of `Principal` or `NotPrincipal` (`"*"`, `{"AWS": …}`).
    private static func names(_ principal: Any) -> [String] {
        if let text = principal as? String { return [text] }
        guard let object = principal as? [String: Any] else { return [] }
        var result: [String] = []
        for key in ["AWS"] {
            if let text = object[key] as? String { result.append(text) }
            if let list = object[key] as? [String] { result += list }
        }
        return result
    }

    /// Whether a principal value names the caller: `*`, its account (id or root ARN), or itself.
    private static func matches(_ value: String, _ caller: CallerIdentity) -> Bool {
        if value == "*" || value == caller.account || value == "arn:aws:iam::\(caller.account):root" { return true }
        return namesCaller(value, caller)
    }

    /// An ARN (or glob of one) that is the caller's principal: the user's ARN, or the role's by name.
    private static func namesCaller(_ value: String, _ caller: CallerIdentity) -> Bool {
        if glob(value, caller.arn) { return true }
        let parts = value.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[4] == caller.account else { return false }
        let resource = parts[5].split(separator: "/").map(String.init)
        switch caller.principal {
        case .user(let name): return resource.first == "user" && resource.last.map { glob($0, name) } == true
        case .assumedRole(let role, _): return resource.first == "role" && resource.last.map { glob($0, role) } == true
        default: return false
        }
    }

    /// A condition that leaves the caller out of the deny.
    private static func exempts(_ condition: [String: Any], _ caller: CallerIdentity) -> Bool {
        for (operation, body) in condition {
            let bare = operation.replacingOccurrences(of: "ForAnyValue:", with: "").replacingOccurrences(of: "ForAllValues:", with: "")
                .replacingOccurrences(of: "IfExists", with: "")
            guard ["StringNotEquals", "StringNotLike", "ArnNotEquals", "ArnNotLike"].contains(bare),
                  let keys = body as? [String: Any] else { continue }
            for (key, values) in keys {
                let list = (values as? [String]) ?? ((values as? String).map { [$0] } ?? [])
                switch key.lowercased() {
                case "aws:principalarn":
                    if list.contains(where: { namesCaller($0, caller) }) { return true }
                case "aws:userid":
                    if !caller.userID.isEmpty, list.contains(where: { glob($0, caller.userID) }) { return true }
                default:
                    continue
                }
            }
        }
        return false
    }

    /// True when every condition is a principal exemption (`StringNotLike aws:PrincipalArn …`).
    private static func onlyExemptsPrincipals(_ condition: [String: Any]) -> Bool {
        condition.allSatisfy { operation, body in
            let bare = operation.replacingOccurrences(of: "ForAnyValue:", with: "").replacingOccurrences(of: "ForAllValues:", with: "")
                .replacingOccurrences(of: "IfExists", with: "")
            guard ["StringNotEquals", "StringNotLike", "ArnNotEquals", "ArnNotLike"].contains(bare), let keys = body as? [String: Any] else { return false }
            return keys.keys.allSatisfy { ["aws:principalarn", "aws:userid"].contains($0.lowercased()) }
        }
    }

    /// IAM's `*` and `?` wildcards.
    static func glob(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        var memo: [Int: Bool] = [:]
        func match(_ i: Int, _ j: Int) -> Bool {
            let key = i * (t.count + 1) + j
            if let known = memo[key] { return known }
            let result: Bool
            if i == p.count { result = j == t.count }
            else if p[i] == "*" { result = match(i + 1, j) || (j < t.count && match(i, j + 1)) }
            else { result = j < t.count && (p[i] == "?" || p[i] == t[j]) && match(i + 1, j + 1) }
            memo[key] = result
            return result
        }
        return match(0, 0)
    }
}
