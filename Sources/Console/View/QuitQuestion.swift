/// The question `q` asks while writes are running: what is running, and what quitting now does to it.
enum QuitQuestion {
    static func lines(awsWork: [ConsoleAWSWork], otherWrites: Int) -> [String] {
        var running = awsWork.map(\.title)
        if otherWrites > 0 { running.append(otherWrites == 1 ? "one write (an action run, a report or a change)" : "\(otherWrites) writes") }
        return ["A write to the incident is still running:"] + running.map { "  \($0)" } + [
            "",
            "Quitting now stops the running aws call: what was recorded stays,",
            "a run left mid-way is recorded as interrupted, nothing queued starts.",
            "",
            "y  quit anyway",
            "any other key: stay",
        ]
    }
}
