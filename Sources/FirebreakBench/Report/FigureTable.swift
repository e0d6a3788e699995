import Foundation

/// The figures as a plain-text table (and the notes under it), for a terminal or a doc.
enum FigureTable {
    static func render(_ figures: [Figure]) -> String {
        let header = ["figure", "median", "baseline", "ratio", "target", "met"]
        let rows = figures.map { figure -> [String] in
            [figure.name,
             figure.value.map { "\(number($0)) \(figure.unit)" } ?? "pending",
             figure.baseline.map { "\(number($0)) \(figure.unit) (\(figure.baselineLabel ?? ""))" } ?? "—",
             figure.ratio.map { String(format: "%.2f×", $0) } ?? "—",
             figure.target,
             figure.met.map { $0 ? "met" : "MISSED" } ?? "—"]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        var text = line(header) + "\n" + line(widths.map { String(repeating: "-", count: $0) }) + "\n"
        text += rows.map(line).joined(separator: "\n") + "\n"
        let notes = figures.filter { $0.note != nil }
        if !notes.isEmpty {
            text += "\n" + notes.map { "- \($0.name) (n=\($0.samples)): \($0.note!)" }.joined(separator: "\n") + "\n"
        }
        return text
    }

    /// One figure on one line: name, median, baseline, ratio, verdict.
    static func summary(_ figure: Figure) -> String {
        let value = figure.value.map { "\(number($0)) \(figure.unit)" } ?? "pending"
        let baseline = figure.baseline.map { ", baseline \(number($0)) \(figure.unit)" } ?? ""
        let ratio = figure.ratio.map { String(format: " (%.2f×)", $0) } ?? ""
        let verdict = figure.met.map { $0 ? "met" : "MISSED" } ?? "—"
        return "\(figure.name): \(value)\(baseline)\(ratio); target \(figure.target): \(verdict)"
    }

    /// Three significant digits, grouped thousands for big numbers.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "n/a" }
        if abs(value) >= 1000 {
            let formatter = NumberFormatter()
            formatter.numberStyle = .decimal
            formatter.maximumFractionDigits = 0
            return formatter.string(from: NSNumber(value: value.rounded())) ?? String(Int(value))
        }
        if abs(value) >= 100 { return String(format: "%.0f", value) }
        if abs(value) >= 10 { return String(format: "%.1f", value) }
        if abs(value) >= 1 { return String(format: "%.2f", value) }
        return String(format: "%.3f", value)
    }
}
