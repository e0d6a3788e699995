/// Whether the console may change the incident.
public enum ConsoleMode: Sendable, Equatable {
    /// Working the incident: every binding is available.
    case live
    /// Watching: the database is opened read-only and every binding that
    /// changes something is absent from the table, not merely refused.
    case readOnly
    /// Replaying a recorded incident: read-only, with play/pause, speed,
    /// stepping and seeking.
    case replay
}
