import Foundation
import FirebreakTestSupport
import Testing
@testable import LogTail

/// Log files delivered whole, as AWS writes them to S3 (a folder of
/// `.gz` files, one every few minutes): each read once, gzip'd or not, in
/// the order of their paths, a refused one named in one line, resumed after
/// the last file read.
@Suite("Delivered log files")
struct DeliveredFilesPollerTests {
    /// One record a line; a file whose first line is `DIGEST` is refused, as a CloudTrail digest file is.
    struct Lines: DeliveredFileDecoder {
        struct Refused: Error, CustomStringConvertible { var description: String { "a digest file, no events" } }
        func records(in contents: [UInt8], name: String) throws -> [LogRecord] {
            let text = String(decoding: contents, as: UTF8.self)
            if text.hasPrefix("DIGEST") { throw Refused() }
            return text.split(separator: "\n").map { LogRecord(text: String($0)) }
        }
    }

    /// Writes `text` to `path` gzip'd by the real gzip tool, as S3 delivery stores it.
    static func gzip(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let plain = path.hasSuffix(".gz") ? String(path.dropLast(3)) : path + ".plain"
        try text.write(toFile: plain, atomically: true, encoding: .utf8)
        let tool = Process()
        tool.executableURL = URL(fileURLWithPath: "/bin/gzip")
        tool.arguments = ["-n", "-f", plain]
        try tool.run()
        tool.waitUntilExit()
        #expect(tool.terminationStatus == 0)
        if !path.hasSuffix(".gz") { try FileManager.default.moveItem(atPath: plain + ".gz", toPath: path) }
    }

    /// Polls until `count` records came, or the deadline.
    static func poll(_ poller: DeliveredFilesPoller, cursor: inout LogCursor?, until count: Int) throws -> [String] {
        var texts: [String] = []
        let deadline = Date().addingTimeInterval(10)
        while texts.count < count, Date() < deadline {
            let result = try poller.poll(after: cursor)
            texts += result.records.map { String(decoding: $0.bytes, as: UTF8.self) }
            cursor = result.cursor
            if result.records.isEmpty { usleep(20_000) }
        }
        return texts
    }

    @Test func aFolderOfDeliveredFilesIsReadAFileAtATimeEachOnce() throws {
        let folder = try TemporaryFolder()
        let root = folder.path("AWSLogs")
        try Self.gzip("b1\nb2\n", to: root + "/111122223333/logs/us-east-1/2026/11/30/b_20261130T1025Z.log.gz")
        try Self.gzip("a1\na2\n", to: root + "/111122223333/logs/us-east-1/2026/11/30/a_20261130T1020Z.log.gz")
        try "plain1\n".write(toFile: root + "/111122223333/logs/us-east-1/2026/11/30/c_20261130T1030Z.log", atomically: true, encoding: .utf8)
        try Self.gzip("DIGEST\nhashes\n", to: root + "/111122223333/digest/us-east-1/d.json.gz")
        try "hidden\n".write(toFile: root + "/.sync-state", atomically: true, encoding: .utf8)
        // A file whose gzip stream is cut short, as a copy stopped half-way leaves it (and old enough to be read).
        let whole = try Data(contentsOf: URL(fileURLWithPath: root + "/111122223333/logs/us-east-1/2026/11/30/a_20261130T1020Z.log.gz"))
        try whole.prefix(whole.count - 12).write(to: URL(fileURLWithPath: root + "/111122223333/logs/us-east-1/2026/11/30/e_cut.log.gz"))

        let poller = DeliveredFilesPoller(path: root, decoder: Lines())
        var cursor: LogCursor?
        let texts = try Self.poll(poller, cursor: &cursor, until: 7)
        #expect(texts == ["skipped 111122223333/digest/us-east-1/d.json.gz: a digest file, no events",
                          "a1", "a2", "b1", "b2", "plain1"] + texts.suffix(1))
        #expect(texts.last?.hasPrefix("skipped 111122223333/logs/us-east-1/2026/11/30/e_cut.log.gz: it is not a whole gzip stream") == true,
                "\(texts)")
        // Nothing is read twice.
        #expect(try poller.poll(after: cursor).records.isEmpty)

        // A file delivered later is read when it has settled; a restart resumes after the last file read.
        try Self.gzip("f1\n", to: root + "/111122223333/logs/us-east-1/2026/11/30/f_20261130T1035Z.log.gz")
        let saved = cursor
        #expect(try Self.poll(poller, cursor: &cursor, until: 1) == ["f1"])
        try Self.gzip("g1\n", to: root + "/111122223333/logs/us-east-1/2026/11/30/g_20261130T1040Z.log.gz")
        var resumed = saved
        #expect(try Self.poll(DeliveredFilesPoller(path: root, decoder: Lines()), cursor: &resumed, until: 2) == ["f1", "g1"])
    }

    @Test func oneGzipFileIsInflatedWholeAndTheSourceCarriesItsLines() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("one.json.gz")
        let lines = (0..<5_000).map { "record \($0) " + String(repeating: "z", count: $0 % 50) }
        try Self.gzip(lines.joined(separator: "\n") + "\n", to: path)
        #expect(Gzip.isCompressed(try Data(contentsOf: URL(fileURLWithPath: path))))
        let source = PollingLogSource(id: LogSourceID("delivered:\(path)"), displayName: path,
                                      poller: DeliveredFilesPoller(path: path, decoder: Lines()), interval: 0.05)
        let collector = EventCollector()
        source.start(handler: collector.handler)
        defer { source.stop() }
        #expect(collector.wait(timeout: 30) { $0.lines.count >= lines.count })
        #expect(collector.texts == lines)
        // The inflate cap holds: a stream that inflates past it is refused, not held.
        let big = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: GzipError.self) { try Gzip.inflate([UInt8](big), limit: 1024) }
    }
}
