@testable import AWSActions
import Foundation
import Testing

/// CloudTrail and CloudWatch Logs output read into records, the cursor that
/// makes polling exactly-once, and the CloudTrail poller through a stand-in
/// CLI printing recorded real-format output (moto lacks lookup-events).
@Suite("Log records from AWS output")
struct LogRecordTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func cloudTrailEventsAsCLIv1PrintsThem() throws {
        let (records, next) = try CloudTrailEvents.parse(Self.fixture("cloudtrail-lookup-events-v1.json"))
        #expect(next == nil)
        #expect(records.count == 4)
        let createKey = try #require(records.first { $0.eventID == "4e2d9a10-1c3b-4f6e-8a2d-5b7c9e0f1a23" })
        #expect(createKey.timestampMs == 1_764_404_100_000)
        #expect(createKey.message == "iam.amazonaws.com CreateAccessKey by ci-deploy key=AKIAIOSFODNN7EXAMPLE from 198.51.100.23 on AKIAI44QH8DHBEXAMPLE, backdoor")
        #expect(createKey.source == "iam.amazonaws.com")
        #expect(!createKey.isError)
        #expect(createKey.detail?.contains("\"eventName\":\"CreateAccessKey\"") == true)
        // The record as CloudTrail wrote it is CloudTrailEvent's text, unredacted, byte for byte: what a pin hashes.
        let root = try #require(try JSONSerialization.jsonObject(with: Data(Self.fixture("cloudtrail-lookup-events-v1.json").utf8)) as? [String: Any])
        let written = try #require((root["Events"] as? [[String: Any]])?.first { $0["EventId"] as? String == createKey.eventID }?["CloudTrailEvent"] as? String)
        #expect(createKey.record == Array(written.utf8))
        let denied = try #require(records.first { $0.eventID.hasPrefix("b7c1") })
        #expect(denied.isError)
        #expect(denied.message.hasSuffix("error=Client.UnauthorizedOperation: You are not authorized to perform this operation."))
    }

    @Test func rfc3339EventTimesReadTheSame() throws {
        let v1 = try CloudTrailEvents.parse(Self.fixture("cloudtrail-lookup-events-v1.json")).records
        let iso = try CloudTrailEvents.parse(Self.fixture("cloudtrail-lookup-events-iso8601.json")).records
        #expect(v1 == iso)
    }

    /// Found by the fuzzer: these trapped converting to milliseconds and ended the process reading the page.
    @Test(arguments: ["1e300", "-1e300", "\"nan\"", "\"inf\"", "\"1e300\""])
    func anEventTimeNoClockSaysSkipsThatRecordAlone(time: String) throws {
        let page = #"{"Events": [{"EventId": "bad", "EventName": "X", "EventTime": "# + time + #"}, "#
            + #"{"EventId": "good", "EventName": "Y", "EventTime": 1772334667}]}"#
        let records = try CloudTrailEvents.parse(page).records
        #expect(records.map(\.eventID) == ["good"])
    }

    @Test func queryOutputThatIsNotJSONIsOneLine() {
        #expect(throws: AWSLogParseError.self) { try CloudTrailEvents.parse("{\"Events\": [") }
        #expect(throws: AWSLogParseError.self) { try CloudWatchLogEvents.parse("not json") }
    }

    @Test func aSecretInALogMessageIsRedacted() throws {
        let json = #"{"events": [{"logStreamName": "s", "timestamp": 1, "message": "{\"SecretAccessKey\": \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"}", "ingestionTime": 2, "eventId": "e1"}]}"#
        let record = try #require(CloudWatchLogEvents.parse(json).records.first)
        #expect(!record.message.contains("wJalr"))
        #expect(record.message.contains("[REDACTED]"))
    }

    @Test func theCursorResumesAfterTheLastRecordAndItsMillisecond() throws {
        let start = LogPollCursor(timestampMs: 1000)
        let first = [AWSLogRecord(eventID: "b", timestampMs: 2000, message: "b"), AWSLogRecord(eventID: "a", timestampMs: 1000, message: "a"),
                     AWSLogRecord(eventID: "c", timestampMs: 2000, message: "c")]
        let (fresh, cursor) = LogPollCursor.advance(from: start, over: first)
        #expect(fresh.map(\.eventID) == ["a", "b", "c"])
        #expect(cursor == LogPollCursor(timestampMs: 2000, idsAtTimestamp: ["b", "c"]))
        // The next poll asks from 2000 again (inclusive): b and c come back and are dropped, d at the same millisecond is new.
        let restored = try #require(LogPollCursor(text: cursor.text))
        let (again, next) = LogPollCursor.advance(from: restored, over: first + [AWSLogRecord(eventID: "d", timestampMs: 2000, message: "d")])
        #expect(again.map(\.eventID) == ["d"])
        #expect(next.idsAtTimestamp == ["b", "c", "d"])
        #expect(LogPollCursor.advance(from: next, over: first).records.isEmpty)
        #expect(LogPollCursor(text: "soon") == nil)
    }

    @Test func theCloudTrailPollerReturnsEventsOldestFirstAndEachOnce() throws {
        let arguments = FileManager.default.temporaryDirectory.appendingPathComponent("firebreak-ct-args-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: arguments) }
        let fixture = Self.fixtures.appendingPathComponent("cloudtrail-lookup-events-v1.json").path
        let fake = try FakeCLI(script: "printf '%s\\n' \"$@\" >> \(arguments); cat \(fixture)")
        let runner = AWSCLIRunner(configuration: AWSCLIConfiguration(executable: fake.path, region: "us-east-1", timeout: 10))
        let poller = CloudTrailPoller(runner: runner, lookup: try CloudTrailLookup(.accessKeyID, "AKIAIOSFODNN7EXAMPLE"),
                                      start: Date(timeIntervalSince1970: 1_764_403_000))
        let page = try poller.poll(after: nil)
        #expect(page.records.map(\.timestampMs) == [1_764_403_980_000, 1_764_404_100_000, 1_764_404_100_000, 1_764_404_165_000])
        #expect(page.cursor == "1764404165000 b7c1e0d2-7f3a-4c55-9d0e-3a1f2b4c5d61")
        #expect(!page.hasMore)
        let argv = try String(contentsOfFile: arguments, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(Array(argv.prefix(6)) == ["cloudtrail", "lookup-events", "--lookup-attributes",
                                          #"[{"AttributeKey":"AccessKeyId","AttributeValue":"AKIAIOSFODNN7EXAMPLE"}]"#, "--start-time", "1764403000"])
        // The service answers with the same events again: nothing is new.
        let again = try poller.poll(after: page.cursor)
        #expect(again.records.isEmpty)
        #expect(again.cursor == page.cursor)
        #expect(try String(contentsOfFile: arguments, encoding: .utf8).contains("1764404165"))
    }

    @Test func aFailingCallIsThrownAsOneLine() throws {
        let fake = try FakeCLI(script: "echo 'An error occurred (AccessDeniedException) when calling the LookupEvents operation: no' >&2; exit 255")
        let runner = AWSCLIRunner(configuration: AWSCLIConfiguration(executable: fake.path, timeout: 10))
        let poller = CloudTrailPoller(runner: runner, lookup: try CloudTrailLookup(.username, "alice"))
        #expect(throws: AWSCLIFailure.service(code: "AccessDeniedException", operation: "LookupEvents", message: "no")) { try poller.poll(after: nil) }
    }
}
