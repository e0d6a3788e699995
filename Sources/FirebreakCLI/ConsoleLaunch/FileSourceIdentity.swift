import Foundation
import LogTail

/// Which followed file a path names, whatever its spelling: `/tmp/x/../x/app.log`,
/// a symbolic link and the path itself are one source, kept once.
///
/// The id is `file:` and the path with links and `..` resolved; the cursor to
/// resume from is the one kept for the same device and inode (any spelling,
/// hard links too), else the one kept under this id (the file was rotated
/// since: `FileLogSource` finds the rest), else under the path as given (ids
/// kept before paths were resolved).
enum FileSourceIdentity {
    static func resolve(path: String, keptCursors: [String: String]) -> (id: LogSourceID, cursor: LogCursor?) {
        let canonical = LogSourceID("file:" + URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path)
        if let file = fileKey(path) {
            let prefix = file + ":"
            let sameFile = keptCursors.filter { $0.key.hasPrefix("file:") && $0.value.hasPrefix(prefix) }
            // The one under the resolved id first, so the choice never depends on dictionary order.
            if let cursor = sameFile[canonical.rawValue] { return (canonical, LogCursor(cursor)) }
            if let other = sameFile.min(by: { $0.key < $1.key }) { return (LogSourceID(other.key), LogCursor(other.value)) }
        }
        if let cursor = keptCursors[canonical.rawValue] { return (canonical, LogCursor(cursor)) }
        let given = LogSourceID("file:\(path)")
        if let cursor = keptCursors[given.rawValue] { return (given, LogCursor(cursor)) }
        return (canonical, nil)
    }

    /// `file:<device>:<inode>` of the file `path` names now (links followed), as a file cursor begins; nil when there is none.
    static func fileKey(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return "file:\(UInt64(info.st_dev)):\(UInt64(info.st_ino))"
    }
}
