import Foundation
import IncidentModel
import IncidentOperations

/// The Markdown report, for an email or a wiki page. Every value from the
/// record passes through `MarkdownText`.
extension IncidentReport {
    /// The report as Markdown.
    public func markdown() -> String {
        let e = MarkdownText.escape as (String?) -> String
        let t = { (date: Date?) in date.map(Timestamp.format) ?? "-" }
        var out: [String] = []
        out.append("# Post-incident report: \(incident.id) \(e(incident.title))\(incident.isDrill ? " (DRILL)" : "")")
        out.append("")
        out.append("Generated \(t(generatedAt)) by \(e(generatedBy)) from the incident's recorded events.")
        out.append("")

        out.append("## Summary")
        out.append("")
        out.append("| | |")
        out.append("| --- | --- |")
        let rows: [(String, String)] = [
            ("Severity", "\(incident.severity) (\(incident.severity.label))"),
            ("Status", incident.status.rawValue + (incident.isDrill ? " (drill)" : "")),
            ("Phase", state.phase.title),
            ("Opened", "\(t(incident.openedAt)) by \(e(incident.openedBy))"),
            ("Closed", t(incident.closedAt)),
            ("Resolution", e(incident.resolution)),
            ("Intent", intent.map { e($0) } ?? "not recorded"),
            ("Commander", e(state.roles[.commander])),
            ("Scribe", e(state.roles[.scribe])),
            ("Accounts", incident.accounts.isEmpty ? "-" : incident.accounts.map { e($0) }.joined(separator: ", ")),
            ("Regions", incident.regions.isEmpty ? "-" : incident.regions.map { e($0) }.joined(separator: ", ")),
            ("Record", e(verificationLine)),
        ]
        for (label, value) in rows { out.append("| \(label) | \(value) |") }
        if !incident.summary.isEmpty {
            out.append("")
            out.append(MarkdownText.paragraphs(incident.summary))
        }
        out.append("")

        out.append("## Metrics")
        out.append("")
        out.append("| Metric | Value | From | To |")
        out.append("| --- | --- | --- | --- |")
        for (label, value) in MetricsText.headline(metrics) {
            out.append("| \(label) | \(e(MetricsText.value(value))) | \(t(value.from)) | \(t(value.to)) |")
        }
        out.append("")
        if let first = metrics.firstMaliciousActivity {
            out.append("- First sign of the attack: \(t(first.at)) (\(e(first.source)))")
        }
        out.append("- Detected: \(t(metrics.detectedAt))")
        out.append("- Phase loops: \(metrics.phaseLoops)")
        out.append("- Compromised resources: \(metrics.compromisedResources)")
        out.append("- Actions: \(e(MetricsText.actions(metrics.actions)))")
        out.append("- Operators: \(e(MetricsText.operators(metrics)))")
        out.append("")
        out.append("| Phase | Visits | Time |")
        out.append("| --- | --- | --- |")
        for phase in metrics.phases {
            out.append("| \(phase.phase.title) | \(phase.visits) | \(phase.visits == 0 ? "-" : MetricsText.duration(phase.seconds)) |")
        }
        out.append("")

        out.append("## Phases")
        out.append("")
        out.append("| Phase | Entered | By | Left | Duration |")
        out.append("| --- | --- | --- | --- | --- |")
        for entry in phaseVisits {
            out.append("| \(entry.visit.phase.title) | \(t(entry.visit.enteredAt)) | \(e(entry.visit.enteredBy)) | \(t(entry.visit.leftAt)) | \(MetricsText.duration(entry.seconds)) |")
        }
        out.append("")

        out.append("## Resources")
        out.append("")
        if state.resources.isEmpty { out.append("None recorded.") }
        for resource in state.resources {
            let path = resource.history.map { change in
                "\(change.state.rawValue) (\(t(change.at)), \(e(change.by))\(change.reason.map { ", " + e($0) } ?? ""))"
            }.joined(separator: " → ")
            out.append("- **\(e(resource.id))** \(resource.kind.rawValue), region \(e(resource.region)), owner \(e(resource.owner)): \(path)")
        }
        out.append("")

        out.append("## Findings")
        out.append("")
        if state.findings.isEmpty { out.append("None imported.") }
        for item in state.findings {
            let finding = item.finding
            out.append("- **\(e(finding.type))** (\(e(finding.severity)), \(e(finding.source)) \(e(finding.id))), first seen \(e(finding.firstSeen)): \(e(finding.title))"
                       + (finding.actor.map { "; actor \(e($0))" } ?? "")
                       + (finding.resources.isEmpty ? "" : "; resources \(finding.resources.map { e($0) }.joined(separator: ", "))")
                       + (finding.unusable.map { "; could not use: \($0.map { e($0) }.joined(separator: "; "))" } ?? ""))
        }
        out.append("")

        out.append("## Indicators of compromise")
        out.append("")
        if state.indicators.isEmpty { out.append("None recorded.") }
        for indicator in state.indicators {
            let seen = indicator.seen.map { "\(e($0.source)) (\(e($0.field)), \(t($0.at)))" }.joined(separator: "; ")
            out.append("- \(indicator.kind.rawValue) **\(e(indicator.value))**: \(seen)")
        }
        out.append("")

        out.append("## Actions")
        out.append("")
        if state.actionRuns.isEmpty { out.append("No actions were run.") }
        for run in state.actionRuns {
            var heading = "### \(e(run.runID)): \(e(run.action)) on \(run.resources.map { e($0) }.joined(separator: ", ")): \(RunLiveness.shownStatus(run).rawValue)"
            if run.dryRun { heading += " (dry run)" }
            out.append(heading)
            out.append("")
            out.append("Started \(t(run.startedAt)) by \(e(run.startedBy)), finished \(t(run.finishedAt)); risk \(run.risk.rawValue)"
                       + (run.undoes.map { "; undoes \(e($0))" } ?? "") + (run.undoneBy.map { "; undone by \(e($0))" } ?? "")
                       + (run.partlyUndone.isEmpty ? "" : "; partly undone: " + run.partlyUndone.map { "\(e($0.resource)) by \(e($0.by))" }.joined(separator: ", ")) + ".")
            if let error = run.error { out.append(""); out.append("Error: \(e(error))") }
            out.append("")
            if !run.steps.isEmpty {
                out.append(MarkdownText.codeBlock(run.steps.flatMap { step in
                    ["# \(step.resource) \(step.step) (\(step.stage)): \(step.outcome.rawValue), exit \(step.exitCode.map(String.init) ?? "-"), \(step.durationMs) ms"
                        + (step.error.map { ": \($0)" } ?? ""),
                     CommandLineText.aws(step.argv)]
                }))
                out.append("")
            }
        }

        out.append("## Evidence")
        out.append("")
        if state.evidence.isEmpty { out.append("No evidence was pinned.") }
        for item in state.evidence {
            out.append("- #\(item.seq) logged \(e(item.pin.loggedAt)) in \(e(item.pin.source)), pinned \(t(item.pinnedAt)) by \(e(item.pinnedBy)); SHA-256 `\(item.pin.sha256.filter(\.isHexDigit))`"
                + (item.pin.hashOf.map { " (\(e($0.wording)))" } ?? ""))
            out.append("")
            out.append(MarkdownText.codeBlock([item.pin.line]))
            out.append("")
        }
        for (run, step, body) in actionEvidence {
            out.append("- \(e(run.runID)) \(e(run.action)) \(e(step.step)) on \(e(step.resource)): \(body.bytes) bytes kept whole; SHA-256 `\(body.sha256.filter(\.isHexDigit))` (`firebreak body`)")
            out.append("")
        }

        out.append("## Checklist")
        out.append("")
        for group in checklistByPhase where !group.items.isEmpty {
            out.append("### \(group.phase.title): \(group.done) of \(group.items.count) done, \(group.skipped) skipped")
            out.append("")
            for item in group.items {
                let box = ["open": "[ ]", "done": "[x]", "skipped": "[-]"][item.state.rawValue]!
                var line = "- \(box) \(e(item.text)) (`\(item.id.filter { $0.isLetter || $0.isNumber || "-.".contains($0) })`)"
                if let by = item.by { line += ": \(item.state.rawValue) by \(e(by)), \(t(item.at))" }
                if let reason = item.reason { line += (item.state == .skipped ? "; skipped because " : "; ") + e(reason) }
                out.append(line)
            }
            out.append("")
        }

        out.append("## Follow-up")
        out.append("")
        for category in FollowUpCategory.allCases {
            let items = state.followUps.filter { $0.category == category }
            guard !items.isEmpty else { continue }
            out.append("### \(category.title)")
            out.append("")
            for item in items {
                var line = "- \(item.id): \(MarkdownText.paragraphs(item.text, indent: "  "))"
                let details = [item.owner.map { "owner " + e($0) }, item.due.map { "due " + e($0) }].compactMap { $0 }
                if !details.isEmpty { line += " (\(details.joined(separator: ", ")))" }
                out.append(line)
            }
            out.append("")
        }
        if state.followUps.isEmpty { out.append("No follow-up items recorded."); out.append("") }
        if !followUpNotes.isEmpty {
            out.append("Notes from the Follow-up phase:")
            out.append("")
            for note in followUpNotes { out.append("- \(t(note.at)) \(e(note.by)): \(MarkdownText.paragraphs(note.text, indent: "  "))") }
            out.append("")
        }

        if !statusUpdates.isEmpty {
            out.append("## Status updates")
            out.append("")
            for note in statusUpdates { out.append("- \(t(note.at)) \(e(note.by)): \(e(note.text))") }
            out.append("")
        }

        out.append("## Timeline")
        out.append("")
        out.append("| # | Event time | Recorded | Operator | What |")
        out.append("| --- | --- | --- | --- | --- |")
        for recorded in events {
            let event = recorded.event
            out.append("| \(event.seq) | \(t(event.at)) | \(t(event.recordedAt)) | \(e(event.actor)) | \(e(event.payload.summary)) |")
        }
        out.append("")

        out.append("## Record integrity")
        out.append("")
        out.append("Hash chain: \(e(verificationLine)).")
        if let head = verification?.headHash { out.append(""); out.append("Head hash: `\(head.filter(\.isHexDigit))`") }
        out.append("")
        return out.joined(separator: "\n")
    }
}
