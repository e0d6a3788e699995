import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Finds where the rest of a followed file went when it was rotated or
/// copy-truncated while it was not being read: a file in the same folder
/// named like it (`app.log.1`, `app.log-20261201`, not compressed) that is the
/// very file read before (same device and inode: rotated by rename) or holds
/// the same bytes before the offset (a copy: copy-truncate). The caller reads
/// it from the offset to its end, then the path from its beginning.
enum RotatedFileFinder {
    /// Compressed rotations cannot be continued byte for byte.
    static let compressedSuffixes = [".gz", ".bz2", ".xz", ".zst", ".zip", ".lz4"]

    /// An open descriptor on the file holding what followed `cursor`, or nil.
    /// `excluding` is the file the path names now (never its own continuation).
    static func open(continuing cursor: FileCursor, of path: String, excluding current: (device: UInt64, inode: UInt64)?) -> Int32? {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        let name = url.lastPathComponent
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return nil }
        let candidates = entries
            .filter { ($0.hasPrefix(name + ".") || $0.hasPrefix(name + "-")) && !compressedSuffixes.contains(where: $0.hasSuffix) }
            .sorted { rotationOrder($0, name: name) < rotationOrder($1, name: name) }
            .prefix(64)
        var copies: [Int32] = []
        defer { copies.forEach { close($0) } }
        for entry in candidates {
            let descriptor = Glibc.open(folder.appendingPathComponent(entry).path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            var info = stat()
            guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
                  !(current.map { UInt64(info.st_dev) == $0.device && UInt64(info.st_ino) == $0.inode } ?? false),
                  cursor.matches(descriptor, size: Int64(info.st_size)) else {
                close(descriptor)
                continue
            }
            if UInt64(info.st_dev) == cursor.device, UInt64(info.st_ino) == cursor.inode { return descriptor }
            // A copy only counts when the bytes before the offset say it is one.
            if cursor.fingerprint != nil { copies.append(descriptor) } else { close(descriptor) }
        }
        return copies.isEmpty ? nil : copies.removeFirst()
    }

    /// `name.1` before `name.2` before `name.10`, then anything else by name.
    private static func rotationOrder(_ entry: String, name: String) -> (Int, String) {
        (Int(entry.dropFirst(name.count + 1)) ?? Int.max, entry)
    }
}
