import Foundation

/// What a source is doing, for the pane's source list.
public enum LogSourceStatus: Sendable, Equatable, CustomStringConvertible {
    /// Made, or started and not yet through its first read.
    case starting
    /// Reading: every line so far has been delivered.
    case following
    /// Paused by the responder: nothing is read until it is resumed (a file
    /// source keeps its place, so nothing written meanwhile is lost).
    case paused
    /// The last attempt failed; the source tries again at `retryAt`, waiting
    /// longer after each failure in a row (`attempt` counts them).
    case error(message: String, attempt: Int, retryAt: Date)
    /// Stopped for good.
    case stopped

    /// True for `.error`.
    public var isError: Bool {
        if case .error = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .starting: "starting"
        case .following: "following"
        case .paused: "paused"
        case .error(let message, let attempt, _): "error: \(message) (attempt \(attempt), retrying)"
        case .stopped: "stopped"
        }
    }
}
