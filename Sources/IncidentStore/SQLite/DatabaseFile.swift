import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Creating the database file and its folder with private permissions, and
/// serialising the first open across processes.
enum DatabaseFile {
    /// Creates the missing folders of `path` with mode 0700 and the file itself
    /// with mode 0600 (SQLite gives its -wal and -shm files the same mode).
    /// Returns whether the file was created.
    static func createIfMissing(_ path: String) throws -> Bool {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        try createFolder(folder, for: path)
        let fd = open(path, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0o600)
        if fd >= 0 {
            close(fd)
            return true
        }
        if errno == EEXIST { return false }
        throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
    }

    private static func createFolder(_ folder: String, for path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { throw StoreError.cannotCreate(path: path, reason: "\(folder) is not a folder") }
            return
        }
        let parent = URL(fileURLWithPath: folder).deletingLastPathComponent().path
        if parent != folder { try createFolder(parent, for: path) }
        if mkdir(folder, 0o700) != 0 && errno != EEXIST {
            throw StoreError.cannotCreate(path: path, reason: "cannot create folder \(folder): \(String(cString: strerror(errno)))")
        }
    }

    /// Runs `body` holding an exclusive `flock` on the database's folder.
    ///
    /// Two processes creating the same new database at once can otherwise
    /// fail while switching it to WAL mode; SQLite's busy timeout does not
    /// cover that switch. A folder lock is used because closing any file
    /// descriptor of the database itself would drop SQLite's own locks.
    static func withFolderLock<T>(for path: String, _ body: () throws -> T) throws -> T {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return try body() }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Whether `path` exists and is not empty.
    static func hasContent(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_size > 0
    }

    /// Whether this process can create the -wal and -shm files SQLite needs
    /// beside `path` (or they exist and it can write them).
    static func canCreateFiles(beside path: String) -> Bool {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if access(folder, W_OK) == 0 { return true }
        // A folder we cannot write: SQLite still works if both files exist and are ours to write.
        return access(path + "-wal", W_OK) == 0 && access(path + "-shm", W_OK) == 0
    }
}
