import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether a data file found on the search path may be used: a definition
/// decides what runs against AWS, so one that someone else could have written
/// is refused.
///
/// Refused: the file, or any folder from it up to the search folder it was
/// found in (that folder included), is group- or world-writable, or is owned
/// by a user other than the one running Firebreak and root.
///
/// ```swift
/// if let problem = DataFileTrust.problem(with: file, under: folder) {
///     warn("\(file.path): \(problem); skipped")
/// }
/// ```
public enum DataFileTrust {
    /// Why `file` may not be used, or nil when it may.
    public static func problem(with file: URL, under root: URL) -> String? {
        let user = geteuid()
        let rootPath = root.standardizedFileURL.path
        var url = file.standardizedFileURL
        while true {
            var info = stat()
            guard stat(url.path, &info) == 0 else {
                return "cannot be checked (\(String(cString: strerror(errno))))"
            }
            let what = url.path == file.standardizedFileURL.path ? "it" : "its folder \(url.path)"
            if info.st_mode & 0o022 != 0 {
                let writers = info.st_mode & 0o002 != 0 ? "anyone" : "its group"
                return "refused: \(what) can be written by \(writers) (mode \(String(info.st_mode & 0o7777, radix: 8)))"
            }
            if info.st_uid != user && info.st_uid != 0 {
                return "refused: \(what) is owned by another user (uid \(info.st_uid))"
            }
            if url.path == rootPath || url.path == "/" || !url.path.hasPrefix(rootPath) { return nil }
            url = url.deletingLastPathComponent().standardizedFileURL
        }
    }
}
