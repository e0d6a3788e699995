import IncidentModel

/// Replaces the values of a run's secret parameters (`secret-env`) with
/// `[REDACTED]` in what is shown or recorded of its calls: their argv and
/// any error. `SecretRedactor` finds secrets by their look in AWS's output;
/// these are known exactly, so every occurrence is replaced, whatever it looks like.
struct SecretMask: Sendable {
    /// Longest first, so a secret that holds another is replaced whole.
    private let secrets: [String]

    init(_ secrets: [String]) {
        // Also as it reads inside a JSON argument (quotes and backslashes escaped).
        let forms = secrets.filter { !$0.isEmpty }.flatMap { [$0, String(TemplateValues.jsonText($0).dropFirst().dropLast())] }
        self.secrets = Array(Set(forms)).sorted { $0.count > $1.count }
    }

    func apply(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: SecretRedactor.placeholder) }
    }

    func apply(to arguments: [String]) -> [String] {
        secrets.isEmpty ? arguments : arguments.map(apply)
    }

    func apply(to record: ActionStepRecord) -> ActionStepRecord {
        guard !secrets.isEmpty else { return record }
        var masked = record
        masked.argv = apply(to: record.argv)
        masked.error = record.error.map(apply)
        return masked
    }
}
