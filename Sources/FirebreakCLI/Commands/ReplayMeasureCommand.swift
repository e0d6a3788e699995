import ArgumentParser
import Console
import Foundation
import IncidentModel
import IncidentStore

/// `firebreak replay-measure INCIDENT [--seeks N] [--seed S]`: opens a replay
/// of the incident the way `firebreak replay` does (read-only: the first
/// stage, then the whole record indexed), then seeks to N random positions,
/// and prints how long each stage and the seeks took and the process's peak resident memory. Hidden: for measuring
/// replay at scale in a release build; the benchmark suite calls the same
/// `ReplayLog` and `ReplayState` API.
struct ReplayMeasureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay-measure", abstract: "Time a replay's opening and random seeks (for benchmarks).", shouldDisplay: false)

    @Argument(help: "The incident.") var incident: String
    @Option(help: "How many random seeks.") var seeks: Int = 100
    @Option(help: "Seed for the seek positions.") var seed: UInt64 = 1
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func validate() throws {
        guard seeks >= 1 else { throw ValidationError("--seeks must be at least 1, not \(seeks)") }
    }

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let store = try globals.readOnlyStore(for: id)
        let opening = Date()
        let first = try ReplayLog.open(id, from: store)
        let firstStage = Date().timeIntervalSince(opening)
        var indexer = ReplayIndexer(first)
        while try indexer.indexNextStretch() {}
        let log = indexer.log
        var replay = ReplayState(log: log)
        let opened = Date().timeIntervalSince(opening)
        var positions = SplitMix(state: seed)
        var times: [TimeInterval] = []
        for _ in 0..<seeks {
            let target = Int(positions.next() % UInt64(log.count)) + 1
            let start = Date()
            try replay.seek(to: target)
            times.append(Date().timeIntervalSince(start))
            guard replay.state.lastSeq == Int64(target) else { throw CLIError("seek to \(target) ended at #\(replay.state.lastSeq)") }
        }
        times.sort()
        func ms(_ seconds: TimeInterval) -> String { String(format: "%.2f", seconds * 1000) }
        let memory = ProcessMemory.read()
        Output.line("events          \(log.count)")
        Output.line("first stage     \(ms(firstStage)) ms (the opening, the count and the phase entries: the first frame's)")
        Output.line("open            \(ms(opened)) ms (index the record, checkpoints every \(ReplayLog.checkpointInterval))")
        Output.line("seek median     \(ms(times[times.count / 2])) ms over \(seeks) random positions")
        Output.line("seek p90        \(ms(times[min(times.count - 1, times.count * 9 / 10)])) ms")
        Output.line("seek max       \(ms(times[times.count - 1])) ms")
        Output.line("peak resident   \(memory.peakKB.map { "\($0 / 1024) MB" } ?? "unknown") (VmHWM)")
        Output.line("resident now    \(memory.currentKB.map { "\($0 / 1024) MB" } ?? "unknown") (VmRSS)")
        // For comparison, what a live console reads when it opens the incident: the
        // projection's checkpoint, the events after it, and the log pane's latest events.
        let live = try globals.readOnlyStore(for: id)
        let loading = Date()
        let state = try live.state(of: id)
        let recent = try live.events(of: id, since: max(0, state.lastSeq - 5_000))
        Output.line("live load       \(ms(Date().timeIntervalSince(loading))) ms (state from the projection + \(recent.count) latest events)")
    }

    /// SplitMix64: the same seed gives the same positions on every run.
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}

/// The process's resident memory from /proc/self/status (Linux), in KiB.
enum ProcessMemory {
    static func read() -> (peakKB: Int?, currentKB: Int?) {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (nil, nil) }
        func field(_ name: String) -> Int? {
            status.split(separator: "\n").first { $0.hasPrefix(name + ":") }
                .flatMap { Int($0.dropFirst(name.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "") }
        }
        return (field("VmHWM"), field("VmRSS"))
    }
}
