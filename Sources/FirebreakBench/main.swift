import Foundation
#if canImport(Glibc)
import Glibc
#endif

// firebreak-bench: every figure of the performance issue, each beside a
// baseline measured in the same run on the same data (docs/BENCHMARKS.md).

// A pipe to `head` or a closed terminal must not kill the run with SIGPIPE.
signal(SIGPIPE, SIG_IGN)

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--replay-probe" {
    // Hidden: the child side of the replay figure (see ReplaySeekFigure).
    do {
        guard arguments.count == 4, let count = Int(arguments[3]) else { throw BenchError("usage: --replay-probe DB INCIDENT SEEKS") }
        try ReplaySeekFigure.probe(database: arguments[1], incident: arguments[2], count: count)
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("firebreak-bench: \(error)\n".utf8))
        exit(1)
    }
}

let options: BenchOptions
do {
    options = try BenchOptions(arguments: arguments)
} catch is BenchUsage {
    print(BenchUsage.text)
    exit(0)
} catch {
    FileHandle.standardError.write(Data("firebreak-bench: \(error)\n".utf8))
    exit(2)
}

exit(BenchRun(options: options).run())
