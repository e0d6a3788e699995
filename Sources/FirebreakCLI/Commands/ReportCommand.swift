import ArgumentParser
import Foundation
import IncidentDocuments
import IncidentModel
import IncidentOperations

/// `firebreak report INCIDENT [--format markdown|json|html] [--output FILE] [--force]`:
/// the post-incident report, from the recorded events, with the hash chain verified.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration.direct(
        commandName: "report",
        abstract: "The post-incident report: summary, metrics, timeline, resources, actions, evidence, checklist, follow-up, and the verified hash chain.",
        discussion: "Written to stdout (which records nothing), or with --output to a new file created with mode 0600 (an existing file is kept unless --force), which also ticks the checklist item \"Write the post-incident report\" while it is open.")

    @Argument(help: "The incident (INC-n or n).") var incident: String
    @Option(help: "markdown, json (validates against docs/report.schema.json) or html (one self-contained file).")
    var format: ReportFormat = .markdown
    @Option(help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file")) var output: String?
    @Flag(help: "Replace --output if it exists.") var force = false
    @OptionGroup var globals: GlobalOptions
    @OptionGroup var aws: AWSRegionOption

    func validate() throws {
        if force && output == nil { throw ValidationError("--force needs --output") }
    }

    func run() throws {
        let id = try IncidentID(parsing: incident)
        let generatedBy = try globals.operatorIdentity()
        let store = try globals.readOnlyStore(for: id)
        if let output {
            // The store is opened for writing only when there is an item to tick: a closed incident's report
            // can still be written from a read-only copy.
            let written = try WriteReport.write(id, from: store, generatedBy: generatedBy, to: output, format: format, replace: force,
                                                recordIn: { try globals.writableStore() })
            Output.line("\(id): \(format.rawValue) report written to \(output)"
                        + (written.ticked.isEmpty ? "" : "; ticked " + written.ticked.joined(separator: ", ")))
        } else {
            // Values inside are already escaped for their format and terminal-safe.
            let text = try format.render(try IncidentReport.load(id, from: store, generatedBy: generatedBy))
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

extension ReportFormat: ExpressibleByArgument {}
