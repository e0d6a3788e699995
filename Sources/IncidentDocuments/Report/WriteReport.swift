import Foundation
import IncidentModel
import IncidentOperations
import IncidentStore

/// Writing the post-incident report to a file (`firebreak report --output`,
/// the console's report item): gathered from the record, rendered, written
/// whole with mode 0600 (`ReportFile`), and then its checklist item ("Write
/// the post-incident report") ticked, for both front ends alike.
public enum WriteReport {
    /// What was written and what it ticked.
    public struct Written: Sendable, Equatable {
        public let format: ReportFormat
        /// The checklist items the report ticked (none when already done, or the incident is closed).
        public let ticked: [String]
    }

    /// Writes `incident`'s report at `path` in `format`, or, with none, in the
    /// format the path's extension names, then ticks its checklist item in
    /// one append. `recordIn` gives the store the tick is recorded in; it is
    /// asked for only when there is an item to tick, and before the file is
    /// written, so a database that cannot be written leaves no report behind
    /// (a closed incident's report, or one already ticked, writes nothing to
    /// the database and may be read from a read-only one).
    @discardableResult
    public static func write(_ incident: IncidentID, from store: any IncidentEventStore, generatedBy: String, to path: String,
                             format: ReportFormat? = nil, replace: Bool = false,
                             recordIn: () throws -> any IncidentEventStore) throws -> Written {
        guard let format = format ?? ReportFormat(pathExtension: URL(fileURLWithPath: path).pathExtension) else {
            throw ReportWriteError.unknownFormat(path: path)
        }
        let report = try IncidentReport.load(incident, from: store, generatedBy: generatedBy)
        let reason = "report written to \(path)"
        let recorder = report.state.ticks(for: .report, reason: reason).isEmpty ? nil : try recordIn()
        try ReportFile.write(try format.render(report), to: path, replace: replace)
        guard let recorder else { return Written(format: format, ticked: []) }
        var ticked: [String] = []
        // Judged again inside the append: another writer may have ticked it, or closed the incident, meanwhile.
        try recorder.append(to: incident, actor: generatedBy, at: nil) { state in
            let payloads = state.ticks(for: .report, reason: reason)
            ticked = payloads.compactMap { payload -> String? in
                guard case .checklistItemChanged(let change) = payload else { return nil }
                return change.item
            }
            return payloads
        }
        return Written(format: format, ticked: ticked)
    }
}
