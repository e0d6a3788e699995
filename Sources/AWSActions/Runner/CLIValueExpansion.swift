import Foundation
import IncidentModel

/// What the AWS CLI would put in place of a parameter value instead of
/// passing it as written.
///
/// AWS CLI v1 (awscli/paramfile.py, argprocess.py, shorthand.py) replaces an
/// operation parameter's value that starts with `file://` or `fileb://` by
/// that local file's contents, and one that starts with `http://` or
/// `https://` by what the URL returns (unless `cli_follow_urlparam` is
/// false); v2 keeps the file prefixes. Its shorthand syntax loads a file for
/// `Key@=file://…` anywhere inside a value. A JSON value (starting `{` or
/// `[`) is neither, and values inside it are sent as written; `--query` and
/// the other global options are not expanded at all.
///
/// The CLI matches its prefixes exactly and case-sensitively at the start;
/// Firebreak refuses more — any case, after leading whitespace — so a
/// different CLI version or a future trim cannot turn a refused-looking
/// value into a file read.
public enum CLIValueExpansion: Sendable, Equatable, CustomStringConvertible {
    /// The value starts with `prefix` (as written, with its case).
    case prefix(String)
    /// The value holds shorthand's `@=` and a file prefix after it.
    case shorthandFile(String)

    /// The prefixes the CLI expands, longest first.
    static let prefixes = ["fileb://", "file://", "https://", "http://"]

    /// How the CLI would expand `value`, or nil when it passes it as written.
    public static func of(_ value: String) -> CLIValueExpansion? {
        let trimmed = value.drop { $0.isWhitespace }
        let lowered = trimmed.lowercased()
        if let prefix = prefixes.first(where: { lowered.hasPrefix($0) }) {
            return .prefix(String(trimmed.prefix(prefix.count)))
        }
        let text = value.lowercased()
        if let at = text.range(of: #"@\s*="#, options: .regularExpression),
           let file = ["fileb://", "file://"].first(where: { text[at.upperBound...].contains($0) }) {
            return .shorthandFile(file)
        }
        return nil
    }

    /// What the CLI would do with such a value, for a refusal's one line.
    public var description: String {
        switch self {
        case .prefix(let prefix) where prefix.lowercased().hasPrefix("http"):
            return "starts with '\(prefix.terminalSafe)', which the AWS CLI would replace with whatever that URL returns"
        case .prefix(let prefix):
            return "starts with '\(prefix.terminalSafe)', which the AWS CLI would replace with a local file's contents"
        case .shorthandFile(let prefix):
            return "holds '@=' and '\(prefix)', which the AWS CLI's shorthand syntax would replace with a local file's contents"
        }
    }

    /// The first operation argument of `arguments` (an argv after the binary
    /// name, without the global options Firebreak adds) that the CLI would
    /// expand: its 1-based position, the flag it belongs to, and how.
    /// `--query` takes a JMESPath expression, which the CLI never expands.
    static func firstExpanded(in arguments: [String]) -> (position: Int, flag: String?, expansion: CLIValueExpansion)? {
        var previous: String?
        for (index, argument) in arguments.enumerated() {
            defer { previous = argument }
            if previous == "--query" || argument.hasPrefix("--query=") { continue }
            var candidates = [argument]
            // --name=value: argparse hands the CLI the part after '='.
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                candidates.append(String(argument[argument.index(after: equals)...]))
            }
            for candidate in candidates {
                if let expansion = of(candidate) {
                    let flag = candidate == argument ? previous.flatMap { $0.hasPrefix("--") ? $0 : nil } : String(argument[..<argument.firstIndex(of: "=")!])
                    return (index + 1, flag, expansion)
                }
            }
        }
        return nil
    }
}
