import IncidentOperations

/// The formats a post-incident report is written in.
public enum ReportFormat: String, CaseIterable, Sendable {
    case markdown
    case json
    case html

    /// The format a file's name asks for by its extension (`.md`, `.json`, `.html`); nil for any other.
    public init?(pathExtension: String) {
        switch pathExtension.lowercased() {
        case "json": self = .json
        case "html", "htm": self = .html
        case "md", "markdown": self = .markdown
        default: return nil
        }
    }

    /// Renders `report` in this format.
    public func render(_ report: IncidentReport) throws -> String {
        switch self {
        case .markdown: return report.markdown()
        case .json: return try report.json().rendered() + "\n"
        case .html: return report.html()
        }
    }
}
