import CNcursesw
import Foundation
import Testing
import TerminalUI
@testable import NcursesTerminal

// terminfo keeps its current terminal in a process-wide global
// (`cur_term`): two of these tests reading it at once crashed the test
// process inside libtinfo, so they run one at a time.
@Suite("Starting the terminal", .serialized)
struct NcursesScreenStartTests {
    @Test func unknownTerminalIsAnErrorNotAnExit() {
        #expect(throws: TerminalError.unknownTerminal("no-such-terminal-xyz")) {
            _ = try NcursesScreen(options: TerminalOptions(termName: "no-such-terminal-xyz"))
        }
        #expect(TerminalError.unknownTerminal("foo").description.hasPrefix("terminal type 'foo' is not known to ncurses"))
    }

    @Test func knownTerminalsAreRecognised() {
        for name in ["xterm-256color", "tmux-256color", "screen", "linux"] {
            #expect(fb_terminal_known(name) != 0, "\(name)")
        }
    }

    @Test func emptyTermIsReported() {
        #expect(throws: TerminalError.termNotSet) {
            _ = try NcursesScreen(options: TerminalOptions(termName: ""))
        }
    }

    @Test func nonTerminalInputIsReported() throws {
        var fds: [Int32] = [-1, -1]
        try #require(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        #expect(throws: TerminalError.notATerminal(fd: fds[0])) {
            _ = try NcursesScreen(options: TerminalOptions(termName: "xterm-256color", inputFD: fds[0]))
        }
    }
}
