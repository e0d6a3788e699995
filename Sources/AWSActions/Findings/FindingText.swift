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

    /// `UnauthorizedAccess` from `UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS`:
    /// GuardDuty's `ThreatPurpose:ResourceType/ThreatFamilyName`.
    static func threatPurpose(_ type: String) -> String? {
        guard let colon = type.firstIndex(of: ":"), let slash = type.firstIndex(of: "/"), colon < slash else { return nil }
        let purpose = String(type[..<colon])
        return isIntentWord(purpose) ? purpose : nil
    }

    /// An intent is a short name (`Exfiltration`, `Initial Access`), never free text.
    static func isIntentWord(_ text: String) -> Bool {
        (1...64).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || " -_".contains($0)) }
    }
}
