/// A source of log lines the console follows: a local file
/// (`FileLogSource`), a poller of CloudWatch Logs or CloudTrail
/// (`PollingLogSource` with a `LogPoller`), the output of an action.
///
/// **Threads.** Each source reads on its own background thread and calls
/// `handler` there, one event at a time and in order. The handler must be
/// quick and thread-safe: the console's handler forwards the event to its UI
/// loop (and wakes it), which appends the lines to its `LogRingBuffer`.
///
/// **Life.** `start` once; `pause`/`resume` as often as wanted; `stop` when
/// the source is removed (the thread ends after its current read; no event
/// follows `.status(.stopped)`). A source that fails reports `.error` and
/// keeps retrying with back-off until stopped; it never stops the others.
///
/// **Resuming.** Each batch of lines comes with the source's cursor after it.
/// A console that stores lines and cursor together can make the source again
/// with that cursor (each source's initialiser takes one) and get every line
/// exactly once across a restart.
///
/// ```swift
/// let source = FileLogSource(path: "/var/log/auth.log")
/// source.start { event in ui.send(.log(source.id, event)) }
/// ...
/// source.pause(); source.resume(); source.stop()
/// ```
public protocol LogSource: AnyObject, Sendable {
    /// Stable across restarts; lines carry it.
    var id: LogSourceID { get }
    /// What the pane calls the source: a path, a log group name.
    var displayName: String { get }
    /// What the source is doing now.
    var status: LogSourceStatus { get }
    /// The position just after the last line delivered, if any.
    var cursor: LogCursor? { get }
    /// Starts reading on a background thread, calling `handler` there for
    /// every event. Calling it twice does nothing the second time.
    func start(handler: @escaping @Sendable (LogSourceEvent) -> Void)
    /// Stops reading until `resume`, keeping the source's place.
    func pause()
    /// Reads again after `pause`.
    func resume()
    /// Stops for good.
    func stop()
}

extension LogSource {
    /// Starts the source and returns its events as an async sequence; ending
    /// the iteration (or cancelling its task) stops the source.
    ///
    /// ```swift
    /// for await event in source.events() { … }
    /// ```
    public func events(bufferingNewest limit: Int = 4096) -> AsyncStream<LogSourceEvent> {
        let (stream, continuation) = AsyncStream<LogSourceEvent>.makeStream(bufferingPolicy: .bufferingNewest(limit))
        continuation.onTermination = { [weak self] _ in self?.stop() }
        start { event in
            continuation.yield(event)
            if case .status(.stopped) = event { continuation.finish() }
        }
        return stream
    }
}
