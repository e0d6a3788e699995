import Foundation
import IncidentModel

/// An incident that fills a 200×60 console: 40 resources (fewer in quick mode) added through the
/// real CLI (half of them compromised), the default playbook, and thousands
/// of notes after them, so redraw and diff figures measure a full screen, not empty panes.
enum BusyIncident {
    static func build(_ workspace: BenchWorkspace, database: String, events: Int, resources: Int = 40, lastNote: String? = nil) throws -> IncidentID {
        let id = try IncidentFixture.build(workspace, database: database, title: "busy: crypto miners in two regions", events: 1)
        for index in 0..<resources {
            let instance = "i-0" + String(format: "%016x", 0xabc0_0000 + index)
            try workspace.firebreak(["resource", "add", id.description, instance, "--region", index % 2 == 0 ? "us-east-1" : "eu-west-1",
                                     "--state", index % 2 == 0 ? "compromised" : "suspected"], database: database)
        }
        // The notes last, so the newest event (the marker) is at the bottom of the log pane.
        try IncidentFixture.fill(id, database: database, upTo: events, lastNote: lastNote)
        return id
    }

    /// A 100-byte log line (99 characters and the newline), one in ten a failed login.
    static func logLine(_ number: Int) -> String {
        let kind = number % 10 == 0 ? "Failed password for root" : "Accepted publickey for deploy"
        let line = "2026-11-29T05:\(String(format: "%02d", number / 60 % 60)):\(String(format: "%02d", number % 60))Z web-1 sshd[\(1000 + number % 9000)]: \(kind) from 10.0.\(number % 256).\(number % 200) port \(20000 + number % 40000)"
        return line.count >= 99 ? String(line.prefix(99)) : line + String(repeating: ".", count: 99 - line.count)
    }
}
