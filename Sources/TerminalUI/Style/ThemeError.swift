/// Why a theme could not be used, pointing at the file and line to fix.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file (as given to the loader).
    public var file: String
    /// 1-based line number, when the problem is on one line.
    public var line: Int?
    /// What is wrong, e.g. `unknown role 'phase.curent' (did you mean 'phase.current'?)`.
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, the shape editors and terminals recognise.
    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}
