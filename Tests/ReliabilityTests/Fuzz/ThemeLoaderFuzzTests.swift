import Foundation
import Testing
import TerminalUI
import FirebreakTestSupport

/// Theme files are user files: mutated shipped themes and random text never
/// crash the loader, every refusal is `file:line: message` on one line, and
/// the line it names exists.
@Suite("Fuzz: theme loader")
struct ThemeLoaderFuzzTests {
    @Test func mutatedShippedThemes() throws {
        let folder = repositoryRoot.appendingPathComponent("themes")
        let seeds = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "theme" }.sorted { $0.path < $1.path }
            .map { try String(contentsOf: $0, encoding: .utf8) }
        #expect(seeds.count >= 4)
        let lines = seeds.flatMap { $0.split(separator: "\n").map(String.init) }
        let count = FuzzBudget.iterations(default: 10000)
        var mutator = Mutator(random: SeededGenerator(seed: FuzzBudget.seed ^ 0x7E3E))
        var rejected = 0
        var failures: [String] = []
        for index in 0..<count {
            let text: String
            if mutator.chance(2) {
                // A few lines of a shipped theme, one of them mutated (whole
                // themes cost forty lines each and test nothing more).
                var themeLines = (0..<(1 + mutator.int(4))).map { _ in lines[mutator.int(lines.count)] }
                let at = mutator.int(themeLines.count)
                themeLines[at] = mutator.mutate(themeLines[at])
                text = themeLines.joined(separator: "\n")
            } else {
                text = (0..<(1 + mutator.int(4))).map { _ in mutator.text(seeds: lines) }.joined(separator: mutator.chance(4) ? "\r\n" : "\n")
            }
            do {
                _ = try Theme.parse(text, name: "fuzz", file: "fuzz.theme")
            } catch {
                rejected += 1
                let line = error.description
                let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
                if !isOneClearLine(line) || !startsWith(line, "fuzz.theme:") || (error.line.map { $0 < 1 || $0 > lineCount } ?? false) {
                    failures.append("input #\(index): unclear refusal \(line.debugDescription) for \(text.debugDescription)")
                }
            }
            if failures.count > 20 { break }
        }
        #expect(failures.isEmpty, "\(failures.prefix(20).joined(separator: "\n"))")
        #expect(rejected > 0 && rejected < count)
        FuzzBudget.report("theme loader", inputs: count, rejected: rejected)
    }
}
