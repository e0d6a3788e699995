import Foundation

/// Log files as AWS delivers them to S3 — whole objects, one per few minutes,
/// often gzip'd — in a local file or a folder (an `aws s3 sync` of a log
/// bucket), polled by a `PollingLogSource`: each file is read whole, once,
/// when it appears, and its records become lines.
///
/// - A folder is walked with its subfolders (`AWSLogs/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/…`);
///   files are read in the order of their paths, which for AWS's names is
///   account, region, then time. Hidden files are skipped.
/// - A file is read once its size has stayed the same for one poll (or it was
///   last written a few seconds ago), so a copy in progress is not read half-way.
/// - A file the decoder refuses (a CloudTrail digest file) becomes one
///   warning line naming it and why; the others are still read.
/// - The cursor is the path of the last file read: a restarted console
///   resumes after it. A file that appears later under a path that sorts
///   before it (another region's, synced late) is not read after a restart.
///
/// ```swift
/// let poller = DeliveredFilesPoller(path: "/data/AWSLogs", decoder: CloudTrailDecoder())
/// let source = PollingLogSource(id: "delivered:/data/AWSLogs", displayName: "/data/AWSLogs", poller: poller, interval: 5)
/// ```
public struct DeliveredFilesPoller: LogPoller {
    /// Files read per poll, so a folder of thousands arrives in batches the pane can draw between.
    public static let filesPerPoll = 32
    /// A file last written longer ago than this is complete, even on the first poll.
    public static let settledAfter: TimeInterval = 2
    /// The most a file may hold before it is inflated.
    public static let fileLimit = 256 << 20

    public let path: String
    private let decoder: any DeliveredFileDecoder
    private let state = LockedState()

    /// The poller's memory between polls; a class so the poller stays a value, locked though only the source's thread polls.
    private final class LockedState: @unchecked Sendable {
        private let lock = NSLock()
        private var state = State()
        func withLock<T>(_ body: (inout State) -> T) -> T {
            lock.lock()
            defer { lock.unlock() }
            return body(&state)
        }
    }

    private struct State {
        /// Relative paths already read (or refused).
        var done: Set<String> = []
        /// The size each unread file had at the last poll.
        var sizes: [String: Int] = [:]
        var resumed = false
    }

    public init(path: String, decoder: any DeliveredFileDecoder) {
        self.path = path
        self.decoder = decoder
    }

    /// `v1` and the relative path of the last file read.
    static func cursor(after relative: String) -> LogCursor { LogCursor("v1\n" + relative) }

    static func lastRead(in cursor: LogCursor?) -> String? {
        guard let token = cursor?.token, token.hasPrefix("v1\n") else { return nil }
        return String(token.dropFirst(3))
    }

    public func poll(after cursor: LogCursor?) throws -> LogPollResult {
        let files = try listFiles()
        let now = Date()
        var ready: [(relative: String, url: URL)] = []
        var more = false
        state.withLock { state in
            if !state.resumed {
                state.resumed = true
                if let last = Self.lastRead(in: cursor) {
                    for file in files where file.relative <= last { state.done.insert(file.relative) }
                }
            }
            for file in files where !state.done.contains(file.relative) {
                let settled = state.sizes[file.relative] == file.size || now.timeIntervalSince(file.modified) > Self.settledAfter
                state.sizes[file.relative] = file.size
                guard settled else { continue }
                guard ready.count < Self.filesPerPoll else { more = true; break }
                ready.append((file.relative, file.url))
            }
        }
        var records: [LogRecord] = []
        for file in ready {
            records += read(file.url, shownAs: file.relative)
            state.withLock { state in
                state.done.insert(file.relative)
                state.sizes[file.relative] = nil
            }
        }
        let next = ready.last.map { Self.cursor(after: $0.relative) } ?? cursor
        return LogPollResult(records: records, cursor: next, hasMore: more)
    }

    /// The records of one file, or one warning line saying why it was refused.
    func read(_ url: URL, shownAs name: String) -> [LogRecord] {
        do {
            return try Self.records(of: url, decoder: decoder)
        } catch {
            return [LogRecord(text: "skipped \(name): \(error)", level: .warning)]
        }
    }

    /// Reads, inflates if gzip'd and decodes one whole file.
    public static func records(of url: URL, decoder: any DeliveredFileDecoder) throws -> [LogRecord] {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        guard let data = try handle.read(upToCount: fileLimit + 1) else { return try decoder.records(in: [], name: url.path) }
        guard data.count <= fileLimit else { throw GzipError(reason: "it is larger than \(fileLimit >> 20) MiB") }
        var bytes = [UInt8](data)
        if Gzip.isCompressed(bytes) { bytes = try Gzip.inflate(bytes) }
        return try decoder.records(in: bytes, name: url.path)
    }

    private struct Listed {
        var relative: String
        var url: URL
        var size: Int
        var modified: Date
    }

    /// The regular files at `path` (itself, or every file below it), sorted by relative path.
    private func listFiles() throws -> [Listed] {
        let root = URL(fileURLWithPath: path)
        let keys: Set<URLResourceKey> = [.isRegularFileKey, .isDirectoryKey, .fileSizeKey, .contentModificationDateKey]
        func listed(_ url: URL, relative: String) -> Listed? {
            guard let values = try? url.resourceValues(forKeys: keys), values.isRegularFile == true else { return nil }
            return Listed(relative: relative, url: url, size: values.fileSize ?? 0, modified: values.contentModificationDate ?? .distantPast)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DeliveredFilesError(reason: "\(path) no longer exists")
        }
        guard isDirectory.boolValue else { return listed(root, relative: root.lastPathComponent).map { [$0] } ?? [] }
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: Array(keys),
                                                          options: [.skipsHiddenFiles]) else {
            throw DeliveredFilesError(reason: "cannot list \(path)")
        }
        let prefix = root.standardizedFileURL.path + "/"
        var files: [Listed] = []
        for case let url as URL in walker {
            let full = url.standardizedFileURL.path
            let relative = full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : url.lastPathComponent
            if let file = listed(url, relative: relative) { files.append(file) }
        }
        return files.sorted { $0.relative < $1.relative }
    }
}

/// Why a delivered-files source cannot list its path.
public struct DeliveredFilesError: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public var description: String { reason }
}
