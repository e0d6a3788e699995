import Foundation
import Testing
import FirebreakTestSupport

/// `firebreak report` run as a script runs it: every format from one incident
/// carrying hostile text, the JSON checked against docs/report.schema.json by
/// Python's jsonschema, the HTML parsed for anything that became markup.
@Suite("firebreak report")
struct ReportTests {
    static let hostile = "<img src=x onerror=alert(1)> **bold** [link](http://evil.example) | cell"

    /// An incident that went through loops, actions it could not run, skips, follow-ups and a close.
    static func incident(in folder: TemporaryFolder) throws -> FirebreakProcess {
        let fb = FirebreakProcess(database: folder.path("fb/incidents.db"), operatorName: "alice")
        try fb.ok("open", "--title", "Crypto-mining \(hostile)", "--severity", "1", "--region", "us-east-1", "--at", "2026-11-28T22:00:00Z")
        try fb.ok("note", "INC-1", "first RunInstances from 203.0.113.9", "--at", "2026-11-28T21:00:00Z")
        try fb.ok("role", "INC-1", "commander", "alice")
        try fb.ok("role", "INC-1", "scribe", "bob")
        try fb.ok("phase", "INC-1", "detection", "--at", "2026-11-28T22:10:00Z")
        try fb.ok("note", "INC-1", "Intent: mine coins \(hostile)")
        try fb.ok("resource", "add", "INC-1", "i-0123456789abcdef0", "--state", "compromised")
        try fb.ok("phase", "INC-1", "containment")
        try fb.ok("--as", "bob", "resource", "state", "INC-1", "i-0123456789abcdef0", "contained", "--reason", hostile)
        try fb.ok("check", "INC-1", "route53", "--skip", "--reason", "no DNS involved")
        try fb.ok("phase", "INC-1", "troubleshooting")
        try fb.ok("phase", "INC-1", "containment")
        try fb.ok("phase", "INC-1", "follow-up")
        try fb.ok("note", "INC-1", "lesson: alerts\nreached nobody for an hour")
        try fb.ok("followup", "INC-1", "Page the on-call for GuardDuty high findings", "--owner", "dana", "--due", "2027-01-31")
        try fb.ok("followup", "INC-1", hostile, "--kind", "went-badly")
        try fb.ok("close", "INC-1", "--resolution", "instances stopped, key deactivated")
        return fb
    }

    @Test func markdownCarriesEverySectionTheHeadHashAndNoLiveMarkup() throws {
        let folder = try TemporaryFolder()
        let fb = try Self.incident(in: folder)
        let report = try fb.ok("report", "INC-1")
        for heading in ["# Post-incident report: INC-1", "## Summary", "## Metrics", "## Phases", "## Resources", "## Actions",
                        "## Evidence", "## Checklist", "## Follow-up", "## Timeline", "## Record integrity"] {
            #expect(report.contains(heading), "missing \(heading)")
        }
        let verify = try #require((try fb.json("verify", "INC-1", "--json") as? [[String: Any]])?.first)
        let head = try #require(verify["headHash"] as? String)
        #expect(report.contains("Head hash: `\(head)`"))
        #expect(report.contains("| Commander | alice |"))
        #expect(report.contains("| Scribe | bob |"))
        #expect(report.contains("| Time to detect | 1h 10m |"))
        #expect(report.contains("skipped because no DNS involved"))
        #expect(report.contains("FU-1: Page the on\\-call") || report.contains("FU-1: Page the on-call"))
        #expect(report.contains("owner dana, due 2027"))
        #expect(report.contains("| Containment | 2 |"))
        // Attacker text is inert: no raw tag, emphasis, link or table cell break survives.
        #expect(!report.replacingOccurrences(of: "\\<img", with: "").contains("<img"))
        #expect(!report.contains("**bold**"))
        #expect(!report.replacingOccurrences(of: "\\](http", with: "").contains("](http"))
        #expect(report.contains("\\<img src=x onerror=alert(1)> \\*\\*bold\\*\\* \\[link\\](http://evil.example) \\| cell"))
    }

    /// Multi-line text keeps its paragraphs and line breaks in both formats
    /// (the HTML printed `\u{A}` where a newline belonged), and Markdown
    /// escapes only what would change the meaning.
    @Test func paragraphsAndLineBreaksSurviveInHTMLAndMarkdown() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("incidents.db"), operatorName: "alice")
        try fb.ok("open", "--title", "paragraphs", "--summary", "Keys leaked in a build log.\nRotated at 03:10.\n\n# not a heading, snake_case {json} a > b & c")
        try fb.ok("phase", "INC-1", "follow-up")
        try fb.ok("note", "INC-1", "lesson: alerts\nreached nobody for an hour\n\n- not a list &amp; <b>not bold</b>")
        let markdown = try fb.ok("report", "INC-1")
        #expect(markdown.contains("Keys leaked in a build log.  \nRotated at 03:10.\n\n\\# not a heading, snake_case {json} a > b & c\n"), "\(markdown)")
        #expect(markdown.contains("lesson: alerts  \n  reached nobody for an hour\n\n  \\- not a list \\&amp; \\<b>not bold\\</b>"), "\(markdown)")
        let path = folder.path("report.html")
        try fb.ok("report", "INC-1", "--format", "html", "--output", path)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!html.contains("\\u{A}") && !markdown.contains("\\u{A}"))
        #expect(html.contains("<p class=\"text\">Keys leaked in a build log.<br>Rotated at 03:10.</p>\n<p class=\"text\"># not a heading, snake_case {json} a &gt; b &amp; c</p>"), "\(html)")
        #expect(html.contains("lesson: alerts<br>reached nobody for an hour<br><br>- not a list &amp;amp; &lt;b&gt;not bold&lt;/b&gt;"), "\(html)")
    }

    @Test func jsonValidatesAgainstTheShippedSchema() throws {
        let folder = try TemporaryFolder()
        let fb = try Self.incident(in: folder)
        let path = folder.path("report.json")
        try fb.ok("report", "INC-1", "--format", "json", "--output", path)
        let schema = Self.repository.appendingPathComponent("docs/report.schema.json").path
        let check = try Self.python("""
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            jsonschema.Draft202012Validator(schema).validate(json.load(open(sys.argv[2])))
            print("valid")
            """, schema, path)
        #expect(check == "valid\n")

        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let incident = try #require(report["incident"] as? [String: Any])
        #expect(incident["intent"] as? String == "mine coins \(Self.hostile)")
        #expect(incident["status"] as? String == "closed")
        let metrics = try #require(report["metrics"] as? [String: Any])
        #expect((metrics["timeToDetect"] as? [String: Any])?["seconds"] as? Double == 4200)
        #expect((metrics["timeToEradicate"] as? [String: Any])?["reason"] as? String == "1 of 1 compromised resource not eradicated yet (i-0123456789abcdef0)")
        #expect((metrics["operators"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["alice", "bob"])
        let followUp = try #require(report["followUp"] as? [String: Any])
        #expect((followUp["items"] as? [[String: Any]])?.first?["owner"] as? String == "dana")
        #expect((followUp["notes"] as? [[String: Any]])?.count == 1)
        let verification = try #require(report["verification"] as? [String: Any])
        #expect(verification["intact"] as? Bool == true)
        #expect((report["timeline"] as? [[String: Any]])?.last?["hash"] as? String == verification["headHash"] as? String)
    }

    @Test func htmlIsOneSelfContainedFileWithEveryValueEscaped() throws {
        let folder = try TemporaryFolder()
        let fb = try Self.incident(in: folder)
        let path = folder.path("report.html")
        try fb.ok("report", "INC-1", "--format", "html", "--output", path)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("@media print"))
        // Parsed by Python's HTML parser: the only elements are the report's own; nothing loads or runs.
        let tags = try Self.python("""
            import sys
            from html.parser import HTMLParser
            class P(HTMLParser):
                def __init__(self):
                    super().__init__(); self.tags = set(); self.bad = []
                def handle_starttag(self, tag, attrs):
                    self.tags.add(tag)
                    for name, value in attrs:
                        if name in ("src", "href", "onerror", "onload") or name.startswith("on"): self.bad.append((tag, name))
            p = P(); p.feed(open(sys.argv[1]).read()); p.close()
            print(" ".join(sorted(p.tags))); print(p.bad)
            """, path)
        let lines = tags.split(separator: "\n")
        let allowed: Set<Substring> = ["html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "section", "table",
                                       "thead", "tbody", "tr", "th", "td", "ul", "ol", "li", "code", "pre", "span", "strong", "br"]
        #expect(Set(lines[0].split(separator: " ")).isSubset(of: allowed), "unexpected elements: \(lines[0])")
        #expect(lines[1] == "[]")
    }

    /// The HTML in a real browser (Chromium, installed by scripts/setup): the
    /// page it renders keeps every hostile value as text, and it prints to PDF.
    @Test func htmlRendersAndPrintsInARealBrowser() throws {
        let chromium = "/usr/bin/chromium"
        try #require(FileManager.default.isExecutableFile(atPath: chromium), "Chromium is not installed (run scripts/setup)")
        let folder = try TemporaryFolder()
        let fb = try Self.incident(in: folder)
        let path = folder.path("report.html")
        try fb.ok("report", "INC-1", "--format", "html", "--output", path)
        let browser = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(folder.path("chromium"))"]
        let dom = try Self.run(chromium, browser + ["--dump-dom", "file://\(path)"])
        #expect(dom.contains("<h1>"), "the browser rendered nothing: \(dom.prefix(300))")
        #expect(dom.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(!dom.contains("<img"))
        #expect(dom.contains("Page the on-call for GuardDuty high findings"))
        let pdf = folder.path("report.pdf")
        _ = try Self.run(chromium, browser + ["--print-to-pdf=\(pdf)", "--no-pdf-header-footer", "file://\(path)"])
        let printed = try Data(contentsOf: URL(fileURLWithPath: pdf))
        #expect(printed.starts(with: Data("%PDF".utf8)))
        #expect(printed.count > 10_000)
    }

    /// Runs a program with a one-minute limit; returns stdout.
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: timer)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        timer.cancel()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func outputFilesAreOwnerOnlyAndNotOverwrittenWithoutForce() throws {
        let folder = try TemporaryFolder()
        let fb = try Self.incident(in: folder)
        let path = folder.path("report.md")
        try fb.ok("report", "INC-1", "--output", path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        try "keep me".write(toFile: path, atomically: false, encoding: .utf8)

        let refused = try fb.run("report", "INC-1", "--output", path)
        #expect(refused.status != 0)
        #expect(refused.stderrLines.count == 1)
        #expect(refused.stderr.contains("already exists"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")

        try fb.ok("report", "INC-1", "--output", path, "--force")
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("# Post-incident report"))
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.hasPrefix(".firebreak-report") }.isEmpty)

        let unknown = try fb.run("report", "INC-9")
        #expect(unknown.status != 0)
        #expect(unknown.stderrLines.count == 1)
        let badFormat = try fb.run("report", "INC-1", "--format", "pdf")
        #expect(badFormat.status != 0)
    }

    /// The command line's report ticks its checklist item as the console's does (one use case, `WriteReport`),
    /// in one event with the reason; to stdout it records nothing, and a closed incident's report ticks nothing.
    @Test func reportWrittenToAFileTicksItsChecklistItem() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"), operatorName: "alice")
        try fb.ok("open", "--title", "Leaked key", "--severity", "2")
        func reportItem() throws -> [String: Any]? {
            let show = try #require(try fb.json("show", "INC-1", "--json") as? [String: Any])
            return (show["checklist"] as? [[String: Any]])?.first { $0["id"] as? String == "follow-up.report" }
        }
        func eventCount() throws -> Int { (try fb.json("events", "INC-1", "--json") as? [Any])?.count ?? -1 }
        _ = try fb.ok("report", "INC-1")
        #expect(try reportItem()?["state"] as? String == "open")
        let before = try eventCount()

        let path = folder.path("INC-1.md")
        let written = try fb.ok("report", "INC-1", "--output", path)
        #expect(written.contains("ticked follow-up.report"), "\(written)")
        #expect(try reportItem()?["state"] as? String == "done")
        #expect(try reportItem()?["by"] as? String == "alice")
        #expect(try eventCount() == before + 1)
        let last = try #require((try fb.json("events", "INC-1", "--json") as? [[String: Any]])?.last)
        #expect(((last["payload"] as? [String: Any])?["reason"] as? String) == "report written to \(path)")

        // Written again: already ticked, nothing recorded.
        try fb.ok("report", "INC-1", "--output", folder.path("again.md"))
        #expect(try eventCount() == before + 1)
        #expect(try fb.run("verify").status == 0)
    }

    /// The repository root (docs/ lives there), found upward from this file.
    static let repository: URL = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" && !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder = folder.deletingLastPathComponent()
        }
        return folder
    }()

    /// Runs a Python program; returns stdout, throwing with stderr when it fails.
    static func python(_ program: String, _ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", program] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: String(decoding: errors, as: UTF8.self)])
        }
        return String(decoding: data, as: UTF8.self)
    }
}
