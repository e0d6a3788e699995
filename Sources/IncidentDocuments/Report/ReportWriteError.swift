import IncidentModel

/// Why a report file was not written, as one line (the command line prints
/// it, the console shows it in its footer). Nothing was left at the path.
public enum ReportWriteError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The folder the path names does not exist.
    case noFolder(path: String, folder: String)
    /// A file is already there and replacing was not asked for.
    case exists(path: String)
    /// The system refused (permissions, a full disk, …).
    case failed(path: String, reason: String)
    /// The path's extension names no format (the console picks the format by it).
    case unknownFormat(path: String)

    public var description: String {
        switch self {
        case .noFolder(let path, let folder):
            return "cannot write \(path.terminalSafe): the folder \(folder.terminalSafe) does not exist"
        case .exists(let path):
            return "\(path.terminalSafe) already exists; choose another --output or add --force to replace it"
        case .failed(let path, let reason):
            return "cannot write \(path.terminalSafe): \(reason)"
        case .unknownFormat(let path):
            return "\(path.terminalSafe): name the file .md, .json or .html (its format)"
        }
    }
}
