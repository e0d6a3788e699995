import IncidentModel

/// Making attacker-controlled text inert in Markdown.
///
/// Titles, notes, log lines and AWS output can hold anything. Inline values
/// have control characters made visible (`terminalSafe`), line breaks folded
/// to spaces, and every character Markdown (or the HTML it may carry) could
/// read as syntax backslash-escaped; commands and log lines go in fenced code
/// blocks whose fence is longer than any backtick run inside them.
enum MarkdownText {
    /// Syntax anywhere in a line: emphasis, code, links, HTML, tables, strikethrough, entities.
    private static let special: Set<Character> = ["\\", "`", "*", "_", "{", "}", "[", "]", "<", ">", "|", "~", "&"]
    /// Syntax only at the start of a line: headings, lists, block quotes, setext underlines.
    private static let leading: Set<Character> = ["#", "+", "-", ".", "!", "=", ">"]

    /// One inline value, safe in a paragraph, a list item or a table cell.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text.terminalSafe.replacingOccurrences(of: "\\u{A}", with: " ").replacingOccurrences(of: "\\u{9}", with: " ") {
            if special.contains(character) || (result.isEmpty && leading.contains(character)) { result.append("\\") }
            result.append(character)
        }
        // A value starting "1. " or "1) " would open an ordered list where it begins a line.
        if let dot = result.firstIndex(where: { !$0.isNumber }), dot != result.startIndex, ".)".contains(result[dot]) {
            result.insert("\\", at: dot)
        }
        return result
    }

    /// `escape`, or `-` for a missing value.
    static func escape(_ text: String?) -> String { text.map { escape($0) } ?? "-" }

    /// A fenced code block around `lines`, which are made terminal-safe and never end the fence early.
    static func codeBlock(_ lines: [String]) -> String {
        let safe = lines.map(\.terminalSafe)
        var longest = 0, run = 0
        for character in safe.joined(separator: "\n") {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return ([fence + "text"] + safe + [fence]).joined(separator: "\n")
    }
}
