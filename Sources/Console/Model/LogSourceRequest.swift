/// Something the runtime must do to a followed source.
public enum LogSourceRequest: Sendable, Equatable {
    case pause(id: String)
    case resume(id: String)
    case remove(id: String)
    /// Follow another source: a file's path, or `group:NAME` for a CloudWatch Logs group.
    case add(spec: String)
}
