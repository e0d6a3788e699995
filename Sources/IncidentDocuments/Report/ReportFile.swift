import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a report file: mode 0600 (a report names resources, people and
/// evidence), never half-written, and never over an existing file unless asked.
///
/// The text goes to a temporary file beside the target first; it then takes
/// the target's name with `link` (which fails if the name exists, so two
/// writers cannot both win) or, with `replace`, with `rename`.
public enum ReportFile {
    /// Writes `text` at `path` (see above); throws a `ReportWriteError`.
    public static func write(_ text: String, to path: String, replace: Bool) throws {
        let target = URL(fileURLWithPath: path)
        let folder = target.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ReportWriteError.noFolder(path: path, folder: folder)
        }
        if !replace && FileManager.default.fileExists(atPath: path) {
            throw ReportWriteError.exists(path: path)
        }
        let temporary = folder + "/.firebreak-report-\(UUID().uuidString).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ReportWriteError.failed(path: path, reason: String(cString: strerror(errno))) }
        var failed: Int32 = 0
        text.utf8CString.withUnsafeBufferPointer { buffer in
            var offset = 0
            let count = buffer.count - 1 // without the terminating NUL
            while offset < count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, count - offset)
                if written < 0 { if errno == EINTR { continue }; failed = errno; return }
                offset += written
            }
        }
        if failed == 0 && fsync(fd) != 0 { failed = errno }
        close(fd)
        defer { unlink(temporary) }
        if failed != 0 { throw ReportWriteError.failed(path: path, reason: String(cString: strerror(failed))) }
        if replace {
            guard rename(temporary, path) == 0 else { throw ReportWriteError.failed(path: path, reason: String(cString: strerror(errno))) }
        } else if link(temporary, path) != 0 {
            throw errno == EEXIST ? ReportWriteError.exists(path: path) : ReportWriteError.failed(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
