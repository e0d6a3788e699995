import Foundation
import IncidentModel
import IncidentOperations
import IncidentStore

/// Writing the post-incident report to a file (`firebreak report --output`,
/// the console's report item): gathered from the record, rendered, written
/// whole with mode 0600 (`ReportFile`).
public enum WriteReport {
    /// Writes `incident`'s report at `path` in `format`, or, with none, in the
    /// format the path's extension names; returns the format written.
    @discardableResult
    public static func write(_ incident: IncidentID, from store: any IncidentEventStore, generatedBy: String, to path: String,
                             format: ReportFormat? = nil, replace: Bool = false) throws -> ReportFormat {
        guard let format = format ?? ReportFormat(pathExtension: URL(fileURLWithPath: path).pathExtension) else {
            throw ReportWriteError.unknownFormat(path: path)
        }
        let report = try IncidentReport.load(incident, from: store, generatedBy: generatedBy)
        try ReportFile.write(try format.render(report), to: path, replace: replace)
        return format
    }
}
