import FuzzDriver
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts libFuzzer on a target's test function. Each fuzz target's `@main`
/// calls this; the options and corpus folders are libFuzzer's own
/// (`-runs=N`, `-max_total_time=S`, `FOLDER…`; a file replays that input).
public enum FuzzMain {
    /// The signature libFuzzer calls: one input, 0 when it was tried.
    public typealias Test = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    public static func run(_ test: Test) -> Never {
        exit(firebreak_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv, test))
    }
}
