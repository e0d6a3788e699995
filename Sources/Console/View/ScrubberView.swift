import Foundation
import IncidentModel
import TerminalUI

/// The replay's bottom line: where in the incident the replay stands, with
/// the start of each phase marked by its number, and the replay's controls state.
///
/// `▶ 120/480 03:41:07Z 10× skip idle ━━━━3━━━━●───4────5───────`
/// (`… skip idle indexing 37% ━━…` while the record is still being indexed)
enum ScrubberView {
    static func draw(_ replay: ReplayState, into canvas: inout Canvas, rect: Rect) {
        guard !rect.isEmpty else { return }
        canvas.fill(rect, role: .footer)
        let status = "\(replay.playing ? "▶" : "⏸") \(replay.position)/\(replay.count) \(TimeText.clock(replay.clock)) "
            + "\(Int(replay.speed))×\(replay.skipIdle ? " skip idle" : "") "
            // Until the background indexing is done (a seek past it waits for it).
            + (replay.log.isIndexed ? "" : "indexing \(replay.log.indexedPercent)% ")
        let used = canvas.put(status, x: rect.x, y: rect.y, maxWidth: rect.width, role: .headerReplay)
        let bar = Rect(x: rect.x + used + 1, y: rect.y, width: max(0, rect.width - used - 2), height: 1)
        guard bar.width >= 3 else { return }
        let total = max(1, replay.count - 1)
        func column(_ position: Int) -> Int { bar.x + (position - 1) * (bar.width - 1) / total }
        let here = column(replay.position)
        for x in bar.x..<bar.maxX {
            canvas.put(x <= here ? "━" : "─", x: x, y: rect.y, role: x <= here ? .phaseCurrent : .dim)
        }
        for start in replay.phaseStarts {
            canvas.put("\(start.phase.number)", x: column(start.position), y: rect.y, role: .phaseDone)
        }
        canvas.put("●", x: here, y: rect.y, role: .phaseCurrent)
    }
}
