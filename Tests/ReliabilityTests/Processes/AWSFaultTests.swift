import Foundation
import Testing

/// AWS going wrong in the middle of a run — throttled, credentials expired,
/// the endpoint gone — after some steps succeeded: the failing step says what
/// happened in one line, nothing after it is recorded as done, the resource
/// keeps its state, and the run can be undone from what it recorded.
@Suite("AWS faults mid-run")
struct AWSFaultTests {
    @Test(arguments: [
        ("throttled", "An error occurred (Throttling) when calling the CreateTags operation (reached max retries: 4): Rate exceeded", "Throttling"),
        ("credentials expired", "An error occurred (ExpiredToken) when calling the CreateTags operation: The security token included in the request is expired", "ExpiredToken"),
        ("endpoint gone", "Could not connect to the endpoint URL: \\\"https://ec2.us-east-1.amazonaws.com/\\\"", "Could not connect"),
    ])
    func aFaultAfterSomeStepsIsRecordedAsItHappenedAndCanBeUndone(fault: String, stderr: String, named: String) throws {
        let folder = try ScratchFolder()
        defer { withExtendedLifetime(folder) {} }
        let fb = Firebreak(database: folder.path("firebreak.db"))
        try fb.ok("open", "--title", "aws fault", "--region", "us-east-1")
        try fb.ok("resource", "add", "INC-1", "i-0123456789abcdef0", "--state", "compromised")
        let calls = folder.path("calls.log")
        // Reads and the protect call answer as EC2 does; tagging meets the fault.
        let fake = try folder.script("aws", """
            printf '%s\\n' "$*" >> '\(calls)'
            case "$*" in
              *create-tags*) echo "\(stderr)" >&2; exit 255;;
              *describe-instance-attribute*) echo false;;
            esac
            exit 0
            """)
        let run = try fb.run("action", "run", "INC-1", "ec2.protect", "i-0123456789abcdef0", "--yes", "--aws-cli", fake)
        #expect(run.status != 0)
        let errorLines = run.stderr.split(separator: "\n")
        #expect(errorLines.count == 1 && run.stderr.contains(named), "\(fault): \(run.stderr)")

        let show = try #require(try fb.json("show", "INC-1", "--json") as? [String: Any])
        let record = try #require((show["actionRuns"] as? [[String: Any]])?.first)
        let steps = try #require(record["steps"] as? [[String: Any]])
        #expect(steps.map { $0["step"] as? String } == ["record-protection", "protect", "tag"], "\(fault)")
        #expect(steps.last?["outcome"] as? String != "succeeded")
        #expect(record["status"] as? String == "failed", "\(fault): \(record["status"] ?? "")")
        let calledAfter = try String(contentsOfFile: calls, encoding: .utf8).split(separator: "\n")
        #expect(!calledAfter.contains { $0.contains("verify") || $0.contains("describe-instance-attribute") && $0 != calledAfter.first })
        let resources = try #require(show["resources"] as? [[String: Any]])
        #expect(resources.first?["state"] as? String == "compromised")

        // Undo puts back what the run recorded before changing anything.
        let runID = try #require(record["runId"] as? String)
        let undo = try fb.run("action", "undo", "INC-1", runID, "--yes", "--aws-cli", fake)
        #expect(undo.status == 0, "\(fault): \(undo.stderr)")
        let undoCall = try String(contentsOfFile: calls, encoding: .utf8).split(separator: "\n").last ?? ""
        #expect(undoCall.contains("modify-instance-attribute"), "\(undoCall)")
        #expect(undoCall.contains("--value false"), "\(undoCall)")
        #expect(try fb.run("verify").status == 0)
        SoakBudget.report("aws faults: \(fault) after 2 good steps recorded as it happened, undone from the record")
    }
}
