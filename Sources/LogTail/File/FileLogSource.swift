import Foundation

/// Follows a local log file, as `tail -F` does, for `--tail FILE` and files
/// added in the console.
///
/// - Starts at the end of the file by default (only new lines), or at the
///   beginning, or at a saved `LogCursor`: the same file (device and inode)
///   with the same bytes before it resumes there; a file rotated or truncated
///   meanwhile is finished in its rotated copy beside it (`app.log.1`) when
///   there is one, then read from its beginning.
/// - Reads with `pread` on its own thread, checking every `pollInterval`.
/// - Truncation (the file shrank below what was read, or the bytes before
///   the read offset changed) finishes in the copy when one is found beside
///   it, then restarts at byte 0.
/// - Rotation (the path now names another file): the old file is read to its
///   end first, then the new one is followed from its beginning.
/// - A partial last line is held until its newline arrives (or the file is
///   truncated, rotated or removed, which ends it).
/// - Given a `filter`, it delivers only the lines the filter admits, each
///   with the number (`sequence`) it has unfiltered; a line the filter
///   surely drops by its bytes alone (plain, and the query not in it) is
///   never made (`LogFilter.surelyRejects`). For a reader that wants only
///   those lines (the console's pane keeps every line and filters as it
///   draws, so its filter can change).
/// - A missing or unreadable file is `.error` with the reason; the source
///   retries with back-off and follows the file from its beginning when it
///   (re)appears.
///
/// ```swift
/// let source = FileLogSource(path: "/var/log/auth.log", start: .end)
/// source.start { event in … }   // called on the source's thread
/// ```
public final class FileLogSource: LogSource {
    /// Where reading starts when the file is first opened.
    public enum StartPosition: Sendable, Equatable {
        /// Only lines written from now on.
        case end
        /// The whole file.
        case beginning
        /// Just after the last line delivered before (if the file is the
        /// same one; otherwise its beginning).
        case cursor(LogCursor)
    }

    public let id: LogSourceID
    public let displayName: String
    /// The path followed.
    public let path: String
    private let runner: SourceRunner
    private let follower: FileFollower

    /// A source for `path`; `id` defaults to `file:` followed by the path;
    /// with a `filter`, only the lines it admits are delivered.
    public init(path: String, id: LogSourceID? = nil, start: StartPosition = .end,
                pollInterval: TimeInterval = 0.25, retry: RetryPolicy = .default, limits: LogLineLimits = .default,
                filter: LogFilter? = nil) {
        let id = id ?? LogSourceID("file:\(path)")
        self.id = id
        self.path = path
        displayName = path
        var initialCursor: LogCursor?
        if case .cursor(let cursor) = start { initialCursor = cursor }
        runner = SourceRunner(name: path, pollInterval: pollInterval, retry: retry, cursor: initialCursor)
        follower = FileFollower(path: path, sourceID: id, start: start, limits: limits, filter: filter)
    }

    public var status: LogSourceStatus { runner.status }
    public var cursor: LogCursor? { runner.cursor }

    public func start(handler: @escaping @Sendable (LogSourceEvent) -> Void) {
        let follower = follower
        runner.start(handler: handler) { runner in try follower.step(runner) }
    }

    public func pause() { runner.pause() }
    public func resume() { runner.resume() }
    public func stop() { runner.stop() }
}
