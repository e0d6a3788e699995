import Console
import Foundation
import IncidentModel
import IncidentStore
import LogTail
import TerminalUI

/// A full redraw of a 200×60 console into the cell grid (`ConsoleView.render`,
/// the same call the UI loop makes), with every pane full; and, in the note,
/// the diff that decides which cells the terminal must rewrite after one log line.
enum RedrawFigure {
    static func measure(_ workspace: BenchWorkspace, _ options: BenchOptions) throws -> Figure {
        let database = workspace.path("redraw.db")
        let id = try BusyIncident.build(workspace, database: database, events: 5_000, resources: options.busyResources)
        let store = try SQLiteIncidentStore(path: database, mode: .readOnly)
        let state = try store.state(of: id)
        let events = try store.events(of: id, since: max(0, state.lastSeq - 2_000))
        var model = ConsoleModel(mode: .live, operatorName: "bench", size: Size(width: ConsoleSession.columns, height: ConsoleSession.rows))
        _ = model.update(.loaded(state, events))
        let source = LogSourceID("file:/var/log/auth.log")
        let lines = (0..<500).map { LogLine(sourceID: source, sequence: UInt64($0), text: BusyIncident.logLine($0)) }
        _ = model.update(.logLines(lines, sourceName: "auth.log"))

        var render = Samples()
        var canvas = ConsoleView.render(model)
        for _ in 1...options.redraws {
            let start = Stopwatch.now()
            canvas = ConsoleView.render(model)
            render.add((Stopwatch.now() - start) * 1000)
        }
        var diff = Samples()
        for number in 0..<options.redraws {
            _ = model.update(.logLines([LogLine(sourceID: source, sequence: UInt64(1_000 + number), text: BusyIncident.logLine(1_000 + number))],
                                       sourceName: "auth.log"))
            let next = ConsoleView.render(model)
            let start = Stopwatch.now()
            _ = next.changes(from: canvas)
            diff.add((Stopwatch.now() - start) * 1000)
            canvas = next
        }
        let value = render.median
        return Figure(name: "full redraw of 200×60 into the cell grid", value: value, unit: "ms", baseline: nil, baselineLabel: nil,
                      target: "≤ 1 ms", met: value <= 1, samples: render.count,
                      note: "p99 \(FigureTable.number(render.percentile(99))) ms; diffing two frames after one log line: median \(FigureTable.number(diff.median)) ms")
    }
}
