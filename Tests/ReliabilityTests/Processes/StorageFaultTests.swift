import Foundation
import Testing

/// A disk that fills up and a database file that cannot be written: one
/// clear line, a non-zero exit, and no partial event; the incident takes
/// writes again once the fault is gone.
@Suite("Storage faults: disk full, read-only file")
struct StorageFaultTests {
    static func prepared() throws -> (ScratchFolder, Firebreak) {
        let folder = try ScratchFolder()
        defer { withExtendedLifetime(folder) {} }
        let fb = Firebreak(database: folder.path("firebreak.db"))
        try fb.ok("open", "--title", "storage faults")
        for index in 1...5 { try fb.ok("note", "INC-1", "before \(index)") }
        return (folder, fb)
    }

    static func expectOneClearLine(_ output: Firebreak.Output, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(output.status != 0, sourceLocation: sourceLocation)
        let lines = output.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(output.stderr)", sourceLocation: sourceLocation)
        #expect(lines.first?.hasPrefix("firebreak: ") == true, "stderr: \(output.stderr)", sourceLocation: sourceLocation)
        #expect(!output.stderr.contains("Fatal error") && !output.stderr.contains("Stack dump") && !output.stderr.contains("0x"),
                sourceLocation: sourceLocation)
    }

    /// The file-size limit (RLIMIT_FSIZE) stands in for a full disk: SQLite's
    /// writes past it fail as they would on a full disk. SIGXFSZ is ignored,
    /// as a full disk sends no signal.
    @Test(arguments: [1, 8, 16])
    func aFullDiskIsOneClearErrorAndNoPartialEvent(limitBlocks: Int) throws {
        let (folder, fb) = try Self.prepared()
        defer { withExtendedLifetime(folder) {} }
        let before = try dump(fb.database)
        // 19,000 characters (notes stop at 20,000): five pages of WAL, more than any limit here.
        let note = String(repeating: "evidence ", count: 2_100)
        let output = try Spawned.shell("trap '' XFSZ; ulimit -f \(limitBlocks); exec \"$@\"", [Firebreak.binary, "note", "INC-1", note],
                                       environment: fb.environment)
        Self.expectOneClearLine(output)
        #expect(try dump(fb.database) == before, "the failed write left something behind")
        #expect(try fb.run("verify").status == 0)
        // Space again: the next write lands on an intact chain.
        try fb.ok("note", "INC-1", "after the disk was freed")
        #expect(try fb.events().count == 7)
        #expect(try fb.run("verify").status == 0)
    }

    /// A database file its user may read but not write (as a non-root user: root ignores modes).
    @Test func aReadOnlyDatabaseFileIsOneClearErrorAndNoPartialEvent() throws {
        let (folder, fb) = try Self.prepared()
        defer { withExtendedLifetime(folder) {} }
        let before = try dump(fb.database)
        var environment = fb.environment
        environment["HOME"] = folder.url.path
        // As root, run firebreak as nobody, owner of a 0400 file; as anyone else, the mode alone does it.
        let asUser: [String]
        if getuid() == 0 {
            let nobody = "65534"
            _ = try Spawned.run("/bin/chown", ["-R", "\(nobody):\(nobody)", folder.url.path], environment: fb.environment)
            asUser = ["/usr/bin/setpriv", "--reuid", nobody, "--regid", nobody, "--clear-groups", Firebreak.binary]
        } else {
            asUser = [Firebreak.binary]
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: fb.database)
        let output = try Spawned.run(asUser[0], Array(asUser.dropFirst()) + ["note", "INC-1", "cannot land"], environment: environment)
        Self.expectOneClearLine(output)
        #expect(try dump(fb.database) == before)
        // Reading still works for that user.
        let show = try Spawned.run(asUser[0], Array(asUser.dropFirst()) + ["show", "INC-1"], environment: environment)
        #expect(show.status == 0, "\(show.stderr)")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: fb.database)
        try fb.ok("note", "INC-1", "writable again")
        #expect(try fb.run("verify").status == 0)
    }
}
