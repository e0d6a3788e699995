import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A copy of a database file and its -wal in a private temporary folder
/// (0700, files 0600), for reading a database where this user cannot create
/// files: SQLite opens the copy and its WAL (so every acknowledged commit is
/// read), and nothing is created beside the original. Removed when released.
///
/// Chosen over SQLite's `immutable=1`, which ignores the -wal: a database
/// left by a killed writer would be read without its last commits.
public final class PrivateDatabaseCopy: Sendable {
    /// The private folder.
    public let folder: String
    /// The copy of the database file, which SQLite opens.
    public let databasePath: String

    init(of path: String) throws {
        let base = (ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp")
        var template = Array((base + "/firebreak-read.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw StoreError.cannotCreate(path: path, reason: "cannot make a private folder to read a copy in: \(String(cString: strerror(errno)))")
        }
        folder = String(cString: made)
        databasePath = folder + "/" + URL(fileURLWithPath: path).lastPathComponent
        do {
            // The -wal first is not safer here: no writer can exist where nobody can create its -shm.
            try Self.copy(path, to: databasePath, required: true)
            try Self.copy(path + "-wal", to: databasePath + "-wal", required: false)
        } catch {
            Self.remove(folder)
            throw error
        }
    }

    deinit {
        Self.remove(folder)
    }

    private static func copy(_ source: String, to destination: String, required: Bool) throws {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else {
            if !required && errno == ENOENT { return }
            throw StoreError.cannotCreate(path: source, reason: "cannot read it: \(String(cString: strerror(errno)))")
        }
        defer { close(input) }
        let output = open(destination, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard output >= 0 else { throw StoreError.cannotCreate(path: destination, reason: String(cString: strerror(errno))) }
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw StoreError.cannotCreate(path: source, reason: "cannot read it: \(String(cString: strerror(errno)))") }
            if count == 0 { return }
            var offset = 0
            while offset < count {
                let written = buffer.withUnsafeBytes { write(output, $0.baseAddress! + offset, count - offset) }
                guard written > 0 else { throw StoreError.cannotCreate(path: destination, reason: String(cString: strerror(errno))) }
                offset += written
            }
        }
    }

    private static func remove(_ folder: String) {
        try? FileManager.default.removeItem(atPath: folder)
    }
}
