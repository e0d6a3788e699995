import FirebreakTestSupport
import Foundation
import Testing

/// `watch` and `replay` cannot write, even through a bug: the operating
/// system says the database is open read-only in those processes, and no
/// key changes the file.
@Suite("Read-only is read-only", .serialized)
struct ReadOnlyModeTests {
    /// Open descriptors of `pid` on the database (and its -wal), with their access mode.
    static func databaseDescriptors(_ pid: pid_t, database: String) throws -> [(path: String, accessMode: Int)] {
        let folder = "/proc/\(pid)/fd"
        var found: [(String, Int)] = []
        for fd in try FileManager.default.contentsOfDirectory(atPath: folder) {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(folder)/\(fd)"),
                  target == database || target == database + "-wal" else { continue }
            let info = try String(contentsOfFile: "/proc/\(pid)/fdinfo/\(fd)", encoding: .utf8)
            let flags = info.split(separator: "\n").first { $0.hasPrefix("flags:") }.flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8) } ?? -1
            found.append((target, flags & Int(O_ACCMODE)))
        }
        return found
    }

    @Test(arguments: ["watch", "replay"])
    func theDatabaseIsOpenedReadOnlyAndNoKeyWrites(mode: String) throws {
        let folder = try ScratchFolder()
        defer { withExtendedLifetime(folder) {} }
        let fb = Firebreak(database: folder.path("firebreak.db"))
        try fb.ok("open", "--title", "look only")
        try fb.ok("resource", "add", "INC-1", "i-0123456789abcdef0", "--state", "compromised")
        try fb.ok("note", "INC-1", "first note")
        if mode == "replay" { try fb.ok("close", "INC-1", "--resolution", "done", "--force") }
        let before = try dump(fb.database)
        let tmux = try Tmux(environment: Tmux.environment(fb), command: Tmux.firebreak("\(mode) INC-1"))
        try tmux.waitFor(mode == "watch" ? "READ-ONLY" : "REPLAY")
        let pid = try tmux.programPID()
        // Give the console time to open everything it opens.
        Thread.sleep(forTimeInterval: 0.5)
        let descriptors = try Self.databaseDescriptors(pid, database: fb.database)
        let database = descriptors.filter { $0.path == fb.database }
        #expect(!database.isEmpty, "\(mode) has no descriptor on the database")
        for descriptor in database {
            #expect(descriptor.accessMode == Int(O_RDONLY), "\(mode) holds the database open for writing")
        }
        // SQLite opens the -wal file read-write on every connection, read-only
        // ones included (its WAL index recovery needs it); the connection
        // itself refuses writes (IncidentStoreTests), and the dump below shows none happened.
        for key in ["x", "n", "a", "P", "3", "C", "s", "u", "Enter", "y", "Escape", "r", "O"] {
            try tmux.press(key)
        }
        try tmux.press("Escape")
        Thread.sleep(forTimeInterval: 0.5)
        try tmux.press("q")
        let screen = try tmux.waitFor("EXIT:")
        if !screen.contains("EXIT:0") { try tmux.press("q") }
        #expect(try dump(fb.database) == before, "\(mode) changed the database")
        SoakBudget.report("read-only: \(mode) opened the database O_RDONLY (\(descriptors.count) descriptors), keys wrote nothing")
    }
}
