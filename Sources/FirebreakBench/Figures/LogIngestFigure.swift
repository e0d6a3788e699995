import Foundation
import LogTail

/// Log lines ingested per second from a file of 100-byte lines with a filter
/// on: `FileLogSource` reading from the beginning, given the filter (pread,
/// line assembly; a line the filter surely drops by its bytes is never made,
/// any other is made and asked `LogFilter.admits`; level, time, text and
/// SHA-256 are made only when asked), and the admitted lines kept in a
/// `LogRingBuffer`. Against `grep -c` counting the same pattern over the same file.
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
            let (seconds, admitted) = try ingest(file, lines: count, admitting: expected)
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

    /// Seconds from `start` until the last admitted line was delivered, and how many were.
    /// The source delivers a read's lines only once it has read them all, so the last
    /// admitted line arrives after the file's last line was read.
    static func ingest(_ file: String, lines: Int, admitting expected: Int) throws -> (Double, Int) {
        let filter = try LogFilter(query: pattern)
        let progress = IngestProgress(filter: filter, expected: expected)
        let source = FileLogSource(path: file, start: .beginning, pollInterval: 0.01, filter: filter)
        let start = Stopwatch.now()
        source.start { event in
            if case .lines(let batch, _) = event { progress.take(batch) }
        }
        let finished = progress.done.wait(timeout: .now() + 300)
        let seconds = Stopwatch.now() - start
        source.stop()
        guard finished == .success else { throw BenchError("the file source delivered \(progress.admitted) of \(expected) lines within 300 s") }
        // Exactly the lines the filter admits (every tenth), with their numbers in the file.
        guard progress.misnumbered == 0, progress.refused == 0 else {
            throw BenchError("the source delivered \(progress.refused) lines the filter refuses and \(progress.misnumbered) out of place")
        }
        return (seconds, progress.admitted)
    }
}

/// Keeps the lines as the source's thread delivers them, checking each is
/// one the filter admits and the next tenth line; signals once all arrived.
final class IngestProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let filter: LogFilter
    private let expected: Int
    private var buffer = LogRingBuffer(capacity: 100_000)
    private(set) var admitted = 0
    /// Lines delivered that the filter does not admit (the source must drop them).
    private(set) var refused = 0
    /// Lines delivered whose number is not the next admitted line's.
    private(set) var misnumbered = 0
    let done = DispatchSemaphore(value: 0)

    init(filter: LogFilter, expected: Int) {
        self.filter = filter
        self.expected = expected
    }

    func take(_ lines: [LogLine]) {
        lock.withLock {
            for line in lines {
                if !filter.admits(line) { refused += 1 }
                if line.sequence != UInt64(admitted * 10) { misnumbered += 1 }
                _ = buffer.append(line)
                admitted += 1
            }
            if admitted == expected { done.signal() }
        }
    }
}
