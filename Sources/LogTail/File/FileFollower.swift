import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The reading half of `FileLogSource`: follows one path with `pread`,
/// through appends, truncation and rotation. Used only from the source's
/// thread, one `step` at a time.
///
/// Why `pread` and a held descriptor rather than `mmap` or re-opening: a
/// mapped file that is truncated under us raises SIGBUS, and a descriptor
/// keeps reading the *old* file after a rename, which is how the end of a
/// rotated log is not lost.
///
/// Resuming from a cursor (`FileCursor`): the same file (device and inode)
/// holding the same bytes before the offset resumes there; a file truncated
/// and rewritten, or another file at the path (rotated), is first continued in
/// its rotated copy if one is found beside it (`RotatedFileFinder`), then read
/// from its beginning. While following, a file whose bytes before the read
/// offset changed is treated as truncated too, even if it grew past it.
final class FileFollower: @unchecked Sendable {
    let path: String
    let sourceID: LogSourceID
    let limits: LogLineLimits
    /// Lines it does not admit are not delivered; those it can tell from
    /// their bytes (`LogFilter.surelyRejects`) are not even made.
    let filter: LogFilter?
    /// The filter's test for lines dropped before they are made, taken out once.
    private let unmadeLineDrop: UnmadeLineDrop?
    /// Lines handed over per callback, so a huge backlog arrives in pieces
    /// the UI can draw between.
    static let batchLines = 1024
    /// Bytes read per `step` before yielding, so pause and stop stay prompt
    /// while a big file is read from the start.
    static let stepBytes = 4 << 20

    private var descriptor: Int32 = -1
    private var device: UInt64 = 0
    private var inode: UInt64 = 0
    /// The next byte to read.
    private var offset: Int64 = 0
    private var assembler: LineAssembler
    /// The (at most `FileCursor.tailBytes`) bytes just before `offset`, as read.
    private var tail: [UInt8] = []
    /// The same, just before the last line end: what the cursor's fingerprint covers.
    private var lineEndTail: [UInt8] = []
    /// The size seen at the last check, so an unchanged file costs no extra read.
    private var checkedSize: Int64 = -1
    private var sequence: UInt64 = 0
    private var start: FileLogSource.StartPosition
    /// True when lines were dropped by the filter since the last delivery,
    /// so the cursor moves on even when none was delivered.
    private var droppedSinceDelivery = false
    private var buffer = FileFollower.readBuffer()

    init(path: String, sourceID: LogSourceID, start: FileLogSource.StartPosition, limits: LogLineLimits, filter: LogFilter? = nil) {
        self.path = path
        self.sourceID = sourceID
        self.start = start
        self.limits = limits
        self.filter = filter?.showsEverything == true ? nil : filter
        unmadeLineDrop = self.filter?.unmadeLineDrop(limits: limits)
        assembler = LineAssembler(keepLimit: limits.rawBytes)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// The cursor after the last complete line delivered.
    var cursor: LogCursor {
        FileCursor(device: device, inode: inode, offset: offset - Int64(assembler.pendingLength),
                   fingerprint: FileCursor.fingerprint(of: lineEndTail)).logCursor
    }

    /// One round: open if needed, read what is new, notice truncation and rotation.
    func step(_ runner: SourceRunner) throws -> Bool {
        if descriptor < 0 { try open() }
        var fileStat = stat()
        guard fstat(descriptor, &fileStat) == 0 else {
            throw FileLogSourceError.cannotRead(path: path, reason: FileLogSourceError.reason(errno))
        }
        let size = Int64(fileStat.st_size)
        if size < offset || (size != checkedSize && offset > 0 && FileCursor.tail(of: descriptor, before: offset) != tail) {
            // Truncated in place (copytruncate, `> file`), perhaps written past
            // the old offset again: finish in the copy when there is one, else
            // what was held can no longer be completed and the new content starts at 0.
            let here = FileCursor(device: device, inode: inode, offset: offset, fingerprint: FileCursor.fingerprint(of: tail))
            if let copy = RotatedFileFinder.open(continuing: here, of: path, excluding: (device, inode)) {
                adopt(copy)
                return true
            }
            finishPartialLine(runner)
            offset = 0
            tail = []
            lineEndTail = []
        }
        checkedSize = size
        var batch: [LogLine] = []
        let (readBytes, exhausted) = try readAvailable(into: &batch, runner: runner)
        deliver(&batch, runner)
        if !exhausted { return true }

        var pathStat = stat()
        let pathExists = stat(path, &pathStat) == 0
        if pathExists, UInt64(pathStat.st_dev) == device, UInt64(pathStat.st_ino) == inode {
            return readBytes > 0
        }
        // Rotated (the path names another file) or removed: the old file was
        // read to its end just above; end its partial line and let go of it.
        finishPartialLine(runner)
        close(descriptor)
        descriptor = -1
        start = .beginning
        guard pathExists else { throw FileLogSourceError.removed(path: path) }
        return true
    }

    private func open() throws {
        let opened = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else {
            let code = errno
            // A file that appears later is new: read it whole (a cursor is kept:
            // the file may come back, or its rest be found rotated beside it).
            if start == .end { start = .beginning }
            throw FileLogSourceError.cannotOpen(path: path, reason: FileLogSourceError.reason(code))
        }
        var fileStat = stat()
        guard fstat(opened, &fileStat) == 0 else {
            let code = errno
            close(opened)
            throw FileLogSourceError.cannotOpen(path: path, reason: FileLogSourceError.reason(code))
        }
        descriptor = opened
        device = UInt64(fileStat.st_dev)
        inode = UInt64(fileStat.st_ino)
        let size = Int64(fileStat.st_size)
        checkedSize = -1
        switch start {
        case .beginning:
            offset = 0
        case .end:
            offset = size
        case .cursor(let token):
            offset = 0
            if let saved = FileCursor(token) {
                if saved.device == device, saved.inode == inode, saved.matches(opened, size: size) {
                    offset = saved.offset
                } else if let rest = RotatedFileFinder.open(continuing: saved, of: path, excluding: (device, inode)) {
                    // Rotated or copy-truncated while not followed: the rest of
                    // what was read first, then this file from its beginning.
                    close(opened)
                    adopt(rest)
                    offset = saved.offset
                }
            }
        }
        tail = FileCursor.tail(of: descriptor, before: offset) ?? []
        lineEndTail = tail
        start = .beginning
    }

    /// Follows `other` instead, at the same offset, keeping the partial line:
    /// it holds the rest of the file read so far.
    private func adopt(_ other: Int32) {
        var info = stat()
        fstat(other, &info)
        if descriptor >= 0 { close(descriptor) }
        descriptor = other
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        checkedSize = Int64(info.st_size)
    }

    /// Reads from `offset` to the end of the file (or `stepBytes`); returns
    /// the bytes read and whether the end was reached.
    private func readAvailable(into batch: inout [LogLine], runner: SourceRunner) throws -> (Int, Bool) {
        var total = 0
        while total < Self.stepBytes {
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileLogSourceError.cannotRead(path: path, reason: FileLogSourceError.reason(errno))
            }
            if count == 0 { return (total, true) }
            offset += Int64(count)
            total += count
            let arrivedAt = Date()
            remember(count)
            // The lines read share what was read: a full read is handed over as
            // it is (and the next read goes to a new buffer), a short one is
            // copied to its size, so a slow writer's few bytes do not hold
            // 64 KiB; a kept line copies its own out (`LogLine.detached`).
            let chunk: [UInt8]
            if count == buffer.count {
                chunk = buffer
                buffer = Self.readBuffer()
            } else {
                chunk = Array(buffer[0..<count])
            }
            // Numbered here and written back once, not per line through the object.
            var next = sequence
            if let filter {
                let drop = unmadeLineDrop
                var dropped = false
                assembler.feed(sharing: chunk, dropping: { drop?.drops($0) ?? false }, line: { assembled in
                    let line = makeLine(assembled, sequence: next, arrivedAt: arrivedAt)
                    next += 1
                    if filter.admits(line) { batch.append(line) }
                }, dropped: {
                    next += 1
                    dropped = true
                })
                if dropped { droppedSinceDelivery = true }
            } else {
                assembler.feed(sharing: chunk) { assembled in
                    batch.append(makeLine(assembled, sequence: next, arrivedAt: arrivedAt))
                    next += 1
                }
            }
            sequence = next
            if batch.count >= Self.batchLines { deliver(&batch, runner) }
            if runner.shouldYield { return (total, false) }
        }
        return (total, false)
    }

    /// Keeps the bytes before `offset` (and before the last line end) after a read of `count` bytes.
    private func remember(_ count: Int) {
        let limit = FileCursor.tailBytes
        let chunk = buffer[0..<count]
        if let newline = chunk.lastIndex(of: 0x0A) {
            let upTo = chunk[...newline]
            lineEndTail = upTo.count >= limit ? Array(upTo.suffix(limit)) : Array((tail + upTo).suffix(limit))
        }
        tail = count >= limit ? Array(chunk.suffix(limit)) : Array((tail + chunk).suffix(limit))
    }

    private func finishPartialLine(_ runner: SourceRunner) {
        guard let assembled = assembler.flush() else { return }
        lineEndTail = tail
        let line = makeLine(assembled, sequence: sequence, arrivedAt: Date())
        sequence += 1
        var batch: [LogLine] = []
        if filter?.admits(line) ?? true { batch.append(line) } else { droppedSinceDelivery = true }
        deliver(&batch, runner)
    }

    /// A buffer for one read, left uninitialised: only what `pread` wrote is ever read.
    private static func readBuffer() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 64 * 1024) { _, initialized in initialized = 64 * 1024 }
    }

    private func makeLine(_ assembled: LineAssembler.Assembled, sequence: UInt64, arrivedAt: Date) -> LogLine {
        LogLine(sourceID: sourceID, sequence: sequence, kept: assembled.kept, sharesChunk: assembled.sharesChunk, rawLength: assembled.length,
                       digest: assembled.streamedDigest, time: nil, level: nil, arrivedAt: arrivedAt, limits: limits)
    }

    private func deliver(_ batch: inout [LogLine], _ runner: SourceRunner) {
        guard !batch.isEmpty || droppedSinceDelivery else { return }
        runner.deliver(batch, cursor: cursor)
        batch.removeAll(keepingCapacity: true)
        droppedSinceDelivery = false
    }
}
