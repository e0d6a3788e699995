import FirebreakTestSupport
import Foundation
import Testing

/// A signal during `action run`, against moto, with the change (`iam
/// update-access-key --status Inactive`) made by a stand-in that sleeps and
/// only then would call AWS (it writes a marker first): the call must die
/// with the run, never finish its change, and the record must say the run was
/// interrupted, after which it blocks nothing and can be undone.
@Suite("Signals during an action run", .serialized)
struct ActionRunSignalTests {
    /// An incident with one IAM access key of moto's, and the stand-in `aws`.
    final class World {
        let moto: Moto
        let folder: ScratchFolder
        var fb: Firebreak
        let user: String
        let key: String
        let standIn: String
        let pidFile: String
        let marker: String

        init() throws {
            moto = try Moto()
            folder = try ScratchFolder()
            fb = Firebreak(database: folder.path("firebreak.db"))
            fb.environment = moto.environment(base: fb.environment)
            user = "leaked-\(UUID().uuidString.prefix(8).lowercased())"
            _ = try moto.aws("iam", "create-user", "--user-name", user, base: fb.environment)
            key = try moto.aws("iam", "create-access-key", "--user-name", user, "--query", "AccessKey.AccessKeyId", "--output", "text",
                               base: fb.environment).trimmingCharacters(in: .whitespacesAndNewlines)
            try fb.ok("open", "--title", "signals", "--region", "us-east-1")
            try fb.ok("resource", "add", "INC-1", key, "--kind", "iam-access-key", "--state", "compromised")
            pidFile = folder.path("hung.pid")
            marker = folder.path("changed")
            // The deactivation waits, then leaves a marker and really makes the change.
            standIn = try folder.script("slow-aws", """
                case "$*" in *update-access-key*Inactive*)
                    echo $$ > '\(folder.path("hung.tmp"))' && mv '\(folder.path("hung.tmp"))' '\(pidFile)'
                    sleep 30
                    touch '\(marker)'
                    exec aws "$@";;
                esac
                exec aws "$@"
                """)
        }

        deinit {
            // The stand-in's sleep is in its process group; nothing of it may outlive the test.
            if let pid = hungPID { kill(-pid, SIGKILL) }
        }

        /// `firebreak action run INC-1 iam.deactivate-key KEY --yes` through the stand-in, in the background.
        func startRun() throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Firebreak.binary)
            process.arguments = ["action", "run", "INC-1", "iam.deactivate-key", key, "--yes", "--aws-cli", standIn]
            process.environment = fb.environment
            process.standardOutput = FileHandle(forWritingAtPath: touch(folder.path("run.out")))
            process.standardError = FileHandle(forWritingAtPath: touch(folder.path("run.err")))
            process.standardInput = FileHandle.nullDevice
            try process.run()
            return process
        }

        var hungPID: pid_t? {
            (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }

        /// Waits until the change call is under way.
        func waitForTheHungCall(_ process: Process) throws -> pid_t {
            let deadline = Date().addingTimeInterval(60)
            while hungPID == nil && Date() < deadline && process.isRunning { usleep(20_000) }
            return try #require(hungPID, "the deactivation never started: \(stderr)")
        }

        var stderr: String { (try? String(contentsOfFile: folder.path("run.err"), encoding: .utf8)) ?? "" }

        /// The key's status as moto has it.
        func keyStatus() throws -> String {
            try moto.aws("iam", "list-access-keys", "--user-name", user, "--query", "AccessKeyMetadata[0].Status", "--output", "text",
                         base: fb.environment).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        func run(_ id: String) throws -> [String: Any] {
            let runs = try #require((try fb.json("show", "INC-1", "--json") as? [String: Any])?["actionRuns"] as? [[String: Any]])
            return try #require(runs.first { $0["runId"] as? String == id }, "no \(id) in \(runs.map { $0["runId"] ?? "" })")
        }

        private func touch(_ path: String) -> String {
            FileManager.default.createFile(atPath: path, contents: nil)
            return path
        }
    }

    static func isGone(_ pid: pid_t) -> Bool { kill(pid, 0) != 0 && errno == ESRCH }

    @Test("SIGINT, SIGTERM, SIGHUP: the call's process group is stopped, the step and the run recorded interrupted, exit 128+n with one line",
          .timeLimit(.minutes(10)), arguments: [SIGINT, SIGTERM, SIGHUP])
    func aSignalStopsTheCallAndRecordsTheRunInterrupted(_ signal: Int32) throws {
        let world = try World()
        let process = try world.startRun()
        let hung = try world.waitForTheHungCall(process)
        kill(process.processIdentifier, signal)

        #expect(eventually(within: 20) { !process.isRunning }, "firebreak did not end after the signal")
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 128 + signal,
                "exit \(process.terminationStatus) (\(process.terminationReason == .exit ? "exit" : "signal")): \(world.stderr)")
        let lines = world.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("run-1") && lines[0].contains("interrupted"), "\(world.stderr)")
        // The stand-in and everything in its group are gone, so the marker can never be written.
        #expect(eventually(within: 20) { Self.isGone(hung) && kill(-hung, 0) != 0 }, "the aws call outlived the run")
        #expect(!FileManager.default.fileExists(atPath: world.marker), "the call went on to make its change")
        #expect(try world.keyStatus() == "Active")

        let run = try world.run("run-1")
        #expect(run["status"] as? String == "interrupted")
        #expect(run["finishedAt"] is String, "the run was not recorded as finished")
        let steps = try #require(run["steps"] as? [[String: Any]])
        #expect(steps.map { $0["step"] as? String } == ["find-user", "deactivate"])
        #expect(steps.last?["outcome"] as? String == "interrupted")
        #expect((steps.last?["argv"] as? [String])?.contains("update-access-key") == true)
        #expect(try world.fb.run("verify").status == 0)

        // Finished, so it blocks nothing, and it can be undone from what it recorded.
        try world.fb.ok("action", "run", "INC-1", "iam.deactivate-key", world.key, "--yes", "--dry-run")
        try world.fb.ok("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try world.run("run-1")["undoneBy"] as? String == "run-3")
        #expect(try world.keyStatus() == "Active")
    }

    @Test("SIGKILL: the aws call dies with firebreak; later runs work and the interrupted run can be undone",
          .timeLimit(.minutes(10)), arguments: [false, true])
    func aKilledRunTakesItsCallAlongAndBlocksNothing(undoAtOnce: Bool) throws {
        let world = try World()
        let process = try world.startRun()
        let hung = try world.waitForTheHungCall(process)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // The stand-in is killed by the kernel with its parent: it never reaches its marker.
        #expect(eventually(within: 20) { Self.isGone(hung) }, "the aws call outlived a killed firebreak")
        #expect(!FileManager.default.fileExists(atPath: world.marker), "the call went on to make its change")
        #expect(try world.keyStatus() == "Active")
        #expect(try world.run("run-1")["status"] as? String == "interrupted")

        var undoID = "run-2"
        if !undoAtOnce {
            // The next two runs: the first records the interruption, neither may trip over it.
            try world.fb.ok("action", "run", "INC-1", "iam.deactivate-key", world.key, "--yes", "--dry-run")
            try world.fb.ok("action", "run", "INC-1", "iam.deactivate-key", world.key, "--yes", "--dry-run")
            undoID = "run-4"
        }
        // Undo of the interrupted run, from the user its first step recorded (the finish recorded no results).
        // (--reactivate: by default an undo keeps the key inactive and calls nothing that changes it.)
        let undo = try world.fb.run("action", "undo", "INC-1", "run-1", "--yes", "--reactivate")
        #expect(undo.status == 0, "\(undo.stderr)")
        let run = try world.run("run-1")
        #expect(run["status"] as? String == "interrupted")
        #expect(run["undoneBy"] as? String == undoID)
        let undone = try world.run(undoID)
        let argv = try #require((undone["steps"] as? [[String: Any]])?.first?["argv"] as? [String])
        #expect(argv.contains(world.user) && argv.contains("Active"), "\(argv)")
        // And life goes on: a real run after all that.
        try world.fb.ok("action", "run", "INC-1", "iam.deactivate-key", world.key, "--yes")
        #expect(try world.keyStatus() == "Inactive")
        #expect(try world.fb.run("verify").status == 0)
    }
}
