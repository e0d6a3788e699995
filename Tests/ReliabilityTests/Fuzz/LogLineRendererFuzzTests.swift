import Foundation
import LogTail
import Testing
import TerminalUI
import FirebreakTestSupport

/// A log line is written by the attacker. Whatever bytes arrive, the line's
/// display text and every cell it is drawn into hold no control character,
/// the drawing stays inside its width, and the raw bytes are kept for evidence.
@Suite("Fuzz: log-line sanitiser and renderer")
struct LogLineRendererFuzzTests {
    static let seeds = [
        "2024-05-01T10:00:00Z ERROR sshd[42]: Failed password for root from 203.0.113.9 port 22",
        "{\"level\":\"warn\",\"msg\":\"AssumeRole\",\"arn\":\"arn:aws:iam::123456789012:role/admin\"}",
        "GET /index.html 200 \u{1B}[31mred\u{1B}[0m", "tab\tseparated\tcolumns", "日本語のログ 🔥 naïve café",
    ]

    @Test func randomBytesNeverReachTheTerminalAsControls() throws {
        let count = FuzzBudget.iterations(default: 20000)
        var mutator = Mutator(random: SeededGenerator(seed: FuzzBudget.seed ^ 0x1061))
        var failures: [String] = []
        var neutralised = 0
        for index in 0..<count {
            let bytes: [UInt8]
            switch mutator.int(3) {
            case 0: bytes = mutator.bytes(maxCount: 120)
            default: bytes = Array(mutator.text(seeds: Self.seeds).utf8)
            }
            let line = LogLine(sourceID: "fuzz", sequence: UInt64(index), bytes: bytes)
            if line.raw != bytes { failures.append("input #\(index): raw bytes not kept") }
            if line.text.unicodeScalars.contains(where: isTerminalDangerous) {
                failures.append("input #\(index): display text keeps a control: \(line.text.debugDescription)")
            }
            if line.text.utf8.elementsEqual(bytes) == false { neutralised += 1 }
            // Drawn at a random place and width, then as raw text straight into a cell grid.
            let width = 1 + mutator.int(60)
            var canvas = Canvas(width: 64, height: 2)
            let used = canvas.put(line.text, x: mutator.int(4), y: 0, maxWidth: width)
            _ = canvas.put(String(decoding: bytes, as: UTF8.self), x: 0, y: 1, maxWidth: width)
            if used > width { failures.append("input #\(index): drew \(used) columns into \(width)") }
            for y in 0..<canvas.height {
                for x in 0..<canvas.width {
                    let cell = canvas[x, y]
                    if cell.text.unicodeScalars.contains(where: isTerminalDangerous) {
                        failures.append("input #\(index): cell \(x),\(y) holds \(cell.text.debugDescription)")
                    }
                    if cell.isContinuation && (x == 0 || canvas[x - 1, y].width != 2) {
                        failures.append("input #\(index): a continuation cell without its wide cell at \(x),\(y)")
                    }
                }
            }
            if failures.count > 20 { break }
        }
        #expect(failures.isEmpty, "\(failures.prefix(20).joined(separator: "\n"))")
        FuzzBudget.report("log-line sanitiser and renderer", inputs: count, rejected: neutralised)
    }
}
