import Foundation
import IncidentModel
@testable import LogTail

/// Appends to a file the way a logging process does: open, write, close.
func append(_ text: String, to path: String) throws {
    if !FileManager.default.fileExists(atPath: path) {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
    }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(text.utf8))
}

/// Polls a condition with a deadline.
@discardableResult
func eventually(timeout: TimeInterval = 20, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if condition() { return true }
        usleep(2_000)
    }
    return condition()
}

/// A resource as the incident would hold it.
func resource(_ id: String, _ kind: ResourceKind) -> Resource {
    Resource(id: id, kind: kind, state: .compromised, addedAt: Date(timeIntervalSince1970: 0), addedBy: "test")
}

/// A line for buffer and filter tests.
func line(_ text: String, source: LogSourceID = "test", sequence: UInt64 = 0, level: LogLevel? = nil) -> LogLine {
    LogLine(sourceID: source, sequence: sequence, text: text, level: level, arrivedAt: Date(timeIntervalSince1970: 1_000))
}
