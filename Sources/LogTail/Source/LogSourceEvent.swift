/// What a source tells its owner, in the order it happened.
public enum LogSourceEvent: Sendable {
    /// New lines, oldest first, and the cursor just after the last of them.
    case lines([LogLine], cursor: LogCursor?)
    /// The source's status changed.
    case status(LogSourceStatus)
}
