import AWSEmulator
import Foundation
import Testing
import FirebreakTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A drill never touches a real account: every AWS call made for a DRILL
/// incident — by the drill itself, by a second console, by the command line —
/// goes to the emulator the incident recorded, with dummy credentials, and
/// never with the responder's; a call that cannot go there is refused with
/// one line and nothing is sent. A stand-in `aws` first on `PATH` records the
/// argv and environment of every call, then hands it to the real CLI.
@Suite("A drill never touches a real account", .serialized)
struct DrillConfinementTests {
    /// A responder's shell with real-looking credentials and settings, every one of which a drill must drop.
    static func responderShell(_ folder: TemporaryFolder) throws -> [String: String] {
        try "[profile prod]\nregion = eu-west-1\n".write(toFile: folder.path("aws-config"), atomically: true, encoding: .utf8)
        try "[prod]\naws_access_key_id = AKIAREALRESPONDER001\naws_secret_access_key = realSecretFromTheCredentialsFile0000000\n"
            .write(toFile: folder.path("aws-credentials"), atomically: true, encoding: .utf8)
        return ["AWS_ACCESS_KEY_ID": "AKIAREALRESPONDER002", "AWS_SECRET_ACCESS_KEY": "realSecretFromTheEnvironment00000000000",
                "AWS_SESSION_TOKEN": "realSessionTokenFromTheEnvironment", "AWS_PROFILE": "prod", "AWS_DEFAULT_PROFILE": "prod",
                "AWS_DEFAULT_REGION": "eu-west-1", "AWS_CONFIG_FILE": folder.path("aws-config"),
                "AWS_SHARED_CREDENTIALS_FILE": folder.path("aws-credentials"), "AWS_ENDPOINT_URL": "https://iam.amazonaws.com",
                "HTTPS_PROXY": "http://192.0.2.1:3128", "https_proxy": "http://192.0.2.1:3128",
                "AWS_MAX_ATTEMPTS": "1", "FIREBREAK_AWS_TIMEOUT": "20"]
    }

    /// What each call must hold to be the drill's: the endpoint once, no profile, dummy credentials only.
    static func problems(_ call: StandInAWS.Call, endpoint: String) -> [String] {
        var problems: [String] = []
        let endpoints = call.argv.indices.filter { call.argv[$0] == "--endpoint-url" }.map { call.argv.indices.contains($0 + 1) ? call.argv[$0 + 1] : "" }
        if endpoints != [endpoint] { problems.append("endpoints \(endpoints)") }
        if call.argv.contains(where: { $0 == "--profile" || $0.hasPrefix("--profile=") }) { problems.append("a --profile") }
        let expected = ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_CONFIG_FILE": "/dev/null",
                        "AWS_SHARED_CREDENTIALS_FILE": "/dev/null"]
        for (name, value) in expected where call.environment[name] != value {
            problems.append("\(name)=\(call.environment[name] ?? "unset")")
        }
        for name in ["AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "HTTPS_PROXY", "https_proxy"] where call.environment[name] != nil {
            problems.append("\(name) set")
        }
        if let endpointVariable = call.environment["AWS_ENDPOINT_URL"], endpointVariable != endpoint { problems.append("AWS_ENDPOINT_URL=\(endpointVariable)") }
        for (name, value) in call.environment where value.contains("REALRESPONDER") || value.contains("realSecret") || value.contains("realSession") {
            problems.append("\(name) carries the responder's credential")
        }
        return problems
    }

    @Test func everyCallForADrillFromASecondConsoleAndTheCommandLineGoesToItsEmulatorWithDummyCredentials() throws {
        let folder = try TemporaryFolder()
        let aws = try StandInAWS(in: folder)
        var fb = FirebreakProcess(database: folder.path("fb.db"), operatorName: "trainee")
        fb.environment.merge(try Self.responderShell(folder)) { $1 }
        fb.environment["PATH"] = aws.path

        let (drill, printed) = try DrillTests.startDrill("web-server-exfiltration", fb)
        defer { if drill.isRunning { kill(drill.processIdentifier, SIGKILL); drill.waitUntilExit() } }
        let endpoint = try #require(printed.split(separator: "\n").first { $0.hasPrefix("endpoint ") }.map { String($0.dropFirst(9)) },
                                    "drill printed: \(printed)")
        // The drill's own seeding went through the same gate.
        let seeding = try aws.calls()
        #expect(seeding.count >= 10)
        for call in seeding { #expect(Self.problems(call, endpoint: endpoint).isEmpty, "seeding \(call.argv): \(Self.problems(call, endpoint: endpoint))") }
        let show = try #require(try fb.json("show", "INC-1", "--json") as? [String: Any])
        let instance = try #require((show["resources"] as? [[String: Any]])?.first { $0["kind"] as? String == "ec2-instance" }?["id"] as? String)

        // A second console from a plain terminal: log pollers, then discovery (`D`) on the selected resource.
        try aws.clear()
        // The responder's settings go on the command line itself: the shell tmux starts may set its own PATH.
        var shell = try Self.responderShell(folder)
        shell["PATH"] = aws.path
        let assignments = shell.sorted { $0.key < $1.key }.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        let tmux = try TmuxSession(width: 160, height: 45, environment: ConsoleEndToEndTests.environment(fb), command: "env \(assignments) "
            + ConsoleEndToEndTests.command("console INC-1 --follow-logs /shop/web --follow-cloudtrail --poll-seconds 1"))
        try tmux.waitFor("INC-1", "DRILL")
        #expect(eventually(within: 30) {
            let operations = ((try? aws.calls()) ?? []).map(\.operation)
            return operations.contains("logs filter-log-events") && operations.contains("cloudtrail lookup-events")
        }, "the console's pollers made no calls: \(((try? aws.calls()) ?? []).map(\.operation))")
        let pollerCalls = try aws.calls().count
        try tmux.press("2")
        try tmux.press("D")
        #expect(eventually(within: 30) { ((try? aws.calls()) ?? []).count > pollerCalls + 1 }, "discovery made no calls")
        try tmux.waitFor("related resources added", timeout: 90)
        try tmux.press("q")
        try tmux.waitFor("EXIT:")
        let fromConsole = try aws.calls()
        for call in fromConsole { #expect(Self.problems(call, endpoint: endpoint).isEmpty, "console \(call.argv): \(Self.problems(call, endpoint: endpoint))") }

        // The command line, with nothing extra: plan, run, import, discover, verify, readiness.
        try aws.clear()
        try fb.ok("action", "plan", "INC-1", "ec2.quarantine-subnet", instance)
        try fb.ok("action", "run", "INC-1", "iam.deny-all", "shop-web-role", "--yes")
        try fb.ok("action", "run", "INC-1", "ec2.isolate", instance, "--yes")
        _ = try fb.run("import", "INC-1", "--from", "securityhub")
        _ = try fb.run("resource", "discover", "INC-1", instance)
        try fb.ok("action", "verify", "INC-1")
        _ = try fb.run("readiness", "INC-1")
        let fromCLI = try aws.calls()
        let operations = Set(fromCLI.map(\.operation))
        for expected in ["iam put-role-policy", "ec2 modify-network-interface-attribute", "securityhub get-findings", "ec2 describe-instances",
                         "cloudtrail describe-trails"] {
            #expect(operations.contains(expected), "no \(expected) among \(operations.sorted())")
        }
        for call in fromCLI { #expect(Self.problems(call, endpoint: endpoint).isEmpty, "\(call.argv): \(Self.problems(call, endpoint: endpoint))") }

        // What the run changed is in the drill's emulator (read back with the real CLI, straight to it).
        let policies = try aws.direct(["iam", "list-role-policies", "--role-name", "shop-web-role", "--endpoint-url", endpoint, "--output", "text"])
        #expect(policies.contains("POLICYNAMES"), "\(policies)")
        #expect(try fb.run("verify").status == 0)
    }

    @Test func aDrillWhoseCallsCannotGoToItsLoopbackEmulatorSendsNothingAndSaysSoInOneLine() throws {
        let folder = try TemporaryFolder()
        let aws = try StandInAWS(in: folder)
        var fb = FirebreakProcess(database: folder.path("fb.db"), operatorName: "trainee")
        fb.environment.merge(try Self.responderShell(folder)) { $1 }
        fb.environment["PATH"] = aws.path
        let (drill, printed) = try DrillTests.startDrill("web-server-exfiltration", fb)
        defer { if drill.isRunning { kill(drill.processIdentifier, SIGKILL); drill.waitUntilExit() } }
        let endpoint = try #require(printed.split(separator: "\n").first { $0.hasPrefix("endpoint ") }.map { String($0.dropFirst(9)) },
                                    "drill printed: \(printed)")
        let port = try #require(endpoint.split(separator: ":").last.map(String.init))
        try aws.clear()

        func refused(_ arguments: [String], saying text: String) throws {
            let before = try dump(fb.database)
            let result = try fb.run(arguments)
            #expect(result.status != 0, "\(arguments) succeeded")
            #expect(result.stderrLines.count == 1 && result.stderr.contains(text), "\(arguments): \(result.stderr)")
            let made = try aws.calls()
            #expect(made.isEmpty, "\(arguments) called aws: \(made.map(\.argv))")
            #expect(try dump(fb.database) == before, "\(arguments) changed the database")
        }
        // Another endpoint or a profile on the command line, while the emulator runs.
        try refused(["action", "run", "INC-1", "iam.deny-all", "shop-web-role", "--yes", "--endpoint-url", "https://iam.amazonaws.com"],
                    saying: "its emulator at \(endpoint) only, not to --endpoint-url https://iam.amazonaws.com")
        try refused(["action", "run", "INC-1", "iam.deny-all", "shop-web-role", "--yes", "--profile", "prod"], saying: "never --profile")
        try refused(["action", "run", "INC-1", "iam.deny-all", "shop-web-role", "--yes", "--endpoint-url", "http://127.0.0.2:\(port)"],
                    saying: "not to --endpoint-url")

        // The emulator gone: every call is refused, naming it.
        kill(drill.processIdentifier, SIGTERM)
        drill.waitUntilExit()
        #expect(eventually(within: 30) { !LocalPort.accepts(Int(port)!) })
        try refused(["action", "run", "INC-1", "iam.deny-all", "shop-web-role", "--yes"], saying: "emulator at \(endpoint) is not running")
        try refused(["import", "INC-1", "--from", "securityhub"], saying: "emulator at \(endpoint) is not running")
        try refused(["readiness", "INC-1"], saying: "emulator at \(endpoint) is not running")

        // The recorded endpoint edited to a real one (in the event and in the projection's checkpoint): refused.
        try sqlite3(fb.database, """
            DROP TRIGGER events_no_update;
            UPDATE events SET payload = replace(payload, '127.0.0.1:\(port)', 'iam.amazonaws.com:443') WHERE seq = 1;
            UPDATE checkpoints SET state = replace(state, '127.0.0.1:\(port)', 'iam.amazonaws.com:443');
            """)
        try refused(["action", "run", "INC-1", "iam.deny-all", "shop-web-role", "--yes"], saying: "is not on the loopback")
        try refused(["action", "plan", "INC-1", "iam.deny-all", "shop-web-role"], saying: "is not on the loopback")

        // A drill opened by hand has no emulator: its calls are refused too.
        try fb.ok("open", "--title", "tabletop", "--drill", "--region", "us-east-1")
        try fb.ok("resource", "add", "INC-2", "AKIAIOSFODNN7EXAMPLE", "--state", "compromised")
        try refused(["action", "run", "INC-2", "iam.deactivate-key", "AKIAIOSFODNN7EXAMPLE", "--yes"], saying: "no emulator recorded")
    }
}

/// A stand-in `aws` first on `PATH`: it writes each call's argv and environment
/// to a file of its own (so concurrent calls never interleave), then runs the real CLI.
final class StandInAWS {
    struct Call {
        var argv: [String]
        var environment: [String: String]
        /// `service operation`.
        var operation: String { argv.prefix(2).joined(separator: " ") }
    }

    let folder: String
    let callsFolder: String
    let realCLI: String
    /// `PATH` with the stand-in first.
    let path: String

    init(in temporary: TemporaryFolder) throws {
        folder = temporary.path("stand-in")
        callsFolder = temporary.path("calls")
        let inherited = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        realCLI = try #require(inherited.split(separator: ":").map { "\($0)/aws" }.first { FileManager.default.isExecutableFile(atPath: $0) },
                               "no aws on PATH")
        path = folder + ":" + inherited
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: callsFolder, withIntermediateDirectories: true)
        let script = folder + "/aws"
        try """
            #!/bin/sh
            f='\(callsFolder)'/call-$$-$(date +%s%N)
            env -0 > "$f.env"
            printf '%s\\0' "$@" > "$f.tmp"
            mv "$f.tmp" "$f.argv"
            exec '\(realCLI)' "$@"
            """.write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
    }

    /// Every call recorded so far, oldest first.
    func calls() throws -> [Call] {
        try FileManager.default.contentsOfDirectory(atPath: callsFolder).filter { $0.hasSuffix(".argv") }.sorted().map { name in
            let base = callsFolder + "/" + String(name.dropLast(".argv".count))
            let argv = try Data(contentsOf: URL(fileURLWithPath: base + ".argv")).split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            var environment: [String: String] = [:]
            for entry in try Data(contentsOf: URL(fileURLWithPath: base + ".env")).split(separator: 0) {
                let text = String(decoding: entry, as: UTF8.self)
                guard let equals = text.firstIndex(of: "=") else { continue }
                environment[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            return Call(argv: argv, environment: environment)
        }
    }

    /// The real CLI straight to the emulator (not recorded), with the dummy credentials, for reading back.
    func direct(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: realCLI)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(DrillTests.awsEnvironment) { $1 }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func clear() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: callsFolder) { try FileManager.default.removeItem(atPath: callsFolder + "/" + name) }
    }
}
