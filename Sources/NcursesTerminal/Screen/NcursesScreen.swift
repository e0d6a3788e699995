import CNcursesw
import Glibc
import TerminalUI

/// The real terminal, through ncursesw. Owned by the console's one UI
/// thread (ncurses is not thread-safe); other threads only ever touch
/// `waker`.
///
/// ```swift
/// let screen = try NcursesScreen(options: TerminalOptions(colorMode: noColor ? .monochrome : .automatic))
/// defer { screen.close() }
/// var running = true
/// while running {
///     screen.render(view(model, size: screen.size), theme: theme)
///     for event in screen.nextEvents(timeout: .seconds(1)) {
///         switch event {
///         case .key(.ctrl("c")), .inputClosed: running = false
///         case .key(let key): model.handle(key)
///         case .resize: break                      // the next render uses screen.size
///         case .wake: model.absorb(inbox.takeAll()) // background work finished
///         case .timeout: model.tick()
///         }
///     }
/// }
/// ```
///
/// The terminal is in raw mode: Ctrl-C, Ctrl-Z, Ctrl-\ and Ctrl-S arrive as
/// keys (`.ctrl("c")` …) instead of signals, so the console decides what they
/// do. SIGINT/SIGTERM/SIGHUP sent from outside, and crashes, restore the
/// terminal before the process dies (see `TerminalRestorer`).
public final class NcursesScreen {
    /// Wakes `nextEvents` from any thread.
    public let waker: Waker
    /// The colours this terminal shows, after `TerminalOptions.colorMode`.
    public let colorDepth: ColorDepth
    /// The terminal type in use.
    public let termName: String
    /// Whether the locale is UTF-8; if not, wide characters will not render.
    public let isUTF8: Bool

    let options: TerminalOptions
    private let screen: OpaquePointer
    private let inputFile: UnsafeMutablePointer<FILE>
    private let outputFile: UnsafeMutablePointer<FILE>
    private var closed = false
    var mouseEnabled = false
    var pendingEvents: [TerminalEvent] = []
    var previousFrame: Canvas?
    var previousTheme: Theme?
    var colors: ColorPairs

    /// Starts curses on the terminal: raw mode, no echo, keypad decoding,
    /// hidden cursor, alternate screen. Throws a readable error instead of
    /// exiting when `TERM` is unknown or the output is not a terminal.
    public init(options: TerminalOptions = TerminalOptions()) throws(TerminalError) {
        self.options = options
        let name = options.termName ?? getenv("TERM").map { String(cString: $0) } ?? ""
        guard !name.isEmpty else { throw .termNotSet }
        guard fb_terminal_known(name) != 0 else { throw .unknownTerminal(name) }
        guard isatty(options.inputFD) == 1 else { throw .notATerminal(fd: options.inputFD) }
        guard isatty(options.outputFD) == 1 else { throw .notATerminal(fd: options.outputFD) }
        termName = name

        // Without this, ncursesw treats every byte above 0x7F as garbage.
        setlocale(LC_ALL, "")
        isUTF8 = String(cString: nl_langinfo(nl_item(CODESET))).uppercased().replacingOccurrences(of: "-", with: "") == "UTF8"

        waker = try Waker()
        guard let input = fdopen(dup(options.inputFD), "r"), let output = fdopen(dup(options.outputFD), "w") else {
            throw .system("fdopen", errno: errno)
        }
        TerminalRestorer.install(outputFD: options.outputFD, inputFD: options.inputFD)
        // newterm, unlike initscr, returns NULL for an unknown terminal instead of exiting.
        guard let screen = newterm(name, output, input) else {
            TerminalRestorer.uninstall()
            fclose(input)
            fclose(output)
            throw .unknownTerminal(name)
        }
        self.screen = screen
        inputFile = input
        outputFile = output
        set_term(screen)

        raw()
        noecho()
        nonl()
        keypad(fb_stdscr(), true)
        nodelay(fb_stdscr(), true)
        set_escdelay(options.escapeDelay)
        curs_set(0)
        leaveok(fb_stdscr(), true)

        var depth = ColorDepth.monochrome
        var defaultColors = false
        if options.colorMode == .automatic, has_colors() {
            start_color()
            defaultColors = use_default_colors() == OK
            depth = ColorDepth(colorCount: Int(fb_colors()))
        }
        colorDepth = depth
        colors = ColorPairs(depth: depth, terminalHasDefaultColors: defaultColors, maxPairs: Int(fb_color_pairs()))

        TerminalRestorer.armed(restoreSequence: NcursesScreen.restoreSequence(), wakeWriteFD: waker.writeFD)
        setMouse(enabled: options.mouse)
    }

    /// The terminal's current size.
    public var size: Size { Size(width: Int(fb_cols()), height: Int(fb_lines())) }

    /// Turns mouse reporting on or off (`--no-mouse`). With it on, the
    /// terminal's own text selection needs Shift held.
    public func setMouse(enabled: Bool) {
        if enabled {
            var old: mmask_t = 0
            mouseEnabled = mousemask(fb_all_mouse_events(), &old) != 0
            // Report presses and releases at once instead of waiting to detect clicks.
            mouseinterval(0)
        } else {
            var old: mmask_t = 0
            mousemask(0, &old)
            mouseEnabled = false
        }
    }

    /// Leaves curses so another program can use the terminal (an editor, a
    /// pager), then comes back and repaints everything.
    public func suspended<T>(_ body: () throws -> T) rethrows -> T {
        def_prog_mode()
        endwin()
        defer {
            reset_prog_mode()
            invalidate()
        }
        return try body()
    }

    /// Restores the terminal. Safe to call more than once; also run on deinit.
    public func close() {
        guard !closed else { return }
        closed = true
        setMouse(enabled: false)
        curs_set(1)
        endwin()
        delscreen(screen)
        fclose(inputFile)
        fclose(outputFile)
        TerminalRestorer.uninstall()
    }

    deinit {
        close()
    }

    /// What to write to put the terminal back when curses cannot be used
    /// (inside a signal handler): leave the alternate screen, show the
    /// cursor, reset attributes, stop mouse reporting, leave keypad mode.
    private static func restoreSequence() -> [UInt8] {
        var bytes: [UInt8] = []
        for capability in ["rmcup", "cnorm", "sgr0", "rmkx"] {
            if let value = tigetstr(capability), Int(bitPattern: value) != -1 {
                bytes += Array(String(cString: value).utf8)
            }
        }
        bytes += Array("\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1003l\u{1B}[?1006l\r\n".utf8)
        return bytes
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
