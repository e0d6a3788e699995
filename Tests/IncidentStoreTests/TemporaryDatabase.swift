import Foundation
import IncidentModel
import IncidentStore
import FirebreakTestSupport

/// Runs the `sqlite3` command on a database file, as someone tampering with it would.
@discardableResult
func sqlite3(_ path: String, _ sql: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = [path, sql]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: text]) }
    return text
}

extension IncidentOpened {
    static let sample = IncidentOpened(title: "Leaked access key", severity: Severity(rawValue: 2)!, regions: ["us-east-1"])
}

/// An incident with a few events of every common kind.
func seededStore(in folder: TemporaryFolder) throws -> (SQLiteIncidentStore, IncidentID) {
    let store = try SQLiteIncidentStore(path: folder.path("incidents.db"))
    let id = try store.openIncident(.sample, actor: "alice", at: nil).incident.id
    try store.append(to: id, actor: "bob", at: nil) { _ in
        [.resourceAdded(ResourceAdded(id: "i-0123456789abcdef0", kind: .ec2Instance, region: "us-east-1", state: .compromised))]
    }
    try store.append(to: id, actor: "alice", at: nil) { _ in [.phaseEntered(PhaseEntered(phase: .containment))] }
    try store.append(to: id, actor: "carol", at: nil) { _ in [.noteAdded(NoteAdded(text: "isolating now"))] }
    try store.append(to: id, actor: "bob", at: nil) { _ in
        [.resourceStateChanged(ResourceStateChanged(resource: "i-0123456789abcdef0", from: .compromised, to: .contained))]
    }
    return (store, id)
}
