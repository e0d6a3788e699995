import ArgumentParser
import IncidentOperations

/// The formats `firebreak report` writes.
enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
    case markdown
    case json
    case html

    /// Renders `report` in this format.
    func render(_ report: IncidentReport) throws -> String {
        switch self {
        case .markdown: return report.markdown()
        case .json: return try report.json().rendered() + "\n"
        case .html: return report.html()
        }
    }
}
