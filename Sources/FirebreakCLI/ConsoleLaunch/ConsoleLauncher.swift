import AWSActions
import Console
import Foundation
import IncidentModel
import IncidentOperations
import IncidentStore
import PostgresStore
import NcursesTerminal
import LogTail
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// Starts the full-screen console: checks everything that can fail with a
/// clear line *before* curses takes the screen, then runs the UI loop and
/// gives the terminal back.
enum ConsoleLauncher {
    /// `tails` are followed from their end, `tailsFromStart` from their first line
    /// (a restarted console resumes either where it left off); `logs` adds
    /// CloudWatch Logs groups and CloudTrail (`firebreak console` only); `create`: a database
    /// file that does not exist may be created at a path the responder named.
    static func run(globals: GlobalOptions, incident: String?, mode: ConsoleMode, tails: [String] = [], tailsFromStart: [String] = [],
                    logs: ConsoleLogOptions? = nil, region: String? = nil, drillEmulator: String? = nil, create: Bool = false) throws {
        // A file to follow must at least be readable now; it may be rotated or truncated later.
        for path in tails + tailsFromStart where !FileManager.default.isReadableFile(atPath: path) {
            throw CLIError("cannot read --tail \(path.terminalSafe): no such readable file")
        }
        let logGroups = try logs.map(ConsoleLogSources.check) ?? []
        let flowLogFormat = try logs?.parsedFlowLogFormat()
        // A database file that is not there yet is created by the live console only at the default path (the
        // first run) or when asked (`--create`): a path someone named (a mistyped --db, say) is refused, naming it.
        var createdDatabase: String?
        if mode == .live, case .file(let path)? = try? globals.storeLocation(), !FileManager.default.fileExists(atPath: path) {
            let source = globals.database.source
            guard create || source == .defaultPath else {
                throw CLIError("no incident database at \(path.terminalSafe) (from \(source.rawValue)): check the path, "
                               + "or create a new one with `firebreak console --create` or `firebreak open`")
            }
            createdDatabase = path
        }
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw CLIError("the console needs a terminal (stdin and stdout must be a TTY); in scripts use `firebreak list` or `firebreak show`")
        }
        let operatorName = try globals.operatorIdentity()
        let notices = NoticeRelay()
        let store: any IncidentEventStore
        switch mode {
        case .live:
            // The console owns the terminal: nothing may write to stderr under it.
            store = try globals.writableStore(warnings: { notices.post($0) })
        case .readOnly, .replay:
            guard let readOnly = try globals.readOnlyStore() else {
                throw StoreError.noDatabase(path: globals.databasePath)
            }
            store = readOnly
        }
        let privateCopy = (store as? SQLiteIncidentStore)?.privateCopy
        var shown: IncidentID?
        var shownState: IncidentState?
        if let incident {
            let id = try IncidentID(parsing: incident)
            if mode == .replay {
                // A replay indexes the record itself; here the incident only has to exist
                // (its latest state would cost as much again to decode: seconds at a million events).
                guard try store.incidents(includeClosed: true).contains(where: { $0.id == id }) else { throw StoreError.unknownIncident(id) }
            } else {
                shownState = try store.state(of: id)
            }
            shown = id
        } else {
            let open = try store.incidents(includeClosed: false)
            if open.count == 1 {
                shown = open[0].id
                shownState = try store.state(of: open[0].id)
            }
        }
        let keepCap = try logs?.keepCap() ?? .default
        let logSources = try ConsoleLogSources.make(
            tails: tails, tailsFromStart: tailsFromStart, groups: logGroups, cloudTrail: logs?.followCloudTrail ?? false,
            pollSeconds: logs?.pollSeconds ?? 5, keepCap: keepCap, incident: shownState, store: store, mode: mode,
            runner: { try awsRunner(globals: globals, region: region, for: shownState?.incident) }, region: region,
            flowLogFormat: flowLogFormat)
        var model = ConsoleModel(mode: mode, operatorName: operatorName, size: Size(width: 80, height: 24),
                                 logCapacity: logs?.logLines ?? ConsoleModel.defaultLogCapacity)
        // The drill's own console: quitting stops the emulator, so `q` asks first.
        model.drillEmulator = drillEmulator
        // A replay shows the lines that were kept while the incident ran, each from the moment it arrived.
        if mode == .replay, let shown, let kept = try (store as? any KeptLogLineStore)?.keptLines(of: shown) {
            model.showKeptLines(kept.lines.map(KeptPaneLine.init(kept:)), dropped: kept.dropped)
        }

        let environment = ProcessInfo.processInfo.environment
        let config = FirebreakConfig.load(from: FirebreakConfig.defaultURL(environment: environment))
        // --theme, then $FIREBREAK_THEME, then the config file, then the default (NO_COLOR overrides all).
        let requested = globals.theme ?? environment["FIREBREAK_THEME"].flatMap { $0.isEmpty ? nil : $0 } ?? config.theme
        let selection = ThemeSelection.resolve(requested: requested, environment: environment, locator: ThemeLocator())
        let mouse = !globals.noMouse && (config.mouse ?? true)
        let screen: NcursesScreen
        do {
            screen = try NcursesScreen(options: TerminalOptions(
                colorMode: selection.monochromeForced ? .monochrome : .automatic, mouse: mouse))
        } catch {
            throw CLIError("\(error)")
        }
        defer { screen.close() }
        let actions = mode == .live ? try actionService(globals: globals, region: region, warn: { notices.post($0) }) : nil
        let runtime = ConsoleRuntime(store: store, terminal: NcursesConsoleTerminal(screen: screen, theme: selection.theme),
                                     model: model,
                                     presence: mode == .replay || privateCopy != nil ? nil : try globals.storeLocation().presenceBoard,
                                     logSources: logSources,
                                     makeLogSource: mode == .live ? addableLogSource(store: store, incident: shownState,
                                                                                     pollSeconds: logs?.pollSeconds ?? 5,
                                                                                     keepCap: keepCap,
                                                                                     runner: try? awsRunner(globals: globals, region: region,
                                                                                                            for: shownState?.incident),
                                                                                     region: region, flowLogFormat: flowLogFormat) : nil,
                                     actions: actions)
        for problem in config.problems { runtime.notice("config: \(problem)") }
        notices.connect { [weak runtime] in runtime?.notice($0) }
        // Off the first frame: a definition file that cannot be used is named in the footer when it is read.
        actions?.preloadCatalog()
        if privateCopy != nil {
            runtime.notice("read-only folder: a private copy taken at start (later changes not shown); nothing written beside it")
        }
        if let problem = selection.problem { runtime.notice("using the default theme: \(problem)") }
        if let createdDatabase {
            runtime.notice("a new, empty incident database was created at \(createdDatabase.terminalSafe)")
        }
        runtime.run(showing: shown)
        (store as? SQLiteIncidentStore)?.checkpoint()
    }

    /// Makes a source the responder names in a live console (`a` in the log
    /// pane): `group:NAME` follows a CloudWatch Logs group, anything else is a
    /// file's path, followed from its end; kept and resumed like those given at launch.
    static func addableLogSource(store: any IncidentEventStore, incident: IncidentState?, pollSeconds: TimeInterval, keepCap: KeptLinesCap,
                                 runner: AWSCLIRunner?, region: String?,
                                 flowLogFormat: VPCFlowLogFormat? = nil) -> @Sendable (String) throws -> any LogSource {
        { spec in
            var tails: [String] = [], groups: [ConsoleLogSources.LogGroup] = []
            if spec.hasPrefix("group:") {
                let name = String(spec.dropFirst("group:".count))
                _ = try ResourceIdentifier(parsing: name, kind: .logGroup)
                groups = [ConsoleLogSources.LogGroup(name: name, pattern: nil)]
            } else {
                guard FileManager.default.isReadableFile(atPath: spec) else { throw CLIError("no readable file or folder at \(spec.terminalSafe)") }
                tails = [spec]
            }
            let sources = try ConsoleLogSources.make(
                tails: tails, tailsFromStart: [], groups: groups, cloudTrail: false, pollSeconds: pollSeconds, keepCap: keepCap,
                incident: incident, store: store, mode: .live,
                runner: { guard let runner else { throw CLIError("no AWS CLI runner") }; return runner }, region: region,
                flowLogFormat: flowLogFormat)
            guard let source = sources.first else { throw CLIError("nothing to follow in \(spec.terminalSafe)") }
            return source
        }
    }

    /// The catalog and runner for actions run from the console; the catalog is loaded
    /// when first needed or preloaded once the console is up. A definition file
    /// that cannot be used is skipped and named through `warn` (the footer).
    static func actionService(globals: GlobalOptions, region: String?, warn: @escaping @Sendable (String) -> Void) throws -> CatalogActionService {
        CatalogActionService(catalog: ActionCatalogOnDemand { () throws(ActionCatalogLoadError) in try ActionCatalog.loadForCommand(warn: warn) },
                             runners: try globals.runnerFactory(region: region))
    }

    /// The one AWS CLI runner, configured from the global options, for actions and log pollers alike;
    /// for `incident`'s calls (a drill's go to its emulator only). The action service confines it
    /// again to whichever incident each call is for.
    static func awsRunner(globals: GlobalOptions, region: String?, for incident: Incident? = nil) throws -> AWSCLIRunner {
        try globals.awsRunner(for: incident, region: region)
    }
}
