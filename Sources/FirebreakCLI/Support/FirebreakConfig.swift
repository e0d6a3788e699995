import Foundation

/// The user's settings file: `$XDG_CONFIG_HOME/firebreak/config`
/// (else `~/.config/firebreak/config`), one `key = value` a line, `#` comments.
///
/// ```
/// theme = high-contrast
/// mouse = off
/// profile.210987654321 = prod-audit    # the AWS CLI profile that reaches that account
/// db = postgresql://alice@db.internal:5432/firebreak?sslmode=verify-full
/// ```
///
/// Command-line options win over the file. A line the console cannot use is
/// reported (file and line) in the footer rather than stopping the console.
struct FirebreakConfig {
    var theme: String?
    var mouse: Bool?
    /// The incident database when neither `--db` nor `FIREBREAK_DB` names one.
    var db: String?
    /// Account id → the AWS CLI profile that reaches it (`profile.ACCOUNT = NAME`).
    var accountProfiles: [String: String] = [:]
    /// `file:line: reason` for each line that was ignored.
    var problems: [String] = []

    static let keys = ["theme", "mouse", "db", "profile.ACCOUNT"]

    static func defaultURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".config")
        return base.appendingPathComponent("firebreak/config")
    }

    /// Reads the file; a missing file is an empty configuration.
    static func load(from url: URL = defaultURL()) -> FirebreakConfig {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return FirebreakConfig() }
        return parse(text, file: url.path)
    }

    static func parse(_ text: String, file: String) -> FirebreakConfig {
        var config = FirebreakConfig()
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let where_ = "\(file):\(index + 1)"
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[1].isEmpty else {
                config.problems.append("\(where_): expected `key = value`")
                continue
            }
            switch parts[0] {
            case "theme":
                config.theme = parts[1]
            case "db":
                config.db = parts[1]
            case "mouse":
                switch parts[1].lowercased() {
                case "on", "true", "yes": config.mouse = true
                case "off", "false", "no": config.mouse = false
                default: config.problems.append("\(where_): mouse must be on or off, not '\(parts[1].terminalSafe)'")
                }
            case let key where key.hasPrefix("profile."):
                let account = String(key.dropFirst("profile.".count))
                let profile = parts[1]
                guard account.count == 12, account.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                    config.problems.append("\(where_): '\(account.terminalSafe)' is not a 12-digit account id")
                    continue
                }
                guard profile.count <= 128, profile.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
                    config.problems.append("\(where_): '\(profile.terminalSafe)' is not a profile name (letters, digits, - _ .)")
                    continue
                }
                config.accountProfiles[account] = profile
            default:
                config.problems.append("\(where_): unknown setting '\(parts[0].terminalSafe)' (known: \(keys.joined(separator: ", ")))")
            }
        }
        return config
    }
}

import IncidentModel
