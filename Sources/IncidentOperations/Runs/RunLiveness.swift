import Foundation
import IncidentModel
#if canImport(Glibc)
import Glibc
#endif

/// Whether the process an action run started in is still there: a run left
/// `running` by a process that was killed is shown, and then recorded, as
/// interrupted — never as running forever, never as succeeded.
public enum RunLiveness {
    /// This process, as a run records it.
    public static func current() -> RunProcess {
        RunProcess(host: hostName(), pid: getpid(), bootID: bootID())
    }

    /// True when `process` certainly ended: it ran on this machine and either
    /// the machine has rebooted since, or no Firebreak process has that pid now.
    /// A run from another machine cannot be judged from here and counts as alive.
    public static func hasEnded(_ process: RunProcess) -> Bool {
        guard process.host == hostName() else { return false }
        if let recorded = process.bootID, let now = bootID(), recorded != now { return true }
        if kill(process.pid, 0) != 0 && errno == ESRCH { return true }
        // The pid may have been reused by another program since.
        guard let cmdline = try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(process.pid)/cmdline")) else { return false }
        return !String(decoding: cmdline, as: UTF8.self).contains("firebreak")
    }

    /// The status to show: `interrupted` for a run still `running` whose process has ended.
    public static func shownStatus(_ run: ActionRun) -> ActionRunStatus {
        if run.status == .running, let process = run.process, hasEnded(process) { return .interrupted }
        return run.status
    }

    /// Finish events for every run of `state` still recorded as running whose
    /// process ended before it finished (a run already recorded as
    /// interrupted is finished, and gets none). Each resource's result keeps
    /// what its recorded steps captured, so the run can be undone.
    public static func interruptedFinishes(in state: IncidentState) -> [EventPayload] {
        interruptedFinishes(in: state, endedRuns: endedRuns(in: state))
    }

    /// The runs of `state` still recorded as running whose process has ended
    /// (`hasEnded`: reads /proc, so the console asks its store worker for it).
    public static func endedRuns(in state: IncidentState) -> Set<String> {
        Set(state.actionRuns.filter { $0.status == .running && shownStatus($0) == .interrupted }.map(\.runID))
    }

    /// `interruptedFinishes` for the runs already judged ended (`endedRuns`): pure.
    public static func interruptedFinishes(in state: IncidentState, endedRuns: Set<String>) -> [EventPayload] {
        state.actionRuns.filter { $0.status == .running && endedRuns.contains($0.runID) }.map { run in
            let steps = "\(run.steps.count) recorded step\(run.steps.count == 1 ? "" : "s")"
            return .actionRunFinished(ActionRunFinished(
                runID: run.runID, status: .interrupted,
                results: run.resources.map {
                    ActionResourceResult(resource: $0, status: .interrupted, captures: run.captures(for: $0), error: "interrupted")
                },
                error: "the process running it (pid \(run.process.map { String($0.pid) } ?? "?")) ended after \(steps)"))
        }
    }

    /// `state` as it will be once `interruptedFinishes` are recorded: what a
    /// command checks before it asks anything, so `undo` of a run whose
    /// process has ended sees it finished, as `show` does.
    public static func settled(_ state: IncidentState) -> IncidentState {
        settled(state, endedRuns: endedRuns(in: state))
    }

    /// `settled` for the runs already judged ended (`endedRuns`): pure, for
    /// the console's runs view, whose UI thread does not read /proc.
    public static func settled(_ state: IncidentState, endedRuns: Set<String>) -> IncidentState {
        guard !endedRuns.isEmpty else { return state }
        var settled = state
        for payload in interruptedFinishes(in: state, endedRuns: endedRuns) {
            settled.apply(Event(incident: state.incident.id, seq: settled.lastSeq + 1, at: Date(), recordedAt: Date(),
                                actor: "firebreak", payload: payload))
        }
        return settled
    }

    /// The incident's metrics with every run judged as the action list judges
    /// it (`shownStatus`): a run whose process ended counts as interrupted,
    /// never as unfinished. `show`, the report, the drill's score and the
    /// console's metrics view all take them from here.
    public static func metrics(of state: IncidentState, events: [Event], now: Date) -> IncidentMetrics {
        IncidentMetrics(state: settled(state), events: events, now: now)
    }

    private static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func bootID() -> String? {
        (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
