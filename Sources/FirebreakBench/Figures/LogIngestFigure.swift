import Foundation
import LogTail

/// Log lines ingested per second from a file of 100-byte lines with a filter
/// on: `FileLogSource` reading from the beginning (pread, line assembly,
/// level and time read from the bytes; the text and the SHA-256 are made only
/// when asked), `LogFilter.admits` on each line, and the
/// admitted ones kept in a `LogRingBuffer`, as the console does. Against
/// `grep -c` counting the same pattern over the same file.
enum LogIngestFigure {
    static let pattern = "Failed password"

    static func measure(_ workspace: BenchWorkspace, _ options: BenchOptions) throws -> Figure {
        let name = "log lines ingested/s from a file, filter on"
        let count = options.ingestLines
        let file = workspace.path("ingest.log")
        _ = FileManager.default.createFile(atPath: file, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        var chunk = ""
        for number in 0..<count {
            chunk += BusyIncident.logLine(number) + "\n"
            if chunk.utf8.count > 1 << 20 { handle.write(Data(chunk.utf8)); chunk = "" }
        }
        handle.write(Data(chunk.utf8))
        try handle.close()
        let expected = (0..<count).filter { $0 % 10 == 0 }.count

        var firebreak = Samples(), baseline = Samples()
        for _ in 1...options.repetitions {
            let (seconds, admitted) = try ingest(file, lines: count)
            guard admitted == expected else { throw BenchError("the filter admitted \(admitted) lines, not \(expected)") }
            firebreak.add(Double(count) / seconds)
            if let grep = workspace.grep {
                // stdout to a file: GNU grep stops at the first match when its output is /dev/null.
                let run = try ChildProcess.run(grep, ["-c", pattern, file], environment: ["PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"],
                                               stdout: workspace.path("grep-count.txt"))
                guard run.status == 0 else { throw BenchError("grep -c failed (exit \(run.status))") }
                baseline.add(Double(count) / run.seconds)
            }
        }
        let value = firebreak.median
        return Figure(name: name, value: value, unit: "lines/s", baseline: baseline.count > 0 ? baseline.median : nil,
                      baselineLabel: "grep -c", target: "≥ 0.25× grep -c", met: baseline.count > 0 ? value >= 0.25 * baseline.median : nil, samples: firebreak.count,
                      note: "\(FigureTable.number(Double(count))) lines of 100 bytes, filter '\(pattern)' admits 1 in 10")
    }

    /// Seconds from `start` until every line was delivered, and how many the filter admitted.
    static func ingest(_ file: String, lines: Int) throws -> (Double, Int) {
        let filter = try LogFilter(query: pattern)
        let progress = IngestProgress(filter: filter, expected: lines)
        let source = FileLogSource(path: file, start: .beginning, pollInterval: 0.01)
        let start = Stopwatch.now()
        source.start { event in
            if case .lines(let batch, _) = event { progress.take(batch) }
        }
        let finished = progress.done.wait(timeout: .now() + 300)
        let seconds = Stopwatch.now() - start
        source.stop()
        guard finished == .success else { throw BenchError("the file source delivered \(progress.delivered) of \(lines) lines within 300 s") }
        return (seconds, progress.admitted)
    }
}

/// Counts lines as the source's thread delivers them; signals once all arrived.
final class IngestProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let filter: LogFilter
    private let expected: Int
    private var buffer = LogRingBuffer(capacity: 100_000)
    private(set) var delivered = 0
    private(set) var admitted = 0
    let done = DispatchSemaphore(value: 0)

    init(filter: LogFilter, expected: Int) {
        self.filter = filter
        self.expected = expected
    }

    func take(_ lines: [LogLine]) {
        lock.withLock {
            for line in lines where filter.admits(line) {
                _ = buffer.append(line)
                admitted += 1
            }
            delivered += lines.count
            if delivered == expected { done.signal() }
        }
    }
}
