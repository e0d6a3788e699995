import Foundation
import IncidentModel

/// Cleaning of text that comes from a finding. Titles, types and tag values
/// can be written by an attacker (a tag on an instance they control), so they
/// are stored as one terminal-safe line of bounded length.
enum FindingText {
    static func line(_ text: String, maxLength: Int) -> String {
        let single = text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .trimmingCharacters(in: .whitespaces).terminalSafe
        return single.count > maxLength ? String(single.prefix(maxLength - 1)) + "…" : single
    }

    /// An identifier AWS is later given back (OCSF's `metadata.uid`): kept only whole, 1–512 characters
    /// with no control character or space, else nil (a cut or cleaned id would name another finding).
    static func identifier(_ text: String?) -> String? {
        guard let text, (1...512).contains(text.count), text.firstControlCharacter == nil, !text.contains(" ") else { return nil }
        return text
    }

    /// Parses a finding time: RFC 3339, with any number of fractional digits
    /// (Security Hub writes six, GuardDuty three).
    static func time(_ text: String) -> Date? {
        var value = text.trimmingCharacters(in: .whitespaces)
        if let dot = value.firstIndex(of: "."), let end = value[dot...].firstIndex(where: { !$0.isNumber && $0 != "." }) {
            let digits = value[value.index(after: dot)..<end]
            let kept = digits.prefix(3).padding(toLength: 3, withPad: "0", startingAt: 0)
            value = String(value[..<dot]) + "." + kept + String(value[end...])
        }
        return try? Timestamp.parse(value)
    }
}
