/// What the incident's action runs came to.
///
/// Every run counts once in `runs`; `dryRuns` and `undoRuns` say how many of
/// them were dry runs or undos. `failed` counts runs that failed, timed out
/// or only partly succeeded; `undone` counts runs a later successful undo reverted.
public struct ActionTally: Sendable, Equatable {
    public var runs: Int
    public var succeeded: Int
    public var failed: Int
    /// Started but with no finish event (still running, or the process died).
    public var running: Int
    public var undone: Int
    public var dryRuns: Int
    public var undoRuns: Int
    /// AWS CLI calls across every run.
    public var awsCalls: Int

    public init(runs: Int = 0, succeeded: Int = 0, failed: Int = 0, running: Int = 0, undone: Int = 0,
                dryRuns: Int = 0, undoRuns: Int = 0, awsCalls: Int = 0) {
        self.runs = runs
        self.succeeded = succeeded
        self.failed = failed
        self.running = running
        self.undone = undone
        self.dryRuns = dryRuns
        self.undoRuns = undoRuns
        self.awsCalls = awsCalls
    }

    /// Counts the runs of an incident.
    public init(_ runs: [ActionRun]) {
        self.init()
        for run in runs {
            self.runs += 1
            awsCalls += run.steps.count
            if run.dryRun { dryRuns += 1 }
            if run.undoes != nil { undoRuns += 1 }
            if run.undoneBy != nil { undone += 1 }
            switch run.status {
            case .succeeded: succeeded += 1
            case .failed, .timedOut, .partial, .interrupted: failed += 1
            case .running: running += 1
            }
        }
    }
}
