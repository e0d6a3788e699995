import Foundation
import IncidentModel
import IncidentStore
import LogTail
@testable import Console
import TerminalUI
import Testing

@Suite("The log pane: sources, filters, links to the incident, evidence")
struct LogPaneTests {
    static func fileLine(_ text: String, sequence: UInt64 = 1) -> LogTail.LogLine {
        LogTail.LogLine(sourceID: "file:/var/log/auth.log", sequence: sequence, bytes: Array(text.utf8))
    }

    @Test func linesFromAFileSitBesideTheEventsAndNameTheirSource() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 200, height: 60))
        _ = model.update(.logLines([Self.fileLine("sshd[812]: Accepted publickey for ec2-user from 198.51.100.7")], sourceName: "auth.log"))
        _ = model.update(.logSourceStatus(id: "file:/var/log/auth.log", name: "auth.log", .following))
        let screen = model.screenText
        #expect(screen.contains("[auth.log] sshd[812]: Accepted publickey for ec2-user from 198.51.100.7"))
        #expect(screen.contains("auth.log: following"))
        #expect(model.logLines.count == ConsoleFixtures.events().count + 1)
    }

    @Test func hostileBytesNeverReachTheCanvasAndTheRestOfTheScreenIsUntouched() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 200, height: 60))
        let before = ConsoleView.render(model)
        let hostile: [UInt8] = Array("ok \u{1B}[2J\u{1B}[H\u{1B}]0;owned\u{07} \u{9B}31m".utf8) + [0xFF, 0xFE] + Array(" \u{202E}gnp.exe".utf8)
        _ = model.update(.logLines([LogTail.LogLine(sourceID: "file:/x", sequence: 1, bytes: hostile),
                                    Self.fileLine(String(repeating: "A", count: 5_000_000), sequence: 2)], sourceName: "x"))
        let after = ConsoleView.render(model)
        for cell in after.cells {
            #expect(!cell.text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) })
        }
        // Only the log pane changed.
        let log = ConsoleScreenLayout(size: model.layoutSize, focus: model.focus).panes[PaneID.log.rawValue]
        for y in 0..<after.height {
            for x in 0..<after.width where !log.contains(x: x, y: y) {
                #expect(after[x, y] == before[x, y], "cell \(x),\(y) outside the log pane changed")
            }
        }
        #expect(after.textLines().joined().contains("^["))
    }

    @Test func mentionsOfTheIncidentsResourcesAreHighlightedAndEnterGoesThere() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 200, height: 60))
        _ = model.update(.logLines([Self.fileLine("CreateUser by AKIAIOSFODNN7EXAMPLE from 198.51.100.7")], sourceName: "cloudtrail"))
        let canvas = ConsoleView.render(model)
        let row = try #require(canvas.textLines().firstIndex { $0.contains("CreateUser by AKIA") })
        let column = try #require(canvas.column(of: "AKIAIOSFODNN7EXAMPLE", inRow: row))
        #expect(canvas.role(x: column, y: row) == .logHighlight)
        #expect(canvas.role(x: column - 3, y: row) != .logHighlight)
        _ = model.press("4", "<Enter>")
        #expect(model.focus == .resources)
        #expect(model.selectedResource?.id == "AKIAIOSFODNN7EXAMPLE")
    }

    @Test func pinningKeepsTheLineItsSourceTimeAndHash() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 200, height: 60))
        let line = Self.fileLine("2026-11-28T22:10:00Z CreateUser by AKIAIOSFODNN7EXAMPLE")
        _ = model.update(.logLines([line], sourceName: "auth.log"))
        let effects = model.press("4", "p")
        #expect(effects == [.record(.evidencePinned(EvidencePinned(
            source: "file:/var/log/auth.log", line: line.text, loggedAt: try Timestamp.parse("2026-11-28T22:10:00Z"),
            sha256: line.sha256Hex, resources: ["AKIAIOSFODNN7EXAMPLE"])))])
        // The hash is of the raw bytes as read (checked against the sha256sum command).
        #expect(line.sha256Hex == (try sha256sum(Array("2026-11-28T22:10:00Z CreateUser by AKIAIOSFODNN7EXAMPLE".utf8))))
        _ = model.update(.writeFinished(error: nil))
    }

    /// A CloudTrail line sums up its record: the pin keeps the line's text and the SHA-256 of the record as AWS
    /// wrote it (checked against sha256sum), says so, and a line restored from the database says the same.
    @Test func pinningACloudTrailLineKeepsTheRecordsHash() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 200, height: 60))
        let record = Array(#"{"eventVersion":"1.09","eventTime":"2026-11-28T22:10:00Z","eventSource":"iam.amazonaws.com","eventName":"CreateUser"}"#.utf8)
        let text = "iam.amazonaws.com CreateUser by AKIAIOSFODNN7EXAMPLE"
        let line = LogTail.LogLine(sourceID: "cloudtrail:AKIAIOSFODNN7EXAMPLE", sequence: 1, bytes: Array(text.utf8),
                                   time: try Timestamp.parse("2026-11-28T22:10:00Z"), summarizing: record)
        #expect(line.text == text && line.hashesRecord)
        _ = model.update(.logLines([line], sourceName: "cloudtrail"))
        let effects = model.press("4", "p")
        let recordHash = try sha256sum(record)
        #expect(effects == [.record(.evidencePinned(EvidencePinned(
            source: "cloudtrail:AKIAIOSFODNN7EXAMPLE", line: text, loggedAt: try Timestamp.parse("2026-11-28T22:10:00Z"),
            sha256: recordHash, resources: ["AKIAIOSFODNN7EXAMPLE"], hashOf: .record)))])
        #expect(recordHash != (try sha256sum(Array(text.utf8))))
        // Kept and read back (the database keeps the hash, not the record): still the record's, still said.
        let restored = LogTail.LogLine(restoring: line.raw, sourceID: line.sourceID, sequence: 1, rawLength: line.rawLength,
                                       sha256Hex: line.sha256Hex, time: line.time, level: line.level, arrivedAt: line.arrivedAt)
        #expect(restored.sha256Hex == recordHash && restored.hashesRecord)
        // A line that is its own record says nothing of the kind.
        #expect(!Self.fileLine(text).hashesRecord)
        _ = model.update(.writeFinished(error: nil))
    }

    @Test func theFilterTakesTextOrARegexAndABadRegexSaysWhy() throws {
        var model = try ConsoleFixtures.model(size: Size(width: 200, height: 60))
        _ = model.update(.logLines([Self.fileLine("Accepted publickey", sequence: 1), Self.fileLine("Failed password", sequence: 2)], sourceName: "auth.log"))
        _ = model.press("4", "/")
        model.type("re:^\\[auth\\.log\\] (Failed|Invalid)")
        _ = model.press("<Enter>")
        #expect(model.visibleLogLines.map(\.text) == ["[auth.log] Failed password"])
        _ = model.press("/", "<C-u>")
        model.type("re:(unclosed")
        _ = model.press("<Enter>")
        guard case .prompt(let form) = model.overlay else { Issue.record("a bad regex must keep the prompt open"); return }
        #expect(form.prompt.error?.isEmpty == false)
        _ = model.press("<Esc>")
        #expect(model.visibleLogLines.count == 1)   // the earlier filter still holds
    }
}

/// The SHA-256 of bytes as the `sha256sum` command computes it.
func sha256sum(_ bytes: [UInt8]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(Data(bytes))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(String(decoding: data, as: UTF8.self).prefix(64))
}
