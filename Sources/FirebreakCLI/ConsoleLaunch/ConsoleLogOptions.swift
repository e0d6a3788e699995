import ArgumentParser
import AWSActions
import IncidentModel
import IncidentStore

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

    @Option(name: .customLong("flow-log-format"), help: ArgumentHelp(
        "The fields of VPC Flow Logs records without a header line (files followed with --tail, log groups followed with --follow-logs), as create-flow-logs --log-format takes them ('${version} ${vpc-id} …'; default: the version 2 format).",
        valueName: "format"))
    var flowLogFormat: String?

    @Option(name: .customLong("poll-seconds"), help: ArgumentHelp("Seconds between polls of CloudWatch Logs (CloudTrail: at least 30).", valueName: "seconds"))
    var pollSeconds: Double = 5

    @Option(name: .customLong("log-lines"), help: ArgumentHelp("Lines the log pane keeps in memory (oldest dropped first).", valueName: "n"))
    var logLines: Int = 5_000

    @Option(name: .customLong("keep-lines"), help: ArgumentHelp(
        "Lines of followed sources kept per incident in the database for replay (oldest dropped first, and counted).", valueName: "n"))
    var keepLines: Int = KeptLinesCap.default.lines

    @Option(name: .customLong("keep-bytes"), help: ArgumentHelp(
        "Raw bytes of followed sources' lines kept per incident, e.g. 64M or 1G (default 256M; oldest dropped first, and counted).",
        valueName: "size"))
    var keepBytes: String?

    /// `--flow-log-format` parsed, or one line naming the field it does not know.
    func parsedFlowLogFormat() throws -> VPCFlowLogFormat? {
        do {
            return try flowLogFormat.map { try VPCFlowLogFormat(parsing: $0) }
        } catch {
            throw CLIError("--flow-log-format: \(error)")
        }
    }

    /// The cap on kept lines, or one line saying what is wrong with `--keep-bytes`.
    func keepCap() throws -> KeptLinesCap {
        KeptLinesCap(lines: keepLines, bytes: try keepBytes.map(Self.parseSize) ?? KeptLinesCap.default.bytes)
    }

    /// `1048576`, `512K`, `64M`, `1G` (powers of 1024), at least 1K and at most 1T.
    static func parseSize(_ text: String) throws -> Int64 {
        let units: [Character: Int64] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
        var digits = text.trimmingCharacters(in: .whitespaces).uppercased()
        if digits.hasSuffix("B") { digits.removeLast() }
        var multiplier: Int64 = 1
        if let last = digits.last, let unit = units[last] {
            multiplier = unit
            digits.removeLast()
        }
        let product = digits.allSatisfy(\.isASCII) ? Int64(digits)?.multipliedReportingOverflow(by: multiplier) : nil
        guard let product, !product.overflow, (Int64(1) << 10 ... Int64(1) << 40).contains(product.partialValue) else {
            throw CLIError("--keep-bytes must be a size between 1K and 1T, such as 64M (got \(text.terminalSafe))")
        }
        return product.partialValue
    }
}
