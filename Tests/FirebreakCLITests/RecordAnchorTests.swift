import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import FirebreakTestSupport

/// The record's promises against the real binary, tampered with by `sqlite3`
/// as an attacker with the file would: `verify` names edited listing columns,
/// heads given out earlier, signed heads and trusted keys catch what the
/// chain alone cannot, a -wal a copy would lose is named, an export is one
/// self-contained file, and a database nobody may write is still read.
@Suite("The record: anchored heads, signatures, exports and read-only folders")
struct RecordAnchorTests {
    let folder: TemporaryFolder
    let fb: FirebreakProcess

    init() throws {
        folder = try TemporaryFolder()
        var fb = FirebreakProcess(database: folder.path("incidents.db"), operatorName: "alice")
        fb.environment["XDG_CONFIG_HOME"] = folder.path("config")
        self.fb = fb
    }

    var keyFolder: String { folder.path("config/firebreak/keys") }

    static func head(_ verifyOutput: String) throws -> String {
        let line = try #require(verifyOutput.split(separator: "\n").first { $0.contains(": intact,") })
        return String(try #require(line.split(separator: " ").last))
    }

    /// Deletes the events after `keeping` and makes the projection agree.
    func cutShort(keeping: Int) throws {
        try sqlite3(fb.database, """
            DROP TRIGGER events_no_delete; DELETE FROM events WHERE incident_id = 1 AND seq > \(keeping);
            UPDATE incidents SET last_seq = \(keeping), state_seq = 0, state = '', status = 'open', closed_at = NULL,
                head_hash = (SELECT hash FROM events WHERE incident_id = 1 AND seq = \(keeping)),
                updated_at = (SELECT recorded_at FROM events WHERE incident_id = 1 AND seq = \(keeping)) WHERE id = 1;
            DELETE FROM checkpoints WHERE incident_id = 1;
            """)
    }

    @Test(arguments: [("status", "'closed'"), ("title", "'Nothing to see'"), ("severity", "4"), ("phase", "'recovery'")])
    func anEditedListingColumnIsNamed(column: String, value: String) throws {
        try fb.ok("open", "--title", "Leaked key", "--severity", "2")
        try fb.ok("note", "INC-1", "key used from 198.51.100.7")
        try sqlite3(fb.database, "UPDATE incidents SET \(column) = \(value) WHERE id = 1")
        let result = try fb.run("verify")
        #expect(result.status == 2)
        #expect(result.stderr.contains("INC-1") && result.stderr.contains("\(column) column"), "\(result.stderr)")
    }

    @Test func deletedLastEventsAreCaughtByAnExpectedHead() throws {
        try fb.ok("open", "--title", "Leaked key")
        for index in 1...4 { try fb.ok("note", "INC-1", "note \(index)") }
        let head = try Self.head(fb.ok("verify", "INC-1"))
        try cutShort(keeping: 3)
        #expect(try fb.run("verify").status == 0, "the chain alone cannot tell")
        let result = try fb.run("verify", "INC-1", "--expect-head", head)
        #expect(result.status == 2)
        #expect(result.stderr.contains("does not hold the expected head \(head.prefix(16))"), "\(result.stderr)")
        let anyIncident = try fb.run("verify", "--expect-head", head)
        #expect(anyIncident.status == 2)
        #expect(anyIncident.stderr.contains("no incident's chain holds the expected head"), "\(anyIncident.stderr)")
        let bad = try fb.run("verify", "INC-1", "--expect-head", "abc")
        #expect(bad.status != 0 && bad.stderr.contains("not a head hash"))
    }

    @Test func closingSignsAndVerifyNamesTheSignerAndWhetherTheKeyIsTrusted() throws {
        try fb.ok("open", "--title", "Leaked key")
        try fb.ok("note", "INC-1", "key used from 198.51.100.7")
        try fb.ok("close", "INC-1", "--resolution", "rotated")
        let plain = try fb.ok("verify", "INC-1")
        #expect(plain.contains("signed by alice (key fingerprint ed25519:"), "\(plain)")
        let trusted = try fb.ok("verify", "INC-1", "--trusted-keys", keyFolder)
        #expect(trusted.contains(", trusted, close)"), "\(trusted)")
        let mode = try FileManager.default.attributesOfItem(atPath: keyFolder + "/alice.key")[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    /// A whole record forged in alice's name, with a key of the forger's own:
    /// every hash and signature checks, and only alice's real key shows it.
    @Test func aRecordReSignedWithAnotherKeyFailsAgainstTheTrustedKey() throws {
        try fb.ok("open", "--title", "Leaked key")
        try fb.ok("close", "INC-1", "--resolution", "rotated")
        var forger = FirebreakProcess(database: folder.path("forged.db"), operatorName: "alice")
        forger.environment["XDG_CONFIG_HOME"] = folder.path("forger")
        try forger.ok("open", "--title", "Leaked key")
        try forger.ok("note", "INC-1", "nothing was taken")
        try forger.ok("close", "INC-1", "--resolution", "rotated")
        #expect(try forger.run("verify").status == 0)
        let result = try fb.run("verify", "--db", forger.database, "--trusted-keys", keyFolder + "/alice.pub")
        #expect(result.status == 2)
        #expect(result.stderr.contains("re-signed with another key"), "\(result.stderr)")
        #expect(try fb.run("verify", "--trusted-keys", keyFolder + "/alice.pub").status == 0)
    }

    @Test func aWholeIncidentDeletedIsCaughtByTheSignedHeadJournal() throws {
        try fb.ok("open", "--title", "Kept")
        try fb.ok("open", "--title", "To be deleted", "--severity", "2")
        try fb.ok("close", "INC-2", "--resolution", "done")
        let journals = try FileManager.default.contentsOfDirectory(atPath: folder.path("config/firebreak/heads"))
        let journal = folder.path("config/firebreak/heads/" + (try #require(journals.first)))
        try sqlite3(fb.database, "DROP TRIGGER events_no_delete; DELETE FROM events WHERE incident_id = 2; DELETE FROM incidents WHERE id = 2")
        #expect(try fb.run("verify").status == 0, "nothing in the file remembers INC-2")
        let result = try fb.run("verify", "--trusted-heads", journal)
        #expect(result.status == 2)
        #expect(result.stderr.contains("INC-2") && result.stderr.contains("whole incident is missing"), "\(result.stderr)")
    }

    @Test func verifyNamesCommitsOnlyInTheWALAndAnExportHoldsThemWithTheSameHead() throws {
        try fb.ok("open", "--title", "Leaked key")
        try fb.ok("open", "--title", "Another")
        try fb.ok("note", "INC-1", "before")
        let holder = try OpenConnection(fb.database)
        for index in 1...5 { try fb.ok("note", "INC-1", "acknowledged \(index)") }
        holder.kill()
        let verify = try fb.ok("verify", "INC-1")
        #expect(verify.contains("5 of its events are committed only to incidents.db-wal"), "\(verify)")
        let head = try Self.head(verify)
        // A copy of the file alone misses them, and an expected head says so.
        try FileManager.default.copyItem(atPath: fb.database, toPath: folder.path("copy.db"))
        let copy = try fb.run("verify", "--db", folder.path("copy.db"), "INC-1", "--expect-head", head)
        #expect(copy.status == 2)
        #expect(copy.stderr.contains("without its -wal"), "\(copy.stderr)")
        // The export is one file with every acknowledged event and the same head.
        let exported = try fb.ok("export", "INC-1", "--to", folder.path("review.db"))
        #expect(exported.contains("head \(head)"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("review.db-wal")))
        let review = try fb.ok("verify", "--db", folder.path("review.db"), "--expect-head", head)
        #expect(review.split(separator: "\n").first == "INC-1: intact, 7 events, head \(head)")
        #expect(try fb.ok("list", "--db", folder.path("review.db")).contains("Another") == false)
        let again = try fb.run("export", "INC-1", "--to", folder.path("review.db"))
        #expect(again.status == 1 && again.stderr.contains("already exists"), "\(again.stderr)")
    }

    /// As root, run as `nobody` on a 0444 database in a 0555 folder it owns — the file alone, or
    /// with a -wal a killed writer left (no -shm: a copy for review has none, and SQLite would have to
    /// create one): every reading command works, the -wal's commits included, and nothing is created there.
    @Test(.enabled(if: getuid() == 0, "needs root to become nobody"), arguments: [false, true])
    func aDatabaseNobodyMayWriteIsStillReadAndNothingIsCreatedBesideIt(walLeft: Bool) throws {
        try fb.ok("open", "--title", "Leaked key")
        try fb.ok("note", "INC-1", "before")
        let holder = try OpenConnection(fb.database)
        try fb.ok("note", "INC-1", "only in the wal")
        holder.kill()
        if walLeft {
            #expect(try FileManager.default.attributesOfItem(atPath: fb.database + "-wal")[.size] as? Int ?? 0 > 0)
        } else {
            try sqlite3(fb.database, "PRAGMA wal_checkpoint(TRUNCATE)")
            try? FileManager.default.removeItem(atPath: fb.database + "-wal")
        }
        try? FileManager.default.removeItem(atPath: fb.database + "-shm")
        // nobody's own $TMPDIR, away from the database's folder, so what appears there is not counted as a trace.
        let scratchFolder = try TemporaryFolder()
        let scratch = scratchFolder.url.path
        _ = try run("/bin/chown", ["-R", "65534:65534", folder.url.path, scratch])
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.url.path) where file.hasPrefix("incidents.db") {
            _ = try run("/bin/chmod", ["0444", folder.path(file)])
        }
        _ = try run("/bin/chmod", ["0555", folder.url.path])
        defer { _ = try? run("/bin/chmod", ["0700", folder.url.path]) }
        let before = try listing()
        var nobody = fb
        nobody.environment["TMPDIR"] = scratch
        nobody.environment["HOME"] = scratch
        let asNobody = ["/usr/bin/setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups", FirebreakProcess.binary.path]
        for command in [["list"], ["show", "INC-1"], ["events", "INC-1"], ["verify"]] {
            let result = try run(asNobody[0], Array(asNobody.dropFirst()) + command, environment: nobody.environment)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            if command.count == 2 { #expect(result.stdout.contains("only in the wal"), "\(command): \(result.stdout)") }
            if command == ["verify"] { #expect(result.stdout.contains("INC-1: intact, 3 events")) }
        }
        // Each private copy went with the command that made it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty)
        let session = try TmuxSession(width: 120, height: 30, environment: nobody.environment,
                                      command: (asNobody + ["watch", "INC-1"]).joined(separator: " "))
        _ = try session.waitFor("read-only folder: a private copy taken at start")
        _ = try session.waitFor("Leaked key")
        #expect(try listing() == before)
        withExtendedLifetime(session) {}
    }

    func listing() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted().map { name in
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.path(name))
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            return "\(name) \(attributes[.size] ?? 0) \(modified)"
        }
    }

    func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> FirebreakProcess.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return FirebreakProcess.Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                                       stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A `sqlite3` process holding the database open, so writers that close are
/// never its last connection and SQLite does not checkpoint their commits
/// into the file; killed, it leaves them in the -wal, as a killed console does.
final class OpenConnection {
    let process = Process()
    let input = Pipe()
    let output = Pipe()

    init(_ database: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("SELECT 'open:' || count(*) FROM events;\n".utf8))
        // Wait until it has read the database (so it holds it open).
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("open:") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += chunk
        }
    }

    func kill() {
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
