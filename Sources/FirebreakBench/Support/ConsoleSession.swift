import Foundation

/// The real `firebreak` console on a 200×60 pseudo-terminal.
///
/// "The first full frame" is the moment the newest event's text (a marker
/// chosen by the bench) has been written to the terminal: the console draws
/// an empty header before the incident is loaded, so only the frame that
/// holds the loaded incident's log counts.
enum ConsoleSession {
    static let columns = 200, rows = 60

    static func start(_ workspace: BenchWorkspace, database: String, arguments: [String], extraEnvironment: [String: String] = [:]) throws -> PseudoTerminal {
        try PseudoTerminal(workspace.firebreak, arguments, environment: workspace.environment(database: database).merging(extraEnvironment) { $1 },
                           columns: columns, rows: rows)
    }

    /// A marker that shares no letter, position for position, with the
    /// markers numbered just before it, and repeats no letter twice in a row,
    /// so curses (which writes only changed cells, and may compress runs)
    /// always writes it whole.
    static func marker(_ number: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        return "mk" + (0..<6).map { String(letters[(number + $0 * 7) % 26]) }.joined()
    }
}
