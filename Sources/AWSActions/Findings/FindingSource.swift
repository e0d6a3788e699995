/// Where a finding came from.
public enum FindingSource: String, Sendable, CaseIterable, Codable {
    case securityHub = "securityhub"
    case guardDuty = "guardduty"

    /// Parses `securityhub` or `guardduty` (any case).
    public init(parsing text: String) throws(FindingsError) {
        guard let source = FindingSource(rawValue: text.lowercased()) else {
            throw FindingsError(source: "--from", reason: "unknown finding source '\(text.terminalSafe)'; expected securityhub or guardduty")
        }
        self = source
    }
}
