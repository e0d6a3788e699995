import IncidentModel

/// What the incident has recorded about a checklist item beyond its state,
/// as the console shows it: each readiness check that covers a Readiness item
/// (its result from the latest audit), and the follow-up entries with their
/// owners and due dates under the Follow-up phase.
enum ChecklistFindings {
    /// `fail  cloudtrail.logging  us-east-1: no trail is logging`, one line a check of the latest audit covering `item`.
    static func readinessLines(for item: String, in state: IncidentState) -> [String] {
        state.readiness.filter { $0.covers == item }.map { result in
            let mark = switch result.status {
            case .pass: "pass "
            case .fail: "FAIL "
            case .unknown: "could not check "
            }
            let place = result.region ?? "account-wide"
            return "\(mark) \(result.title) (\(place)): \(result.detail)"
        }
    }

    /// `2 of 3 checks pass`, for the item's row; nil when no audit covered it.
    static func readinessTally(for item: String, in state: IncidentState) -> String? {
        let results = state.readiness.filter { $0.covers == item }
        guard !results.isEmpty else { return nil }
        let passed = results.filter { $0.status == .pass }.count
        return "\(passed) of \(results.count) check\(results.count == 1 ? "" : "s") pass"
    }

    /// `FU-2 action  Rotate the deploy keys · owner bob · due 2026-12-10`, one line a follow-up entry.
    static func followUpLine(_ item: FollowUpItem) -> String {
        var line = "\(item.id) \(item.category.rawValue)  \(item.text)"
        if item.category == .action {
            line += " · " + (item.owner.map { "owner \($0)" } ?? "no owner")
            line += " · " + (item.due.map { "due \($0)" } ?? "no due date")
        }
        return line
    }
}
