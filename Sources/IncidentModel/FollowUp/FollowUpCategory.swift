/// What a Follow-up entry is: a lesson (what went well or badly), a policy
/// change the team decided, or an action item someone owns.
public enum FollowUpCategory: String, CaseIterable, Codable, Sendable {
    case wentWell = "went-well"
    case wentBadly = "went-badly"
    case policy
    case action

    /// The heading used in reports.
    public var title: String {
        switch self {
        case .wentWell: return "What went well"
        case .wentBadly: return "What went badly"
        case .policy: return "Policy changes decided"
        case .action: return "Action items"
        }
    }

    /// Parses a category name in any case (`went-well`, `wentwell`, `policy`, `action`).
    public init(parsing text: String) throws {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let category = FollowUpCategory(rawValue: key)
            ?? FollowUpCategory.allCases.first(where: { $0.rawValue.replacingOccurrences(of: "-", with: "") == key.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "") }) {
            self = category
            return
        }
        throw IncidentError.invalidInput("unknown follow-up kind '\(text.terminalSafe)'; expected one of \(FollowUpCategory.allCases.map(\.rawValue).joined(separator: ", "))")
    }
}
