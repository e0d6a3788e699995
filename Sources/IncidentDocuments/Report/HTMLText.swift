import IncidentModel

/// Making attacker-controlled text inert in HTML: control characters made
/// visible (`terminalSafe`), then `& < > " '` replaced by entities, so a value
/// can stand in element content or a quoted attribute and never become markup.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text.terminalSafe {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// Multi-line text (a summary, a note) as paragraphs: blank lines part
    /// them, line breaks inside one are kept (`<br>`), each line escaped, so
    /// a newline reads as one and never as the literal `\u{A}`.
    static func paragraphs(_ text: String, class name: String = "text") -> String {
        TextBlocks.paragraphs(text).map { lines in
            "<p class=\"\(name)\">" + lines.map { escape($0) }.joined(separator: "<br>") + "</p>"
        }.joined(separator: "\n")
    }

    /// Multi-line text inside a cell or list item: its lines kept (`<br>`), blank lines between paragraphs too.
    static func lines(_ text: String) -> String {
        TextBlocks.paragraphs(text).map { $0.map { escape($0) }.joined(separator: "<br>") }.joined(separator: "<br><br>")
    }

    /// `escape`, or an en dash for a missing value.
    static func escape(_ text: String?) -> String { text.map { escape($0) } ?? "–" }
}
