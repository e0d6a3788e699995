import Foundation

/// Why a file source could not read, in words for the pane.
public enum FileLogSourceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened.
    case cannotOpen(path: String, reason: String)
    /// The file was followed, then its path stopped naming any file.
    case removed(path: String)
    /// Reading failed.
    case cannotRead(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open \(path.terminalSafeForPrompt): \(reason)"
        case .removed(let path): "\(path.terminalSafeForPrompt) was removed; waiting for it to reappear"
        case .cannotRead(let path, let reason): "cannot read \(path.terminalSafeForPrompt): \(reason)"
        }
    }

    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
