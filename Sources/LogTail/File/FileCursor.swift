import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file source's place, inside its `LogCursor` token:
/// `file:<device>:<inode>:<offset>:<fingerprint>`.
///
/// The device and inode say which file (whatever path spelled it, and across
/// a rename); the offset is just after the last line delivered; the
/// fingerprint is a hash of the (at most) `tailBytes` bytes just before it, so
/// a file truncated and written again past the offset (copy-truncate while
/// the console was down) is told apart from the file that was read. Tokens
/// from before the fingerprint (`file:<device>:<inode>:<offset>`) still parse.
struct FileCursor: Equatable {
    /// How many bytes before the offset the fingerprint covers.
    static let tailBytes = 64

    var device: UInt64
    var inode: UInt64
    var offset: Int64
    /// Nil in a token from before fingerprints.
    var fingerprint: String?

    init(device: UInt64, inode: UInt64, offset: Int64, fingerprint: String?) {
        self.device = device
        self.inode = inode
        self.offset = offset
        self.fingerprint = fingerprint
    }

    /// Nil when `cursor` is not a file cursor.
    init?(_ cursor: LogCursor) {
        let parts = cursor.token.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 4 || parts.count == 5, parts[0] == "file",
              let device = UInt64(parts[1]), let inode = UInt64(parts[2]), let offset = Int64(parts[3]), offset >= 0 else { return nil }
        self.init(device: device, inode: inode, offset: offset, fingerprint: parts.count == 5 ? String(parts[4]) : nil)
    }

    var logCursor: LogCursor {
        LogCursor("file:\(device):\(inode):\(offset)" + (fingerprint.map { ":\($0)" } ?? ""))
    }

    /// The fingerprint of `tail`, the bytes just before an offset (empty at offset 0).
    static func fingerprint(of tail: some Collection<UInt8>) -> String {
        SHA256.hash(data: Array(tail)).prefix(12).map { String(format: "%02x", $0) }.joined()
    }

    /// The (at most) `tailBytes` bytes before `offset` in the open file, or nil
    /// when they cannot all be read (the file is shorter now).
    static func tail(of descriptor: Int32, before offset: Int64) -> [UInt8]? {
        let count = Int(min(Int64(tailBytes), offset))
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let read = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset - Int64(count) + Int64(done)))
            }
            if read < 0, errno == EINTR { continue }
            if read <= 0 { return nil }
            done += read
        }
        return bytes
    }

    /// Whether the open file holds, just before `offset`, the bytes this cursor was made after.
    func matches(_ descriptor: Int32, size: Int64) -> Bool {
        guard offset <= size else { return false }
        guard let fingerprint else { return true }
        guard let tail = Self.tail(of: descriptor, before: offset) else { return false }
        return Self.fingerprint(of: tail) == fingerprint
    }
}
