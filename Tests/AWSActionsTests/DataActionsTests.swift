import Foundation
import Testing
import FirebreakTestSupport

/// The data, key and workload actions, each run through the real binary and
/// CLI against moto, read back after the run and again after undo.
@Suite("Data, key and workload actions against moto", .motoServer)
struct DataActionsTests {
    static let responder = "arn:aws:iam::123456789012:role/forensics"
    /// What moto's get-caller-identity answers for the dummy credentials: the `aws:userid` a containing policy must leave out.
    static let callerUserID = "AKIAIOSFODNN7EXAMPLE"

    /// `firebreak ARGS` with more environment, whatever its exit status.
    static func firebreak(_ drill: Drill, _ arguments: [String], extra: [String: String]) throws -> Drill.Result {
        try Drill.run(Drill.binary.path, arguments, environment: drill.environment.merging(extra) { $1 })
    }

    private func policy(_ drill: Drill, _ bucket: String) throws -> [String: Any]? {
        guard let text = try? drill.aws("s3api", "get-bucket-policy", "--bucket", bucket, "--query", "Policy") else { return nil }
        return try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    }

    @Test func containBucketDeniesAllButTheCallerAndTheRespondersAndUndoPutsTheOriginalPolicyBack() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let bucket = "spill-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("s3api", "create-bucket", "--bucket", bucket)
        let original = #"{"Version":"2012-10-17","Statement":[{"Sid":"PartnerRead","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::\#(bucket)/*"}]}"#
        try drill.aws("s3api", "put-bucket-policy", "--bucket", bucket, "--policy", original)
        try drill.firebreakOK("resource", "add", "INC-1", "s3://\(bucket)", "--state", "compromised")

        let plan = try drill.firebreakOK("action", "plan", "INC-1", "s3.contain-bucket", "s3://\(bucket)", "--param", "responder-roles=\(Self.responder)")
        #expect(plan.contains("acting as arn:aws:sts::123456789012:user/moto"))
        #expect(plan.contains("the account's root user, who can always delete a bucket policy"))

        try drill.firebreakOK("action", "run", "INC-1", "s3.contain-bucket", "s3://\(bucket)", "--param", "responder-roles=\(Self.responder)", "--yes")
        let contained = try #require(try policy(drill, bucket))
        let statement = try #require((contained["Statement"] as? [[String: Any]])?.first)
        #expect(statement["Sid"] as? String == "FirebreakContainBucket" && statement["Effect"] as? String == "Deny" && statement["Principal"] as? String == "*")
        #expect(statement["Resource"] as? [String] == ["arn:aws:s3:::\(bucket)", "arn:aws:s3:::\(bucket)/*"])
        let condition = try #require(statement["Condition"] as? [String: [String: Any]])
        #expect(condition["StringNotLike"]?["aws:userid"] as? [String] == [Self.callerUserID])
        #expect(condition["ArnNotLike"]?["aws:PrincipalArn"] as? [String] == [Self.responder])
        #expect(try drill.recorded("run-1", "s3://\(bucket)")["original-policy"] as? String == original)
        #expect(try drill.resourceState("s3://\(bucket)") == "contained")
        #expect(try drill.checklistState("containment.contain-buckets") == "done")

        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        let restored = try #require(try policy(drill, bucket))
        #expect(NSDictionary(dictionary: restored) == NSDictionary(dictionary: try JSONSerialization.jsonObject(with: Data(original.utf8)) as! [String: Any]))
    }

    @Test func containBucketWithoutAPolicyExemptsOnlyTheCallerAndUndoDeletesThePolicy() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let bucket = "bare-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("s3api", "create-bucket", "--bucket", bucket)
        try drill.firebreakOK("resource", "add", "INC-1", "s3://\(bucket)")
        try drill.firebreakOK("action", "run", "INC-1", "s3.contain-bucket", "s3://\(bucket)", "--yes")
        let statement = try #require(((try policy(drill, bucket))?["Statement"] as? [[String: Any]])?.first)
        let condition = try #require(statement["Condition"] as? [String: [String: Any]])
        #expect(condition.keys.sorted() == ["StringNotLike"])
        #expect(condition["StringNotLike"]?["aws:userid"] as? [String] == [Self.callerUserID])

        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try policy(drill, bucket) == nil)
        #expect(throws: (any Error).self) { try drill.aws("s3api", "get-bucket-policy", "--bucket", bucket) }
    }

    /// Acting as a role's session, the policy leaves out every session of that role
    /// (`AROA…:*`), so an undo from a later session is not shut out.
    @Test func containBucketAsARoleSessionExemptsEverySessionOfThatRole() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let role = "Responder-\(UUID().uuidString.prefix(8).lowercased())"
        let roleID = try drill.aws("iam", "create-role", "--role-name", role, "--assume-role-policy-document",
                                   #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}"#,
                                   "--query", "Role.RoleId")
        let credentials = try drill.aws("sts", "assume-role", "--role-arn", "arn:aws:iam::123456789012:role/\(role)", "--role-session-name", "alice",
                                        "--query", "Credentials.[AccessKeyId, SecretAccessKey, SessionToken]").split(separator: "\t").map(String.init)
        let session = ["AWS_ACCESS_KEY_ID": credentials[0], "AWS_SECRET_ACCESS_KEY": credentials[1], "AWS_SESSION_TOKEN": credentials[2]]
        let bucket = "held-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("s3api", "create-bucket", "--bucket", bucket)
        try drill.firebreakOK("resource", "add", "INC-1", "s3://\(bucket)")
        try drill.firebreakOK(["action", "run", "INC-1", "s3.contain-bucket", "s3://\(bucket)", "--yes"], extra: session)
        let statement = try #require(((try policy(drill, bucket))?["Statement"] as? [[String: Any]])?.first)
        #expect((statement["Condition"] as? [String: [String: Any]])?["StringNotLike"]?["aws:userid"] as? [String] == ["\(roleID):*"])
    }

    @Test func aRoleListThatIsNotRoleARNsIsRefusedBeforeAnythingIsCalled() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        try drill.firebreakOK("resource", "add", "INC-1", "s3://never-touched")
        let bad = try drill.firebreak("action", "run", "INC-1", "s3.contain-bucket", "s3://never-touched", "--yes",
                                      "--param", "responder-roles=\(Self.responder),arn:aws:iam::123456789012:user/alice")
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("'arn:aws:iam::123456789012:user/alice' is not an IAM role ARN"))
        #expect(bad.stderr.split(separator: "\n").count == 1)
        #expect((try drill.incident()["actionRuns"] as? [[String: Any]])?.isEmpty == true)
    }

    @Test func enforceOwnerTurnsACLsOffAndUndoPutsThePreviousOwnershipBack() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let bucket = "acl-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("s3api", "create-bucket", "--bucket", bucket)
        try drill.aws("s3api", "put-bucket-ownership-controls", "--bucket", bucket, "--ownership-controls", #"{"Rules":[{"ObjectOwnership":"ObjectWriter"}]}"#)
        let query = ["s3api", "get-bucket-ownership-controls", "--bucket", bucket, "--query", "OwnershipControls.Rules[0].ObjectOwnership"]
        try drill.firebreakOK("resource", "add", "INC-1", "s3://\(bucket)", "--state", "compromised")
        try drill.firebreakOK("action", "run", "INC-1", "s3.enforce-owner", "s3://\(bucket)", "--yes")
        #expect(try drill.aws(query) == "BucketOwnerEnforced")
        #expect(try drill.resourceState("s3://\(bucket)") == "compromised")
        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try drill.aws(query) == "ObjectWriter")

        // A bucket that had none (moto's new buckets) has none again after undo.
        let bare = "acl-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("s3api", "create-bucket", "--bucket", bare)
        try drill.firebreakOK("resource", "add", "INC-1", "s3://\(bare)")
        try drill.firebreakOK("action", "run", "INC-1", "s3.enforce-owner", "s3://\(bare)", "--yes")
        #expect(try drill.aws("s3api", "get-bucket-ownership-controls", "--bucket", bare, "--query", "OwnershipControls.Rules[0].ObjectOwnership") == "BucketOwnerEnforced")
        try drill.firebreakOK("action", "undo", "INC-1", "run-3", "--yes")
        #expect(throws: (any Error).self) { try drill.aws("s3api", "get-bucket-ownership-controls", "--bucket", bare) }
    }

    /// moto answers s3control only through a proxy: the CLI puts the account id in front of the endpoint's host.
    private func proxied(_ drill: Drill) -> [String: String] {
        ["HTTP_PROXY": drill.server.endpoint, "NO_PROXY": "", "no_proxy": ""]
    }

    private func accountBlock(_ drill: Drill) throws -> TestAWSCLI.Result {
        try TestAWSCLI.run(["s3control", "get-public-access-block", "--account-id", "123456789012",
                            "--query", "PublicAccessBlockConfiguration", "--output", "json"],
                           environment: drill.server.environment.merging(proxied(drill)) { $1 })
    }

    @Test func accountBlockPublicAccessIsSetForTheAccountAndUndoRemovesIt() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        try drill.firebreakOK("resource", "add", "INC-1", "123456789012", "--kind", "aws-account")
        #expect(try accountBlock(drill).stderr.contains("NoSuchPublicAccessBlockConfiguration"))
        try drill.firebreakOK(["action", "run", "INC-1", "s3.account-block-public-access", "123456789012", "--yes"], extra: proxied(drill))
        let set = try JSONSerialization.jsonObject(with: Data(try accountBlock(drill).stdout.utf8)) as? [String: Bool]
        #expect(set == ["BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true])
        try drill.firebreakOK(["action", "undo", "INC-1", "run-1", "--yes"], extra: proxied(drill))
        #expect(try accountBlock(drill).stderr.contains("NoSuchPublicAccessBlockConfiguration"))
    }

    // MARK: Lambda

    private func seedFunction(_ drill: Drill) throws -> (name: String, mapping: String) {
        let name = "fn-\(UUID().uuidString.prefix(8).lowercased())"
        let zip = drill.folder.appendingPathComponent("fn.zip").path
        let made = try Drill.run("/usr/bin/env", ["python3", "-c", "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],'w'); z.writestr('index.py','def handler(e, c):\\n    return 1\\n'); z.close()", zip],
                                 environment: ProcessInfo.processInfo.environment)
        try #require(made.status == 0, "\(made.stderr)")
        let role = try drill.aws("iam", "create-role", "--role-name", name, "--assume-role-policy-document",
                                 #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#,
                                 "--query", "Role.Arn")
        try drill.aws("lambda", "create-function", "--function-name", name, "--runtime", "python3.12", "--role", role,
                      "--handler", "index.handler", "--zip-file", "fileb://\(zip)")
        try drill.aws("lambda", "add-permission", "--function-name", name, "--statement-id", "anyone", "--action", "lambda:InvokeFunction", "--principal", "*")
        try drill.aws("lambda", "add-permission", "--function-name", name, "--statement-id", "from-bucket", "--action", "lambda:InvokeFunction",
                      "--principal", "s3.amazonaws.com", "--source-arn", "arn:aws:s3:::uploads")
        let queue = try drill.aws("--endpoint-url", drill.server.endpoint, "sqs", "create-queue", "--queue-name", name, "--query", "QueueUrl")
        let queueARN = try drill.aws("--endpoint-url", drill.server.endpoint, "sqs", "get-queue-attributes", "--queue-url", queue, "--attribute-names", "QueueArn", "--query", "Attributes.QueueArn")
        let mapping = try drill.aws("lambda", "create-event-source-mapping", "--function-name", name, "--event-source-arn", queueARN, "--query", "UUID")
        return (name, mapping)
    }

    private func statementIDs(_ drill: Drill, _ function: String) throws -> [String] {
        guard let text = try? drill.aws("lambda", "get-policy", "--function-name", function, "--query", "Policy") else { return [] }
        let document = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        return ((document?["Statement"] as? [[String: Any]]) ?? []).compactMap { $0["Sid"] as? String }.sorted()
    }

    @Test func lambdaContainThrottlesRemovesThePublicStatementDisablesTriggersAndUndoPutsEachBack() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (function, mapping) = try seedFunction(drill)
        let state = ["lambda", "list-event-source-mappings", "--function-name", function, "--query", "EventSourceMappings[0].State"]
        #expect(try statementIDs(drill, function) == ["anyone", "from-bucket"])
        #expect(try drill.aws(state) == "Enabled")
        try drill.firebreakOK("resource", "add", "INC-1", function, "--kind", "lambda-function", "--state", "compromised")

        try drill.firebreakOK("action", "run", "INC-1", "lambda.contain", function, "--yes")
        #expect(try drill.aws("lambda", "get-function-concurrency", "--function-name", function, "--query", "ReservedConcurrentExecutions") == "0")
        // Only the statement open to everyone goes; the one narrowed to a bucket's ARN stays.
        #expect(try statementIDs(drill, function) == ["from-bucket"])
        #expect(try drill.aws(state) == "Disabled")
        let recorded = try drill.recorded("run-1", function)
        #expect((recorded["public-statements"] as? [[String: Any]])?.compactMap { $0["Sid"] as? String } == ["anyone"])
        #expect(recorded["enabled-mappings"] as? [String] == [mapping])
        #expect(try drill.resourceState(function) == "contained")
        #expect(try drill.checklistState("containment.contain-functions") == "done")

        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        // No reserved concurrency before: none after (get-function-concurrency answers {}).
        #expect(try drill.aws("lambda", "get-function-concurrency", "--function-name", function, "--query", "ReservedConcurrentExecutions") == "None")
        #expect(try statementIDs(drill, function) == ["anyone", "from-bucket"])
        #expect(try drill.aws(state) == "Enabled")
    }

    @Test func lambdaContainPutsBackAReservedConcurrencyThatWasSet() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (function, _) = try seedFunction(drill)
        try drill.aws("lambda", "put-function-concurrency", "--function-name", function, "--reserved-concurrent-executions", "7")
        try drill.firebreakOK("resource", "add", "INC-1", function, "--kind", "lambda-function")
        try drill.firebreakOK("action", "run", "INC-1", "lambda.contain", function, "--yes")
        #expect(try drill.recorded("run-1", function)["previous-concurrency"] as? Int == 7)
        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try drill.aws("lambda", "get-function-concurrency", "--function-name", function, "--query", "ReservedConcurrentExecutions") == "7")
    }

    // MARK: Secrets and parameters

    /// Every place a value could have leaked to: what the commands printed, the incident, its events, and the database's bytes.
    private func expectNowhere(_ secret: String, _ drill: Drill, printed: [String]) throws {
        for text in printed { #expect(!text.contains(secret)) }
        #expect(!(try drill.firebreakOK("show", "INC-1", "--json")).contains(secret))
        #expect(!(try drill.firebreakOK("events", "INC-1", "--json")).contains(secret))
        for suffix in ["", "-wal"] {
            if let bytes = FileManager.default.contents(atPath: drill.database + suffix) {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "the value is in firebreak.db\(suffix)")
            }
        }
    }

    @Test func secretsRotatePutsTheValueFromTheEnvironmentAndNeverShowsOrStoresIt() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let name = "prod/db-\(UUID().uuidString.prefix(6).lowercased())"
        try drill.aws("secretsmanager", "create-secret", "--name", name, "--secret-string", "the-old-password")
        let secret = "N3w-\(UUID().uuidString)-pw"
        try drill.firebreakOK("resource", "add", "INC-1", name, "--kind", "secret", "--state", "compromised")
        let env = ["FIREBREAK_TEST_NEW_SECRET": secret]
        let plan = try drill.firebreakOK(["action", "plan", "INC-1", "secrets.rotate", name, "--param", "value-from-env=FIREBREAK_TEST_NEW_SECRET"], extra: env)
        #expect(plan.contains("put-secret-value") && plan.contains("[REDACTED]"))
        let planJSON = try drill.firebreakOK(["action", "plan", "INC-1", "secrets.rotate", name, "--param", "value-from-env=FIREBREAK_TEST_NEW_SECRET", "--json"], extra: env)
        let run = try drill.firebreakOK(["action", "run", "INC-1", "secrets.rotate", name, "--param", "value-from-env=FIREBREAK_TEST_NEW_SECRET",
                                         "--yes", "--confirm", "rotate \(name)"], extra: env)
        #expect(try drill.aws("secretsmanager", "get-secret-value", "--secret-id", name, "--query", "SecretString") == secret)
        #expect(try drill.run("run-1")["status"] as? String == "succeeded")
        #expect(try drill.run("run-1")["parameters"] as? [String: String] == ["value-from-env": "FIREBREAK_TEST_NEW_SECRET"])
        try expectNowhere(secret, drill, printed: [plan, planJSON, run])
        #expect(try drill.checklistState("containment.rotate-secrets") == "done")
    }

    @Test func aSecretParameterThatIsUnsetOrNamesNoVariableIsRefusedInOneLine() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        try drill.firebreakOK("resource", "add", "INC-1", "prod/db", "--kind", "secret")
        let unset = try drill.firebreak("action", "run", "INC-1", "secrets.rotate", "prod/db", "--param", "value-from-env=FIREBREAK_NOT_SET_ANYWHERE",
                                        "--yes", "--confirm", "rotate prod/db")
        #expect(unset.status != 0 && unset.stderr.contains("the environment variable FIREBREAK_NOT_SET_ANYWHERE is not set or is empty"))
        let literal = try drill.firebreak("action", "run", "INC-1", "secrets.rotate", "prod/db", "--param", "value-from-env=hunter2!",
                                          "--yes", "--confirm", "rotate prod/db")
        #expect(literal.status != 0 && literal.stderr.contains("never the value itself"))
        let dash = try Self.firebreak(drill, ["action", "run", "INC-1", "secrets.rotate", "prod/db", "--param", "value-from-env=FB_DASH",
                                        "--yes", "--confirm", "rotate prod/db"], extra: ["FB_DASH": "--debug-me"])
        #expect(dash.status != 0 && dash.stderr.contains("starts with '-'") && !dash.stderr.contains("--debug-me"))
        #expect((try drill.incident()["actionRuns"] as? [[String: Any]])?.isEmpty == true)
    }

    @Test func secretsRotateRefusesASecretWithoutRotationAndRotatesOneThatHasIt() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let name = "svc-\(UUID().uuidString.prefix(6).lowercased())"
        try drill.aws("secretsmanager", "create-secret", "--name", name, "--secret-string", "v1")
        try drill.firebreakOK("resource", "add", "INC-1", name, "--kind", "secret")
        let refused = try drill.firebreak("action", "run", "INC-1", "secrets.rotate", name, "--yes", "--confirm", "rotate \(name)")
        #expect(refused.status != 0 && refused.stderr.contains("rotation is not configured on \(name)"))
        let current = try drill.aws("secretsmanager", "list-secret-version-ids", "--secret-id", name, "--query", "Versions[?contains(VersionStages, 'AWSCURRENT')].VersionId | [0]")
        #expect(try drill.aws("secretsmanager", "list-secret-version-ids", "--secret-id", name, "--query", "length(Versions)") == "1")

        // moto keeps RotationEnabled false unless a rotation function really ran (only under Docker), so the
        // secret's description is AWS's own answer for a secret with rotation on; rotate-secret itself goes to moto.
        let arn = try drill.aws("secretsmanager", "describe-secret", "--secret-id", name, "--query", "ARN")
        let described = drill.folder.appendingPathComponent("describe-secret.json")
        try #"""
        {"ARN": "\#(arn)", "Name": "\#(name)", "RotationEnabled": true,
         "RotationLambdaARN": "arn:aws:lambda:us-east-1:123456789012:function:SecretsManagerRotation",
         "RotationRules": {"AutomaticallyAfterDays": 30}, "LastChangedDate": "2026-11-30T10:00:00.000000+00:00",
         "VersionIdsToStages": {"\#(current)": ["AWSCURRENT"]}}
        """#.write(to: described, atomically: true, encoding: .utf8)
        let cli = try RecordedResponsesCLI(["secretsmanager describe-secret": [.file(described.path)]])
        try drill.firebreakOK("action", "run", "INC-1", "secrets.rotate", name, "--yes", "--confirm", "rotate \(name)", "--aws-cli", cli.path)
        let fresh = try drill.aws("secretsmanager", "list-secret-version-ids", "--secret-id", name,
                                  "--query", "Versions[?VersionId != '\(current)' && (contains(VersionStages, 'AWSPENDING') || contains(VersionStages, 'AWSCURRENT'))].VersionId")
        #expect(!fresh.isEmpty && fresh != "None")
        #expect(try drill.recorded("run-2", name)["previous-version"] as? String == current)
    }

    @Test func overwriteParameterPutsANewSecureStringWithItsKeyAndStoresNothingOfIt() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let name = "/app/\(UUID().uuidString.prefix(6).lowercased())/db-password"
        try drill.aws("ssm", "put-parameter", "--name", name, "--type", "SecureString", "--value", "stolen-one")
        let plain = "/app/\(UUID().uuidString.prefix(6).lowercased())/region"
        try drill.aws("ssm", "put-parameter", "--name", plain, "--type", "String", "--value", "us-east-1")
        try drill.firebreakOK("resource", "add", "INC-1", name, "--kind", "ssm-parameter", "--state", "compromised")
        try drill.firebreakOK("resource", "add", "INC-1", plain, "--kind", "ssm-parameter")
        let secret = "Fr3sh-\(UUID().uuidString)"
        let env = ["FB_PARAMETER_VALUE": secret]

        let refused = try Self.firebreak(drill, ["action", "run", "INC-1", "ssm.overwrite-parameter", plain, "--param", "value-from-env=FB_PARAMETER_VALUE",
                                           "--yes", "--confirm", "overwrite \(plain)"], extra: env)
        #expect(refused.status != 0 && refused.stderr.contains("is not a SecureString parameter"))
        #expect(try drill.aws("ssm", "get-parameter", "--name", plain, "--query", "Parameter.Value") == "us-east-1")

        let run = try drill.firebreakOK(["action", "run", "INC-1", "ssm.overwrite-parameter", name, "--param", "value-from-env=FB_PARAMETER_VALUE",
                                         "--yes", "--confirm", "overwrite \(name)"], extra: env)
        #expect(try drill.aws("ssm", "get-parameter", "--name", name, "--with-decryption", "--query", "Parameter.[Type, Value, Version]")
                == "SecureString\t\(secret)\t2")
        #expect(try drill.recorded("run-2", name)["key-id"] as? String == "alias/aws/ssm")
        try expectNowhere(secret, drill, printed: [run])
    }

    // MARK: KMS

    @Test func reviewKeyKeepsThePolicyAndGrantsAndRevokeGrantRemovesTheAttackersGrant() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let key = try drill.aws("kms", "create-key", "--query", "KeyMetadata.Arn")
        let grant = try drill.aws("kms", "create-grant", "--key-id", key, "--grantee-principal", "arn:aws:iam::444455556666:root",
                                  "--operations", "Decrypt", "GenerateDataKey", "--query", "GrantId")
        try drill.firebreakOK("resource", "add", "INC-1", key, "--state", "compromised")

        try drill.firebreakOK("action", "run", "INC-1", "kms.review-key", key, "--yes")
        let review = try drill.recorded("run-1", key)
        // Evidence captures hold the SHA-256 of what was kept whole.
        for name in ["key-policy", "grants"] {
            let hash = try #require(review[name] as? String, "\(name) not recorded")
            #expect(hash.count == 64 && hash.allSatisfy(\.isHexDigit), "\(name): \(hash)")
        }
        let summary = try #require(review["grant-summary"] as? [[String: Any]])
        #expect(summary.map { $0["id"] as? String } == [grant] && summary.first?["grantee"] as? String == "arn:aws:iam::444455556666:root")

        let unknown = try drill.firebreak("action", "run", "INC-1", "kms.revoke-grant", key, "--param", "grant-id=no-such-grant", "--yes", "--confirm", "revoke no-such-grant")
        #expect(unknown.status != 0 && unknown.stderr.contains("the key has no grant no-such-grant"), "\(unknown.stderr)")
        #expect(try drill.aws("kms", "list-grants", "--key-id", key, "--query", "length(Grants)") == "1")

        let wrong = try drill.firebreak("action", "run", "INC-1", "kms.revoke-grant", key, "--param", "grant-id=\(grant)", "--yes", "--confirm", "revoke it")
        #expect(wrong.status != 0)
        try drill.firebreakOK("action", "run", "INC-1", "kms.revoke-grant", key, "--param", "grant-id=\(grant)", "--yes", "--confirm", "revoke \(grant)")
        #expect(try drill.aws("kms", "list-grants", "--key-id", key, "--query", "length(Grants)") == "0")
        let runs = try drill.incident()["actionRuns"] as! [[String: Any]]
        let revoked = try #require(runs.last)
        let recordedGrant = try #require(((revoked["results"] as? [[String: Any]])?.first?["recorded"] as? [String: Any])?["grant"] as? [String: Any])
        #expect(recordedGrant["GranteePrincipal"] as? String == "arn:aws:iam::444455556666:root")
        #expect(try drill.firebreak("action", "undo", "INC-1", revoked["runId"] as! String, "--yes").status != 0)
    }

    // MARK: RDS, EKS, CloudTrail, Organizations

    @Test func rdsPublicAccessIsTurnedOffAndUndoTurnsItBackOnOnlyIfItWasOn() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let db = "db-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("--endpoint-url", drill.server.endpoint, "rds", "create-db-instance", "--db-instance-identifier", db, "--db-instance-class", "db.t3.micro", "--engine", "postgres",
                      "--master-username", "admin1", "--master-user-password", "n0t-a-real-one", "--allocated-storage", "20", "--publicly-accessible")
        let query = ["--endpoint-url", drill.server.endpoint, "rds", "describe-db-instances", "--db-instance-identifier", db, "--query", "DBInstances[0].PubliclyAccessible"]
        try drill.firebreakOK("resource", "add", "INC-1", db, "--kind", "rds-db-instance", "--state", "compromised")
        try drill.firebreakOK("action", "run", "INC-1", "rds.disable-public-access", db, "--yes", "--endpoint-url", drill.server.endpoint)
        #expect(try drill.aws(query) == "False")
        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes", "--endpoint-url", drill.server.endpoint)
        #expect(try drill.aws(query) == "True")

        let closed = "db-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("--endpoint-url", drill.server.endpoint, "rds", "create-db-instance", "--db-instance-identifier", closed, "--db-instance-class", "db.t3.micro", "--engine", "postgres",
                      "--master-username", "admin1", "--master-user-password", "n0t-a-real-one", "--allocated-storage", "20", "--no-publicly-accessible")
        try drill.firebreakOK("resource", "add", "INC-1", closed, "--kind", "rds-db-instance")
        try drill.firebreakOK("action", "run", "INC-1", "rds.disable-public-access", closed, "--yes", "--endpoint-url", drill.server.endpoint)
        try drill.firebreakOK("action", "undo", "INC-1", "run-3", "--yes", "--endpoint-url", drill.server.endpoint)
        #expect(try drill.aws("--endpoint-url", drill.server.endpoint, "rds", "describe-db-instances", "--db-instance-identifier", closed, "--query", "DBInstances[0].PubliclyAccessible") == "False")
    }

    @Test func snapshotSharesAreAllRemovedAndUndoAddsThemBack() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let db = "db-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("--endpoint-url", drill.server.endpoint, "rds", "create-db-instance", "--db-instance-identifier", db, "--db-instance-class", "db.t3.micro", "--engine", "postgres",
                      "--master-username", "admin1", "--master-user-password", "n0t-a-real-one", "--allocated-storage", "20")
        let snapshot = "\(db)-snap"
        try drill.aws("--endpoint-url", drill.server.endpoint, "rds", "create-db-snapshot", "--db-instance-identifier", db, "--db-snapshot-identifier", snapshot)
        try drill.aws("--endpoint-url", drill.server.endpoint, "rds", "modify-db-snapshot-attribute", "--db-snapshot-identifier", snapshot, "--attribute-name", "restore",
                      "--values-to-add", "all", "444455556666")
        let query = ["--endpoint-url", drill.server.endpoint, "rds", "describe-db-snapshot-attributes", "--db-snapshot-identifier", snapshot, "--query",
                     "sort(DBSnapshotAttributesResult.DBSnapshotAttributes[?AttributeName=='restore'].AttributeValues[])"]
        let shares = { () throws -> [String] in try drill.aws(query).split(whereSeparator: \.isWhitespace).map(String.init) }
        #expect(try shares() == ["444455556666", "all"])
        try drill.firebreakOK("resource", "add", "INC-1", snapshot, "--kind", "rds-snapshot", "--state", "compromised")
        try drill.firebreakOK("action", "run", "INC-1", "rds.make-snapshot-private", snapshot, "--yes", "--endpoint-url", drill.server.endpoint)
        #expect(try shares() == [])
        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes", "--endpoint-url", drill.server.endpoint)
        #expect(try shares() == ["444455556666", "all"])
    }

    @Test func eksEndpointIsTurnedOffOrLimitedAndUndoPutsThePreviousAccessBack() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let cluster = "c-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("eks", "create-cluster", "--name", cluster, "--role-arn", "arn:aws:iam::123456789012:role/eks", "--resources-vpc-config",
                      #"{"subnetIds":["subnet-1","subnet-2"],"endpointPublicAccess":true,"endpointPrivateAccess":false,"publicAccessCidrs":["0.0.0.0/0"]}"#)
        let query = ["eks", "describe-cluster", "--name", cluster, "--query",
                     "cluster.resourcesVpcConfig.[endpointPublicAccess, endpointPrivateAccess, join(',', publicAccessCidrs || `[]`)]"]
        #expect(try drill.aws(query) == "True\tFalse\t0.0.0.0/0")
        try drill.firebreakOK("resource", "add", "INC-1", cluster, "--kind", "eks-cluster", "--state", "compromised")
        try drill.firebreakOK("action", "run", "INC-1", "eks.restrict-endpoint", cluster, "--yes")
        #expect(try drill.aws(query).hasPrefix("False\tTrue"))
        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try drill.aws(query) == "True\tFalse\t0.0.0.0/0")

        try drill.firebreakOK("action", "run", "INC-1", "eks.restrict-endpoint", cluster, "--param", "public-cidrs=203.0.113.0/28,198.51.100.7/32", "--yes")
        #expect(try drill.aws(query) == "True\tTrue\t203.0.113.0/28,198.51.100.7/32")
    }

    @Test func restartLoggingStartsTheTrailAndLogsManagementEventsAndUndoNeverStopsIt() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let trail = "trail-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("s3api", "create-bucket", "--bucket", trail)
        try drill.aws("cloudtrail", "create-trail", "--name", trail, "--s3-bucket-name", trail)
        try drill.aws("cloudtrail", "start-logging", "--name", trail)
        // What an attacker does first: narrow what is logged, then stop logging.
        try drill.aws("cloudtrail", "put-event-selectors", "--trail-name", trail, "--event-selectors", #"[{"ReadWriteType":"ReadOnly","IncludeManagementEvents":true}]"#)
        try drill.aws("cloudtrail", "stop-logging", "--name", trail)
        let logging = ["cloudtrail", "get-trail-status", "--name", trail, "--query", "IsLogging"]
        let selectors = ["cloudtrail", "get-event-selectors", "--trail-name", trail, "--query", "EventSelectors[].ReadWriteType"]
        #expect(try drill.aws(logging) == "False")
        try drill.firebreakOK("resource", "add", "INC-1", trail, "--kind", "cloudtrail-trail", "--state", "compromised")

        try drill.firebreakOK("action", "run", "INC-1", "cloudtrail.restart-logging", trail, "--yes")
        #expect(try drill.aws(logging) == "True")
        #expect(try drill.aws(selectors) == "All")
        #expect(try drill.recorded("run-1", trail)["was-logging"] as? Bool == false)
        #expect(try drill.checklistState("containment.restart-logging") == "done")

        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try drill.aws(selectors) == "ReadOnly")
        #expect(try drill.aws(logging) == "True")
    }

    @Test func quarantineAccountAttachesADenyAllButBreakGlassPolicyAndUndoDetachesAndDeletesIt() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        _ = try? drill.aws("organizations", "create-organization", "--feature-set", "ALL")
        let account = try drill.aws("organizations", "create-account", "--email", "m-\(UUID().uuidString.prefix(6))@example.com",
                                    "--account-name", "member", "--query", "CreateAccountStatus.AccountId")
        let breakGlass = "arn:aws:iam::\(account):role/break-glass"
        try drill.firebreakOK("resource", "add", "INC-1", account, "--kind", "aws-account", "--state", "compromised")
        let plan = try drill.firebreakOK("action", "plan", "INC-1", "organizations.quarantine-account", account, "--param", "break-glass-role=\(breakGlass)")
        #expect(plan.contains("quarantine \(account)") && plan.contains("the management account itself (an SCP never applies to it)"))
        let unconfirmed = try drill.firebreak("action", "run", "INC-1", "organizations.quarantine-account", account, "--param", "break-glass-role=\(breakGlass)", "--yes")
        #expect(unconfirmed.status != 0)

        try drill.firebreakOK("action", "run", "INC-1", "organizations.quarantine-account", account, "--param", "break-glass-role=\(breakGlass)",
                              "--yes", "--confirm", "quarantine \(account)")
        let policyID = try #require(try drill.recorded("run-1", account)["policy-id"] as? String)
        #expect(try drill.aws("organizations", "list-policies-for-target", "--target-id", account, "--filter", "SERVICE_CONTROL_POLICY",
                              "--query", "Policies[].Id").split(separator: "\t").contains(Substring(policyID)))
        let content = try drill.aws("organizations", "describe-policy", "--policy-id", policyID, "--query", "Policy.Content")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(content.utf8)) as? [String: Any])
        let statement = try #require((document["Statement"] as? [[String: Any]])?.first)
        #expect(statement["Effect"] as? String == "Deny" && statement["Action"] as? String == "*")
        #expect((statement["Condition"] as? [String: [String: String]])?["ArnNotLike"]?["aws:PrincipalArn"] == breakGlass)

        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(!(try drill.aws("organizations", "list-policies-for-target", "--target-id", account, "--filter", "SERVICE_CONTROL_POLICY",
                                "--query", "Policies[].Id")).contains(policyID))
        #expect(throws: (any Error).self) { try drill.aws("organizations", "describe-policy", "--policy-id", policyID) }
    }
}
