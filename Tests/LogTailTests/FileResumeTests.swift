import Foundation
import Testing
@testable import LogTail
import FirebreakTestSupport

/// A file source stopped and made again from its cursor, with the file
/// copy-truncated, rotated or rewritten meanwhile (as logrotate does while a
/// console is closed): every line once, none skipped, none twice.
@Suite("File log source: resuming across rotation and truncation")
struct FileResumeTests {
    static func source(_ path: String, start: FileLogSource.StartPosition) -> FileLogSource {
        FileLogSource(path: path, start: start, pollInterval: 0.005, retry: FileLogSourceTests.fast)
    }

    /// Lines long enough that what is written after a truncation outgrows the old offset.
    static func lines(_ range: Range<Int>) -> [String] {
        range.map { "line \(String(format: "%04d", $0)) " + String(repeating: "x", count: 40 + $0 % 17) }
    }

    static func write(_ lines: [String], to path: String) throws {
        try append(lines.map { $0 + "\n" }.joined(), to: path)
    }

    /// Reads `expected` from the start (or the cursor), stops, and returns the cursor.
    static func follow(_ path: String, from start: FileLogSource.StartPosition, expecting expected: [String]) throws -> LogCursor {
        let source = Self.source(path, start: start)
        let events = EventCollector()
        source.start(handler: events.handler)
        #expect(events.wait(timeout: 30) { $0.lines.count >= expected.count })
        // A few more polls: nothing may come twice.
        #expect(!events.wait(timeout: 0.1) { $0.lines.count > expected.count })
        source.stop()
        #expect(eventually { source.status == .stopped })
        #expect(events.texts == expected)
        return try #require(source.cursor)
    }

    static func copyTruncate(_ path: String, to copy: String) throws {
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        try FileHandle(forWritingTo: URL(fileURLWithPath: path)).truncate(atOffset: 0)
    }

    @Test func copyTruncateWhileStoppedDeliversEveryLineOnce() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("app.log")
        let all = Self.lines(0..<1_000)
        try Self.write(Array(all[..<300]), to: path)
        let cursor = try Self.follow(path, from: .beginning, expecting: Array(all[..<300]))
        // While stopped: more lines, then logrotate's copytruncate, then more
        // than was there before (so the old offset lies inside the new content).
        try Self.write(Array(all[300..<346]), to: path)
        try Self.copyTruncate(path, to: folder.path("app.log.1"))
        try Self.write(Array(all[346...]), to: path)
        let size = try #require((try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value)
        #expect(size > (try #require(FileCursor(cursor))).offset, "the old offset must lie inside the new content")
        _ = try Self.follow(path, from: .cursor(cursor), expecting: Array(all[300...]))
    }

    @Test func copyTruncateWithoutACopyStartsTheNewContentFromItsBeginning() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("app.log")
        let all = Self.lines(0..<1_000)
        try Self.write(Array(all[..<300]), to: path)
        let cursor = try Self.follow(path, from: .beginning, expecting: Array(all[..<300]))
        try FileHandle(forWritingTo: URL(fileURLWithPath: path)).truncate(atOffset: 0)
        try Self.write(Array(all[300...]), to: path)
        _ = try Self.follow(path, from: .cursor(cursor), expecting: Array(all[300...]))
    }

    @Test func rotationWhileStoppedDeliversEveryLineOnce() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("app.log")
        let all = Self.lines(0..<1_000)
        try Self.write(Array(all[..<500]), to: path)
        let cursor = try Self.follow(path, from: .beginning, expecting: Array(all[..<500]))
        // While stopped: the writer goes on in the old file, which is renamed; a new file takes the path.
        try Self.write(Array(all[500..<700]), to: path)
        try FileManager.default.moveItem(atPath: path, toPath: folder.path("app.log.1"))
        try Self.write(Array(all[700...]), to: path)
        let next = try Self.follow(path, from: .cursor(cursor), expecting: Array(all[500...]))
        // And once more, rotated again with nothing new: nothing comes twice.
        try FileManager.default.moveItem(atPath: folder.path("app.log.1"), toPath: folder.path("app.log.2"))
        try FileManager.default.moveItem(atPath: path, toPath: folder.path("app.log.1"))
        try Self.write(["after the second rotation"], to: path)
        _ = try Self.follow(path, from: .cursor(next), expecting: ["after the second rotation"])
    }

    @Test func aFileTruncatedAndRegrownWhilePausedIsNoticed() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("app.log")
        let all = Self.lines(0..<400)
        try Self.write(Array(all[..<100]), to: path)
        let source = Self.source(path, start: .beginning)
        let events = EventCollector()
        source.start(handler: events.handler)
        defer { source.stop() }
        #expect(events.wait { $0.lines.count == 100 })
        source.pause()
        #expect(eventually { source.status == .paused })
        try Self.write(Array(all[100..<120]), to: path)
        try Self.copyTruncate(path, to: folder.path("app.log.1"))
        try Self.write(Array(all[120...]), to: path)
        source.resume()
        #expect(events.wait(timeout: 30) { $0.lines.count >= 400 })
        #expect(!events.wait(timeout: 0.1) { $0.lines.count > 400 })
        #expect(events.texts == all)
    }

    @Test func aCursorFromBeforeFingerprintsStillResumes() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("app.log")
        try Self.write(["one", "two"], to: path)
        let cursor = try #require(FileCursor(try Self.follow(path, from: .beginning, expecting: ["one", "two"])))
        #expect(cursor.fingerprint != nil)
        try Self.write(["three"], to: path)
        let old = LogCursor("file:\(cursor.device):\(cursor.inode):\(cursor.offset)")
        _ = try Self.follow(path, from: .cursor(old), expecting: ["three"])
    }
}
