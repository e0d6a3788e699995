import Foundation
import IncidentDocuments
import IncidentModel

/// Writing to stdout and stderr. Everything a person reads passes through
/// `terminalSafe`: titles, ids and notes can come from an attacker.
enum Output {
    static func line(_ text: String = "") {
        print(text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).terminalSafe }.joined(separator: "\n"))
    }

    static func json(_ value: JSONValue) throws {
        print(try value.rendered())
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data("firebreak: \(text.terminalSafe)\n".utf8))
    }

    /// Pads or cuts `text` to `width` columns.
    static func column(_ text: String, _ width: Int) -> String {
        let safe = text.terminalSafe
        if safe.count > width { return String(safe.prefix(max(0, width - 1))) + "…" }
        return safe + String(repeating: " ", count: width - safe.count)
    }

    static func time(_ date: Date?) -> String { date.map(Timestamp.format) ?? "-" }

    /// `1h 02m`, `4m 05s`, `12s`.
    static func duration(_ seconds: TimeInterval) -> String { MetricsText.duration(seconds) }
}
