import Crypto
#if canImport(Glibc)
import Glibc
#endif

/// Cuts a stream of bytes into lines at `\n`, holding a partial last line
/// until its newline arrives.
///
/// A line may be far longer than what is kept of it: past
/// `LogLineLimits.rawBytes` the bytes are only fed to a running SHA-256, so
/// memory stays bounded whatever a writer does, and the hash still covers the
/// whole line.
struct LineAssembler {
    /// A complete line: its kept start, its full length and the hash of all of it.
    struct Assembled {
        var kept: ArraySlice<UInt8>
        /// True when `kept` is a slice of the chunk fed (`feed(sharing:)`), not bytes of its own.
        var sharesChunk = false
        var length: Int
        /// The whole line's hash, made as it streamed in, for a line longer
        /// than what is kept; nil otherwise (the line hashes `kept` when asked).
        var streamedDigest: LineDigest?
        /// The whole line's hash.
        var digest: LineDigest { streamedDigest ?? LineDigest(hashing: kept) }
    }

    let keepLimit: Int
    private var kept: [UInt8] = []
    private var length = 0
    /// Started only once a line outgrows `keepLimit`; a short line is hashed only if asked (`LogLine.sha256Hex`).
    private var hasher: SHA256?

    init(keepLimit: Int) {
        self.keepLimit = keepLimit
    }

    /// Bytes of the partial line held so far.
    var pendingLength: Int { length }

    /// Feeds bytes; calls `line` for each line they complete, in order.
    mutating func feed(_ bytes: UnsafeRawBufferPointer, line: (Assembled) -> Void) {
        guard let base = bytes.baseAddress else { return }
        var start = 0
        while start < bytes.count {
            // memchr: libc's vectorised search, several times faster than a loop over the bytes.
            if let found = memchr(base + start, 0x0A, bytes.count - start) {
                let newline = base.distance(to: UnsafeRawPointer(found))
                append(UnsafeRawBufferPointer(rebasing: bytes[start..<newline]))
                line(finish())
                start = newline + 1
            } else {
                append(UnsafeRawBufferPointer(rebasing: bytes[start...]))
                start = bytes.count
            }
        }
    }

    /// Feeds a chunk lines may share: a line that lies whole in it keeps a
    /// slice of it, with no copy and no allocation of its own (most lines of a
    /// file read in 64 KiB chunks); any other line is assembled as by `feed`.
    mutating func feed(sharing chunk: [UInt8], line: (Assembled) -> Void) {
        feed(sharing: chunk, dropping: { _ in false }, line: line, dropped: {})
    }

    /// The same, but a line lying whole in the chunk for which `drops` is
    /// true (given its bytes) is not made: `dropped` is called in its place,
    /// in order with the others. A line assembled across chunks is always made.
    mutating func feed(sharing chunk: [UInt8], dropping drops: (UnsafeBufferPointer<UInt8>) -> Bool,
                       line: (Assembled) -> Void, dropped: () -> Void) {
        chunk.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            var start = 0
            while start < bytes.count {
                if let found = memchr(base + start, 0x0A, bytes.count - start) {
                    let newline = base.distance(to: UnsafePointer(found.assumingMemoryBound(to: UInt8.self)))
                    if length == 0, newline - start <= keepLimit {
                        if drops(UnsafeBufferPointer(rebasing: bytes[start..<newline])) {
                            dropped()
                        } else {
                            line(Assembled(kept: chunk[start..<newline], sharesChunk: true, length: newline - start, streamedDigest: nil))
                        }
                    } else {
                        append(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start..<newline]))
                        line(finish())
                    }
                    start = newline + 1
                } else {
                    append(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start...]))
                    start = bytes.count
                }
            }
        }
    }

    /// Ends the partial line, if any, as a line of its own (the file it came
    /// from was truncated, rotated or removed, so no newline will come).
    mutating func flush() -> Assembled? {
        length > 0 ? finish() : nil
    }

    private mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        let room = keepLimit - kept.count
        if kept.isEmpty, bytes.count <= room, hasher == nil {
            // A whole line in one read (most lines): one allocation of its size.
            kept = [UInt8](unsafeUninitializedCapacity: bytes.count) { target, initialized in
                UnsafeMutableRawBufferPointer(target).copyMemory(from: bytes)
                initialized = bytes.count
            }
        } else if bytes.count <= room, hasher == nil {
            kept.append(contentsOf: bytes)
        } else {
            if hasher == nil {
                var started = SHA256()
                started.update(data: kept)
                hasher = started
            }
            if room > 0 { kept.append(contentsOf: bytes[..<room]) }
            hasher!.update(bufferPointer: bytes)
        }
        length += bytes.count
    }

    private mutating func finish() -> Assembled {
        let digest = hasher.map { LineDigest($0.finalize()) }
        let done = Assembled(kept: ArraySlice(kept), length: length, streamedDigest: digest)
        kept = []
        length = 0
        hasher = nil
        return done
    }
}
