@testable import AWSActions
import Foundation
import Testing

@Suite("The AWS CLI runner")
struct RunnerTests {
    @Test func aMissingCLIIsOneClearError() throws {
        let runner = AWSCLIRunner(configuration: AWSCLIConfiguration(executable: "/nonexistent/aws"))
        #expect(throws: AWSCLIFailure.self) { try runner.run(["sts", "get-caller-identity"]) }
        let onPath = AWSCLIRunner(configuration: AWSCLIConfiguration(executable: "aws-not-installed", environment: ["PATH": "/nonexistent"]))
        do {
            _ = try onPath.run(["sts", "get-caller-identity"])
            Issue.record("expected a failure")
        } catch {
            #expect(error.description.hasPrefix("AWS CLI not found"))
        }
    }

    @Test func argumentsAreAnArrayNeverAShell() throws {
        let fake = try FakeCLI(script: #"for a in "$@"; do printf '%s\n' "$a"; done"#)
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("firebreak-marker-\(UUID().uuidString)").path
        let runner = AWSCLIRunner(configuration: AWSCLIConfiguration(executable: fake.path, profile: "p", region: "eu-west-1", endpointURL: "http://127.0.0.1:1"))
        let result = try runner.run(["ec2", "describe-instances", "--instance-ids", "i-1;touch \(marker)", "$(touch \(marker))"])
        #expect(result.succeeded)
        #expect(result.stdout.split(separator: "\n").map(String.init) == [
            "ec2", "describe-instances", "--instance-ids", "i-1;touch \(marker)", "$(touch \(marker))",
            "--output", "json", "--profile", "p", "--region", "eu-west-1", "--endpoint-url", "http://127.0.0.1:1",
        ])
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test func aHangingCLIIsKilledWithItsProcessGroup() throws {
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("firebreak-sleeper-\(UUID().uuidString)").path
        // The script forks a helper that would outlive a plain kill of the script.
        let fake = try FakeCLI(script: "sleep 30 &\necho $! > \(pidFile)\nsleep 30")
        let runner = AWSCLIRunner(configuration: AWSCLIConfiguration(executable: fake.path, timeout: 0.5))
        let started = Date()
        let result = try runner.run(["ec2", "describe-instances"])
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(result.timedOut)
        #expect(result.exitCode == nil)
        #expect(result.failure?.description.hasPrefix("timed out after") == true)
        let helper = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        usleep(100_000)
        // Dead, or a zombie waiting for a reaper: either way no longer running.
        let stat = (try? String(contentsOfFile: "/proc/\(helper)/stat", encoding: .utf8)) ?? ""
        let state = stat.split(separator: ")").last?.split(separator: " ").first.map(String.init)
        #expect(stat.isEmpty || state == "Z", "the forked helper is still alive")
    }

    @Test func outputIsCappedAndRedacted() throws {
        let fake = try FakeCLI(script: #"""
        echo '{"AccessKey": {"AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "SecretAccessKey": "s3cr3tVALUEthatMustNotLeak0123456789abcd"}}'
        head -c 300000 /dev/zero | tr '\0' x
        echo "aws_secret_access_key=leaked" >&2
        """#)
        let runner = AWSCLIRunner(configuration: AWSCLIConfiguration(executable: fake.path, outputLimit: 4096))
        let result = try runner.run(["iam", "create-access-key"])
        #expect(result.succeeded)
        #expect(result.truncated)
        #expect(result.stdout.utf8.count <= 4096)
        #expect(!result.stdout.contains("s3cr3tVALUE"))
        #expect(!result.stderr.contains("leaked"))
    }

    /// The cap falls inside the value: the runner redacts before it cuts, so not even the first characters are kept.
    @Test(arguments: [24, 28, 40, 60])
    func aCapInsideASecretKeepsNoneOfIt(_ limit: Int) throws {
        let fake = try FakeCLI(script: #"""
        printf '{"SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AccessKeyId": "AKIAIOSFODNN7EXAMPLE"}'
        printf '"password": "stderr-pass-Hx9"' >&2
        """#)
        let runner = AWSCLIRunner(configuration: AWSCLIConfiguration(executable: fake.path, outputLimit: limit))
        let result = try runner.run(["iam", "create-access-key"])
        #expect(result.truncated)
        #expect(result.stdout.utf8.count <= limit)
        #expect(result.stdout.hasPrefix(#"{"SecretAccessKey": ""#))
        #expect(!result.stdout.contains("wJa"), "\(result.stdout)")
        #expect(!result.stderr.contains("stderr-pa"), "\(result.stderr)")
    }

    @Test(arguments: [
        ("\nAn error occurred (NoSuchEntity) when calling the GetUser operation: The user with name x cannot be found.\n", AWSCLIFailure.service(code: "NoSuchEntity", operation: "GetUser", message: "The user with name x cannot be found.")),
        ("An error occurred (Throttling) when calling the DescribeInstances operation (reached max retries: 4): Rate exceeded", .service(code: "Throttling", operation: "DescribeInstances", message: "Rate exceeded")),
        ("\nCould not connect to the endpoint URL: \"http://127.0.0.1:9/\"\n", .connection("Could not connect to the endpoint URL: \"http://127.0.0.1:9/\"")),
        ("Unable to locate credentials. You can configure credentials by running \"aws configure\".", .credentials("Unable to locate credentials. You can configure credentials by running \"aws configure\".")),
        ("\nParameter validation failed:\nInvalid length for parameter InstanceIds[0], value: 0, valid min length: 1\n", .invalidParameters("Parameter validation failed: Invalid length for parameter InstanceIds[0], value: 0, valid min length: 1")),
    ])
    func v1ErrorsAreParsed(_ stderr: String, _ expected: AWSCLIFailure) {
        #expect(AWSCLIFailure(exitCode: 255, stderr: stderr) == expected)
        #expect(!AWSCLIFailure(exitCode: 255, stderr: stderr).description.contains("\n"))
    }

    @Test func usageErrorsAreParameterErrors() {
        let failure = AWSCLIFailure(exitCode: 2, stderr: "usage: aws [options] <command>\naws: error: argument --instance-ids is required\n")
        #expect(failure == .invalidParameters("aws: error: argument --instance-ids is required"))
    }
}
