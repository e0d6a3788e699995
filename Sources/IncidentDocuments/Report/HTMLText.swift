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

    /// `escape`, or an en dash for a missing value.
    static func escape(_ text: String?) -> String { text.map { escape($0) } ?? "–" }
}
