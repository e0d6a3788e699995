import AWSActions
import Foundation

/// Firebreak's own time per AWS CLI call: the same `aws sts
/// get-caller-identity` against the emulator, through `AWSCLIRunner` (spawn in
/// its own process group, output capture, error parsing, redaction) and
/// spawned directly by the bench; the calls alternate in pairs, and the
/// figure is the median of the pairs' differences. Python's start-up makes each call hundreds of
/// milliseconds, so the note adds the same comparison with `/bin/true` in
/// place of `aws`, which isolates the runner's own cost from the CLI's noise.
enum RunnerOverheadFigure {
    static func measure(_ workspace: BenchWorkspace, _ options: BenchOptions, emulator: Emulator) throws -> Figure {
        let arguments = ["sts", "get-caller-identity"]
        let runner = AWSCLIRunner(configuration: AWSCLIConfiguration(executable: emulator.aws, region: "us-east-1",
                                                                      endpointURL: emulator.server.endpoint, environment: emulator.environment))
        let argv = runner.fullArguments(arguments)
        _ = try ChildProcess.run(emulator.aws, argv, environment: emulator.environment)  // warm the page cache
        var through = Samples(), direct = Samples(), difference = Samples()
        for _ in 1...options.runnerCalls {
            let start = Stopwatch.now()
            let result = try runner.run(arguments)
            through.add((Stopwatch.now() - start) * 1000)
            guard result.exitCode == 0 else { throw BenchError("aws sts get-caller-identity through the runner failed: \(result.stderr.prefix(120))") }
            let plain = try ChildProcess.run(emulator.aws, argv, environment: emulator.environment)
            guard plain.status == 0 else { throw BenchError("aws sts get-caller-identity failed (exit \(plain.status))") }
            direct.add(plain.seconds * 1000)
            difference.add(through.values.last! - direct.values.last!)
        }
        let stub = AWSCLIRunner(configuration: AWSCLIConfiguration(executable: "/bin/true", environment: emulator.environment))
        var stubThrough = Samples(), stubDirect = Samples()
        for _ in 1...(options.quick ? 20 : 200) {
            let start = Stopwatch.now()
            _ = try stub.run(arguments)
            stubThrough.add((Stopwatch.now() - start) * 1000)
            stubDirect.add(try ChildProcess.run("/bin/true", stub.fullArguments(arguments), environment: emulator.environment).seconds * 1000)
        }
        let overhead = difference.median
        let stubOverhead = stubThrough.median - stubDirect.median
        return Figure(name: "runner overhead per AWS CLI call", value: overhead, unit: "ms", baseline: direct.median,
                      baselineLabel: "the aws call run directly", target: "≤ 5 ms", met: overhead <= 5, samples: through.count,
                      note: "through the runner \(FigureTable.number(through.median)) ms vs direct \(FigureTable.number(direct.median)) ms "
                          + "(pair differences p10 \(FigureTable.number(difference.percentile(10))) … p90 \(FigureTable.number(difference.percentile(90))) ms: Python's start-up noise); "
                          + "with /bin/true for aws: \(FigureTable.number(stubThrough.median)) ms vs \(FigureTable.number(stubDirect.median)) ms, "
                          + "overhead \(FigureTable.number(stubOverhead)) ms")
    }
}
