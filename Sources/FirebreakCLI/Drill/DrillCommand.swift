import ArgumentParser
import AWSActions
import AWSEmulator
import Foundation
import IncidentDocuments
import IncidentModel
import IncidentOperations
import IncidentStore
#if canImport(Glibc)
import Glibc
#endif

/// `firebreak drill [SCENARIO] [--list] [--no-console] [--check INCIDENT] [--resume INCIDENT]`: a practice
/// incident against a local AWS emulator seeded with a compromised environment.
struct DrillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drill",
        abstract: "Practise an incident against a local AWS emulator (moto): seed a compromised environment, open a DRILL incident, open the console.",
        discussion: """
            The emulator runs on a free 127.0.0.1 port for as long as the drill does and stops when it ends (also on Ctrl-C or SIGTERM). \
            The DRILL incident records the emulator's endpoint: every aws call made for it, from this process or any other \
            (a second console, `firebreak action run`, `import --from`, log polling), goes there with dummy credentials and never \
            the responder's, or is refused with one line; nothing of a drill is sent off the loopback. Afterwards `firebreak drill --check INCIDENT` scores what was contained and how fast. \
            Quitting the drill's console asks first, since it stops the emulator; `firebreak drill --resume INCIDENT` starts a new emulator, \
            seeds the scenario again (the same ids: the emulator's random source is seeded), records the new endpoint on the incident and reopens its console.
            """)

    static let defaultScenario = "web-server-exfiltration"

    @Argument(help: "The scenario (see --list).") var scenario: String?
    @Flag(help: "Describe the scenarios and exit.") var list = false
    @Option(help: ArgumentHelp("Score a drill incident: what was contained, how fast, what was missed.", valueName: "incident"))
    var check: String?
    @Option(help: ArgumentHelp("Resume a drill left (its emulator stopped): a new emulator, the scenario seeded again, its console reopened.", valueName: "incident"))
    var resume: String?
    @Flag(name: .customLong("no-console"), help: "Seed and open the incident, print its id and the emulator's endpoint, and keep the emulator running until killed (for scripts and tests).")
    var noConsole = false
    @Flag(help: "One JSON document on stdout (with --list or --check).") var json = false
    @OptionGroup var globals: GlobalOptions

    func validate() throws {
        if list && check != nil { throw ValidationError("--list and --check cannot be used together") }
        if (list || check != nil) && noConsole { throw ValidationError("--no-console starts a drill; it does not go with --list or --check") }
        if json && !(list || check != nil) { throw ValidationError("--json goes with --list or --check") }
        if resume != nil && (list || check != nil) { throw ValidationError("--resume does not go with --list or --check") }
        if resume != nil && scenario != nil { throw ValidationError("--resume takes the incident only: its scenario is the one it was started with") }
    }

    func run() throws {
        let locator = DrillScenarioLocator()
        if list { return try printList(try locator.all()) }
        if let check { return try score(check, locator: locator) }
        if let resume {
            let (state, scenario) = try resumable(resume, locator: locator)
            return try start(scenario, resuming: state)
        }
        try start(try locator.scenario(scenario ?? Self.defaultScenario))
    }

    private func printList(_ scenarios: [DrillScenario]) throws {
        if json {
            return try Output.json(.array(scenarios.map { scenario in
                .object(["id": .string(scenario.id), "title": .string(scenario.title), "summary": .string(scenario.summary),
                         "severity": .int(scenario.severity), "regions": .array(scenario.regions.map(JSONValue.string)),
                         "targetMinutes": .int(scenario.targetMinutes), "contained": .string(scenario.contained),
                         "default": .bool(scenario.id == Self.defaultScenario)])
            }))
        }
        if scenarios.isEmpty { Output.line("No drill scenarios found."); return }
        for scenario in scenarios {
            Output.line("\(scenario.id)\(scenario.id == Self.defaultScenario ? " (default)" : "")")
            Output.line("  \(scenario.title)")
            Output.line("  SEV\(scenario.severity) · \(scenario.regions.joined(separator: ", ")) · target: contained within \(scenario.targetMinutes) min")
            Output.line("  Contained means: \(scenario.contained)")
        }
    }

    // MARK: - Starting a drill

    /// A new drill, or (`resuming`) the drill recorded there, on a new emulator seeded the same way.
    private func start(_ scenario: DrillScenario, resuming: IncidentState? = nil) throws {
        if !hasTerminalOrNoConsole() {
            throw CLIError("the drill's console needs a terminal (stdin and stdout must be a TTY); in scripts use --no-console")
        }
        let actor = try globals.operatorIdentity()
        var environment = ProcessInfo.processInfo.environment
        let probe = AWSCLIRunner(configuration: AWSCLIConfiguration(executable: globals.awsCLI, environment: environment))
        do { _ = try probe.executablePath() } catch {
            throw CLIError("\(error.description); install it with python3 -m pip install awscli (or run scripts/setup)")
        }
        let store = try globals.writableStore()

        let emulator: MotoEmulator
        do {
            emulator = try MotoEmulator(environment: environment)
        } catch EmulatorError.notInstalled {
            throw CLIError("moto_server (the local AWS emulator drills run against) is not installed: \(EmulatorError.installHint)")
        } catch {
            throw CLIError("\(error)")
        }
        defer { emulator.stop() }
        // Everything in this process (the seeding, the console, any action it runs) talks to the
        // emulator with dummy credentials, never to a real account.
        let drillEnvironment: [String: String?] = [
            "AWS_ENDPOINT_URL": emulator.endpoint, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_SESSION_TOKEN": nil, "AWS_PROFILE": nil, "AWS_DEFAULT_PROFILE": nil, "AWS_DEFAULT_REGION": scenario.regions.first ?? "us-east-1",
            "AWS_MAX_ATTEMPTS": "1", "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        ]
        for (name, value) in drillEnvironment {
            if let value { setenv(name, value, 1); environment[name] = value } else { unsetenv(name); environment[name] = nil }
        }
        // Seeding is confined like every later call of the drill: the emulator, dummy credentials, nothing else.
        let runner = try AWSRunnerFactory(base: AWSCLIConfiguration(executable: globals.awsCLI, environment: environment))
            .drillSeedingRunner(endpoint: emulator.endpoint, region: scenario.regions.first ?? "us-east-1")

        FileHandle.standardError.write(Data("drill \(scenario.id): emulator at \(emulator.endpoint); seeding \(scenario.seed.count) steps…\n".utf8))
        // The same ids every time the scenario is seeded, so a resumed drill's resources are the ones its incident records.
        try EmulatorSeed.makeDeterministic(port: emulator.port)
        let values = try DrillSeeder(runner: runner, defaultRegion: scenario.regions.first ?? "us-east-1").seed(scenario) { _ in }

        if let resuming {
            let (id, logPath) = try recordResumption(of: resuming, scenario: scenario, values: values, endpoint: emulator.endpoint, actor: actor, store: store)
            return try keep(id, emulator: emulator, logPath: logPath)
        }
        let id = try openIncident(scenario, values: values, endpoint: emulator.endpoint, actor: actor, store: store)
        let started = Date()
        let logPath = try writeLogLines(scenario, values: values, incident: id, now: started)
        // The scenario knows when the attack began: its earliest log line, recorded as a note
        // back-dated to that time, so time to detect is measured as in a real incident.
        if let first = scenario.logLines.max(by: { $0.minutesAgo < $1.minutesAgo }) {
            try store.append(to: id, actor: actor, at: started.addingTimeInterval(TimeInterval(-60 * first.minutesAgo))) { _ in
                [.noteAdded(NoteAdded(text: "Earliest attacker activity in the logs: \(DrillScenario.fill(first.text, values))"))]
            }
        }
        try store.append(to: id, actor: actor, at: nil) { _ in
            [.noteAdded(NoteAdded(text: """
                Drill against a local AWS emulator at \(emulator.endpoint) (it stops when the drill ends). \
                Goal: \(scenario.contained) Target: within \(scenario.targetMinutes) minutes. \
                The attacker's log lines are in \(logPath). Every AWS call made for \(id), from any terminal, goes to the \
                emulator with dummy credentials (nothing extra to pass). Score it afterwards with: firebreak drill --check \(id)
                """))]
        }
        try keep(id, emulator: emulator, logPath: logPath)
    }

    /// The drill running: printed for scripts (`--no-console`, until killed), or in its console until the responder quits.
    private func keep(_ id: IncidentID, emulator: MotoEmulator, logPath: String) throws {
        if noConsole {
            Output.line(id.description)
            Output.line("endpoint \(emulator.endpoint)")
            Output.line("log \(logPath)")
            fflush(nil) // stdout is a pipe or file here, so fully buffered: the reader needs these lines now
            // Until killed: the emulator's guard stops moto when this process goes. Whoever started us
            // may have passed down a mask blocking SIGTERM and SIGINT; a drill must die when told to.
            var endings = sigset_t()
            sigemptyset(&endings)
            for signal in [SIGTERM, SIGINT, SIGHUP] {
                sigaddset(&endings, signal)
                Glibc.signal(signal, SIG_DFL)
            }
            pthread_sigmask(SIG_UNBLOCK, &endings, nil)
            while true { pause() }
        }
        try ConsoleLauncher.run(globals: globals, incident: id.description, mode: .live, tailsFromStart: [logPath], drillEmulator: emulator.endpoint)
        emulator.stop()
        Output.line("Drill over; the emulator is stopped. Score it with: firebreak drill --check \(id)")
        Output.line("Resume it with: firebreak drill --resume \(id)")
    }

    private func hasTerminalOrNoConsole() -> Bool { noConsole || (isatty(0) == 1 && isatty(1) == 1) }

    private func openIncident(_ scenario: DrillScenario, values: [String: String], endpoint: String, actor: String,
                              store: any IncidentEventStore) throws -> IncidentID {
        let opened = IncidentOpened(
            title: try TextField.singleLine("DRILL: \(scenario.title)", named: "the drill title"),
            severity: try Severity(validating: scenario.severity),
            summary: scenario.summary + "\n\n\(DrillScore.marker) \(scenario.id)",
            regions: scenario.regions, phase: .detection, isDrill: true, drillEndpoint: endpoint)
        let id = try store.openIncident(opened, actor: actor, at: nil).incident.id
        try store.append(to: id, actor: actor, at: nil) { current in
            try scenario.resources.map { seeded in
                let kind = try ResourceKind(parsing: seeded.kind)
                let reference = try ResourceIdentifier(parsing: DrillScenario.fill(seeded.id, values), kind: kind)
                return .resourceAdded(current.resourceAdded(reference, region: seeded.region, owner: seeded.owner,
                                                            state: try ResourceState(parsing: seeded.state)))
            }
        }
        return id
    }

    /// Where a drill's attacker log lines are: beside the database.
    func logPath(of incident: IncidentID, scenario: DrillScenario) -> String {
        let folder = URL(fileURLWithPath: globals.databasePath).deletingLastPathComponent().path
        return "\(folder)/drill-\(incident.rawValue)-\(scenario.id).log"
    }

    /// The attacker's log lines, timed before the drill began, in a 0600 file beside the database.
    func writeLogLines(_ scenario: DrillScenario, values: [String: String], incident: IncidentID, now: Date) throws -> String {
        let path = logPath(of: incident, scenario: scenario)
        let text = scenario.logLines.sorted { $0.minutesAgo > $1.minutesAgo }.map { line in
            "\(Timestamp.format(now.addingTimeInterval(TimeInterval(-60 * line.minutesAgo)))) \(DrillScenario.fill(line.text, values))"
        }.joined(separator: "\n") + "\n"
        try ReportFile.write(text, to: path, replace: true)
        return path
    }

    // MARK: - Scoring

    private func score(_ incidentText: String, locator: DrillScenarioLocator) throws {
        let id = try IncidentID(parsing: incidentText)
        let store = try globals.readOnlyStore(for: id)
        let state = try store.state(of: id)
        guard state.incident.isDrill else { throw CLIError("\(id) is not a drill; --check scores drills only") }
        let scenario = DrillScore.scenarioID(in: state.incident.summary).flatMap { try? locator.scenario($0) }
        let result = DrillScore(state: state, events: try store.events(of: id, since: 0).map(\.event), scenario: scenario, now: Date())
        let contain = result.metrics.timeToContain
        if json {
            return try Output.json(.object([
                "incident": .string(id.description), "scenario": .string(scenario?.id), "score": .int(result.score),
                "complete": .bool(result.complete), "compromised": .int(result.items.count), "contained": .int(result.contained),
                "timeToContain": .metric(contain), "targetSeconds": result.targetSeconds.map(JSONValue.double) ?? .null,
                "resources": .array(result.items.map { item in
                    .object(["id": .string(item.resource.id), "kind": .string(item.resource.kind.rawValue),
                             "state": .string(item.resource.state.rawValue), "containedAt": .time(item.containedAt),
                             "secondsAfterStart": item.containedAt.map { .double(Double($0.millisecondsSince1970 - state.incident.openedAt.millisecondsSince1970) / 1000) } ?? .null])
                }),
                "actions": .metrics(result.metrics).objectValue?["actions"] ?? .null,
            ]))
        }
        Output.line("\(id) drill\(scenario.map { " \($0.id)" } ?? ""): \(result.contained) of \(result.items.count) compromised resources contained · score \(result.score)/100")
        if let scenario { Output.line("Contained means: \(scenario.contained)") }
        for item in result.items {
            if let at = item.containedAt {
                Output.line("  ✓ \(item.resource.id) (\(item.resource.kind.rawValue)) \(item.resource.state.rawValue), \(Output.duration(at.timeIntervalSince(state.incident.openedAt))) after the drill began")
            } else {
                Output.line("  ✗ \(item.resource.id) (\(item.resource.kind.rawValue)) still \(item.resource.state.rawValue): missed")
            }
        }
        Output.line("Time to contain: \(MetricsText.value(contain))" + (result.targetSeconds.map { " (target \(Output.duration($0)))" } ?? ""))
        Output.line("Actions: \(MetricsText.actions(result.metrics.actions))")
        // What could have contained each missed resource: the catalog's actions for its kind that
        // contain (evidence and hardening actions, which leave the state alone, are no answer).
        let catalog = try? ActionCatalog.loadForCommand()
        for item in result.items where item.containedAt == nil {
            let actions = catalog?.actions(for: item.resource.kind).filter { $0.phase == .containment && $0.successState == .contained }.map(\.id) ?? []
            if !actions.isEmpty {
                Output.line("  hint: \(item.resource.id): \(actions.joined(separator: ", ")) (firebreak action plan \(id) ACTION \(item.resource.id))")
            } else if catalog != nil {
                Output.line("  hint: \(item.resource.id): no catalog action contains a resource of kind \(item.resource.kind.rawValue); cut what reaches it, then "
                    + "firebreak resource state \(id) \(item.resource.id) contained --reason …")
            }
        }
    }
}

extension JSONValue {
    /// The members of an object, or nil.
    var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }
}
