import Foundation
import Testing
@testable import LogTail

/// A poller standing in for CloudWatch Logs: pages of events after a cursor,
/// and failures on demand.
final class FakePoller: LogPoller, @unchecked Sendable {
    private let lock = NSLock()
    private var events: [(ms: Int64, text: String)] = []
    private var failuresLeft = 0
    private(set) var cursorsSeen: [LogCursor?] = []
    let pageSize: Int

    init(pageSize: Int = 2) {
        self.pageSize = pageSize
    }

    func put(_ text: String, ms: Int64) { lock.withLock { events.append((ms, text)) } }
    func fail(times: Int) { lock.withLock { failuresLeft = times } }
    var seen: [LogCursor?] { lock.withLock { cursorsSeen } }

    struct Unavailable: Error, CustomStringConvertible {
        var description: String { "ResourceNotFoundException: log group does not exist" }
    }

    func poll(after cursor: LogCursor?) throws -> LogPollResult {
        try lock.withLock {
            cursorsSeen.append(cursor)
            if failuresLeft > 0 {
                failuresLeft -= 1
                throw Unavailable()
            }
            let start = cursor.flatMap { Int($0.token) } ?? 0
            let page = events.dropFirst(start).prefix(pageSize)
            let next = start + page.count
            return LogPollResult(records: page.map { LogRecord(text: $0.text, epochMilliseconds: $0.ms) },
                                 cursor: LogCursor(String(next)), hasMore: next < events.count)
        }
    }
}

@Suite("Polling log source")
struct PollingLogSourceTests {
    @Test func deliversEveryRecordOnceInOrderWithSourceTimes() throws {
        let poller = FakePoller(pageSize: 2)
        for index in 0..<5 { poller.put("event \(index)", ms: 1_800_000_000_000 + Int64(index)) }
        let source = PollingLogSource(id: "cwl:/aws/test", displayName: "/aws/test", poller: poller, interval: 0.005)
        let events = EventCollector()
        source.start(handler: events.handler)
        defer { source.stop() }
        #expect(events.waitForTexts((0..<5).map { "event \($0)" }))
        poller.put("event 5", ms: 1_800_000_000_005)
        #expect(events.waitForTexts((0..<6).map { "event \($0)" }))
        let lines = events.lines
        #expect(lines.map(\.sequence) == Array(0..<6))
        #expect(lines.allSatisfy { $0.timeOrigin == .source })
        #expect(lines[3].time == Date(timeIntervalSince1970: 1_800_000_000.003))
        #expect(source.cursor == LogCursor("6"))
    }

    @Test func resumesAfterASavedCursor() throws {
        let poller = FakePoller(pageSize: 10)
        for index in 0..<4 { poller.put("event \(index)", ms: Int64(index)) }
        let source = PollingLogSource(id: "cwl:g", displayName: "g", poller: poller, after: LogCursor("2"), interval: 0.005)
        let events = EventCollector()
        source.start(handler: events.handler)
        defer { source.stop() }
        #expect(events.waitForTexts(["event 2", "event 3"]))
        #expect(poller.seen.first == LogCursor("2"))
    }

    @Test func failuresAreReportedAndRetriedWithBackOff() throws {
        let poller = FakePoller()
        poller.fail(times: 3)
        poller.put("after recovery", ms: 0)
        let source = PollingLogSource(id: "cwl:g", displayName: "g", poller: poller, interval: 0.005,
                                      retry: RetryPolicy(initial: 0.01, maximum: 0.02))
        let events = EventCollector()
        source.start(handler: events.handler)
        defer { source.stop() }
        #expect(events.waitForTexts(["after recovery"]))
        let errors = events.statuses.compactMap { status -> (String, Int)? in
            if case .error(let message, let attempt, _) = status { return (message, attempt) }
            return nil
        }
        #expect(errors.map(\.1) == [1, 2, 3])
        #expect(errors.first?.0.contains("log group does not exist") == true)
        #expect(eventually { source.status == .following })
        // A failed poll is retried with the same cursor: nothing skipped.
        #expect(poller.seen.prefix(4).allSatisfy { $0 == nil })
    }

    /// A poll still under way when the source is stopped (an AWS call can take a second) hands
    /// over nothing: the next source, from the cursor delivered last, reads those records once.
    @Test func aPollUnderWayWhenStoppedDeliversNothing() throws {
        let poller = HeldPoller()
        let source = PollingLogSource(id: "cwl:g", displayName: "g", poller: poller, interval: 0.005)
        let events = EventCollector()
        source.start(handler: events.handler)
        #expect(poller.entered.wait(timeout: .now() + 20) == .success)
        source.stop()
        poller.release.signal()
        #expect(eventually(timeout: 20) { source.status == .stopped })
        #expect(events.lines.isEmpty)
        #expect(source.cursor == nil)
    }

    @Test func retryPolicyBacksOffToItsMaximum() {
        let policy = RetryPolicy(initial: 0.5, maximum: 30, multiplier: 2)
        #expect((1...8).map { policy.delay(afterFailures: $0) } == [0.5, 1, 2, 4, 8, 16, 30, 30])
        #expect(policy.delay(afterFailures: 10_000) == 30)
    }
}

/// A poller whose first poll waits until the test lets it return one record.
final class HeldPoller: LogPoller, @unchecked Sendable {
    let entered = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)

    func poll(after cursor: LogCursor?) throws -> LogPollResult {
        entered.signal()
        _ = release.wait(timeout: .now() + 20)
        return LogPollResult(records: [LogRecord(text: "late")], cursor: LogCursor("1"), hasMore: false)
    }
}
