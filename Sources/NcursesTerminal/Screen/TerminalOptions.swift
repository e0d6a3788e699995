/// How to start the terminal.
public struct TerminalOptions: Sendable {
    /// Whether colours may be used.
    public enum ColorMode: Sendable, Hashable {
        /// Use what the terminal offers.
        case automatic
        /// Attributes only (for `NO_COLOR` or `--no-color`).
        case monochrome
    }

    /// Terminal type; nil reads `TERM` from the environment.
    public var termName: String?
    public var colorMode: ColorMode
    /// Report mouse clicks and the wheel (`--no-mouse` turns it off).
    public var mouse: Bool
    /// Milliseconds to wait after ESC for the rest of an escape sequence.
    public var escapeDelay: Int32
    public var inputFD: Int32
    public var outputFD: Int32

    public init(termName: String? = nil, colorMode: ColorMode = .automatic, mouse: Bool = true,
                escapeDelay: Int32 = 25, inputFD: Int32 = 0, outputFD: Int32 = 1) {
        self.termName = termName
        self.colorMode = colorMode
        self.mouse = mouse
        self.escapeDelay = escapeDelay
        self.inputFD = inputFD
        self.outputFD = outputFD
    }
}
