/// How serious a log line looks: guessed from its text (`ERROR`, `WARN`,
/// `AccessDenied`, …) unless its source knows better.
public enum LogLevel: String, CaseIterable, Codable, Sendable, Comparable {
    case info
    case warning
    case error

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool {
        lhs.severity < rhs.severity
    }

    private var severity: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }
}
