import Foundation
import Testing
@testable import LogTail
import FirebreakTestSupport

/// A file source given a filter drops the lines the filter refuses, most of
/// them without making them. What it delivers must be exactly what the
/// unfiltered source delivers with the filter applied after: the same lines,
/// numbers, bytes, text and hashes, whatever the lines hold (escapes, tabs,
/// CRs, invalid UTF-8, lines cut for display or longer than what is kept)
/// and wherever the reads cut them.
@Suite("Filtered file source")
struct FilteredFileSourceTests {
    static let fast = RetryPolicy(initial: 0.01, maximum: 0.05)
    /// Small, so lines are cut for display and outgrow what is kept.
    static let limits = LogLineLimits(rawBytes: 96, displayBytes: 48)

    /// What must agree between the two ways: everything but the arrival time.
    static func key(_ line: LogLine) -> String {
        "\(line.sequence)|\(line.raw)|\(line.rawLength)|\(line.text)|\(line.isCut)|\(line.sha256Hex)|\(line.level)"
    }

    /// Pieces lines are made of: the query in several spellings and with
    /// what sanitising changes around it, and hostile or long bytes.
    static let pieces: [[UInt8]] = [
        "Failed password", "FAILED PASSWORD", "failed\tpassword", "Failed  password", "fail", "ed pass", "word",
        "\u{1B}[2J", "^[[2J", "line cut", "é", "ss", "a", "ERROR", "INFO", " ", "2026-11-29T05:00:00Z ", "sshd[1]: ",
        "Accepted publickey for deploy from 10.0.0.1 port 22",
    ].map { Array($0.utf8) } + [[0xFF, 0xFE], [0x0D], [0x07], [0xC2, 0x9B], Array(repeating: UInt8(ascii: "x"), count: 60),
                                Array(repeating: UInt8(ascii: "y"), count: 200)]

    static func filters() throws -> [LogFilter] {
        var queries = try ["Failed password", "line cut", "^[", "re:fail(ed)? pass", "é", "a", "ss", "word"].map { try LogFilter(query: $0) }
        var levelled = try LogFilter(query: "password")
        levelled.toggle(level: .info)
        queries.append(levelled)
        return queries
    }

    @Test func deliversExactlyWhatTheUnfilteredSourceAndTheFilterDeliver() throws {
        var random = SeededGenerator(seed: 0x5EED_F11E)
        for _ in 0..<3 {
            let folder = try TemporaryFolder()
            let path = folder.path("auth.log")
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            // About 150 KiB of lines, so reads of 64 KiB cut some of them.
            var content: [UInt8] = []
            var lineCount = 0
            while content.count < 150_000 {
                for _ in 0..<random.next(upTo: 6) { content += Self.pieces[random.next(upTo: Self.pieces.count)] }
                content.append(0x0A)
                lineCount += 1
            }
            let filters = try Self.filters()
            let unfiltered = FileLogSource(path: path, start: .beginning, pollInterval: 0.005, retry: Self.fast, limits: Self.limits)
            let filtered = filters.map {
                FileLogSource(path: path, start: .beginning, pollInterval: 0.005, retry: Self.fast, limits: Self.limits, filter: $0)
            }
            let all = EventCollector()
            let each = filtered.map { _ in EventCollector() }
            unfiltered.start(handler: all.handler)
            for (source, events) in zip(filtered, each) { source.start(handler: events.handler) }
            defer { (filtered + [unfiltered]).forEach { $0.stop() } }
            // Written in pieces while the sources follow, so lines also span their reads.
            var written = 0
            while written < content.count {
                let size = min(content.count - written, 1 + random.next(upTo: 40_000))
                try appendBytes(Array(content[written..<(written + size)]), to: path)
                written += size
            }
            #expect(all.wait(timeout: 120) { $0.lines.count == lineCount })
            let finalCursor = try #require(unfiltered.cursor)
            for (index, (source, filter)) in zip(filtered, filters).enumerated() {
                // Caught up: the cursor moved past the last line, delivered or dropped.
                #expect(eventually(timeout: 120) { source.cursor == finalCursor }, "filter \(index)")
                let expected = all.lines.filter(filter.admits).map(Self.key)
                #expect(each[index].lines.map(Self.key) == expected, "filter \(index) '\(filter.query)'")
                #expect(!expected.isEmpty, "filter \(index) '\(filter.query)' admits nothing: the input tells nothing")
            }
        }
    }

    @Test func dropsUnmadeOnlyPlainLinesWithoutTheQuery() throws {
        let filter = try LogFilter(query: "Failed password")
        let limits = LogLineLimits(rawBytes: 96, displayBytes: 48)
        func rejects(_ bytes: [UInt8], _ filter: LogFilter = filter) -> Bool {
            bytes.withUnsafeBufferPointer { filter.surelyRejects(wholeLine: $0, limits: limits) }
        }
        #expect(rejects(Array("sshd[1]: Accepted publickey for deploy".utf8)))
        #expect(!rejects(Array("sshd[1]: FAILED password for root".utf8)))
        // Each of these could match once sanitised or cut, so it must be made and asked.
        #expect(!rejects(Array("failed\tpassword".utf8)))                       // a tab expands
        #expect(!rejects(Array("\u{1B}[2J nothing".utf8)))                      // an escape shows as ^[
        #expect(!rejects(Array("nothing\r".utf8)))                              // a CR is dropped
        #expect(!rejects([0xFF] + Array(" nothing".utf8)))                      // invalid UTF-8
        #expect(!rejects(Array(repeating: UInt8(ascii: "x"), count: 49)))       // cut: the marker is text
        #expect(rejects(Array(repeating: UInt8(ascii: "x"), count: 48)))
        // A query that is not an ASCII substring takes the text; no query drops nothing unmade.
        #expect(!rejects(Array("nothing".utf8), try LogFilter(query: "re:Failed")))
        #expect(!rejects(Array("nothing".utf8), try LogFilter(query: "é")))
        var levels = LogFilter()
        levels.toggle(level: .info)
        #expect(!rejects(Array("INFO nothing".utf8), levels))
    }

    @Test func theCursorMovesPastDroppedLinesSoARestartReadsOnlyWhatFollows() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("auth.log")
        try append("a\nFailed password 1\nb\n", to: path)
        let filter = try LogFilter(query: "Failed password")
        let source = FileLogSource(path: path, start: .beginning, pollInterval: 0.005, retry: Self.fast, filter: filter)
        let events = EventCollector()
        source.start(handler: events.handler)
        #expect(events.waitForTexts(["Failed password 1"], timeout: 60))
        #expect(events.lines.map(\.sequence) == [1])
        // Lines the filter drops, and nothing delivered: the cursor still moves past them.
        try append("c\nd\n", to: path)
        let size = Int64("a\nFailed password 1\nb\nc\nd\n".utf8.count)
        #expect(eventually(timeout: 60) { source.cursor.flatMap { FileCursor($0) }?.offset == size })
        source.stop()
        #expect(events.texts == ["Failed password 1"])

        try append("e\nFailed password 2\n", to: path)
        let cursor = try #require(source.cursor)
        let resumed = FileLogSource(path: path, start: .cursor(cursor), pollInterval: 0.005, retry: Self.fast, filter: filter)
        let more = EventCollector()
        resumed.start(handler: more.handler)
        defer { resumed.stop() }
        #expect(more.waitForTexts(["Failed password 2"], timeout: 60))
        #expect(more.lines.map(\.sequence) == [1])
    }
}

/// Appends raw bytes (not necessarily UTF-8) as a logging process does.
private func appendBytes(_ bytes: [UInt8], to path: String) throws {
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(bytes))
}
