import AWSActions
import AWSEmulator
import Foundation
@testable import FirebreakCLI
import IncidentModel
import IncidentStore
import LogTail
import Testing
import FirebreakTestSupport

/// CloudWatch Logs and CloudTrail as console sources: the real `aws` CLI
/// against moto (started here, on a free port) for CloudWatch, a stand-in CLI
/// printing recorded output for CloudTrail (moto has no lookup-events); lines
/// kept with their cursor in a real database, so a restart resumes exactly once.
@Suite("Following CloudWatch Logs and CloudTrail in the console", .serialized)
struct FollowLogsTests {
    /// Collects what a source reports, from its thread.
    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var collected: [LogTail.LogLine] = []
        private var statuses: [LogSourceStatus] = []

        var handler: @Sendable (LogSourceEvent) -> Void {
            { [self] event in
                lock.withLock {
                    switch event {
                    case .lines(let lines, _): collected += lines
                    case .status(let status): statuses.append(status)
                    }
                }
            }
        }

        var lines: [LogTail.LogLine] { lock.withLock { collected } }
        var texts: [String] { lines.map(\.text) }
        var lastStatus: LogSourceStatus? { lock.withLock { statuses.last } }

        @discardableResult
        func wait(timeout: TimeInterval = 20, until condition: (Collected) -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if condition(self) { return true }
                usleep(20_000)
            }
            return condition(self)
        }
    }

    /// A CloudWatch Logs group with one stream in a fresh moto, and a way to put events into it.
    final class LogGroupFixture {
        let emulator: MotoEmulator
        let runner: AWSCLIRunner
        let group = "/firebreak/follow-\(UUID().uuidString.prefix(8).lowercased())"

        init() throws {
            emulator = try MotoEmulator(environment: ProcessInfo.processInfo.environment)
            runner = AWSCLIRunner(configuration: AWSCLIConfiguration(
                region: "us-east-1", timeout: 30, environment: emulatorEnvironment(endpoint: emulator.endpoint)))
            try aws("logs", "create-log-group", "--log-group-name", group)
            try aws("logs", "create-log-stream", "--log-group-name", group, "--log-stream-name", "web")
        }

        deinit { emulator.stop() }

        func aws(_ arguments: String...) throws {
            let call = try TestAWSCLI.run(arguments, environment: emulatorEnvironment(endpoint: emulator.endpoint))
            if call.status != 0 { throw TestAWSCLI.Failure("aws \(arguments.joined(separator: " ")): \(call.stderr)") }
        }

        /// Puts `messages` with timestamps from now on, `sameMillisecond` of them sharing the first one.
        func put(_ messages: [String], sameMillisecond: Int = 1) throws {
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let events = messages.enumerated().map { index, message in
                #"{"timestamp": \#(now + Int64(max(0, index - sameMillisecond + 1))), "message": "\#(message)"}"#
            }
            try aws("logs", "put-log-events", "--log-group-name", group, "--log-stream-name", "web",
                    "--log-events", "[" + events.joined(separator: ",") + "]")
        }
    }

    @Test func aFollowedGroupDeliversEveryLineOnceInOrderAlsoAcrossARestart() throws {
        let folder = try TemporaryFolder()
        let fixture = try LogGroupFixture()
        let store = try SQLiteIncidentStore(path: folder.path("fb.db"))
        let incident = try store.openIncident(IncidentOpened(title: "follow", severity: Severity(rawValue: 2)!), actor: "alice", at: nil)
        let groups = try ConsoleLogSources.check(try ConsoleLogOptions.parse(["--follow-logs", fixture.group]))
        func sources() throws -> [any LogSource] {
            try ConsoleLogSources.make(tails: [], tailsFromStart: [], groups: groups, cloudTrail: false, pollSeconds: 0.3, keepCap: KeptLinesCap(lines: 1_000),
                                       incident: incident, store: store, mode: .live, runner: { fixture.runner }, region: nil)
        }
        let first = try #require(try sources().first)
        #expect(first.id.rawValue == "cwl:\(fixture.group)")
        let seen = Collected()
        first.start(handler: seen.handler)
        #expect(seen.wait { $0.lastStatus == .following })

        // Put while following, in batches, two of each batch at the same millisecond.
        var expected: [String] = []
        for batch in 0..<3 {
            let messages = (0..<4).map { "batch \(batch) event \($0)" }
            try fixture.put(messages, sameMillisecond: 2)
            expected += messages
            usleep(400_000)
        }
        #expect(seen.wait { $0.lines.count >= expected.count })
        Thread.sleep(forTimeInterval: 1.5)   // a few more polls: nothing may come twice
        #expect(seen.texts == expected)
        first.stop()

        // Written while the console was closed: a restarted console gets exactly these.
        let whileClosed = ["closed 0", "closed 1", "closed 2"]
        try fixture.put(whileClosed, sameMillisecond: 3)
        let second = try #require(try sources().first)
        let again = Collected()
        second.start(handler: again.handler)
        #expect(again.wait { $0.lines.count >= whileClosed.count })
        Thread.sleep(forTimeInterval: 1.5)
        #expect(again.texts == whileClosed)
        second.stop()

        // Kept in the database with the source's name, hashed like the lines shown.
        let kept = try store.keptLines(of: incident.incident.id)
        #expect(kept.lines.map { String(decoding: $0.raw, as: UTF8.self) } == expected + whileClosed)
        #expect(kept.lines.allSatisfy { $0.sourceName == fixture.group && $0.sourceID == "cwl:\(fixture.group)" })
        #expect(kept.lines.first?.sha256Hex == seen.lines.first?.sha256Hex)
        #expect(kept.dropped == 0)
        #expect(try store.keptCursor(of: incident.incident.id, source: "cwl:\(fixture.group)") != nil)
        // Not part of the incident's chain.
        #expect(try store.events(of: incident.incident.id, since: 0).count == 1)
        #expect(try store.verify(incident.incident.id).allSatisfy(\.isIntact))
    }

    @Test func aDeletedGroupShowsAnErrorAndTheSourceRetries() throws {
        let fixture = try LogGroupFixture()
        let poller = try CloudWatchLogsPoller(runner: fixture.runner, logGroup: fixture.group)
        let source = PollingLogSource(id: LogSourceID("cwl:\(fixture.group)"), displayName: fixture.group, poller: LogGroupPoller(poller: poller),
                                      interval: 0.2, retry: RetryPolicy(initial: 0.2, maximum: 0.4))
        let seen = Collected()
        source.start(handler: seen.handler)
        defer { source.stop() }
        #expect(seen.wait { $0.lastStatus == .following })
        try fixture.aws("logs", "delete-log-group", "--log-group-name", fixture.group)
        #expect(seen.wait { $0.lastStatus?.isError == true })
        #expect(seen.lastStatus?.description.contains("ResourceNotFoundException") == true)
        // Back again: the source recovers by itself.
        try fixture.aws("logs", "create-log-group", "--log-group-name", fixture.group)
        try fixture.aws("logs", "create-log-stream", "--log-group-name", fixture.group, "--log-stream-name", "web")
        try fixture.put(["after the outage"])
        #expect(seen.wait { $0.texts == ["after the outage"] })
    }

    @Test func cloudTrailForTheIncidentsResourcesFromRecordedOutputEachEventOnce() throws {
        let folder = try TemporaryFolder()
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("AWSActionsTests/Fixtures/cloudtrail-lookup-events-v1.json").path
        let script = folder.path("aws")
        try "#!/bin/sh\nprintf '%s\\n' \"$*\" >> \(folder.path("argv.log"))\ncat '\(fixture)'\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o700)
        let runner = AWSCLIRunner(configuration: AWSCLIConfiguration(executable: script, region: "us-east-1", timeout: 10,
                                                                     environment: ProcessInfo.processInfo.environment))
        let key = Resource(id: "AKIAIOSFODNN7EXAMPLE", kind: .iamAccessKey, state: .compromised, addedAt: Date(), addedBy: "alice")
        let sources = try ConsoleLogSources.cloudTrailSources(for: [key], runner: runner, region: nil, interval: 0.2,
                                                              start: Date(timeIntervalSince1970: 1_764_400_000), cursor: { _ in nil })
        let source = try #require(sources.first)
        #expect(source.id.rawValue == "cloudtrail:AKIAIOSFODNN7EXAMPLE")
        let seen = Collected()
        source.start(handler: seen.handler)
        defer { source.stop() }
        #expect(seen.wait { $0.lines.count >= 4 })
        Thread.sleep(forTimeInterval: 1)   // several more polls of the same output
        #expect(seen.lines.count == 4)
        #expect(seen.texts.map { $0.split(separator: " ")[1] } == ["GetCallerIdentity", "CreateUser", "CreateAccessKey", "RunInstances"])
        #expect(seen.lines.map(\.level) == [.info, .info, .info, .error])
        #expect(seen.lines.allSatisfy { $0.timeOrigin == .source })
        let argv = try String(contentsOfFile: folder.path("argv.log"), encoding: .utf8)
        #expect(argv.contains(#"cloudtrail lookup-events --lookup-attributes [{"AttributeKey":"AccessKeyId","AttributeValue":"AKIAIOSFODNN7EXAMPLE"}]"#))
    }

    @Test func keptLinesAreCappedOldestFirstAndCounted() throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteIncidentStore(path: folder.path("fb.db"))
        let incident = try store.openIncident(IncidentOpened(title: "cap", severity: Severity(rawValue: 3)!), actor: "alice", at: nil).incident.id
        for batch in 0..<5 {
            let lines = (0..<10).map { index in
                KeepingLogSource.kept(LogTail.LogLine(sourceID: "file:/x", sequence: UInt64(batch * 10 + index), text: "line \(batch * 10 + index)"),
                                      sourceName: "x")
            }
            try store.keep(lines, cursor: "c\(batch)", source: "file:/x", of: incident, keepingAtMost: 25)
        }
        let kept = try store.keptLines(of: incident)
        #expect(kept.lines.map { String(decoding: $0.raw, as: UTF8.self) } == (25..<50).map { "line \($0)" })
        #expect(kept.dropped == 25)
        #expect(try store.keptCursor(of: incident, source: "file:/x") == "c4")
        // A read-only store cannot keep anything.
        let readOnly = try SQLiteIncidentStore(path: folder.path("fb.db"), mode: .readOnly)
        #expect(throws: StoreError.self) { try readOnly.keep([], cursor: "c5", source: "file:/x", of: incident, keepingAtMost: 25) }
        #expect(try readOnly.keptCursor(of: incident, source: "file:/x") == "c4")
    }

    @Test func badLogOptionsAreRefusedInOneLineBeforeAnythingStarts() throws {
        let folder = try TemporaryFolder()
        let fb = FirebreakProcess(database: folder.path("fb.db"), operatorName: "alice")
        _ = try fb.run("open", "--title", "options")
        let before = try fb.run("events", "INC-1", "--json").stdout
        let cases: [([String], String)] = [
            (["--filter-pattern", "ERROR"], "--filter-pattern needs a --follow-logs group"),
            (["--follow-logs", "/a", "--follow-logs", "/b", "--filter-pattern", "x", "--filter-pattern", "y", "--filter-pattern", "z"],
             "--filter-pattern was given 3 times for 2 --follow-logs groups"),
            (["--follow-logs=--endpoint-url=http://evil"], "--follow-logs --endpoint-url=http://evil:"),
            (["--follow-logs", "/a", "--poll-seconds", "0"], "--poll-seconds must be between"),
            (["--log-lines", "5"], "--log-lines must be between"),
            (["--keep-bytes", "12Q"], "--keep-bytes must be a size between 1K and 1T"),
        ]
        for (arguments, message) in cases {
            let result = try fb.run(["console", "INC-1"] + arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderrLines.count == 1 && result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        #expect(try fb.run("events", "INC-1", "--json").stdout == before)
    }
}
