/// Why the terminal could not be started.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `TERM` is unset or empty.
    case termNotSet
    /// ncurses has no terminfo entry for this `TERM`.
    case unknownTerminal(String)
    /// Standard input or output is not a terminal (piped, redirected).
    case notATerminal(fd: Int32)
    /// A system call failed while setting up.
    case system(String, errno: Int32)

    public var description: String {
        switch self {
        case .termNotSet:
            return "TERM is not set; run Firebreak in a terminal (for example TERM=xterm-256color)"
        case .unknownTerminal(let name):
            return "terminal type '\(name)' is not known to ncurses (install ncurses-term, or set TERM=xterm-256color)"
        case .notATerminal(let fd):
            return fd == 0 ? "standard input is not a terminal" : "standard output is not a terminal"
        case .system(let call, let errno):
            return "\(call) failed (errno \(errno))"
        }
    }
}
