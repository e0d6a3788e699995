import ArgumentParser
import Testing
@testable import FirebreakCLI

/// A command named first is parsed on its own (`CommandDispatch`), without
/// the tree: it must come out exactly as through the tree, values and errors
/// alike, and anything the tree answers about itself must still reach it.
@Suite("Commands parsed without the tree")
struct CommandDispatchTests {
    /// What a parse gives: the command's values, or the first line of its error.
    static func outcome(_ command: any ParsableCommand.Type, _ arguments: [String]) -> String {
        do {
            return String(describing: try command.parseAsRoot(arguments))
        } catch {
            return "error: " + (command.message(for: error).split(separator: "\n").first.map(String.init) ?? "")
        }
    }

    static func throughTheTree(_ arguments: [String]) -> String { outcome(Firebreak.self, GlobalOptions.hoisted(arguments)) }

    static func dispatched(_ arguments: [String]) -> String {
        let (command, rest) = CommandDispatch.command(for: GlobalOptions.hoisted(arguments))
        return outcome(command, rest)
    }

    static func picks(_ arguments: [String], _ expected: any ParsableCommand.Type) -> Bool {
        ObjectIdentifier(CommandDispatch.command(for: arguments).0) == ObjectIdentifier(expected)
    }

    @Test func everyDirectCommandParsesAsThroughTheTree() {
        let globals = ["--db", "/tmp/x.db", "--as", "ann", "--aws-cli", "/bin/aws", "--no-mouse"]
        for command in CommandDispatch.direct {
            let name = command._commandName
            #expect(Self.picks([name], command), "\(name)")
            #expect(command.configuration.subcommands.isEmpty, "\(name) has subcommands: the tree would parse them")
            // Missing arguments (an error, the same one), then some of each shape, global options before and after.
            for arguments in [[name], [name, "INC-1"], [name, "INC-1", "two", "words"] + globals, globals + [name, "INC-1", "x", "--bogus"],
                              [name, "INC-1", "--json", "--force", "--all", "--region", "eu-west-1"]] {
                #expect(Self.dispatched(arguments) == Self.throughTheTree(arguments), "\(arguments)")
            }
        }
        let note = ["note", "INC-3", "looked", "at", "it", "--at", "2026-11-29T03:04:05Z", "--force", "--db", "/tmp/x.db"]
        #expect(Self.dispatched(note) == Self.throughTheTree(note) && Self.dispatched(note).contains("2026-11-29T03:04:05Z"))
    }

    @Test func helpVersionAndCompletionGoThroughTheTree() {
        for arguments in [["note", "--help"], ["note", "-h"], ["note", "INC-1", "-fh"], ["note", "--version"], ["note", "--help-hidden"],
                          ["note", "--generate-completion-script", "bash"], ["note", "--experimental-dump-help"], ["help", "note"],
                          [], ["--db", "/tmp/x.db"], ["action", "run", "INC-1", "ec2.isolate"], ["resource", "add", "INC-1", "i-1"]] {
            #expect(Self.picks(GlobalOptions.hoisted(arguments), Firebreak.self), "\(arguments)")
        }
        // After `--` they are the note's words, as the tree reads them.
        #expect(Self.picks(["note", "INC-1", "--", "--help"], NoteCommand.self))
        #expect(Self.dispatched(["note", "INC-1", "--", "--help"]) == Self.throughTheTree(["note", "INC-1", "--", "--help"]))
        // The help a user asks for names the whole command.
        do {
            var help = try Firebreak.parseAsRoot(["note", "--help"])
            try help.run()
            Issue.record("help did not end the run")
        } catch {
            #expect(Firebreak.fullMessage(for: error).contains("firebreak note"))
        }
    }

    @Test func aDirectCommandNamesItselfAsPartOfFirebreakAndSkipsTheCompletionCheck() {
        for command in CommandDispatch.direct {
            #expect(command.helpMessage().contains("firebreak \(command._commandName)"), "\(command._commandName)")
            // Parsed on its own, a completion request is just a bad argument (the tree answers those, `asksTheTree`):
            // the argument parser's own check, two parsers built by reflection, did not run. Had it run, the
            // outcome would be the bash script itself.
            let outcome = Self.outcome(command, ["--generate-completion-script", "bash"])
            #expect(outcome.hasPrefix("error: Unknown option") || outcome.hasPrefix("error: Missing expected argument"),
                    "\(command._commandName): \(outcome)")
        }
    }
}
