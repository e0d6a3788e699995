import FirebreakTestSupport
import Foundation
import Testing

/// Where action definitions and drill scenarios are read from, through the real
/// binary: never a folder merely near the executable, never a file others could
/// write, and one bad file does not take the rest down.
@Suite("The data search path: only trusted folders and files", .serialized)
struct DataSearchPathTests {
    static let backdoor = #"{"id": "iam.deactivate-key", "phase": "containment", "kinds": ["iam-access-key"], "summary": "Backdoor", "risk": "additive", "steps": [{"name": "backdoor", "argv": ["iam", "create-access-key", "--user-name", "mallory-backdoor"]}]}"#

    /// A scratch root with a home of its own (no user config but what a test writes).
    final class Scratch {
        let root: URL
        let home: URL
        init() throws {
            root = URL(fileURLWithPath: "/tmp/fb-search-\(UUID().uuidString.prefix(8))", isDirectory: true)
            home = root.appendingPathComponent("home", isDirectory: true)
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: root) }

        func fb() -> FirebreakProcess {
            var fb = FirebreakProcess(database: root.appendingPathComponent("fb.db").path)
            fb.environment["HOME"] = home.path
            fb.environment["XDG_CONFIG_HOME"] = nil
            fb.environment["FIREBREAK_ACTIONS"] = nil
            fb.environment["FIREBREAK_DRILLS"] = nil
            return fb
        }

        /// Writes `text` at `relative` under the root with `mode`, creating folders.
        @discardableResult
        func write(_ text: String, at relative: String, mode: Int = 0o644) throws -> URL {
            let url = root.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            // Whatever the umask, the folder is the owner's alone unless a test says otherwise.
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.deletingLastPathComponent().path)
            try text.write(to: url, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
            return url
        }

        func userActions() -> String { "home/.config/firebreak/actions" }
    }

    static func actions(_ output: String) throws -> [String: [String: Any]] {
        let list = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: list.map { ($0["id"] as! String, $0) })
    }

    /// The attack as reported: a binary unpacked under a shared folder reads a
    /// world-writable `actions/` beside one of its parents.
    @Test func aBinaryUnderASharedFolderDoesNotReadActionsBesideItsParents() throws {
        let scratch = try Scratch()
        let binary = scratch.root.appendingPathComponent("unpacked/bin-x/firebreak")
        try FileManager.default.createDirectory(at: binary.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: FirebreakProcess.binary, to: binary)
        try scratch.write(Self.backdoor, at: "actions/iam.deactivate-key.json", mode: 0o666)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: scratch.root.appendingPathComponent("actions").path)
        try scratch.write(Self.backdoor, at: "unpacked/actions/iam.deactivate-key.json", mode: 0o644)

        // The copy was open for writing a moment ago: a child another test forks meanwhile holds that
        // descriptor until it execs, and exec then fails with ETXTBSY. Try again until it is gone.
        var process: Process, out: Pipe
        let deadline = Date().addingTimeInterval(10)
        while true {
            process = Process()
            process.executableURL = binary
            process.arguments = ["action", "list", "--json"]
            process.environment = scratch.fb().environment
            out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            do {
                try process.run()
                break
            } catch let error as NSError where Date() < deadline
                && (error.userInfo[NSUnderlyingErrorKey] as? NSError)?.code == Int(ETXTBSY) {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let key = try #require(try Self.actions(String(decoding: data, as: UTF8.self))["iam.deactivate-key"])
        #expect((key["source"] as? String)?.hasPrefix("built-in:") == true, "read \(key["source"] ?? "?")")
        #expect(key["summary"] as? String != "Backdoor")
    }

    @Test func aDefinitionOthersCanWriteIsRefusedInOneLineAndTheRestLoads() throws {
        let scratch = try Scratch()
        let writable = try scratch.write(Self.backdoor, at: "\(scratch.userActions())/iam.deactivate-key.json", mode: 0o666)
        let result = try scratch.fb().run("action", "list", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let key = try #require(try Self.actions(result.stdout)["iam.deactivate-key"])
        #expect((key["source"] as? String)?.hasPrefix("built-in:") == true)
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(writable.path) && result.stderr.contains("can be written by anyone"), "\(result.stderr)")
        #expect(result.stderr.contains("the built-in iam.deactivate-key stays") || result.stderr.contains("skipped"), "\(result.stderr)")

        // A group-writable folder above a 0644 file is refused the same way.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: writable.path)
        let folder = scratch.root.appendingPathComponent(scratch.userActions())
        try FileManager.default.setAttributes([.posixPermissions: 0o775], ofItemAtPath: folder.path)
        let again = try scratch.fb().run("action", "list", "--json")
        #expect(again.stderrLines.count == 1 && again.stderr.contains("its folder \(folder.path) can be written by its group"), "\(again.stderr)")
        #expect((try Self.actions(again.stdout)["iam.deactivate-key"]?["source"] as? String)?.hasPrefix("built-in:") == true)
    }

    @Test func aMalformedFileIsNamedAndSkippedAndEverythingElseLoads() throws {
        let scratch = try Scratch()
        let broken = try scratch.write("{ not json", at: "\(scratch.userActions())/broken.json")
        let badOverride = try scratch.write(#"{"id": "ec2.stop", "phase": "containment"}"#, at: "\(scratch.userActions())/stop.json")
        let good = try scratch.write(#"{"id": "site.stop", "phase": "containment", "kinds": ["ec2-instance"], "summary": "Site stop", "risk": "reversible", "steps": [{"name": "stop", "argv": ["ec2", "stop-instances", "--instance-ids", "{resource}"]}], "undo": [{"name": "start", "argv": ["ec2", "start-instances", "--instance-ids", "{resource}"]}]}"#,
                                     at: "\(scratch.userActions())/site.json")
        let result = try scratch.fb().run("action", "list", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let actions = try Self.actions(result.stdout)
        #expect(actions["site.stop"]?["source"] as? String == good.path)
        #expect((actions["ec2.stop"]?["source"] as? String)?.hasPrefix("built-in:") == true)
        #expect(actions.count > 20)
        #expect(result.stderrLines.count == 2, "\(result.stderr)")
        #expect(result.stderrLines.contains { $0.contains(broken.path) && $0.contains("not valid JSON") && $0.hasSuffix("skipped") })
        #expect(result.stderrLines.contains { $0.contains(badOverride.path) && $0.contains("the built-in ec2.stop stays") })
    }

    /// In the console the line goes to the footer (stderr belongs to the screen there), and actions still work.
    @Test func aMalformedDefinitionIsNamedInTheConsolesFooter() throws {
        let scratch = try Scratch()
        try scratch.write("{ not json", at: "\(scratch.userActions())/broken.json")
        let fb = scratch.fb()
        try fb.ok("open", "--title", "footer")
        let environment = ConsoleEndToEndTests.environment(fb, ["HOME": scratch.home.path])
        let tmux = try TmuxSession(width: 220, height: 40, environment: environment, command: ConsoleEndToEndTests.command("console INC-1"))
        try tmux.waitFor("broken.json: not valid JSON")
        try tmux.press("q")
        try tmux.waitFor("EXIT:0")
    }

    @Test func actionPlanNamesTheFileOfAnOverridingDefinition() throws {
        let scratch = try Scratch()
        let file = try scratch.write(#"{"id": "iam.deactivate-key", "phase": "containment", "kinds": ["iam-access-key"], "summary": "Site deactivate", "risk": "reversible", "steps": [{"name": "deactivate", "argv": ["iam", "update-access-key", "--access-key-id", "{resource}", "--status", "Inactive"]}], "undo": [{"name": "reactivate", "argv": ["iam", "update-access-key", "--access-key-id", "{resource}", "--status", "Active"]}]}"#,
                                     at: "\(scratch.userActions())/deactivate.json")
        let fb = scratch.fb()
        try fb.ok("open", "--title", "plan source")
        try fb.ok("resource", "add", "INC-1", "AKIAIOSFODNN7EXAMPLE")
        let human = try fb.ok("action", "plan", "INC-1", "iam.deactivate-key", "AKIAIOSFODNN7EXAMPLE")
        #expect(human.contains("definition: \(file.path) (a file, not the built-in catalog)"), "\(human)")
        let json = try #require(try fb.json("action", "plan", "INC-1", "iam.deactivate-key", "AKIAIOSFODNN7EXAMPLE", "--json") as? [String: Any])
        #expect(json["definitionFile"] as? String == file.path)
        // A built-in says nothing of a file, and null in JSON.
        let builtin = try #require(try fb.json("action", "plan", "INC-1", "iam.delete-key", "AKIAIOSFODNN7EXAMPLE", "--json") as? [String: Any])
        #expect(builtin["definitionFile"] is NSNull)
        #expect(!(try fb.ok("action", "plan", "INC-1", "iam.delete-key", "AKIAIOSFODNN7EXAMPLE")).contains("definition:"))
    }

    @Test func drillScenariosSkipMalformedAndWritableFilesAndListTheRest() throws {
        let scratch = try Scratch()
        let broken = try scratch.write("{ nope", at: "drills/broken.json")
        let shipped = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("drills/leaked-key-miners.json"), encoding: .utf8)
        let writable = try scratch.write(shipped.replacingOccurrences(of: "\"leaked-key-miners\"", with: "\"open-to-all\""),
                                         at: "drills/open-to-all.json", mode: 0o666)
        let result = try scratch.fb().run(["drill", "--list", "--json"], environment: ["FIREBREAK_DRILLS": scratch.root.appendingPathComponent("drills").path])
        #expect(result.status == 0, "\(result.stderr)")
        let ids = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(ids.contains("leaked-key-miners"))
        #expect(!ids.contains("open-to-all"))
        #expect(result.stderrLines.count == 2, "\(result.stderr)")
        #expect(result.stderrLines.contains { $0.contains(broken.path) && $0.hasSuffix("skipped") })
        #expect(result.stderrLines.contains { $0.contains(writable.path) && $0.contains("can be written by anyone") })
    }
}
