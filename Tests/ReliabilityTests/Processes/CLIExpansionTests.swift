import Foundation
import Testing

/// The AWS CLI replaces a parameter value starting with `file://` or
/// `fileb://` by a local file's contents and one starting with `http(s)://`
/// by what the URL returns (v1), and shorthand's `Key@=file://…` too: no value
/// Firebreak builds from a resource, a parameter or an earlier call's output
/// may reach it in such a form. A stand-in `aws` records every argv it is
/// started with; a refusal is one line and leaves the database as it was.
@Suite("Values the AWS CLI would expand never reach it", .serialized)
struct CLIExpansionTests {
    static let hostile = ["file:///etc/hostname", "FileB://x", " https://169.254.169.254/latest/meta-data/iam/", "Value@=file:///etc/hostname"]

    /// What the CLI would expand, by an independent rule: the prefixes in any
    /// case after leading whitespace, or shorthand's `@=` with a file prefix.
    static func expands(_ argument: String) -> Bool {
        let text = argument.lowercased()
        let trimmed = text.drop { $0.isWhitespace }
        if ["file://", "fileb://", "http://", "https://"].contains(where: { trimmed.hasPrefix($0) }) { return true }
        // JSON is not read as shorthand (the last test shows the CLI sends it as written).
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") { return false }
        return text.contains("@") && text.contains("file")
    }

    /// A stand-in that logs each argv (one argument a line, then `--`) and answers `{}`,
    /// or for `answers`' operation its JSON.
    static func standIn(_ folder: ScratchFolder, answers: [String: String] = [:]) throws -> (path: String, log: String) {
        let log = folder.path("argv.log")
        let cases = answers.map { "  *\($0.key)*) echo '\($0.value)'; exit 0;;" }.joined(separator: "\n")
        let path = try folder.script("recording-aws", """
            for a in "$@"; do printf '%s\\n' "$a"; done >> '\(log)'
            echo -- >> '\(log)'
            case "$*" in
            \(cases)
              *get-caller-identity*) echo '{"Arn": "arn:aws:sts::123456789012:assumed-role/Responder/drill", "Account": "123456789012"}'; exit 0;;
            esac
            echo '{}'
            """)
        return (path, log)
    }

    /// Every argv the stand-in was started with.
    static func calls(_ log: String) -> [[String]] {
        guard let text = try? String(contentsOfFile: log, encoding: .utf8) else { return [] }
        return text.components(separatedBy: "--\n").filter { !$0.isEmpty }.map { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }
    }

    /// The calls a run made besides learning who it acts as (`sts get-caller-identity`, the key in use).
    static func actingCalls(_ log: String) -> [[String]] {
        calls(log).filter { !["sts", "configure"].contains($0.first ?? "") }
    }

    /// The operation arguments of a call that the CLI would expand (`--query`'s expression is never expanded).
    static func expanded(_ argv: [String]) -> [String] {
        zip([""] + argv, argv).filter { previous, argument in previous != "--query" && expands(argument) }.map(\.1)
    }

    @Test(.timeLimit(.minutes(10)))
    func aResourceIdOrAParameterTheCLIWouldExpandIsRefusedOrPassedHarmlessly() throws {
        let folder = try ScratchFolder()
        let fb = Firebreak(database: folder.path("firebreak.db"))
        let (aws, log) = try Self.standIn(folder)
        try fb.ok("open", "--title", "expansion", "--region", "us-east-1")
        let resources: [(kind: String, id: String)] = [
            ("ec2-instance", "i-0123456789abcdef0"), ("iam-access-key", "AKIAIOSFODNN7EXAMPLE"), ("iam-user", "alice"), ("iam-role", "responder"),
            ("kms-key", "1234abcd-12ab-34cd-56ef-1234567890ab"), ("route53-record", "Z0123456789ABC/api.example.com/A"), ("s3-bucket", "spill-bucket"),
            ("s3-object", "spill-bucket/db.sql.gz"), ("ebs-snapshot", "snap-0123456789abcdef0"), ("log-group", "app-logs"),
        ]
        for resource in resources { try fb.ok("resource", "add", "INC-1", resource.id, "--kind", resource.kind, "--state", "compromised") }

        // Object keys the CLI would read as files or URLs: {object-key} is a whole argument.
        for key in ["file://~/.aws/credentials", "FILEB://x", "https://169.254.169.254/latest/meta-data/"] {
            let id = "spill-bucket/\(key)"
            try fb.ok("resource", "add", "INC-1", id, "--kind", "s3-object")
            let before = try dump(fb.database)
            for command in [["action", "plan", "INC-1", "s3.delete-spilled", id, "--aws-cli", aws],
                            ["action", "run", "INC-1", "s3.delete-spilled", id, "--yes", "--confirm", "x", "--aws-cli", aws]] {
                let refused = try Spawned.run(Firebreak.binary, command, environment: fb.environment)
                #expect(refused.status != 0, "\(command) was accepted")
                #expect(refused.stderr.split(separator: "\n").count == 1 && refused.stderr.contains("{object-key}")
                        && refused.stderr.contains("starts with"), "\(refused.stderr)")
            }
            #expect(try dump(fb.database) == before, "a refusal changed the database")
        }
        #expect(Self.calls(log).isEmpty, "the CLI was started: \(Self.calls(log))")

        // Every parameter of every action, with each hostile value: refused (one line, nothing recorded),
        // or passed where the CLI does not expand it (inside JSON); never in a form it expands.
        let catalog = try #require(try fb.json("action", "list", "--json") as? [[String: Any]])
        var tried = 0, refusedCount = 0
        for action in catalog {
            guard let id = action["id"] as? String, let kinds = action["kinds"] as? [String],
                  let resource = resources.first(where: { kinds.contains($0.kind) }) else { continue }
            for parameter in (action["parameters"] as? [[String: Any]]) ?? [] {
                let name = try #require(parameter["name"] as? String)
                for value in Self.hostile {
                    let before = try dump(fb.database)
                    let run = try Spawned.run(Firebreak.binary, ["action", "run", "INC-1", id, resource.id, "--param", "\(name)=\(value)",
                                                                 "--yes", "--dry-run", "--aws-cli", aws], environment: fb.environment)
                    tried += 1
                    if run.status != 0 && run.stderr.contains("would replace") {
                        refusedCount += 1
                        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
                        #expect(try dump(fb.database) == before, "refusing \(id) \(name)=\(value) changed the database")
                    }
                }
            }
        }
        for argv in Self.calls(log) {
            #expect(Self.expanded(argv).isEmpty, "the CLI was started with \(Self.expanded(argv)) in \(argv)")
        }
        #expect(tried > 40 && refusedCount > 0, "\(tried) tried, \(refusedCount) refused")
        SoakBudget.report("expansion: \(tried) hostile parameter values, \(refusedCount) refused, \(Self.calls(log).count) calls made, none expandable")
    }

    @Test(.timeLimit(.minutes(10)))
    func aValueCapturedFromAWSThatTheCLIWouldExpandIsNeverPassedBack() throws {
        let folder = try ScratchFolder()
        let fb = Firebreak(database: folder.path("firebreak.db"))
        // The key's user name, as an attacker-controlled answer would give it.
        let (aws, log) = try Self.standIn(folder, answers: ["get-access-key-last-used": #""file:///root/.aws/credentials""#])
        try fb.ok("open", "--title", "captured", "--region", "us-east-1")
        try fb.ok("resource", "add", "INC-1", "AKIAIOSFODNN7EXAMPLE", "--kind", "iam-access-key", "--state", "compromised")

        let run = try fb.run("action", "run", "INC-1", "iam.deactivate-key", "AKIAIOSFODNN7EXAMPLE", "--yes", "--aws-cli", aws)
        #expect(run.status != 0)
        #expect(Self.actingCalls(log).map { $0.prefix(2) } == [["iam", "get-access-key-last-used"]], "\(Self.calls(log))")
        let show = try #require(try fb.json("show", "INC-1", "--json") as? [String: Any])
        let recorded = try #require((show["actionRuns"] as? [[String: Any]])?.first)
        #expect(recorded["status"] as? String == "failed")
        let deactivate = try #require((recorded["steps"] as? [[String: Any]])?.first { $0["step"] as? String == "deactivate" })
        #expect(deactivate["outcome"] as? String == "failed" && (deactivate["exitCode"] == nil || deactivate["exitCode"] is NSNull))
        #expect((deactivate["error"] as? String)?.contains("starts with 'file://'") == true, "\(deactivate)")

        // Its undo would pass the same value back: refused at the plan, nothing recorded, nothing run.
        let before = try dump(fb.database)
        let undo = try fb.run("action", "undo", "INC-1", "run-1", "--yes", "--aws-cli", aws)
        #expect(undo.status != 0 && undo.stderr.split(separator: "\n").count == 1 && undo.stderr.contains("starts with 'file://'"), "\(undo.stderr)")
        #expect(try dump(fb.database) == before)
        #expect(Self.actingCalls(log).count == 1)
    }

    /// What the refusal rests on, against moto with the real CLI: a whole
    /// value with `file://` and shorthand's `@=file://` are replaced by the
    /// file's contents; a value inside a JSON document is sent as written.
    @Test(.timeLimit(.minutes(10)))
    func theRealCLIExpandsExactlyWhatTheRuleCovers() throws {
        let moto = try Moto()
        defer { withExtendedLifetime(moto) {} }
        let folder = try ScratchFolder()
        let secret = "local-contents-\(UUID().uuidString.prefix(8))"
        let file = folder.path("local.txt")
        try secret.write(toFile: file, atomically: true, encoding: .utf8)
        let base = ProcessInfo.processInfo.environment
        func group(_ description: String) throws -> String {
            let name = "g-\(UUID().uuidString.prefix(8))"
            let id = try moto.aws("ec2", "create-security-group", "--group-name", name, "--description", description,
                                  "--query", "GroupId", "--output", "text", base: base).trimmingCharacters(in: .whitespacesAndNewlines)
            return try moto.aws("ec2", "describe-security-groups", "--group-ids", id, "--query", "SecurityGroups[0].Description",
                                "--output", "text", base: base).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(try group("file://\(file)") == secret, "file:// was not expanded")
        let id = try moto.aws("ec2", "create-security-group", "--group-name", "tagged", "--description", "t",
                              "--query", "GroupId", "--output", "text", base: base).trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try moto.aws("ec2", "create-tags", "--resources", id, "--tags", "Key=short,Value@=file://\(file)", base: base)
        _ = try moto.aws("ec2", "create-tags", "--resources", id, "--tags", #"[{"Key": "json", "Value": "file://\#(file)"}]"#, base: base)
        let tags = try moto.aws("ec2", "describe-tags", "--filters", "Name=resource-id,Values=\(id)", "--query", "Tags[].[Key,Value]",
                                "--output", "json", base: base)
        let pairs = try #require(try JSONSerialization.jsonObject(with: Data(tags.utf8)) as? [[String]])
        #expect(pairs.contains(["short", secret]), "shorthand @= was not expanded: \(pairs)")
        #expect(pairs.contains(["json", "file://\(file)"]), "a value inside JSON was expanded: \(pairs)")
    }
}
