import FirebreakTestSupport
import Foundation
import Testing

/// The database holds an incident's evidence: it, its -wal and -shm files
/// and the presence files are the owner's alone, whatever the umask.
@Suite("Secrets: private files")
struct FilePermissionTests {
    @Test func databaseWalShmAndPresenceAreOwnerOnlyUnderAnOpenUmask() throws {
        let folder = try ScratchFolder()
        defer { withExtendedLifetime(folder) {} }
        let fb = Firebreak(database: folder.path("new/firebreak.db"))
        let opened = try Spawned.shell("umask 000; exec \"$@\"", [Firebreak.binary, "open", "--title", "private"], environment: fb.environment)
        #expect(opened.status == 0, "\(opened.stderr)")
        // A console keeps its connections open, so the -wal and -shm files exist while it runs.
        let console = try Tmux(environment: Tmux.environment(fb), command: "umask 000; " + Tmux.firebreak("console INC-1"))
        try console.waitFor("INC-1 private")
        try fb.ok("note", "INC-1", "while the console is open")
        try console.waitFor("while the console is open")

        let base = fb.database
        #expect(FileManager.default.fileExists(atPath: base + "-wal"))
        #expect(FileManager.default.fileExists(atPath: base + "-shm"))
        var checked = 0
        for file in [base, base + "-wal", base + "-shm"] where FileManager.default.fileExists(atPath: file) {
            #expect(mode(file) == 0o600, "\(file) has mode \(String(mode(file) ?? -1, radix: 8))")
            checked += 1
        }
        #expect(mode(folder.path("new")) == 0o700)
        let presence = base + ".presence"
        if FileManager.default.fileExists(atPath: presence) {
            #expect(mode(presence) == 0o700)
            for name in try FileManager.default.contentsOfDirectory(atPath: presence) {
                #expect(mode(presence + "/" + name) == 0o600, "presence file \(name)")
                checked += 1
            }
        }
        try console.press("q")
        try console.waitFor("EXIT:0")
        #expect(checked >= 3)
    }
}
