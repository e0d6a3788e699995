import Foundation

/// A source that asks a `LogPoller` for new records every `interval`
/// (at once while the poller says it has more), turns them into lines, and
/// carries the poller's cursor — the shape of every AWS log source.
public final class PollingLogSource: LogSource {
    public let id: LogSourceID
    public let displayName: String
    private let runner: SourceRunner
    private let state: PollState

    /// A source polling `poller`, resuming after `cursor` if given.
    public init(id: LogSourceID, displayName: String, poller: some LogPoller, after cursor: LogCursor? = nil,
                interval: TimeInterval = 5, retry: RetryPolicy = .default, limits: LogLineLimits = .default) {
        self.id = id
        self.displayName = displayName
        runner = SourceRunner(name: id.rawValue, pollInterval: interval, retry: retry, cursor: cursor)
        state = PollState(sourceID: id, poller: poller, cursor: cursor, limits: limits)
    }

    public var status: LogSourceStatus { runner.status }
    public var cursor: LogCursor? { runner.cursor }

    public func start(handler: @escaping @Sendable (LogSourceEvent) -> Void) {
        let state = state
        runner.start(handler: handler) { runner in try state.step(runner) }
    }

    public func pause() { runner.pause() }
    public func resume() { runner.resume() }
    public func stop() { runner.stop() }
}

/// The poll loop's own state, touched only on the source's thread.
private final class PollState: @unchecked Sendable {
    let sourceID: LogSourceID
    let poller: any LogPoller
    let limits: LogLineLimits
    var cursor: LogCursor?
    var sequence: UInt64 = 0

    init(sourceID: LogSourceID, poller: any LogPoller, cursor: LogCursor?, limits: LogLineLimits) {
        self.sourceID = sourceID
        self.poller = poller
        self.cursor = cursor
        self.limits = limits
    }

    func step(_ runner: SourceRunner) throws -> Bool {
        let result = try poller.poll(after: cursor)
        let arrivedAt = Date()
        let lines = result.records.map { record in
            defer { sequence += 1 }
            return LogLine(sourceID: sourceID, sequence: sequence, bytes: record.bytes, time: record.time,
                           level: record.level, arrivedAt: arrivedAt, limits: limits, summarizing: record.record)
        }
        if let next = result.cursor { cursor = next }
        runner.deliver(lines, cursor: cursor)
        return result.hasMore
    }
}
