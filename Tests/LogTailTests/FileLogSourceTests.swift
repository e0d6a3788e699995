import Crypto
import Foundation
import Testing
@testable import LogTail
import FirebreakTestSupport

/// A file followed through everything logrotate and attackers do to it. Each
/// test polls every few milliseconds and waits with deadlines, never fixed sleeps.
@Suite("File log source")
struct FileLogSourceTests {
    static let fast = RetryPolicy(initial: 0.01, maximum: 0.05)

    static func source(_ path: String, start: FileLogSource.StartPosition = .end) -> FileLogSource {
        FileLogSource(path: path, start: start, pollInterval: 0.005, retry: fast)
    }

    @Test func startsAtTheEndAndFollowsAppends() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("app.log")
        try append("old 1\nold 2\n", to: path)
        let source = Self.source(path)
        let events = EventCollector()
        source.start(handler: events.handler)
        defer { source.stop() }
        #expect(eventually { source.status == .following })
        try append("new 1\n", to: path)
        #expect(events.waitForTexts(["new 1"]))
        try append("new 2\nnew 3\n", to: path)
        #expect(events.waitForTexts(["new 1", "new 2", "new 3"]))
        #expect(events.lines.map(\.sequence) == [0, 1, 2])
        #expect(events.lines.allSatisfy { $0.sourceID == LogSourceID("file:\(path)") })
    }

    @Test func startsFromTheBeginningWhenAsked() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("app.log")
        try append("old 1\r\nold 2\n", to: path)
        let source = Self.source(path, start: .beginning)
        let events = EventCollector()
        source.start(handler: events.handler)
        defer { source.stop() }
        #expect(events.waitForTexts(["old 1", "old 2"]))
        // The raw line keeps its carriage return; the display text does not.
        #expect(events.lines.first?.raw == Array("old 1\r".utf8))
    }

    @Test func holdsPartialLinesUntilTheirNewline() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("app.log")
        try append("", to: path)
        let source = Self.source(path, start: .beginning)
        let events = EventCollector()
        source.start(handler: events.handler)
        defer { source.stop() }
        #expect(eventually { source.status == .following })
        try append("first half, ", to: path)
        // Give the source several polls to (wrongly) deliver the half line.
        #expect(!events.wait(timeout: 0.1) { !$0.lines.isEmpty })
        try append("second half\nnext", to: path)
        #expect(events.waitForTexts(["first half, second half"]))
        try append(" line\n", to: path)
        #expect(events.waitForTexts(["first half, second half", "next line"]))
        let whole = Array("first half, second half".utf8)
        #expect(events.lines[0].sha256 == Array(SHA256.hash(data: whole)))
    }

    @Test func restartsFromZeroAfterTruncation() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("app.log")
        try append("a long first line before truncation\n", to: path)
        let source = Self.source(path, start: .beginning)
        let events = EventCollector()
        source.start(handler: events.handler)
        defer { source.stop() }
        #expect(events.waitForTexts(["a long first line before truncation"]))
        // Truncate in place (as copytruncate does), then write less than was there.
        try FileHandle(forWritingTo: URL(fileURLWithPath: path)).truncate(atOffset: 0)
        try append("after\n", to: path)
        #expect(events.waitForTexts(["a long first line before truncation", "after"]))
    }

    @Test func followsRotationFinishingTheOldFileFirst() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("app.log")
        try append("before rotation\n", to: path)
        let source = Self.source(path, start: .beginning)
        let events = EventCollector()
        source.start(handler: events.handler)
        defer { source.stop() }
        #expect(events.waitForTexts(["before rotation"]))
        // Rotate while paused so the order of what happens is fixed: the
        // writer still appends to the renamed file (and leaves a partial
        // line) before the new file is created.
        source.pause()
        #expect(eventually { source.status == .paused })
        let writer = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try writer.seekToEnd()
        try FileManager.default.moveItem(atPath: path, toPath: folder.path("app.log.1"))
        try writer.write(contentsOf: Data("late in old file\nunterminated".utf8))
        try writer.close()
        try append("first in new file\n", to: path)
        source.resume()
        #expect(events.waitForTexts(["before rotation", "late in old file", "unterminated", "first in new file"]))
        try append("second in new file\n", to: path)
        #expect(events.waitForTexts(["before rotation", "late in old file", "unterminated", "first in new file", "second in new file"]))
    }

    @Test func removedFileIsAnErrorUntilItReappears() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("app.log")
        try append("one\n", to: path)
        let source = Self.source(path, start: .beginning)
        let events = EventCollector()
        source.start(handler: events.handler)
        defer { source.stop() }
        #expect(events.waitForTexts(["one"]))
        try FileManager.default.removeItem(atPath: path)
        #expect(eventually { source.status.isError })
        guard case .error(let message, _, _) = source.status else { return }
        #expect(message.contains(path))
        // Still retrying, with back-off: the attempt count climbs.
        #expect(eventually {
            if case .error(_, let attempt, _) = source.status { return attempt >= 3 }
            return false
        })
        try append("two\n", to: path)
        #expect(events.waitForTexts(["one", "two"]))
        #expect(eventually { source.status == .following })
        #expect(events.statuses.contains { $0.isError })
    }

    @Test func missingFileAtStartIsReadWholeWhenItAppears() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("later.log")
        let source = Self.source(path, start: .end)
        let events = EventCollector()
        source.start(handler: events.handler)
        defer { source.stop() }
        #expect(eventually { source.status.isError })
        #expect(source.status.description.contains("No such file"))
        try append("written before we could open it\n", to: path)
        #expect(events.waitForTexts(["written before we could open it"]))
    }

    @Test func pauseKeepsItsPlaceAndStopEnds() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("app.log")
        try append("", to: path)
        let source = Self.source(path)
        let events = EventCollector()
        source.start(handler: events.handler)
        #expect(eventually { source.status == .following })
        source.pause()
        #expect(eventually { source.status == .paused })
        try append("while paused\n", to: path)
        #expect(!events.wait(timeout: 0.05) { !$0.lines.isEmpty })
        source.resume()
        #expect(events.waitForTexts(["while paused"]))
        source.stop()
        #expect(eventually { source.status == .stopped })
        try append("after stop\n", to: path)
        #expect(!events.wait(timeout: 0.05) { $0.lines.count > 1 })
        #expect(events.statuses.last == .stopped)
    }

    @Test func resumesFromACursorWithoutRepeatingOrSkipping() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("app.log")
        try append("one\ntwo\n", to: path)
        let first = Self.source(path, start: .beginning)
        let firstEvents = EventCollector()
        first.start(handler: firstEvents.handler)
        #expect(firstEvents.waitForTexts(["one", "two"]))
        first.stop()
        let cursor = try #require(first.cursor)
        #expect(firstEvents.cursors.last == cursor)
        try append("three\n", to: path)
        let second = Self.source(path, start: .cursor(cursor))
        let secondEvents = EventCollector()
        second.start(handler: secondEvents.handler)
        defer { second.stop() }
        #expect(secondEvents.waitForTexts(["three"]))
    }

    @Test func deliversThroughAnAsyncStream() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("app.log")
        try append("streamed 1\nstreamed 2\n", to: path)
        let source = Self.source(path, start: .beginning)
        var texts: [String] = []
        for await event in source.events() {
            if case .lines(let lines, _) = event { texts += lines.map(\.text) }
            if texts.count >= 2 { break }
        }
        #expect(texts == ["streamed 1", "streamed 2"])
        // Leaving the loop stopped the source.
        #expect(eventually { source.status == .stopped })
    }

    @Test func hostileBytesInAFileAreNeutralised() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("evil.log")
        _ = FileManager.default.createFile(atPath: path, contents: Data([0x61, 0x1B, 0x5B, 0x32, 0x4A, 0xFF, 0x0A]))
        let source = Self.source(path, start: .beginning)
        let events = EventCollector()
        source.start(handler: events.handler)
        defer { source.stop() }
        #expect(events.waitForTexts(["a^[[2J\u{FFFD}"]))
        #expect(events.lines[0].raw == [0x61, 0x1B, 0x5B, 0x32, 0x4A, 0xFF])
    }
}
