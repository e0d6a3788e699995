import Foundation
import Testing
import FirebreakTestSupport

@Suite("Commands change what show --json and events --json print")
struct IncidentWorkflowTests {
    /// Booleans stay booleans: on Linux `JSONSerialization` reads `false` as the number 0.
    @Test func eventsJSONPrintsBooleansAsBooleans() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb/incidents.db"), operatorName: "alice")
        try fb.ok("open", "--title", "Booleans", "--severity", "3")
        let text = try fb.ok("events", "INC-1", "--json")
        #expect(text.contains(#""isDrill" : false"#), "\(text)")
        #expect(!text.contains(#""isDrill" : 0"#))
    }

    @Test func aWholeIncidentFromOpenToClose() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb/incidents.db"), operatorName: "alice")

        #expect(try fb.ok("open", "--title", "Instance role credentials used outside AWS", "--severity", "2",
                          "--account", "123456789012", "--region", "us-east-1",
                          "--at", "2026-11-28T22:00:00Z").trimmingCharacters(in: .whitespacesAndNewlines) == "INC-1")
        #expect(try fb.ok("resource", "add", "INC-1", "i-0123456789abcdef0", "--state", "compromised", "--owner", "web-team") == "i-0123456789abcdef0\n")
        try fb.ok("--as", "bob", "resource", "add", "1", "arn:aws:iam::123456789012:role/web-role")
        try fb.ok("resource", "add", "INC-1", "AKIAIOSFODNN7EXAMPLE", "--as", "bob")
        try fb.ok("phase", "INC-1", "containment", "--at", "2026-11-28T22:30:00Z")
        try fb.ok("check", "INC-1", "containment.isolation-security-group")
        try fb.ok("check", "INC-1", "route53", "--skip", "--reason", "no DNS involved")
        try fb.ok("resource", "state", "INC-1", "i-0123456789abcdef0", "contained", "--reason", "isolation group")
        try fb.ok("note", "INC-1", "isolated", "the", "instance")
        try fb.ok("phase", "INC-1", "4")
        try fb.ok("phase", "INC-1", "containment")
        try fb.ok("close", "INC-1", "--resolution", "keys rotated, instance rebuilt")

        let show = try #require(try fb.json("show", "INC-1", "--json") as? [String: Any])
        #expect(show["id"] as? String == "INC-1")
        #expect(show["title"] as? String == "Instance role credentials used outside AWS")
        #expect(show["severity"] as? Int == 2)
        #expect(show["status"] as? String == "closed")
        #expect(show["phase"] as? String == "containment")
        #expect(show["openedAt"] as? String == "2026-11-28T22:00:00.000Z")
        #expect(show["closedAt"] is String)
        #expect(show["accounts"] as? [String] == ["123456789012"])

        let phases = try #require(show["phases"] as? [[String: Any]])
        #expect(phases.map { $0["phase"] as? String } == ["readiness", "containment", "troubleshooting", "containment"])
        #expect(phases[1]["enteredAt"] as? String == "2026-11-28T22:30:00.000Z")
        #expect(phases[0]["durationSeconds"] as? Double == 1800)

        let resources = try #require(show["resources"] as? [[String: Any]])
        #expect(resources.map { $0["id"] as? String } == ["i-0123456789abcdef0", "arn:aws:iam::123456789012:role/web-role", "AKIAIOSFODNN7EXAMPLE"])
        #expect(resources.map { $0["kind"] as? String } == ["ec2-instance", "iam-role", "iam-access-key"])
        #expect(resources[0]["state"] as? String == "contained")
        #expect(resources[0]["owner"] as? String == "web-team")
        #expect(resources[0]["region"] as? String == "us-east-1")      // the incident's only region
        #expect(resources[0]["account"] as? String == "123456789012")
        #expect(resources[1]["region"] is NSNull)                         // IAM is global
        #expect(resources[1]["owner"] is NSNull)
        #expect(resources[2]["state"] as? String == "suspected")

        let checklist = try #require(show["checklist"] as? [[String: Any]])
        let isolate = try #require(checklist.first { $0["id"] as? String == "containment.isolation-security-group" })
        #expect(isolate["state"] as? String == "done")
        #expect(isolate["by"] as? String == "alice")
        #expect(isolate["phase"] as? String == "containment")
        let route53 = try #require(checklist.first { $0["id"] as? String == "containment.route53" })
        #expect(route53["state"] as? String == "skipped")
        #expect(route53["reason"] as? String == "no DNS involved")
        #expect(checklist.filter { $0["state"] as? String == "open" }.count == checklist.count - 2)

        let events = try #require(try fb.json("events", "INC-1", "--json") as? [[String: Any]])
        #expect(events.map { $0["seq"] as? Int } == Array(1...14))
        #expect(events.map { $0["kind"] as? String } == [
            "incident.opened", "resource.added", "resource.added", "resource.added", "phase.entered",
            "checklist.item-changed", "checklist.item-changed", "resource.state-changed", "note.added",
            "phase.entered", "phase.entered", "incident.closed", "chain.key-recorded", "chain.head-signed",
        ])
        // The close is signed by whoever closed it: their public key, then the signature over the head before it.
        #expect(events.map { $0["actor"] as? String } == ["alice", "alice", "bob", "bob", "alice", "alice", "alice", "alice", "alice", "alice", "alice", "alice", "alice", "alice"])
        #expect(events[4]["at"] as? String == "2026-11-28T22:30:00.000Z")
        #expect(events[4]["recordedAt"] as? String != "2026-11-28T22:30:00.000Z")
        #expect((events[8]["payload"] as? [String: Any])?["text"] as? String == "isolated the instance")
        for (previous, next) in zip(events, events.dropFirst()) {
            #expect(next["prevHash"] as? String == previous["hash"] as? String)
        }
        #expect(try fb.json("events", "INC-1", "--since", "10", "--json") as? [Any] != nil)
        #expect((try fb.json("events", "INC-1", "--since", "10", "--json") as? [Any])?.count == 4)

        // Closed incidents leave the default list; reopening brings them back.
        #expect((try fb.json("list", "--json") as? [Any])?.count == 0)
        #expect((try fb.json("list", "--all", "--json") as? [[String: Any]])?.first?["status"] as? String == "closed")
        try fb.ok("reopen", "INC-1")
        #expect((try fb.json("list", "--json") as? [[String: Any]])?.first?["id"] as? String == "INC-1")

        let verify = try fb.run("verify")
        #expect(verify.status == 0)
        #expect(verify.stdout.contains("INC-1: intact, 15 events"))
    }

    @Test func globalOptionsWorkBeforeAndAfterTheCommand() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("unused.db"))
        let db = folder.path("chosen.db")
        try fb.ok("--db", db, "--as", "zoe", "open", "--title", "first")
        try fb.ok("open", "--title", "second", "--db", db, "--as=yan")
        try fb.ok("--db=\(db)", "note", "2", "--", "--not-an-option")
        let events = try #require(try fb.json("events", "2", "--json", "--db", db) as? [[String: Any]])
        #expect(events.map { $0["actor"] as? String } == ["yan", "tester"])
        #expect((events[1]["payload"] as? [String: Any])?["text"] as? String == "--not-an-option")
        #expect((try fb.json("show", "1", "--json", "--db", db) as? [String: Any])?["openedBy"] as? String == "zoe")
        #expect(!FileManager.default.fileExists(atPath: folder.path("unused.db")))
    }

    @Test func humanOutputNeverCarriesTerminalEscapes() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("incidents.db"))
        try fb.ok("open", "--title", "ok")
        // A note may hold newlines but no escapes; an owner from a finding may be hostile.
        let refused = try fb.run("note", "1", "clear\u{1B}[2J\u{1B}]0;owned\u{07}")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("control character"))
        #expect(!refused.stderr.contains("\u{1B}"))
        try fb.ok("note", "1", "line one\nline two")
        let show = try fb.ok("show", "1")
        #expect(show.contains("line one\nline two"))
        #expect(!show.unicodeScalars.contains { $0.value == 0x1B })
    }

    @Test func theDefaultDatabaseLivesUnderXDGDataHome() throws {
        let folder = try TemporaryFolder()
        var fb = FirebreakProcess(database: "")
        fb.environment["FIREBREAK_DB"] = nil
        fb.environment["XDG_DATA_HOME"] = folder.path("data")
        try fb.ok("open", "--title", "where am I")
        let path = folder.path("data/firebreak/firebreak.db")
        #expect(FileManager.default.fileExists(atPath: path))
        let mode = (try FileManager.default.attributesOfItem(atPath: folder.path("data/firebreak"))[.posixPermissions] as! NSNumber).intValue
        #expect(mode & 0o777 == 0o700)
    }
}
