import AWSActions
import Console
import Foundation
import IncidentModel
import IncidentStore
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
    static func run(globals: GlobalOptions, incident: String?, mode: ConsoleMode, tails: [String] = [], region: String? = nil) throws {
        // A file to follow must at least be readable now; it may be rotated or truncated later.
        for path in tails where !FileManager.default.isReadableFile(atPath: path) {
            throw CLIError("cannot read --tail \(path.terminalSafe): no such readable file")
        }
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw CLIError("the console needs a terminal (stdin and stdout must be a TTY); in scripts use `firebreak list` or `firebreak show`")
        }
        let operatorName = try globals.operatorIdentity()
        let store: any IncidentEventStore
        switch mode {
        case .live:
            store = try globals.writableStore()
        case .readOnly, .replay:
            guard let readOnly = try globals.readOnlyStore() else {
                throw StoreError.noDatabase(path: globals.databasePath)
            }
            store = readOnly
        }
        var shown: IncidentID?
        if let incident {
            let id = try IncidentID(parsing: incident)
            _ = try store.state(of: id)
            shown = id
        } else {
            let open = try store.incidents(includeClosed: false)
            if open.count == 1 { shown = open[0].id }
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
        let runtime = ConsoleRuntime(store: store, terminal: NcursesConsoleTerminal(screen: screen, theme: selection.theme),
                                     model: ConsoleModel(mode: mode, operatorName: operatorName, size: screen.size),
                                     presence: mode == .replay ? nil : FilePresenceBoard(databasePath: globals.databasePath),
                                     logSources: tails.map { FileLogSource(path: $0, start: .end) },
                                     actions: mode == .live ? try actionService(globals: globals, region: region) : nil)
        for problem in config.problems { runtime.notice("config: \(problem)") }
        if let problem = selection.problem { runtime.notice("using the default theme: \(problem)") }
        runtime.run(showing: shown)
        (store as? SQLiteIncidentStore)?.checkpoint()
    }

    /// The catalog and runner for actions run from the console. A broken catalog
    /// stops the console before it starts, with the file, field and reason.
    static func actionService(globals: GlobalOptions, region: String?) throws -> CatalogActionService {
        let environment = ProcessInfo.processInfo.environment
        let runner = AWSCLIRunner(configuration: AWSCLIConfiguration(
            executable: globals.awsCLI, profile: globals.profile, region: try region.map(AWSRegion.validate),
            endpointURL: globals.endpointURL, timeout: AWSCLIConfiguration.timeout(from: environment), environment: environment))
        return CatalogActionService(catalog: try ActionCatalog.loadForCommand(), runner: runner)
    }
}
