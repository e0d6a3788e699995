import AWSActions
@testable import FirebreakCLI
import FirebreakTestSupport
import Foundation
import IncidentModel
import IncidentStore
import LogTail
import Testing

/// CloudTrail log files and VPC Flow Logs files as AWS delivers them to S3
/// (gzip'd, in `AWSLogs/ACCOUNT/SERVICE/REGION/YYYY/MM/DD/`), followed
/// through the sources `--tail` and the log pane's `a` make: one line a
/// record, digest and Lake files refused with one line, kept and resumed.
///
/// The fixtures follow the record contents and userIdentity pages of the
/// CloudTrail User Guide and the "Flow log records" page of the VPC User Guide.
@Suite("AWS log files as delivered to S3")
struct AWSLogFilesTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/logs")

    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var collected: [LogTail.LogLine] = []
        var handler: @Sendable (LogSourceEvent) -> Void {
            { [self] event in
                if case .lines(let lines, _) = event { lock.withLock { collected += lines } }
            }
        }
        var lines: [LogTail.LogLine] { lock.withLock { collected } }

        func wait(for count: Int, timeout: TimeInterval = 15) -> [LogTail.LogLine] {
            let deadline = Date().addingTimeInterval(timeout)
            while lines.count < count, Date() < deadline { usleep(20_000) }
            return lines
        }
    }

    /// The sources `--tail PATH…` makes in a live console on `incident` (kept in `store`).
    static func sources(_ paths: [String], store: SQLiteIncidentStore, incident: IncidentState?,
                        flowLogFormat: VPCFlowLogFormat? = nil) throws -> [any LogSource] {
        try ConsoleLogSources.make(tails: paths, tailsFromStart: [], groups: [], cloudTrail: false, pollSeconds: 0.2,
                                   keepCap: .default, incident: incident, store: store, mode: .live,
                                   runner: { throw CLIError("no AWS here") }, region: nil, flowLogFormat: flowLogFormat)
    }

    static func follow(_ paths: [String], store: SQLiteIncidentStore, incident: IncidentState?, until count: Int,
                       flowLogFormat: VPCFlowLogFormat? = nil) throws -> [LogTail.LogLine] {
        let sources = try Self.sources(paths, store: store, incident: incident, flowLogFormat: flowLogFormat)
        let collected = Collected()
        for source in sources { source.start(handler: collected.handler) }
        defer { for source in sources { source.stop() } }
        return collected.wait(for: count)
    }

    static func prepared(_ folder: TemporaryFolder) throws -> (SQLiteIncidentStore, IncidentState) {
        let store = try SQLiteIncidentStore(path: folder.path("fb.db"))
        let incident = try store.openIncident(IncidentOpened(title: "logs", severity: Severity(rawValue: 2)!), actor: "alice", at: nil)
        return (store, incident)
    }

    @Test func aFolderOfCloudTrailLogFilesBecomesOneLineARecordKeptOnce() throws {
        let folder = try TemporaryFolder()
        let (store, incident) = try Self.prepared(folder)
        let root = Self.fixtures.appendingPathComponent("cloudtrail").path
        let lines = try Self.follow([root], store: store, incident: incident, until: 8)
        let texts = lines.map(\.text)
        #expect(texts.count == 8, "\(texts)")
        // The digest folder sorts first; its file is named and refused, the log files are read.
        #expect(texts.first == "skipped AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/11/30/123456789012_CloudTrail-Digest_us-east-1_org-trail_us-east-1_20261130T102700Z.json.gz: a CloudTrail digest file (hashes of log files for validation, no events): follow the CloudTrail/ files, not CloudTrail-Digest/")
        #expect(Array(texts.dropFirst()) == [
            // Root, a console sign-in without MFA (additionalEventData, responseElements).
            "signin.amazonaws.com ConsoleLogin by arn:aws:iam::123456789012:root from 198.51.100.7 mfa=No login=Success ua=Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0",
            // An assumed role's session creating a key for a user: the user and the new key are named.
            "iam.amazonaws.com CreateAccessKey by arn:aws:sts::123456789012:assumed-role/web-role/i-0123456789abcdef0 key=ASIAIOSFODNN7EXAMPLE from 203.0.113.45 on deploy-bot, AKIAI44QH8DHBEXAMPLE ua=Boto3/1.34.0 md/Botocore#1.34.0 Python/3.11.4",
            // An IAM user refused: errorCode and errorMessage.
            "iam.amazonaws.com CreateUser by arn:aws:iam::123456789012:user/Alice key=AKIAIOSFODNN7EXAMPLE from 198.51.100.7 error=AccessDenied: User: arn:aws:iam::123456789012:user/Alice is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::123456789012:user/backdoor ua=aws-cli/1.18.69 Python/3.8.2 Linux/5.4.0 botocore/1.16.19",
            // An AWS service acting for the account: resources[], sharedEventID.
            "kms.amazonaws.com GenerateDataKey by service cloudtrail.amazonaws.com from cloudtrail.amazonaws.com on arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab shared ua=cloudtrail.amazonaws.com",
            // The second file, its records in time order: an S3 data event on a key with spaces.
            "s3.amazonaws.com GetObject by arn:aws:sts::123456789012:assumed-role/web-role/i-0123456789abcdef0 key=ASIAIOSFODNN7EXAMPLE from 203.0.113.45 on arn:aws:s3:::spill-bucket/Quarterly Reports/Q3 2026.xlsx, arn:aws:s3:::spill-bucket, spill-bucket ua=[aws-cli/2.15.0]",
            // Another account (AWSAccount) assuming a role here.
            "sts.amazonaws.com AssumeRole by account 444455556666 from 192.0.2.44 on arn:aws:iam::123456789012:role/cross-admin shared ua=aws-sdk-go/1.44.0",
            // A federated user launching an instance: the instance from responseElements.
            "ec2.amazonaws.com RunInstances by arn:aws:sts::123456789012:federated-user/mallory key=ASIAJ2K3L4M5N6EXAMPLE from 198.51.100.7 on i-0fedcba9876543210 ua=aws-cli/2.15.0",
        ])
        // The record's own time, and its error code as the level.
        #expect(Timestamp.format(lines[1].time).hasPrefix("2026-11-30T10:19:02"))
        #expect(lines[3].level == .error && lines[1].level != .error && lines[0].level == .warning)
        // Each line carries the SHA-256 of its record as CloudTrail wrote it (its bytes in the inflated file), not of the summary.
        let file = root + "/AWSLogs/123456789012/CloudTrail/us-east-1/2026/11/30/123456789012_CloudTrail_us-east-1_20261130T1020Z_a1B2c3D4e5F6g7H8.json.gz"
        let inflated = Data(try Gzip.inflate(Array(try Data(contentsOf: URL(fileURLWithPath: file)))))
        let records = try CloudTrailLogFile.parse(inflated)
        #expect(records.count == 4)
        for (index, record) in records.enumerated() {
            let bytes = try #require(record.record)
            #expect(inflated.range(of: Data(bytes)) != nil && bytes.first == UInt8(ascii: "{") && bytes.last == UInt8(ascii: "}"))
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
            #expect(parsed["eventID"] as? String == record.eventID)
            let line = lines[index + 1]
            #expect(line.text == record.message && line.hashesRecord)
            #expect(line.sha256Hex == LogTail.LogLine(sourceID: "x", sequence: 0, bytes: bytes).sha256Hex)
            #expect(line.sha256Hex != LogTail.LogLine(sourceID: "x", sequence: 0, text: line.text).sha256Hex)
        }
        // Kept with the incident; a restarted console reads no file twice.
        #expect(try store.keptLines(of: incident.incident.id).lines.count == 8)
        #expect(try store.keptLines(of: incident.incident.id).lines.map(\.sha256Hex).dropFirst().prefix(4) == ArraySlice(lines[1...4].map(\.sha256Hex)))
        let again = try Self.sources([root], store: store, incident: incident)
        let collected = Collected()
        for source in again { source.start(handler: collected.handler) }
        usleep(600_000)
        for source in again { source.stop() }
        #expect(collected.lines.isEmpty)
        #expect(try store.keptLines(of: incident.incident.id).lines.count == 8)
    }

    /// lookup-events (the CloudTrail poller's output, or a file of it): each line's hash is its CloudTrailEvent's, the line as before.
    @Test func lookupEventsLinesCarryTheirRecordsHash() throws {
        let text = try String(contentsOf: Self.fixtures.deletingLastPathComponent().appendingPathComponent("cloudtrail-lookup-events-v1.json"), encoding: .utf8)
        let records = try CloudTrailEvents.parse(text).records
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        for record in records {
            let written = try #require((root["Events"] as? [[String: Any]])?.first { $0["EventId"] as? String == record.eventID }?["CloudTrailEvent"] as? String)
            // As CloudTrailLookupPoller hands it to PollingLogSource, which makes the line.
            let made = LogRecord(aws: record)
            let line = LogTail.LogLine(sourceID: "cloudtrail:x", sequence: 0, bytes: made.bytes, time: made.time, level: made.level, summarizing: made.record)
            #expect(line.text == record.message && line.hashesRecord)
            #expect(line.sha256Hex == LogTail.LogLine(sourceID: "x", sequence: 0, text: written).sha256Hex)
        }
    }

    @Test func aDigestFileOrLakeOutputGivenAloneIsRefusedWithOneLine() throws {
        let folder = try TemporaryFolder()
        let (store, _) = try Self.prepared(folder)
        let digest = Self.fixtures.appendingPathComponent(
            "cloudtrail/AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/11/30/123456789012_CloudTrail-Digest_us-east-1_org-trail_us-east-1_20261130T102700Z.json.gz").path
        #expect { try Self.sources([digest], store: store, incident: nil) } throws: { error in
            "\(error)".contains("a CloudTrail digest file") && !"\(error)".contains("\n")
        }
        let lake = Self.fixtures.appendingPathComponent("cloudtrail-lake-query-results.json").path
        #expect { try Self.sources([lake], store: store, incident: nil) } throws: { error in
            "\(error)".contains("CloudTrail Lake query output, not a log file")
        }
    }

    @Test func flowLogFilesInTheDefaultAndCustomFormatsBecomeColumns() throws {
        let folder = try TemporaryFolder()
        let (store, _) = try Self.prepared(folder)
        let lines = try Self.follow([Self.fixtures.appendingPathComponent("vpcflowlogs").path], store: store, incident: nil, until: 6)
        #expect(lines.map(\.text) == [
            "REJECT tcp 198.51.100.7:44321 -> 10.0.1.5:22 3 packets 180 bytes eni-0a1b2c3d4e5f60718 action=REJECT account-id=123456789012",
            "ACCEPT tcp 10.0.1.5:49152 -> 203.0.113.45:443 20 packets 4249 bytes eni-0a1b2c3d4e5f60718 action=ACCEPT account-id=123456789012",
            "NODATA eni-0a1b2c3d4e5f60718: no traffic in the capture window 2026-11-30T10:11:00Z–2026-11-30T10:12:00Z account-id=123456789012",
            "SKIPDATA eni-0f1e2d3c4b5a69788: records were skipped in the capture window 2026-11-30T10:11:00Z–2026-11-30T10:12:00Z account-id=123456789012",
            "ACCEPT tcp 10.0.1.5:50218 -> 10.0.2.9:5432 12 packets 5120 bytes eni-0a1b2c3d4e5f60718 action=ACCEPT vpc-id=vpc-0a1b2c3d4e5f60718 subnet-id=subnet-0a1b2c3d4e5f60718 instance-id=i-0123456789abcdef0 account-id=123456789012 type=IPv4 pkt-srcaddr=10.0.1.5 pkt-dstaddr=10.0.2.9 tcp-flags=SYN,ACK flow-direction=egress traffic-path=1",
            "REJECT tcp 198.51.100.7:44322 -> 10.0.1.5:22 1 packets 60 bytes eni-0a1b2c3d4e5f60718 action=REJECT vpc-id=vpc-0a1b2c3d4e5f60718 subnet-id=subnet-0a1b2c3d4e5f60718 instance-id=i-0123456789abcdef0 account-id=123456789012 type=IPv4 pkt-srcaddr=198.51.100.7 pkt-dstaddr=10.0.1.5 tcp-flags=SYN flow-direction=ingress",
        ])
        #expect(lines.map(\.level) == [.warning, .info, .info, .error, .info, .warning])
        #expect(Timestamp.format(lines[0].time).hasPrefix("2026-11-30T10:10:00"))
        // The pane's filter finds the rejected flows.
        let filter = try LogFilter(query: "action=REJECT")
        #expect(lines.filter(filter.admits).count == 2)
    }

    @Test func headerlessFlowLogsTakeTheFormatGivenWithTheSource() throws {
        let folder = try TemporaryFolder()
        let (store, _) = try Self.prepared(folder)
        let options = try ConsoleLogOptions.parse(["--flow-log-format",
            "${vpc-id} ${instance-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${action} ${tcp-flags} ${flow-direction} ${start}"])
        let format = try #require(try options.parsedFlowLogFormat())
        let path = Self.fixtures.appendingPathComponent("flowlogs-cloudwatch-custom.log").path
        let lines = try Self.follow([path], store: store, incident: nil, until: 1, flowLogFormat: format)
        #expect(lines.map(\.text) == ["REJECT tcp 198.51.100.7:44323 -> 10.0.1.5:22 action=REJECT vpc-id=vpc-0a1b2c3d4e5f60718 instance-id=i-0123456789abcdef0 tcp-flags=SYN flow-direction=ingress"])
        #expect(throws: CLIError.self) { try ConsoleLogOptions.parse(["--flow-log-format", "${version} ${colour}"]).parsedFlowLogFormat() }
    }
}

/// VPC Flow Logs delivered to CloudWatch Logs, followed as a log group: each
/// message is a flow record, read into the same columns as S3-delivered files.
@Suite("VPC Flow Logs from CloudWatch Logs")
struct CloudWatchFlowLogsTests {
    /// What the live source does with one call's output: the poller's page, LogTail's records, then lines.
    static func lines(_ fixture: String, format: VPCFlowLogFormat? = nil) throws -> [LogTail.LogLine] {
        let stdout = try String(contentsOf: AWSLogFilesTests.fixtures.appendingPathComponent(fixture), encoding: .utf8)
        let poller = try CloudWatchLogsPoller(runner: AWSCLIRunner(configuration: AWSCLIConfiguration(executable: "/usr/bin/false")),
                                              logGroup: "/vpc/flow-logs", flowLogFormat: format)
        let result = LogGroupPoller.result(try poller.page(stdout, from: LogPollCursor(timestampMs: 0)))
        return result.records.enumerated().map { index, record in
            LogTail.LogLine(sourceID: "cwl:/vpc/flow-logs", sequence: UInt64(index), bytes: record.bytes, time: record.time, level: record.level,
                            summarizing: record.record)
        }
    }

    @Test func flowRecordsInALogGroupBecomeColumnsThatFilter() throws {
        // filter-log-events on a group a flow log in the default format delivers to.
        let lines = try Self.lines("cloudwatch-filter-log-events-flowlogs.json")
        #expect(lines.map(\.text) == [
            "REJECT tcp 198.51.100.7:44321 -> 10.0.1.5:22 3 packets 180 bytes eni-0a1b2c3d4e5f60718 action=REJECT account-id=123456789012",
            "ACCEPT tcp 10.0.1.5:49152 -> 203.0.113.45:443 20 packets 4249 bytes eni-0a1b2c3d4e5f60718 action=ACCEPT account-id=123456789012",
            "NODATA eni-0f1e2d3c4b5a69788: no traffic in the capture window 2026-11-30T10:11:00Z–2026-11-30T10:12:00Z account-id=123456789012",
        ])
        #expect(lines.map(\.level) == [.warning, .info, .info])
        // CloudWatch's own time, not the record's start.
        #expect(lines[0].time == Date(timeIntervalSince1970: 1_796_033_400.5))
        #expect(lines.filter(try LogFilter(query: "action=REJECT").admits).count == 1)
        #expect(lines.filter(try LogFilter(query: "203.0.113.45").admits).count == 1)

        // get-log-events of a flow log in a custom format (no event ids), read with --flow-log-format.
        let format = try VPCFlowLogFormat(parsing: "${version} ${vpc-id} ${subnet-id} ${instance-id} ${interface-id} ${account-id} ${type} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${pkt-srcaddr} ${pkt-dstaddr} ${protocol} ${bytes} ${packets} ${start} ${end} ${action} ${tcp-flags} ${log-status}")
        let custom = try Self.lines("cloudwatch-get-log-events-flowlogs-custom.json", format: format)
        #expect(custom.map(\.text) == [
            "REJECT tcp 198.51.100.7:44330 -> 10.0.1.5:22 1 packets 60 bytes eni-0a1b2c3d4e5f60718 action=REJECT vpc-id=vpc-0a1b2c3d4e5f60718 subnet-id=subnet-0a1b2c3d4e5f60718 instance-id=i-0123456789abcdef0 account-id=123456789012 type=IPv4 pkt-srcaddr=198.51.100.7 pkt-dstaddr=10.0.1.5 tcp-flags=SYN",
            "ACCEPT tcp 10.0.1.5:50218 -> 10.0.2.9:5432 12 packets 5120 bytes eni-0a1b2c3d4e5f60718 action=ACCEPT vpc-id=vpc-0a1b2c3d4e5f60718 subnet-id=subnet-0a1b2c3d4e5f60718 instance-id=i-0123456789abcdef0 account-id=123456789012 type=IPv4 pkt-srcaddr=10.0.1.5 pkt-dstaddr=10.0.2.9 tcp-flags=SYN,ACK",
        ])
        #expect(custom.filter(try LogFilter(query: "action=REJECT").admits).map(\.text).first?.contains("198.51.100.7") == true)
        // Without the format, those records are not taken for version 2 ones: shown as they are.
        #expect(try Self.lines("cloudwatch-get-log-events-flowlogs-custom.json").map(\.text).first?.hasPrefix("3 vpc-0a1b2c3d4e5f60718 ") == true)
    }
}
