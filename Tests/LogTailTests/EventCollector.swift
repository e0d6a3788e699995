import Foundation
@testable import LogTail

/// Collects what a source reports, from its thread, for the test to wait on.
final class EventCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var collectedLines: [LogLine] = []
    private var collectedStatuses: [LogSourceStatus] = []
    private var collectedCursors: [LogCursor?] = []

    var handler: @Sendable (LogSourceEvent) -> Void {
        { [self] event in
            lock.withLock {
                switch event {
                case .lines(let lines, let cursor):
                    collectedLines += lines
                    collectedCursors.append(cursor)
                case .status(let status):
                    collectedStatuses.append(status)
                }
            }
        }
    }

    var lines: [LogLine] { lock.withLock { collectedLines } }
    var texts: [String] { lines.map(\.text) }
    var statuses: [LogSourceStatus] { lock.withLock { collectedStatuses } }
    var cursors: [LogCursor?] { lock.withLock { collectedCursors } }

    /// Polls until `condition` holds or `timeout` passes; returns whether it held.
    @discardableResult
    func wait(timeout: TimeInterval = 20, until condition: (EventCollector) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition(self) { return true }
            usleep(2_000)
        }
        return condition(self)
    }

    func waitForTexts(_ expected: [String], timeout: TimeInterval = 20) -> Bool {
        wait(timeout: timeout) { $0.texts == expected }
    }
}
