import FirebreakTestSupport
import Foundation
import Testing

/// `scripts/install` into a temporary prefix, then the installed binary run
/// from there: it finds the installed actions and drills through the data
/// search path (`<prefix>/bin` → `<prefix>/share/firebreak`), and the shell
/// completions are swift-argument-parser's. The debug build the tests run is
/// what is installed (`--debug --no-build`): a release build takes minutes,
/// and no test may start a Swift build of its own.
@Suite("scripts/install")
struct InstallTests {
    /// The repository the tested binary was built in: the folder holding its `.build`.
    static var repository: URL {
        var folder = FirebreakProcess.binary.resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" && folder.lastPathComponent != ".build" { folder = folder.deletingLastPathComponent() }
        return folder.deletingLastPathComponent()
    }

    @Test func theInstalledBinaryFindsItsActionsAndDrills() throws {
        let folder = try TemporaryFolder()
        let prefix = folder.url.appendingPathComponent("prefix with space")
        let script = Self.repository.appendingPathComponent("scripts/install")
        let install = Process()
        install.executableURL = URL(fileURLWithPath: "/bin/bash")
        install.arguments = [script.path, "--prefix", prefix.path, "--debug", "--no-build"]
        let out = Pipe(), err = Pipe()
        install.standardOutput = out
        install.standardError = err
        try install.run()
        let said = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let complaint = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        install.waitUntilExit()
        #expect(install.terminationStatus == 0, "\(said)\(complaint)")
        #expect(said.hasPrefix("install: firebreak \(try FirebreakProcess(database: folder.path("x.db")).ok("--version").trimmingCharacters(in: .whitespacesAndNewlines)) in \(prefix.path)/bin"), "\(said)")

        // Run from the prefix, with no user folders and no build tree on its search path.
        let data = prefix.appendingPathComponent("share/firebreak")
        let home = folder.url.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        var fb = FirebreakProcess(database: folder.path("fb.db"))
        fb.environment["HOME"] = home.path
        for name in ["XDG_CONFIG_HOME", "FIREBREAK_ACTIONS", "FIREBREAK_DRILLS", "FIREBREAK_THEMES", "FIREBREAK_BIN"] { fb.environment[name] = nil }
        let installed = prefix.appendingPathComponent("bin/firebreak").path
        func run(_ arguments: String...) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: installed)
            process.arguments = arguments
            process.environment = fb.environment
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "firebreak \(arguments.joined(separator: " "))")
            return text
        }

        // Every action file of the repository is installed, and the installed folder is the one read:
        // a definition changed there (as an administrator would) is what `action list` shows.
        let repositoryActions = try FileManager.default.subpathsOfDirectory(atPath: Self.repository.appendingPathComponent("actions").path)
            .filter { $0.hasSuffix(".json") }
        let installedActions = try FileManager.default.subpathsOfDirectory(atPath: data.appendingPathComponent("actions").path)
            .filter { $0.hasSuffix(".json") }
        #expect(Set(installedActions) == Set(repositoryActions) && !installedActions.isEmpty)
        let isolate = try #require(installedActions.first { $0.hasSuffix("/ec2.isolate.json") })
        let isolateFile = data.appendingPathComponent("actions").appendingPathComponent(isolate)
        let original = try String(contentsOf: isolateFile, encoding: .utf8)
        let summary = try #require(original.range(of: #""summary": "[^"]*""#, options: .regularExpression))
        try original.replacingCharacters(in: summary, with: #""summary": "Isolate, as installed here""#)
            .write(to: isolateFile, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: isolateFile.path)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(run("action", "list", "--json").utf8)) as? [[String: Any]])
        let listed = try #require(list.first { $0["id"] as? String == "ec2.isolate" })
        #expect(listed["summary"] as? String == "Isolate, as installed here")
        #expect(listed["source"] as? String == isolateFile.path)
        #expect(list.count >= repositoryActions.count)

        // Drill scenarios exist only as files: found in the installation, or not at all.
        let drills = try run("drill", "--list")
        for scenario in try FileManager.default.contentsOfDirectory(atPath: Self.repository.appendingPathComponent("drills").path)
            where scenario.hasSuffix(".json") {
            #expect(drills.contains(String(scenario.dropLast(5))), "\(scenario) not listed: \(drills)")
        }
        for theme in ["default", "light", "high-contrast", "mono"] {
            #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("themes/\(theme).theme").path))
        }

        // Completions as swift-argument-parser writes them, for each shell.
        let bash = try String(contentsOf: prefix.appendingPathComponent("share/bash-completion/completions/firebreak"), encoding: .utf8)
        #expect(bash.contains("complete") && bash.contains("firebreak") && bash.contains("readiness"))
        let zsh = try String(contentsOf: prefix.appendingPathComponent("share/zsh/site-functions/_firebreak"), encoding: .utf8)
        #expect(zsh.hasPrefix("#compdef firebreak"))
        let fish = try String(contentsOf: prefix.appendingPathComponent("share/fish/vendor_completions.d/firebreak.fish"), encoding: .utf8)
        #expect(fish.contains("complete -c 'firebreak'"))
        // The man page is installed when generate-manual made one for this build, and said either way.
        let page = prefix.appendingPathComponent("share/man/man1/firebreak.1")
        if said.contains("; man page ") {
            #expect(try String(contentsOf: page, encoding: .utf8).contains(".Dt FIREBREAK 1"))
        } else {
            #expect(said.contains("; no man page: "), "\(said)")
            #expect(!FileManager.default.fileExists(atPath: page.path))
        }

        // Nothing installed is writable by others (DataFileTrust would refuse it).
        for path in try FileManager.default.subpathsOfDirectory(atPath: data.path) {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: data.appendingPathComponent(path).path)[.posixPermissions] as? Int)
            #expect(mode & 0o022 == 0, "\(path) is writable by others (\(String(mode, radix: 8)))")
        }
    }
}
