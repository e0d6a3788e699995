import ArgumentParser

/// The console's log sources beyond `--tail`: CloudWatch Logs groups,
/// CloudTrail for the incident's resources, and the pane's size.
struct ConsoleLogOptions: ParsableArguments {
    @Option(name: .customLong("follow-logs"), help: ArgumentHelp(
        "Follow a CloudWatch Logs group in the log pane (repeatable); lines are kept with the incident and resume after a restart.",
        valueName: "group"))
    var logGroups: [String] = []

    @Option(name: .customLong("filter-pattern"), help: ArgumentHelp(
        "CloudWatch filter pattern: once for every --follow-logs group, or once per group in the same order.", valueName: "pattern"))
    var filterPatterns: [String] = []

    @Flag(name: .customLong("follow-cloudtrail"), help: "Follow CloudTrail events of the incident's resources (by access key, user or resource name).")
    var followCloudTrail = false

    @Option(name: .customLong("poll-seconds"), help: ArgumentHelp("Seconds between polls of CloudWatch Logs (CloudTrail: at least 30).", valueName: "seconds"))
    var pollSeconds: Double = 5

    @Option(name: .customLong("log-lines"), help: ArgumentHelp("Lines the log pane keeps in memory (oldest dropped first).", valueName: "n"))
    var logLines: Int = 5_000

    @Option(name: .customLong("keep-lines"), help: ArgumentHelp(
        "Lines of followed sources kept per incident in the database for replay (oldest dropped first, and counted).", valueName: "n"))
    var keepLines: Int = 100_000
}
