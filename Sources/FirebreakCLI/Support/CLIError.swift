/// A problem found by the command line itself, shown as one line.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    /// The exit status; 1 unless a command documents another.
    var exitCode: Int32 = 1

    init(_ description: String, exitCode: Int32 = 1) {
        self.description = description
        self.exitCode = exitCode
    }
}
