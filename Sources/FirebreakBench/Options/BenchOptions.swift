/// What to run and at which sizes. `--quick` shrinks every size so the whole
/// run proves the suite still works in well under a minute (CI); the full
/// sizes are the issue's.
struct BenchOptions {
    var quick = false
    var json = false
    /// Figure ids to run (`--only append,redraw`); empty runs all.
    var only: Set<String> = []

    /// Parses `arguments` (without the program name); a bad one is a one-line error.
    init(arguments: [String]) throws {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--quick": quick = true
            case "--json": json = true
            case "--only":
                guard let list = iterator.next(), !list.isEmpty else { throw BenchError("--only needs a comma-separated list of figures: \(Self.figureIDs.joined(separator: ","))") }
                only = Set(list.split(separator: ",").map(String.init))
                if let unknown = only.first(where: { !Self.figureIDs.contains($0) }) {
                    throw BenchError("unknown figure '\(unknown)' for --only; known: \(Self.figureIDs.joined(separator: ","))")
                }
            case "-h", "--help": throw BenchUsage()
            default: throw BenchError("unknown argument '\(argument)'; usage: firebreak-bench [--quick] [--json] [--only LIST]")
            }
        }
    }

    static let figureIDs = ["append", "cli-append", "console-start", "redraw", "log-bytes", "log-ingest", "replay-start", "replay-seek",
                            "change-visible", "runner", "isolate", "memory", "pg-append", "pg-cli-append", "pg-change-visible"]

    func runs(_ id: String) -> Bool { only.isEmpty || only.contains(id) }

    /// Repetitions per figure: medians need several; quick mode takes the fewest that still give a median.
    var repetitions: Int { quick ? 3 : 7 }
    var appendEvents: Int { quick ? 2_000 : 100_000 }
    var cliAppends: Int { quick ? 3 : 21 }
    /// Incident sizes for "console start to first full frame".
    var consoleSizes: [Int] { quick ? [200, 2_000] : [10_000, 100_000, 1_000_000] }
    var redraws: Int { quick ? 50 : 1_000 }
    /// Resources in the incident that fills the screen (each is one `firebreak resource add`).
    var busyResources: Int { quick ? 8 : 40 }
    var logLineArrivals: Int { quick ? 3 : 15 }
    var ingestLines: Int { quick ? 20_000 : 1_000_000 }
    var replayEvents: Int { quick ? 2_000 : 1_000_000 }
    var replaySeeks: Int { quick ? 5 : 25 }
    var changeSamples: Int { quick ? 5 : 50 }
    var runnerCalls: Int { quick ? 2 : 25 }
    /// Instances isolated at once, against one.
    var isolateMany: Int { quick ? 2 : 20 }
    var isolateRepetitions: Int { quick ? 1 : 2 }
    var memoryEvents: Int { quick ? 2_000 : 1_000_000 }
    var memoryLogLines: Int { quick ? 2_000 : 100_000 }
    /// Repetitions of the PostgreSQL batched append: quick mode proves it runs once (each costs a database's worth of fsyncs).
    var postgresRepetitions: Int { quick ? 1 : 7 }
}

/// `--help`: the usage goes to stdout and the bench exits 0.
struct BenchUsage: Error {
    static let text = """
        firebreak-bench [--quick] [--json] [--only LIST]
          Measures Firebreak against baselines measured in the same run on the same data (docs/BENCHMARKS.md).
          --quick  tiny sizes (CI proves the suite still works; the figures mean little)
          --json   the figures as JSON on stdout
          --only   run only these figures: \(BenchOptions.figureIDs.joined(separator: ","))
        """
}
