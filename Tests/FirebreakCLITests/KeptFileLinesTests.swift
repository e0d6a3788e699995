import Foundation
@testable import FirebreakCLI
import IncidentModel
import IncidentStore
import LogTail
import Testing
import FirebreakTestSupport

/// A followed file's lines kept in a real database across restarts of the
/// source: through copy-truncate and rotation while closed, under several
/// spellings of one path, through a full disk (the real console in tmux),
/// and under the byte cap. Every line kept once.
@Suite("Kept lines of followed files across restarts", .serialized)
struct KeptFileLinesTests {
    static func lines(_ range: Range<Int>) -> [String] {
        range.map { "line \(String(format: "%04d", $0)) " + String(repeating: "x", count: 40 + $0 % 17) }
    }

    static func write(_ lines: [String], to path: String) throws {
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(lines.map { $0 + "\n" }.joined().utf8))
    }

    static func keptTexts(_ store: SQLiteIncidentStore, _ incident: IncidentID) throws -> [String] {
        try store.keptLines(of: incident).lines.map { String(decoding: $0.raw, as: UTF8.self) }
    }

    /// A live console's file sources for `paths`, read from their beginning, kept in `store`.
    static func sources(_ paths: [String], store: SQLiteIncidentStore, incident: IncidentState) throws -> [any LogSource] {
        try ConsoleLogSources.make(tails: [], tailsFromStart: paths, groups: [], cloudTrail: false, pollSeconds: 1,
                                   keepCap: .default, incident: incident, store: store, mode: .live,
                                   runner: { throw CLIError("no AWS here") }, region: nil)
    }

    /// Follows `paths` until `count` lines in all are kept, then stops (as a closed console does).
    static func session(_ paths: [String], store: SQLiteIncidentStore, incident: IncidentState, until count: Int) throws {
        let sources = try Self.sources(paths, store: store, incident: incident)
        let seen = FollowLogsTests.Collected()
        for source in sources { source.start(handler: seen.handler) }
        #expect(seen.wait(timeout: 20) { _ in ((try? Self.keptTexts(store, incident.incident.id).count) ?? 0) >= count })
        // A few more polls: nothing may be kept twice.
        #expect(!seen.wait(timeout: 0.3) { _ in ((try? Self.keptTexts(store, incident.incident.id).count) ?? 0) > count })
        for source in sources { source.stop() }
        #expect(seen.wait { _ in sources.allSatisfy { $0.status == .stopped } })
    }

    static func prepared(_ folder: TemporaryFolder) throws -> (SQLiteIncidentStore, IncidentState) {
        let store = try SQLiteIncidentStore(path: folder.path("fb.db"))
        let incident = try store.openIncident(IncidentOpened(title: "kept", severity: Severity(rawValue: 2)!), actor: "alice", at: nil)
        return (store, incident)
    }

    @Test func copyTruncateAndRotationWhileClosedKeepEveryLineOnce() throws {
        let folder = try TemporaryFolder()
        let (store, incident) = try Self.prepared(folder)
        let path = folder.path("app.log")
        let all = Self.lines(0..<2_000)
        try Self.write(Array(all[..<300]), to: path)
        try Self.session([path], store: store, incident: incident, until: 300)

        // Closed: more lines, logrotate's copytruncate, then more than the old size.
        try Self.write(Array(all[300..<346]), to: path)
        try FileManager.default.copyItem(atPath: path, toPath: folder.path("app.log.1"))
        try FileHandle(forWritingTo: URL(fileURLWithPath: path)).truncate(atOffset: 0)
        try Self.write(Array(all[346..<1_000]), to: path)
        try Self.session([path], store: store, incident: incident, until: 1_000)
        #expect(try Self.keptTexts(store, incident.incident.id) == Array(all[..<1_000]))

        // Closed: more lines, then rotation by rename and a new file.
        try Self.write(Array(all[1_000..<1_500]), to: path)
        try FileManager.default.removeItem(atPath: folder.path("app.log.1"))
        try FileManager.default.moveItem(atPath: path, toPath: folder.path("app.log.1"))
        try Self.write(Array(all[1_500...]), to: path)
        try Self.session([path], store: store, incident: incident, until: 2_000)
        #expect(try Self.keptTexts(store, incident.incident.id) == all)
    }

    @Test func twoSpellingsOfOnePathAreKeptOnce() throws {
        let folder = try TemporaryFolder()
        let (store, incident) = try Self.prepared(folder)
        try FileManager.default.createDirectory(atPath: folder.path("x"), withIntermediateDirectories: true)
        let path = folder.path("x/app.log")
        let dotted = folder.path("x/../x/app.log")
        let link = folder.path("link.log")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        let all = Self.lines(0..<30)
        try Self.write(Array(all[..<10]), to: path)

        // Named three ways at once: followed once.
        #expect(try Self.sources([path, dotted, link], store: store, incident: incident).count == 1)
        try Self.session([dotted, link, path], store: store, incident: incident, until: 10)
        // Another spelling after a restart resumes where the first left off.
        try Self.write(Array(all[10..<20]), to: path)
        try Self.session([link], store: store, incident: incident, until: 20)
        // A hard link is the same file too (same device and inode).
        let hard = folder.path("hard.log")
        try FileManager.default.linkItem(atPath: path, toPath: hard)
        try Self.write(Array(all[20...]), to: path)
        try Self.session([hard], store: store, incident: incident, until: 30)
        #expect(try Self.keptTexts(store, incident.incident.id) == all)
        #expect(Set(try store.keptLines(of: incident.incident.id).lines.map(\.sourceID)).count == 1)
    }

    @Test func keptLinesAreCappedByBytesOldestFirstAndCounted() throws {
        let folder = try TemporaryFolder()
        let (store, incident) = try Self.prepared(folder)
        let id = incident.incident.id
        // 100 raw bytes a line, 1,000 bytes allowed: the newest ten stay.
        for batch in 0..<5 {
            let lines = (0..<7).map { index in
                let text = "\(batch)-\(index) " + String(repeating: "b", count: 100 - "\(batch)-\(index) ".count)
                return KeepingLogSource.kept(LogTail.LogLine(sourceID: "file:/x", sequence: UInt64(batch * 7 + index), text: text), sourceName: "x")
            }
            try store.keep(lines, cursor: "c\(batch)", source: "file:/x", of: id, cap: KeptLinesCap(lines: 1_000, bytes: 1_000), alsoDropped: 0)
        }
        let kept = try store.keptLines(of: id)
        #expect(kept.lines.count == 10)
        #expect(kept.lines.allSatisfy { $0.raw.count == 100 })
        #expect(kept.lines.first.map { String(decoding: $0.raw.prefix(4), as: UTF8.self) } == "3-4 ")
        #expect(kept.dropped == 25)
        // Both caps at once: whichever is tighter wins; lines let go before keeping are counted too.
        try store.keep([], cursor: "c5", source: "file:/x", of: id, cap: KeptLinesCap(lines: 4, bytes: 1_000), alsoDropped: 3)
        #expect(try store.keptLines(of: id).lines.count == 4)
        #expect(try store.keptLines(of: id).dropped == 34)
        // One line larger than the cap is still kept (the newest always stays).
        let big = KeepingLogSource.kept(LogTail.LogLine(sourceID: "file:/x", sequence: 99, text: String(repeating: "z", count: 5_000)), sourceName: "x")
        try store.keep([big], cursor: "c6", source: "file:/x", of: id, cap: KeptLinesCap(lines: 1_000, bytes: 1_000), alsoDropped: 0)
        #expect(try store.keptLines(of: id).lines.map(\.raw.count) == [5_000])
        #expect(try store.keptLines(of: id).dropped == 38)
    }

    /// The real console in tmux, following a file, while its file-size limit
    /// (RLIMIT_FSIZE, changed from outside with prlimit) stands in for a full
    /// disk: the lines that arrive meanwhile are shown, not kept, and kept once
    /// there is room again — before the later ones, each once.
    @Test func linesThatArriveWhileTheDiskIsFullAreKeptOnceThereIsRoom() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"), operatorName: "alice")
        try fb.ok("open", "--title", "disk full")
        let log = folder.path("app.log")
        let all = Self.lines(0..<300)
        try Self.write(Array(all[..<100]), to: log)
        // Read with the sqlite3 shell, beside the console, as anyone inspecting the file would.
        func kept() -> [String] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            process.arguments = [fb.database, "SELECT CAST(raw AS TEXT) FROM kept_log_lines ORDER BY id"]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return [] }
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        func keptCount() -> Int { kept().count }
        func until(_ condition: () -> Bool) -> Bool { eventually(within: 20, every: 0.05, condition) }

        // SIGXFSZ ignored, as a full disk sends no signal.
        let tmux = try TmuxSession(width: 200, height: 40, environment: ConsoleEndToEndTests.environment(fb), command:
            #"sh -c 'trap "" XFSZ; exec "$0" "$@"' "# + ConsoleEndToEndTests.command("console INC-1 --tail-from-start '\(log)'"))
        try tmux.waitFor("app.log: following")
        #expect(until { keptCount() == 100 })
        let shell = try tmux.tmux(["display-message", "-p", "-t", tmux.name, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let console = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
            .split(separator: " ").first.map(String.init) ?? ""
        #expect(try String(contentsOfFile: "/proc/\(console)/cmdline", encoding: .utf8).contains("console"))
        func limit(_ value: String) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/prlimit")
            process.arguments = ["--pid", console, "--fsize=\(value):unlimited"]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }

        try limit("1024")
        try Self.write(Array(all[100..<200]), to: log)
        try tmux.waitFor("lines not kept")
        #expect(keptCount() == 100)
        try limit("unlimited")
        // Room again: the held lines are kept without waiting for a new one.
        #expect(until { keptCount() == 200 }, "kept \(keptCount())")
        try Self.write(Array(all[200...]), to: log)
        #expect(until { keptCount() == 300 }, "kept \(keptCount())")
        try tmux.press("q")
        try tmux.waitFor("EXIT:0")
        #expect(kept() == all)
    }
}
