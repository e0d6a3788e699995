@testable import AWSActions
import Foundation
import IncidentModel
import Testing

/// The action language's repeated steps (`until`, `every`, `within`) and
/// evidence steps: what a definition may say, and what one answer means.
@Suite("Steps that wait, and evidence steps")
struct StepWaitTests {
    static func definition(step: String) -> String {
        #"{"id": "site.wait", "phase": "containment", "kinds": ["ec2-instance"], "summary": "wait", "risk": "additive", "steps": [\#(step)]}"#
    }

    static let argv = #""argv": ["ssm", "get-command-invocation", "--command-id", "c", "--instance-id", "{resource}", "--query", "{Status: Status}"]"#

    @Test(arguments: [
        (#"{"name": "w", "until": {"field": "Status", "in": ["Success"], "success": ["Success"]}, "within": 60, \#(argv)}"#,
         "steps[0].every: is required"),
        (#"{"name": "w", "until": {"in": ["Success", "Failed"], "success": ["Done"]}, "every": 5, "within": 60, \#(argv)}"#,
         "steps[0].until.success: 'Done' is not one of the values in 'in'"),
        (#"{"name": "w", "until": {"in": ["Success"], "success": ["Success"]}, "every": 5, "within": true, \#(argv)}"#,
         "steps[0].within: expected a number of seconds, 1-172800"),
        (#"{"name": "w", "until": {"in": ["Success"], "success": ["Success"]}, "every": 10, "within": 5, \#(argv)}"#,
         "steps[0].within: is shorter than 'every'"),
        (#"{"name": "w", "every": 5, \#(argv)}"#, "steps[0].every: only a step with 'until' is repeated"),
        (#"{"name": "w", "until": {"in": ["Success"], "success": ["Success"], "when": "x"}, "every": 5, "within": 60, \#(argv)}"#,
         "steps[0].until.when: unknown field"),
        (#"{"name": "w", "batch": true, "until": {"in": ["Success"], "success": ["Success"]}, "every": 5, "within": 60, "argv": ["ec2", "describe-instances", "--instance-ids", "{resource}"]}"#,
         "steps[0].batch: a repeated step ('until') asks for one resource at a time, so it cannot be batched"),
        (#"{"name": "w", "evidence": "picture", \#(argv)}"#, "steps[0].evidence: expected one of text, base64"),
    ])
    func aBadWaitOrEvidenceIsRefusedNamingTheField(_ step: String, _ said: String) throws {
        do {
            _ = try ActionDefinition.load(json: Data(Self.definition(step: step).utf8), file: "site.json")
            Issue.record("loaded: \(step)")
        } catch {
            #expect(error.description.hasPrefix("site.json: \(said)"), "\(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func theBuiltInCaptureWaitsForTheInvocationsTerminalStatuses() throws {
        let catalog = try ActionCatalog.load(locator: ActionCatalogLocator(searchDirectories: []))
        let wait = try #require(try catalog.action("ec2.capture-memory").steps.first { $0.name == "wait-for-capture" }?.poll)
        #expect(wait.field == "Status")
        #expect(Set(wait.terminal) == ["Success", "Failed", "Cancelled", "TimedOut"])
        #expect(wait.success == ["Success"])
        #expect(wait.notYet.contains("InvocationDoesNotExist"))
        let console = try catalog.action("ec2.capture-console")
        #expect(console.steps.map(\.evidence) == [.text, .text, .base64])
        #expect(console.successState == nil)
        #expect(try catalog.action("ec2.capture-memory").successState == nil)
    }

    static let poll = ActionStepPoll(field: "Status", terminal: ["Success", "Failed", "Cancelled", "TimedOut"], success: ["Success"],
                                     notYet: ["InvocationDoesNotExist"], every: 5, within: 60)

    @Test func oneAnswerDecidesWhetherToAskAgain() {
        func judge(_ output: Any?, succeeded: Bool = true, failure: AWSCLIFailure? = nil, elapsed: TimeInterval = 10) -> StepWait.Decision {
            StepWait.judge(Self.poll, succeeded: succeeded, failure: failure, output: output, elapsed: elapsed)
        }
        #expect(judge(["Status": "Success"]) == .done)
        #expect(judge(["Status": "InProgress"]) == .again)
        #expect(judge(["Status": "Pending"]) == .again)
        #expect(judge(["Status": "Failed"]) == .failed("Status ended Failed, not Success"))
        #expect(judge(["Status": "TimedOut"]) == .failed("Status ended TimedOut, not Success"))
        // Past the deadline (the next question would come after it): the last status, said.
        #expect(judge(["Status": "InProgress"], elapsed: 56) == .failed("Status still InProgress after 56 s; gave up waiting (at most 60 s)"))
        #expect(judge(["Status": "Success"], elapsed: 500) == .done)
        // An invocation asked for just after it was sent is not there yet: asked again, not failed.
        let missing = AWSCLIFailure.service(code: "InvocationDoesNotExist", operation: "GetCommandInvocation", message: "")
        #expect(judge(nil, succeeded: false, failure: missing) == .again)
        #expect(judge(nil, succeeded: false, failure: missing, elapsed: 59) == .failed("no Status yet after 59 s; gave up waiting (at most 60 s)"))
        let denied = AWSCLIFailure.service(code: "AccessDeniedException", operation: "GetCommandInvocation", message: "no")
        #expect(judge(nil, succeeded: false, failure: denied) == .unjudged)
    }

    @Test func evidenceIsKeptWholeOrRefusedNeverKeptBroken() throws {
        let kept = LockedBodies()
        let keeping = EvidenceKeeping(keepBody: { data in kept.keep(data) })
        let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0xFF, 0xD9])
        // The screenshot's own bytes, not its base64.
        let shot = try #require(try keeping.keep(.base64, output: jpeg.base64EncodedString()).get())
        #expect(kept.bodies[shot.body.sha256] == jpeg)
        #expect(shot.body.bytes == jpeg.count)
        #expect(shot.note.contains("SHA-256 \(shot.body.sha256)"))
        // A log with a redacted secret is kept redacted, and says so.
        let log = try #require(try keeping.keep(.text, output: "boot\nAWS_SECRET_ACCESS_KEY=[REDACTED]\n").get())
        #expect(log.redacted)
        #expect(log.note.contains("redacted"))
        // Refused rather than kept broken: a redacted image, a cut output, base64 that is not.
        for (kind, output, truncated) in [(ActionEvidence.base64, "/9j/[REDACTED]AAA=", false), (.text, "boot", true), (.base64, "not base64!", false)] {
            guard case .failure = try keeping.keep(kind, output: output, truncated: truncated) else {
                Issue.record("kept \(output)")
                continue
            }
        }
        #expect(kept.bodies.count == 2)
        // Nothing to keep (a tolerated refusal) is not a failure.
        #expect(try keeping.keep(.base64, output: NSNull()).get() == nil)
        // No body store: refused, since the evidence could not be kept.
        guard case .failure = try EvidenceKeeping(keepBody: nil).keep(.text, output: "boot") else { Issue.record("kept without a store"); return }
    }

    @Test func anInterruptionEndsThePauseAtOnce() throws {
        let interruption = try RunInterruption()
        let started = Date()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { interruption.interrupt() }
        #expect(StepWait.pause(30, interruption: interruption))
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(!StepWait.pause(0.05, interruption: nil))
    }
}

/// A body store in memory for `EvidenceKeeping`: bytes by their SHA-256 (sha256sum's, a second implementation).
final class LockedBodies: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var bodies: [String: Data] = [:]

    func keep(_ data: Data) -> StoredBody {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fb-body-\(UUID().uuidString)")
        try? data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try? process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let sha = String(String(decoding: output, as: UTF8.self).prefix(64))
        lock.lock()
        bodies[sha] = data
        lock.unlock()
        return StoredBody(sha256: sha, bytes: data.count)
    }
}
