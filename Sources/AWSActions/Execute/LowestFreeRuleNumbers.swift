import Foundation

/// The `lowest-free-rule-numbers` built-in: network ACL rule numbers for new
/// deny entries, one per CIDR, where they take effect.
///
/// A network ACL applies the lowest-numbered entry that matches, so a deny
/// must come before every allow rule to cut anything. The numbers picked are
/// the lowest that no entry of the ACL uses in either direction (so each
/// CIDR's inbound and outbound entries share one number), all below the
/// ACL's first allow rule (rule numbers are 1-32766). When too few are free
/// below it, nothing is picked and the step fails, before any change.
///
/// Input: the ACL's `Entries` as `describe-network-acls` prints them, and the
/// CIDRs. Output, per CIDR in order: `{"id", "cidr", "rule", "ipv4" | "ipv6"}`:
/// the address family as a key of its own so steps can choose `--cidr-block`
/// or `--ipv6-cidr-block` with `when`, and `id` = `"<rule> <cidr>"`, the form a
/// `--query` can build from an entry, so undo can find exactly its own entries
/// (`among`) and never delete one someone else put at that number since.
enum LowestFreeRuleNumbers {
    /// The highest rule number a request may use (32767 is the default `*` rule).
    static let highest = 32766

    static func pick(entries: Any?, for cidrs: Any?) throws(StepDerivation.Failure) -> [[String: Any]] {
        guard let list = entries as? [Any] else {
            throw StepDerivation.Failure(reason: "the network ACL's entries were not read (expected a list)")
        }
        let wanted: [String]
        switch cidrs {
        case let text as String: wanted = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case let items as [Any]: wanted = items.compactMap { $0 as? String }
        default: wanted = []
        }
        guard !wanted.isEmpty else { throw StepDerivation.Failure(reason: "no CIDR to deny") }
        var taken = Set<Int>()
        var firstAllow = highest + 1
        for case let entry as [String: Any] in list {
            guard let number = (entry["RuleNumber"] as? NSNumber)?.intValue else { continue }
            taken.insert(number)
            if (entry["RuleAction"] as? String)?.lowercased() == "allow" { firstAllow = min(firstAllow, number) }
        }
        var free: [Int] = []
        var candidate = 1
        while free.count < wanted.count && candidate < firstAllow && candidate <= highest {
            if !taken.contains(candidate) { free.append(candidate) }
            candidate += 1
        }
        guard free.count == wanted.count else {
            let below = firstAllow > highest ? "in 1-\(highest)" : "below its first allow rule (\(firstAllow))"
            throw StepDerivation.Failure(reason: "the network ACL has \(free.count) free rule number\(free.count == 1 ? "" : "s") \(below), and \(wanted.count) \(wanted.count == 1 ? "is" : "are") needed; nothing was changed")
        }
        return zip(wanted, free).map { cidr, rule in
            ["id": "\(rule) \(cidr)", "cidr": cidr, "rule": rule, cidr.contains(":") ? "ipv6" : "ipv4": cidr]
        }
    }
}
