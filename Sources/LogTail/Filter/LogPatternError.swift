/// Why a filter or search query could not be used, in words fit for the
/// pane's prompt line.
public enum LogPatternError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `re:` with nothing after it.
    case emptyRegex
    /// The regular expression does not compile; `reason` says why.
    case invalidRegex(pattern: String, reason: String)

    public var description: String {
        switch self {
        case .emptyRegex:
            "empty regular expression after 're:'"
        case .invalidRegex(let pattern, let reason):
            "bad regular expression '\(pattern.terminalSafeForPrompt)': \(reason)"
        }
    }
}

extension String {
    /// The query as typed may hold anything the user pasted; the error is drawn.
    var terminalSafeForPrompt: String {
        String(String.UnicodeScalarView(unicodeScalars.map { scalar in
            scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || LogDisplayText.isReplaced(scalar.value)
                ? "\u{FFFD}" : scalar
        }))
    }
}
