/// Checks for the short free-text fields people type (titles, owners, reasons).
public enum TextField {
    /// Rejects an empty value, a value with control characters (a title is one line)
    /// or one longer than `maxLength`. Returns the value trimmed of surrounding spaces.
    public static func singleLine(_ value: String, named name: String, maxLength: Int = 500, allowEmpty: Bool = false) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty && !allowEmpty {
            throw IncidentError.invalidInput("\(name) is empty")
        }
        if let control = trimmed.firstControlCharacter {
            throw IncidentError.invalidInput("\(name) contains a control character (U+\(String(control.value, radix: 16, uppercase: true))); it must be one line of text")
        }
        if trimmed.count > maxLength {
            throw IncidentError.invalidInput("\(name) is \(trimmed.count) characters long; the limit is \(maxLength)")
        }
        return trimmed
    }

    /// Like `singleLine` but allows newlines and tabs, for notes and summaries.
    public static func multiLine(_ value: String, named name: String, maxLength: Int = 20_000, allowEmpty: Bool = false) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty && !allowEmpty {
            throw IncidentError.invalidInput("\(name) is empty")
        }
        if let control = trimmed.unicodeScalars.first(where: { $0.isTerminalControl && $0 != "\n" && $0 != "\t" }) {
            throw IncidentError.invalidInput("\(name) contains a control character (U+\(String(control.value, radix: 16, uppercase: true)))")
        }
        if trimmed.count > maxLength {
            throw IncidentError.invalidInput("\(name) is \(trimmed.count) characters long; the limit is \(maxLength)")
        }
        return trimmed
    }
}

import Foundation
