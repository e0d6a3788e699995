import Foundation

/// The JSON the bench prints with `--json`: the run, the machine, every figure.
struct BenchReport: Encodable {
    var quick: Bool
    /// Wall-clock seconds of the whole run.
    var seconds: Double
    var machine: Machine
    var figures: [Figure]

    /// Enough about the machine to read the figures against.
    struct Machine: Encodable {
        var cores: Int
        var memoryGB: Double
        var cpu: String

        static func current() -> Machine {
            let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
            let model = info.split(separator: "\n").first { $0.hasPrefix("model name") }?
                .split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
            return Machine(cores: ProcessInfo.processInfo.activeProcessorCount,
                           memoryGB: (Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824 * 10).rounded() / 10, cpu: model)
        }

        var summary: String { "\(cores) cores, \(memoryGB) GB, \(cpu)" }
    }
}
