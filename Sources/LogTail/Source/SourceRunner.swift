import Foundation

/// The thread, the pause/resume/stop switches, the status and the back-off
/// that every source shares; a source supplies only `step`, one round of
/// reading.
///
/// `step` runs on the runner's thread only, so the state it touches needs no
/// lock. It returns true when it made progress and should run again at once
/// (more may be waiting), false when it is caught up and the runner should
/// wait `pollInterval`; it throws when the source failed, and the runner
/// retries with back-off. Waits end early on `pause`, `resume` and `stop`.
final class SourceRunner: @unchecked Sendable {
    typealias Step = @Sendable (SourceRunner) throws -> Bool

    let pollInterval: TimeInterval
    let retry: RetryPolicy
    let name: String

    // Guarded by `condition`.
    private let condition = NSCondition()
    private var started = false
    private var paused = false
    private var stopped = false
    /// Bumped by pause/resume/stop so a sleeping thread notices.
    private var generation = 0
    private var currentStatus = LogSourceStatus.starting
    private var currentCursor: LogCursor?
    private var handler: (@Sendable (LogSourceEvent) -> Void)?
    /// Held while lines are handed over, so `stop` can wait for a delivery under way.
    private let delivering = NSRecursiveLock()

    init(name: String, pollInterval: TimeInterval, retry: RetryPolicy, cursor: LogCursor? = nil) {
        self.name = name
        self.pollInterval = max(0.001, pollInterval)
        self.retry = retry
        currentCursor = cursor
    }

    var status: LogSourceStatus {
        condition.withLock { currentStatus }
    }

    var cursor: LogCursor? {
        condition.withLock { currentCursor }
    }

    func start(handler: @escaping @Sendable (LogSourceEvent) -> Void, step: @escaping Step) {
        let shouldStart = condition.withLock {
            guard !started, !stopped else { return false }
            started = true
            self.handler = handler
            return true
        }
        guard shouldStart else { return }
        let thread = Thread { [self] in run(step) }
        thread.name = "firebreak.log.\(name)"
        thread.start()
    }

    func pause() { change { $0.paused = true } }
    func resume() { change { $0.paused = false } }
    /// Once `stop` returns, nothing more is delivered: a step still under way when it was
    /// asked (an AWS poll can take a second) has its lines and cursor dropped, so a source
    /// started after this one, from the cursor delivered last, is the one that reads them.
    func stop() {
        let neverStarted = condition.withLock {
            stopped = true
            generation += 1
            condition.broadcast()
            return !started
        }
        delivering.withLock {}  // waits out a delivery under way (recursive: `stop` from the handler itself)
        if neverStarted { setStatus(.stopped) }
    }

    /// Hands lines to the owner; called from `step`. Nothing once stopped.
    func deliver(_ lines: [LogLine], cursor: LogCursor?) {
        delivering.lock()
        defer { delivering.unlock() }
        let handler: (@Sendable (LogSourceEvent) -> Void)? = condition.withLock {
            guard !stopped else { return nil }
            if let cursor { currentCursor = cursor }
            return self.handler
        }
        if !lines.isEmpty { handler?(.lines(lines, cursor: cursor)) }
    }

    /// True once `stop` or `pause` was asked for: a long `step` should return.
    var shouldYield: Bool {
        condition.withLock { stopped || paused }
    }

    private func change(_ body: (SourceRunner) -> Void) {
        condition.withLock {
            body(self)
            generation += 1
            condition.broadcast()
        }
    }

    private func setStatus(_ status: LogSourceStatus) {
        let handler: (@Sendable (LogSourceEvent) -> Void)? = condition.withLock {
            guard currentStatus != status else { return nil }
            currentStatus = status
            return self.handler
        }
        handler?(.status(status))
    }

    private func run(_ step: Step) {
        var failures = 0
        while true {
            // Park while paused; leave when stopped.
            var isPaused = false
            let leave: Bool = condition.withLock {
                if paused && !stopped { isPaused = true }
                return stopped
            }
            if leave { break }
            if isPaused {
                setStatus(.paused)
                condition.withLock {
                    while paused && !stopped { condition.wait() }
                }
                continue
            }
            do {
                let progressed = try step(self)
                failures = 0
                setStatus(.following)
                if !progressed { sleep(pollInterval) }
            } catch {
                failures += 1
                let delay = retry.delay(afterFailures: failures)
                setStatus(.error(message: String(describing: error), attempt: failures, retryAt: Date().addingTimeInterval(delay)))
                sleep(delay)
            }
        }
        setStatus(.stopped)
        condition.withLock { handler = nil }
    }

    /// Waits `interval`, or less if paused, resumed or stopped meanwhile.
    private func sleep(_ interval: TimeInterval) {
        let deadline = Date().addingTimeInterval(interval)
        condition.withLock {
            let start = generation
            while generation == start, Date() < deadline {
                _ = condition.wait(until: deadline)
            }
        }
    }
}
