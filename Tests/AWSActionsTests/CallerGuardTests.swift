import AWSActions
@testable import FirebreakCLI
import Foundation
import IncidentModel
import IncidentStore
import Testing

/// Never lock yourself out: every identity action learns who Firebreak acts
/// as (`sts get-caller-identity` through the run's own CLI), says so in the
/// plan, and refuses to act on that identity — its user, the role behind its
/// session, the key it signs with, a bucket policy denying it — unless the
/// responder says `--allow-self`. Through the real binary and CLI against moto.
@Suite("The caller guard against moto", .motoServer, .serialized)
struct CallerGuardTests {
    /// moto answers dummy credentials with `arn:aws:sts::123456789012:user/moto`
    /// (an `sts` user ARN, a form AWS does not use): Firebreak takes it as the
    /// IAM user `moto`, so creating that user gives the caller's own user.
    static let motoCaller = "arn:aws:sts::123456789012:user/moto"

    func createMotoUser(_ drill: Drill) throws {
        do { try drill.aws("iam", "create-user", "--user-name", "moto") } catch {
            guard "\(error)".contains("EntityAlreadyExists") else { throw error }
        }
    }

    func eventCount(_ drill: Drill) throws -> Int {
        (try JSONSerialization.jsonObject(with: Data(drill.firebreakOK("events", "INC-1", "--json").utf8)) as! [Any]).count
    }

    func userPolicies(_ drill: Drill, _ user: String) throws -> String {
        try drill.aws("iam", "list-user-policies", "--user-name", user, "--query", "length(PolicyNames)")
    }

    @Test func theCallersOwnUserIsRefusedAnotherUserIsContainedAndAllowSelfOverrides() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        try createMotoUser(drill)
        let other = "intruder-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("iam", "create-user", "--user-name", other)
        try drill.firebreakOK("resource", "add", "INC-1", "moto", "--kind", "iam-user", "--state", "compromised")
        try drill.firebreakOK("resource", "add", "INC-1", other, "--kind", "iam-user", "--state", "compromised")

        let plan = try drill.firebreakOK("action", "plan", "INC-1", "iam.deny-all", "moto")
        #expect(plan.contains("acting as \(Self.motoCaller)"), "\(plan)")
        #expect(plan.contains("refused without --allow-self: moto is the IAM user Firebreak acts as"), "\(plan)")
        let json = try JSONSerialization.jsonObject(with: Data(drill.firebreakOK("action", "plan", "INC-1", "iam.deny-all", "moto", "--json").utf8)) as! [String: Any]
        #expect(json["actingAs"] as? String == Self.motoCaller)
        #expect((json["callerConflicts"] as? [[String: Any]])?.first?["resource"] as? String == "moto")

        let before = try eventCount(drill)
        let refused = try drill.firebreak("action", "run", "INC-1", "iam.deny-all", "moto", "--yes")
        #expect(refused.status != 0)
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("refusing iam.deny-all: moto is the IAM user Firebreak acts as")
                && refused.stderr.contains("--allow-self"), "\(refused.stderr)")
        #expect(try eventCount(drill) == before, "a refusal was recorded")
        #expect(try userPolicies(drill, "moto") == "0")
        #expect(try drill.resourceState("moto") == "compromised")

        // Someone else is still contained, and the plan names no conflict for them.
        let otherPlan = try drill.firebreakOK("action", "plan", "INC-1", "iam.deny-all", other)
        #expect(otherPlan.contains("acting as \(Self.motoCaller)") && !otherPlan.contains("refused without"), "\(otherPlan)")
        try drill.firebreakOK("action", "run", "INC-1", "iam.deny-all", other, "--yes")
        #expect(try userPolicies(drill, other) == "1")

        // The explicit override acts on itself.
        try drill.firebreakOK("action", "run", "INC-1", "iam.deny-all", "moto", "--yes", "--allow-self")
        #expect(try userPolicies(drill, "moto") == "1")
        try drill.aws("iam", "delete-user-policy", "--user-name", "moto", "--policy-name", "firebreak-deny-all")
    }

    @Test func theKeyFirebreakSignsWithIsRefusedTheUsersOtherKeyIsNot() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let user = "responder-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("iam", "create-user", "--user-name", user, "--path", "/ops/")
        let own = try drill.aws("iam", "create-access-key", "--user-name", user, "--query", "AccessKey.[AccessKeyId, SecretAccessKey]")
            .split(separator: "\t").map(String.init)
        let spare = try drill.aws("iam", "create-access-key", "--user-name", user, "--query", "AccessKey.AccessKeyId")
        try drill.firebreakOK("resource", "add", "INC-1", own[0], "--kind", "iam-access-key", "--state", "compromised")
        try drill.firebreakOK("resource", "add", "INC-1", spare, "--kind", "iam-access-key", "--state", "compromised")
        // Signed with the user's own key, moto's caller is that IAM user, path included.
        let asUser = ["AWS_ACCESS_KEY_ID": own[0], "AWS_SECRET_ACCESS_KEY": own[1]]
        let status = { (key: String) in
            try drill.aws("iam", "list-access-keys", "--user-name", user, "--query", "AccessKeyMetadata[?AccessKeyId=='\(key)'] | [0].Status")
        }

        let plan = try drill.firebreakOK("action", "plan", "INC-1", "iam.deactivate-key", own[0], extra: asUser)
        #expect(plan.contains("acting as arn:aws:iam::123456789012:user/ops/\(user) (access key …\(own[0].suffix(4)))"), "\(plan)")
        #expect(!plan.contains(own[1]), "the secret reached the plan")

        let before = try eventCount(drill)
        let refused = try drill.firebreak("action", "run", "INC-1", "iam.deactivate-key", own[0], "--yes", extra: asUser)
        #expect(refused.status != 0 && refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("is the access key Firebreak signs with"), "\(refused.stderr)")
        #expect(try eventCount(drill) == before)
        #expect(try status(own[0]) == "Active")

        // The same key through a profile: the CLI then ignores the environment's keys, and so does the guard.
        let credentials = drill.folder.appendingPathComponent("credentials")
        try "[responder]\naws_access_key_id = \(own[0])\naws_secret_access_key = \(own[1])\n".write(to: credentials, atomically: true, encoding: .utf8)
        let viaProfile = try drill.firebreak("action", "run", "INC-1", "iam.deactivate-key", own[0], "--yes", "--profile", "responder",
                                             extra: ["AWS_SHARED_CREDENTIALS_FILE": credentials.path])
        #expect(viaProfile.status != 0 && viaProfile.stderr.contains("is the access key Firebreak signs with"), "\(viaProfile.stderr)")
        #expect(try status(own[0]) == "Active")

        // The user's other key is not the one in use: it is deactivated.
        try drill.firebreakOK("action", "run", "INC-1", "iam.deactivate-key", spare, "--yes", extra: asUser)
        #expect(try status(spare) == "Inactive")
    }

    @Test func theRoleBehindAnAssumedRoleSessionIsRefused() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let role = "Responder-\(UUID().uuidString.prefix(8).lowercased())"
        let other = "worker-\(UUID().uuidString.prefix(8).lowercased())"
        for name in [role, other] {
            try drill.aws("iam", "create-role", "--role-name", name, "--path", "/ops/", "--assume-role-policy-document",
                          #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}"#)
        }
        let credentials = try drill.aws("sts", "assume-role", "--role-arn", "arn:aws:iam::123456789012:role/ops/\(role)", "--role-session-name", "alice",
                                        "--query", "Credentials.[AccessKeyId, SecretAccessKey, SessionToken]").split(separator: "\t").map(String.init)
        let session = ["AWS_ACCESS_KEY_ID": credentials[0], "AWS_SECRET_ACCESS_KEY": credentials[1], "AWS_SESSION_TOKEN": credentials[2]]
        // The role is in the incident by its ARN (path included); the session's ARN has no path.
        try drill.firebreakOK("resource", "add", "INC-1", "arn:aws:iam::123456789012:role/ops/\(role)", "--state", "compromised")
        try drill.firebreakOK("resource", "add", "INC-1", other, "--kind", "iam-role", "--state", "compromised")
        let roleID = "arn:aws:iam::123456789012:role/ops/\(role)"

        let plan = try drill.firebreakOK("action", "plan", "INC-1", "iam.revoke-sessions", roleID, extra: session)
        #expect(plan.contains("acting as arn:aws:sts::123456789012:assumed-role/\(role)/alice"), "\(plan)")
        for action in ["iam.deny-all", "iam.revoke-sessions"] {
            let refused = try drill.firebreak("action", "run", "INC-1", action, roleID, "--yes", extra: session)
            #expect(refused.status != 0 && refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
            #expect(refused.stderr.contains("is the role behind Firebreak's own session"), "\(refused.stderr)")
        }
        #expect(try drill.aws("iam", "list-role-policies", "--role-name", role, "--query", "length(PolicyNames)") == "0")
        try drill.firebreakOK("action", "run", "INC-1", "iam.revoke-sessions", other, "--yes", extra: session)
        #expect(try drill.aws("iam", "list-role-policies", "--role-name", other, "--query", "length(PolicyNames)") == "1")
    }

    /// A bucket-policy action (none is built in yet, so two definitions from
    /// a folder): a policy denying everyone shuts the caller out and is
    /// refused; the same deny with the caller exempted is written.
    @Test func aBucketPolicyThatDeniesTheCallerIsRefusedOneThatExemptsItIsWritten() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let bucket = "spill-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("s3api", "create-bucket", "--bucket", bucket)
        try drill.firebreakOK("resource", "add", "INC-1", bucket, "--kind", "s3-bucket", "--state", "compromised")
        let folder = drill.folder.appendingPathComponent("actions")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        func definition(_ id: String, condition: String) -> String {
            """
            { "id": "\(id)", "phase": "containment", "kinds": ["s3-bucket"], "risk": "reversible", "guardsCaller": true,
              "summary": "Deny everyone the bucket",
              "steps": [{ "name": "deny", "argv": ["s3api", "put-bucket-policy", "--bucket", "{resource}", "--policy",
                { "json": { "Version": "2012-10-17", "Statement": [{ "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                  "Resource": "*"\(condition) }] } }] }],
              "undo": [{ "name": "remove", "argv": ["s3api", "delete-bucket-policy", "--bucket", "{resource}"] }] }
            """
        }
        try definition("s3.deny-everyone", condition: "").write(to: folder.appendingPathComponent("a.json"), atomically: true, encoding: .utf8)
        try definition("s3.deny-all-but-me", condition: #", "Condition": { "StringNotLike": { "aws:PrincipalArn": ["arn:aws:sts::123456789012:user/moto"] } }"#)
            .write(to: folder.appendingPathComponent("b.json"), atomically: true, encoding: .utf8)
        let actions = ["FIREBREAK_ACTIONS": folder.path]

        let refused = try drill.firebreak("action", "run", "INC-1", "s3.deny-everyone", bucket, "--yes", extra: actions)
        #expect(refused.status != 0 && refused.stderr.contains("gets a bucket policy that denies Firebreak's own identity"), "\(refused.stderr)")
        #expect(throws: (any Error).self) { try drill.aws("s3api", "get-bucket-policy", "--bucket", bucket) }

        try drill.firebreakOK("action", "run", "INC-1", "s3.deny-all-but-me", bucket, "--yes", extra: actions)
        #expect(try drill.aws("s3api", "get-bucket-policy", "--bucket", bucket, "--query", "Policy").contains("StringNotLike"))
    }

    /// The console's way to act on itself: a typed confirmation naming the
    /// caller, carried to the run, which learns the caller again.
    @Test func theConsoleAsksToTypeTheCallersNameBeforeActingOnItself() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        try createMotoUser(drill)
        try drill.firebreakOK("resource", "add", "INC-1", "moto", "--kind", "iam-user", "--state", "compromised")
        let runner = AWSCLIRunner(configuration: AWSCLIConfiguration(region: "us-east-1", environment: drill.server.environment))
        let service = CatalogActionService(catalog: try ActionCatalog.load(locator: ActionCatalogLocator(searchDirectories: [])), runner: runner)
        let store = try SQLiteIncidentStore(path: drill.database)
        let incident = IncidentID(rawValue: 1)
        let before = try store.state(of: incident)

        let preview = try service.preview(action: "iam.deny-all", resources: ["moto"], parameters: [:], in: before)
        #expect(preview.confirmationText == "act on myself moto")
        #expect(preview.lines.contains { $0.contains("moto is the IAM user Firebreak acts as") }, "\(preview.lines)")
        // Without the confirmed override (a run started another way), nothing is recorded or changed.
        #expect(throws: (any Error).self) {
            try service.run(action: "iam.deny-all", resources: ["moto"], parameters: [:], store: store, incident: incident, actor: "alice")
        }
        #expect(try store.state(of: incident).lastSeq == before.lastSeq)
        #expect(try drill.aws("iam", "list-user-policies", "--user-name", "moto", "--query", "length(PolicyNames)") == "0")

        // What the overlay passes on once the text is typed.
        let said = try service.run(action: "iam.deny-all", resources: ["moto"], parameters: preview.parameters, store: store,
                                   incident: incident, actor: "alice")
        #expect(said.hasSuffix("succeeded"), "\(said)")
        #expect(try drill.aws("iam", "list-user-policies", "--user-name", "moto", "--query", "length(PolicyNames)") == "1")
        try drill.aws("iam", "delete-user-policy", "--user-name", "moto", "--policy-name", "firebreak-deny-all")
    }
}
