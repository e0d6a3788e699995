import Foundation
import Testing

/// The AWS CLI gets the user's environment untouched and is started by
/// Firebreak itself, never by a shell; secrets in its output (and in the
/// environment) reach no file, screen or report of Firebreak's.
@Suite("Secrets: the AWS CLI's environment and output")
struct SecretsAndEnvironmentTests {
    static let secrets = [
        "user-secret-wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY",    // the user's own, in the environment
        "output-secret-je7MtGbClwBF2Zp9Utk/h3yCo8nvbEXAMPLEKEY",   // SecretAccessKey in a CLI answer
        "output-token-FwoGZXIvYXdzEBYaDHhBTEXAMPLETOKEN",          // SessionToken in a CLI answer
        "output-password-Hunter2Correct-Horse",                     // a login profile's Password
        "stderr-secret-9drTJvcXLB89EXAMPLEKEY",                     // a secret echoed in an error
        "ghp_R3dT3amGitHubT0kenExampleValue0123abcd",               // a GitHub token in free text
        "T0EXAMPLE/B0EXAMPLE/XyZsecretWebhookPath123",              // a Slack webhook URL's secret path
        "xoxb-1234567890-0987654321-EXAMPLEslackBotTok",            // a Slack bot token
        "lambda-db-password-Tr0ub4dor-3",                           // a Lambda environment's DB_PASSWORD
        "lambda-plain-env-value-Q7",                                // any other value of a Lambda environment
        "ssm-securestring-decrypted-P4ss",                          // get-parameter --with-decryption of a SecureString
        "oauth-client-secret-8sKq2Lm",                              // an OAuth client_secret
        "url-password-Zx9Qw",                                       // the password in postgres://user:pass@host
        "ecs-environment-value-M3",                                 // an ECS container's environment value
    ]

    /// What a responder needs from the same output, which must still be there.
    static let kept = [
        "AKIAI44QH8DHBEXAMPLE", "arn:aws:lambda:us-east-1:123456789012:function:exfil-helper",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE",
        "postgres://app:[REDACTED]@db.internal:5432/app",
    ]

    @Test(.timeLimit(.minutes(10)))
    func theCLIGetsTheUsersEnvironmentAndNoSecretIsKept() throws {
        let folder = try ScratchFolder()
        defer { withExtendedLifetime(folder) {} }
        var fb = Firebreak(database: folder.path("firebreak.db"))
        fb.environment["AWS_ACCESS_KEY_ID"] = "AKIAIOSFODNN7EXAMPLE"
        fb.environment["AWS_SECRET_ACCESS_KEY"] = Self.secrets[0]
        fb.environment["AWS_DEFAULT_REGION"] = "eu-west-1"
        fb.environment["AWS_PROFILE"] = "incident-response"
        fb.environment["FIREBREAK_TEST_ODD_VALUE"] = "spaces and 'quotes' and $HOME and ; rm -rf /"
        try fb.ok("open", "--title", "secrets", "--region", "us-east-1")
        try fb.ok("resource", "add", "INC-1", "i-0123456789abcdef0", "--state", "compromised")

        let calls = folder.path("calls")
        try FileManager.default.createDirectory(atPath: calls, withIntermediateDirectories: true)
        let fake = try folder.script("aws", """
            n=$(ls '\(calls)' | wc -l)
            cat /proc/$$/environ > '\(calls)'/$n.env
            cat /proc/$PPID/comm > '\(calls)'/$n.parent
            printf '%s\\0' "$@" > '\(calls)'/$n.argv
            echo 'An error occurred (AccessDenied): aws_secret_access_key = \(Self.secrets[4])' >&2
            printf '{"AccessKey":{"AccessKeyId":"AKIAI44QH8DHBEXAMPLE","SecretAccessKey":"%s"},"Credentials":{"SessionToken":"%s","SecretAccessKey":"%s"},"LoginProfile":{"Password":"%s"},' \
              '\(Self.secrets[1])' '\(Self.secrets[2])' '\(Self.secrets[1])' '\(Self.secrets[3])'
            cat <<'JSON'
            "Note": "pushed with \(Self.secrets[5]), alerts to https://hooks.slack.com/services/\(Self.secrets[6]) as \(Self.secrets[7])",
            "Configuration": {"FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:exfil-helper",
              "CodeSha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
              "Environment": {"Variables": {"DB_PASSWORD": "\(Self.secrets[8])", "FEATURE": "\(Self.secrets[9])",
                "DATABASE_URL": "postgres://app:\(Self.secrets[12])@db.internal:5432/app"}}},
            "Parameter": {"Name": "/prod/db", "Value": "\(Self.secrets[10])", "Type": "SecureString", "Version": 2},
            "OAuth": {"client_id": "app", "client_secret": "\(Self.secrets[11])"},
            "Endpoint": "postgres://app:\(Self.secrets[12])@db.internal:5432/app",
            "containerDefinitions": [{"name": "web", "environment": [{"name": "MODE", "value": "\(Self.secrets[13])"}]}],
            "ResponseMetadata": {"RequestId": "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE"},
            "Value": true}
            JSON
            """)
        let run = try fb.run("action", "run", "INC-1", "ec2.protect", "i-0123456789abcdef0", "--yes", "--aws-cli", fake)
        let callFiles = try FileManager.default.contentsOfDirectory(atPath: calls)
        let envFiles = callFiles.filter { $0.hasSuffix(".env") }.sorted()
        #expect(!envFiles.isEmpty, "the fake CLI was never called: \(run.stderr)")

        // The environment each call saw is exactly the one firebreak was given.
        for name in envFiles {
            let data = try Data(contentsOf: URL(fileURLWithPath: calls + "/" + name))
            let pairs = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            let seen = Dictionary(pairs.compactMap { pair -> (String, String)? in
                guard let equals = pair.firstIndex(of: "=") else { return nil }
                return (String(pair[..<equals]), String(pair[pair.index(after: equals)...]))
            }, uniquingKeysWith: { $1 })
            let added = seen.keys.filter { fb.environment[$0] == nil }.sorted()
            let removed = fb.environment.keys.filter { seen[$0] == nil }.sorted()
            let changed = seen.keys.filter { fb.environment[$0] != nil && fb.environment[$0] != seen[$0] }.sorted()
            #expect(added.isEmpty && removed.isEmpty && changed.isEmpty,
                    "call \(name): added \(added), removed \(removed), changed \(changed)")
        }
        // Started by firebreak itself, not by a shell.
        for name in callFiles.filter({ $0.hasSuffix(".parent") }) {
            let parent = try String(contentsOfFile: calls + "/" + name, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(parent == "firebreak", "call \(name) was started by \(parent)")
        }

        // Every place Firebreak writes or prints: none holds a secret.
        var places: [(String, String)] = [("action run stdout", run.stdout), ("action run stderr", run.stderr)]
        for arguments in [["show", "INC-1", "--json"], ["show", "INC-1"], ["events", "INC-1", "--json"], ["list", "--json"]] {
            let output = try Spawned.run(Firebreak.binary, arguments, environment: fb.environment)
            places.append((arguments.joined(separator: " "), output.stdout + output.stderr))
        }
        for format in ["markdown", "json", "html"] {
            let file = folder.path("report.\(format)")
            let output = try fb.run("report", "INC-1", "--format", format, "--output", file)
            #expect(output.status == 0, "\(output.stderr)")
            places.append(("report \(format)", (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""))
        }
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: fb.database + suffix) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: fb.database + suffix))
            places.append(("database file\(suffix)", String(decoding: bytes, as: UTF8.self)))
        }
        var searched = 0
        for (place, text) in places {
            for secret in Self.secrets {
                searched += 1
                #expect(!text.contains(secret), "\(place) holds the secret \(secret)")
            }
        }
        // Redaction kept what a responder needs from the same answers.
        let recorded = try Spawned.run(Firebreak.binary, ["events", "INC-1", "--json"], environment: fb.environment).stdout
        for value in Self.kept { #expect(recorded.contains(value), "\(value) was lost from events --json") }
        // The run itself was recorded (so there was something to leak).
        let events = try fb.events()
        #expect(events.contains { $0["kind"] as? String == "action.step.finished" || ($0["kind"] as? String)?.contains("step") == true })
        SoakBudget.report("secrets: \(Self.secrets.count) secrets searched for in \(places.count) places (\(searched) searches), 0 found; "
            + "\(envFiles.count) aws calls saw the user's environment unmodified, none through a shell")
    }
}
