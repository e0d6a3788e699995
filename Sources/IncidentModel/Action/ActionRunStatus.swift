/// Where an action run stands. A run is `running` from its start event until
/// its finish event; a finished run is never reopened, only undone by a later run.
public enum ActionRunStatus: String, CaseIterable, Codable, Sendable {
    case running
    /// Every step of every resource succeeded (and its verification held).
    case succeeded
    /// A step failed; the run records exactly which steps ran.
    case failed
    /// A step was killed by the per-call timeout.
    case timedOut = "timed-out"
    /// Some resources succeeded and others failed.
    case partial
    /// The process running it ended (killed, crashed, the machine went down)
    /// before it finished: the steps recorded are exactly those that ran.
    case interrupted
}
