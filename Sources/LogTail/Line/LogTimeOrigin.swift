/// Where a line's time came from, so the pane (and a reviewer) can tell a
/// time the log recorded from the moment Firebreak happened to read it.
public enum LogTimeOrigin: String, Codable, Sendable {
    /// Given by the source alongside the line (CloudWatch's event timestamp).
    case source
    /// Parsed from the RFC 3339 time the line starts with.
    case line
    /// No time was known: the moment the line was read.
    case arrival
}
