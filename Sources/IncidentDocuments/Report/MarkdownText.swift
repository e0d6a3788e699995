import IncidentModel

/// Making attacker-controlled text inert in Markdown.
///
/// Titles, notes, log lines and AWS output can hold anything. Inline values
/// have control characters made visible (`terminalSafe`), line breaks folded
/// to spaces, and every character Markdown (or the HTML it may carry) would
/// read as syntax backslash-escaped, and only those, so the text stays
/// readable as plain text too (`snake_case`, `{json}`, `a > b` stay as they
/// are). Multi-line text (a summary, a note) keeps its paragraphs and line
/// breaks. Commands and log lines go in fenced code blocks whose fence is
/// longer than any backtick run inside them.
enum MarkdownText {
    /// Syntax anywhere in a line: emphasis, code, links, HTML and autolinks, tables, strikethrough.
    private static let special: Set<Character> = ["\\", "`", "*", "[", "]", "<", "|", "~"]
    /// Syntax only at the start of a line: headings, lists, block quotes, setext underlines.
    private static let leading: Set<Character> = ["#", "+", "-", "=", ">"]

    /// One inline value, safe in a paragraph, a list item or a table cell.
    static func escape(_ text: String) -> String {
        escapeLine(text.terminalSafe.replacingOccurrences(of: "\\u{A}", with: " ").replacingOccurrences(of: "\\u{9}", with: " "))
    }

    /// Multi-line text as Markdown paragraphs: blank lines part them, a line
    /// break inside one is a hard break (two trailing spaces), every line
    /// escaped as a line of its own (a line starting `# ` is no heading).
    /// `indent` continues a list item.
    static func paragraphs(_ text: String, indent: String = "") -> String {
        TextBlocks.paragraphs(text).map { lines in
            lines.map { escapeLine($0.terminalSafe) }.joined(separator: "  \n" + indent)
        }.joined(separator: "\n\n" + indent)
    }

    /// One line, already terminal-safe, with its Markdown syntax escaped.
    private static func escapeLine(_ line: String) -> String {
        var result = ""
        let characters = Array(line)
        for (index, character) in characters.enumerated() {
            let before = index > 0 ? characters[index - 1] : nil, after = index + 1 < characters.count ? characters[index + 1] : nil
            if special.contains(character) || (result.isEmpty && leading.contains(character))
                || (character == "_" && !(before.map(isWordCharacter) == true && after.map(isWordCharacter) == true))
                || (character == "&" && startsEntity(characters[(index + 1)...])) {
                result.append("\\")
            }
            result.append(character)
        }
        // A value starting "1. " or "1) " would open an ordered list where it begins a line.
        if let dot = result.firstIndex(where: { !$0.isNumber }), dot != result.startIndex, ".)".contains(result[dot]) {
            result.insert("\\", at: dot)
        }
        return result
    }

    /// An `_` between two letters or digits can neither open nor close emphasis.
    private static func isWordCharacter(_ character: Character) -> Bool { character.isLetter || character.isNumber }

    /// `&name;`, `&#123;` or `&#x1F;` after an `&`: an entity Markdown would decode.
    private static func startsEntity(_ rest: ArraySlice<Character>) -> Bool {
        guard let end = rest.prefix(33).firstIndex(of: ";"), end > rest.startIndex else { return false }
        return rest[rest.startIndex..<end].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "#") }
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
