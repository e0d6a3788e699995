import Foundation
import IncidentModel

extension DiscoveryContext {
    /// A bucket's owner, policy (the principals it names join as related) and public-access state.
    func bucket(_ name: String, into result: inout DiscoveryResult) {
        let answers = query.calls([
            ["s3api", "get-bucket-policy", "--bucket", name],
            ["s3api", "get-public-access-block", "--bucket", name],
            ["s3api", "get-bucket-tagging", "--bucket", name],
            ["s3api", "get-bucket-policy-status", "--bucket", name],
        ])
        // Policy.
        if answers[0].errorCode == "NoSuchBucketPolicy" {
            result.facts.append("bucket \(name): no bucket policy")
        } else if let text = answers[0].object?.string("Policy") {
            let policy = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
            let statements = policy["Statement"] as? [[String: Any]] ?? (policy["Statement"] as? [String: Any]).map { [$0] } ?? []
            var principals: [String] = []
            var everyone = false
            for statement in statements where statement["Effect"] as? String == "Allow" {
                let principal = statement["Principal"]
                if principal as? String == "*" { everyone = true }
                if let map = principal as? [String: Any] {
                    for value in [map["AWS"]].compactMap({ $0 }) {
                        let list = value as? [String] ?? (value as? String).map { [$0] } ?? []
                        if list.contains("*") { everyone = true }
                        principals += list.filter { $0.hasPrefix("arn:") }
                    }
                }
            }
            result.facts.append("bucket \(name): policy with \(statements.count) statement\(statements.count == 1 ? "" : "s")"
                                + (everyone ? ", allows everyone (Principal *)" : ""))
            for principal in principals {
                guard let reference = try? ResourceIdentifier(parsing: principal), [.iamRole, .iamUser].contains(reference.kind) else { continue }
                add(principal, reference.kind, "principal allowed by the policy of bucket \(name)", into: &result)
            }
        } else {
            note(answers[0], "get-bucket-policy \(name)", into: &result)
        }
        // Public access block.
        if answers[1].errorCode == "NoSuchPublicAccessBlockConfiguration" {
            result.facts.append("bucket \(name): no public access block (nothing stops a public policy or ACL)")
        } else if let block = answers[1].object?.object("PublicAccessBlockConfiguration") {
            let settings = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"]
            let off = settings.filter { block[$0] as? Bool != true }
            result.facts.append("bucket \(name): public access block " + (off.isEmpty ? "on (all four settings)" : "partial, off: \(off.joined(separator: ", "))"))
        } else {
            note(answers[1], "get-public-access-block \(name)", into: &result)
        }
        if let status = answers[3].object?.object("PolicyStatus"), let isPublic = status["IsPublic"] as? Bool {
            result.facts.append("bucket \(name): AWS says the bucket is \(isPublic ? "PUBLIC" : "not public")")
        }
        if answers[2].errorCode != "NoSuchTagSet" { note(answers[2], "get-bucket-tagging \(name)", into: &result) }
        result.owner = ownerTags.owner(in: OwnerTags.dictionary(answers[2].object?["TagSet"]))
    }
}
