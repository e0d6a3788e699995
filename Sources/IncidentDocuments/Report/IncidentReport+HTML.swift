import Foundation
import IncidentModel
import IncidentOperations

/// The HTML report: one self-contained file (inline CSS, no scripts, a
/// content-security policy that forbids fetching anything) that prints well.
/// Every value from the record passes through `HTMLText.escape`.
extension IncidentReport {
    /// The report as one HTML page.
    public func html() -> String {
        let h = HTMLText.escape as (String?) -> String
        let t = { (date: Date?) in date.map(Timestamp.format) ?? "–" }
        var out: [String] = []
        func row(_ cells: [String], header: Bool = false) {
            let tag = header ? "th" : "td"
            out.append("<tr>" + cells.map { "<\(tag)>\($0)</\(tag)>" }.joined() + "</tr>")
        }
        func table(_ headers: [String], _ rows: [[String]]) {
            out.append("<table><thead>")
            row(headers, header: true)
            out.append("</thead><tbody>")
            for cells in rows { row(cells) }
            out.append("</tbody></table>")
        }

        let title = "Post-incident report: \(incident.id) \(incident.title)"
        out.append("<!DOCTYPE html>")
        out.append("<html lang=\"en\"><head><meta charset=\"utf-8\">")
        out.append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
        out.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        out.append("<title>\(h(title))</title>")
        out.append("<style>\n\(ReportStylesheet.css)\n</style></head><body>")
        out.append("<header><h1>\(h(title))\(incident.isDrill ? " <span class=\"drill\">DRILL</span>" : "")</h1>")
        out.append("<p class=\"meta\">Generated \(t(generatedAt)) by \(h(generatedBy)) from the incident&#39;s recorded events.</p></header>")

        out.append("<section id=\"summary\"><h2>Summary</h2>")
        table(["", ""], [
            ["Severity", "\(incident.severity) (\(incident.severity.label))"],
            ["Status", h(incident.status.rawValue) + (incident.isDrill ? " (drill)" : "")],
            ["Phase", state.phase.title],
            ["Opened", "\(t(incident.openedAt)) by \(h(incident.openedBy))"],
            ["Closed", t(incident.closedAt)],
            ["Resolution", incident.resolution.map(HTMLText.lines) ?? "–"],
            ["Intent", intent.map { h($0) } ?? "<span class=\"muted\">not recorded</span>"],
            ["Commander", h(state.roles[.commander])],
            ["Scribe", h(state.roles[.scribe])],
            ["Accounts", incident.accounts.isEmpty ? "–" : h(incident.accounts.joined(separator: ", "))],
            ["Regions", incident.regions.isEmpty ? "–" : h(incident.regions.joined(separator: ", "))],
            ["Record", "<span class=\"\(verification?.isIntact == true ? "ok" : "bad")\">\(h(verificationLine))</span>"],
        ])
        if !incident.summary.isEmpty { out.append(HTMLText.paragraphs(incident.summary)) }
        out.append("</section>")

        out.append("<section id=\"metrics\"><h2>Metrics</h2>")
        table(["Metric", "Value", "From", "To"], MetricsText.headline(metrics).map { label, value in
            [label, h(MetricsText.value(value)), t(value.from), t(value.to)]
        })
        out.append("<ul>")
        if let first = metrics.firstMaliciousActivity { out.append("<li>First sign of the attack: \(t(first.at)) (\(h(first.source)))</li>") }
        out.append("<li>Detected: \(t(metrics.detectedAt))</li>")
        out.append("<li>Phase loops: \(metrics.phaseLoops)</li>")
        out.append("<li>Compromised resources: \(metrics.compromisedResources)</li>")
        out.append("<li>Actions: \(h(MetricsText.actions(metrics.actions)))</li>")
        out.append("<li>Operators: \(h(MetricsText.operators(metrics)))</li>")
        out.append("</ul>")
        table(["Phase", "Visits", "Time"], metrics.phases.map { phase in
            [phase.phase.title, String(phase.visits), phase.visits == 0 ? "–" : MetricsText.duration(phase.seconds)]
        })
        out.append("</section>")

        out.append("<section id=\"phases\"><h2>Phases</h2>")
        table(["Phase", "Entered", "By", "Left", "Duration"], phaseVisits.map { entry in
            [entry.visit.phase.title, t(entry.visit.enteredAt), h(entry.visit.enteredBy), t(entry.visit.leftAt), MetricsText.duration(entry.seconds)]
        })
        out.append("</section>")

        out.append("<section id=\"resources\"><h2>Resources</h2>")
        if state.resources.isEmpty { out.append("<p class=\"muted\">None recorded.</p>") }
        table(["Resource", "Kind", "Region", "Owner", "Path through the states"], state.resources.map { resource in
            let path = resource.history.map { change in
                "<li><strong>\(change.state.rawValue)</strong> \(t(change.at)) by \(h(change.by))\(change.reason.map { ": " + h($0) } ?? "")</li>"
            }.joined()
            return ["<code>\(h(resource.id))</code>", resource.kind.rawValue, h(resource.region), h(resource.owner), "<ol class=\"path\">\(path)</ol>"]
        })
        out.append("</section>")

        out.append("<section id=\"findings\"><h2>Findings</h2>")
        if state.findings.isEmpty { out.append("<p class=\"muted\">None imported.</p>") }
        table(["Finding", "Severity", "First seen", "Actor", "Resources", "Could not use"], state.findings.map { item in
            let finding = item.finding
            return ["<code>\(h(finding.type))</code><br>\(h(finding.title))<br><span class=\"muted\">\(h(finding.source)) \(h(finding.id))</span>",
                    h(finding.severity), h(finding.firstSeen), h(finding.actor), h(finding.resources.joined(separator: ", ")),
                    h(finding.unusable?.joined(separator: "; "))]
        })
        out.append("</section>")

        out.append("<section id=\"indicators\"><h2>Indicators of compromise</h2>")
        if state.indicators.isEmpty { out.append("<p class=\"muted\">None recorded.</p>") }
        table(["Kind", "Value", "Seen in"], state.indicators.map { indicator in
            [indicator.kind.rawValue, "<code>\(h(indicator.value))</code>",
             indicator.seen.map { "\(h($0.source)) (\(h($0.field)), \(t($0.at)))" }.joined(separator: "<br>")]
        })
        out.append("</section>")

        out.append("<section id=\"actions\"><h2>Actions</h2>")
        if state.actionRuns.isEmpty { out.append("<p class=\"muted\">No actions were run.</p>") }
        for run in state.actionRuns {
            let shown = RunLiveness.shownStatus(run)
            let status = "<span class=\"\(shown == .succeeded ? "ok" : "bad")\">\(shown.rawValue)</span>"
            out.append("<h3>\(h(run.runID)): \(h(run.action)) on \(h(run.resources.joined(separator: ", "))): \(status)\(run.dryRun ? " (dry run)" : "")</h3>")
            out.append("<p>Started \(t(run.startedAt)) by \(h(run.startedBy)), finished \(t(run.finishedAt)); risk \(run.risk.rawValue)"
                       + (run.undoes.map { "; undoes \(h($0))" } ?? "") + (run.undoneBy.map { "; undone by \(h($0))" } ?? "")
                       + (run.partlyUndone.isEmpty ? "" : "; partly undone: " + run.partlyUndone.map { "\(h($0.resource)) by \(h($0.by))" }.joined(separator: ", "))
                       + ".</p>")
            if let error = run.error { out.append("<p class=\"bad\">\(h(error))</p>") }
            if !run.steps.isEmpty {
                table(["Resource", "Step", "Command", "Outcome"], run.steps.map { step in
                    [h(step.resource), "\(h(step.step)) (\(h(step.stage)))", "<code>\(h(CommandLineText.aws(step.argv)))</code>",
                     "\(step.outcome.rawValue), exit \(step.exitCode.map(String.init) ?? "–"), \(step.durationMs) ms" + (step.error.map { "<br>" + h($0) } ?? "")]
                })
            }
        }
        out.append("</section>")

        out.append("<section id=\"evidence\"><h2>Evidence</h2>")
        if state.evidence.isEmpty { out.append("<p class=\"muted\">No evidence was pinned.</p>") }
        for item in state.evidence {
            out.append("<p>#\(item.seq) logged \(h(item.pin.loggedAt)) in \(h(item.pin.source)), pinned \(t(item.pinnedAt)) by \(h(item.pinnedBy))<br>SHA-256 <code>\(h(item.pin.sha256))</code>\(item.pin.hashOf.map { " (\(h($0.wording)))" } ?? "")</p>")
            out.append("<pre>\(h(item.pin.line))</pre>")
        }
        for (run, step, body) in actionEvidence {
            out.append("<p>\(h(run.runID)) \(h(run.action)) \(h(step.step)) on \(h(step.resource)): \(body.bytes) bytes kept whole<br>SHA-256 <code>\(h(body.sha256))</code></p>")
        }
        out.append("</section>")

        out.append("<section id=\"checklist\"><h2>Checklist</h2>")
        for group in checklistByPhase where !group.items.isEmpty {
            out.append("<h3>\(group.phase.title): \(group.done) of \(group.items.count) done, \(group.skipped) skipped</h3>")
            table(["", "Item", "By", "Reason"], group.items.map { item in
                [["open": "☐", "done": "☑", "skipped": "⊘"][item.state.rawValue]!, "\(h(item.text)) <code>\(h(item.id))</code>",
                 item.by.map { "\(h($0)), \(t(item.at))" } ?? "–", h(item.reason)]
            })
        }
        out.append("</section>")

        out.append("<section id=\"follow-up\"><h2>Follow-up</h2>")
        for category in FollowUpCategory.allCases {
            let items = state.followUps.filter { $0.category == category }
            guard !items.isEmpty else { continue }
            out.append("<h3>\(category.title)</h3>")
            table(["", "Item", "Owner", "Due"], items.map { [h($0.id), "<span class=\"text\">\(HTMLText.lines($0.text))</span>", h($0.owner), h($0.due)] })
        }
        if state.followUps.isEmpty { out.append("<p class=\"muted\">No follow-up items recorded.</p>") }
        if !followUpNotes.isEmpty {
            out.append("<h3>Notes from the Follow-up phase</h3><ul>")
            for note in followUpNotes { out.append("<li>\(t(note.at)) \(h(note.by)): <span class=\"text\">\(HTMLText.lines(note.text))</span></li>") }
            out.append("</ul>")
        }
        out.append("</section>")

        out.append("<section id=\"timeline\"><h2>Timeline</h2>")
        table(["#", "Event time", "Recorded", "Operator", "What"], events.map { recorded in
            let event = recorded.event
            return [String(event.seq), t(event.at), t(event.recordedAt), h(event.actor), "<span class=\"text\">\(HTMLText.lines(event.payload.summary))</span>"]
        })
        out.append("</section>")

        out.append("<section id=\"integrity\"><h2>Record integrity</h2>")
        out.append("<p class=\"\(verification?.isIntact == true ? "ok" : "bad")\">Hash chain: \(h(verificationLine))</p>")
        if let head = verification?.headHash { out.append("<p>Head hash: <code>\(h(head))</code></p>") }
        out.append("</section>")
        out.append("</body></html>")
        return out.joined(separator: "\n") + "\n"
    }
}
