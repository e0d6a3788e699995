import Foundation
import Testing
import FirebreakTestSupport

/// The identity actions of the responder's toolkit (`iam.contain-user`,
/// `iam.restrict-trust`, `iam.deny-session`), each run through the real binary
/// and CLI against moto, read back after the run and again after undo.
@Suite("User and role containment against moto", .motoServer)
struct UserContainmentTests {
    static var seconds: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter
    }

    /// Waits (polling the clock) until the current second is later than `date`'s, and returns the new time.
    func nextSecond(after date: Date) throws -> Date {
        let second = floor(date.timeIntervalSince1970)
        let deadline = Date().addingTimeInterval(5)
        while floor(Date().timeIntervalSince1970) <= second {
            guard Date() < deadline else { throw CocoaError(.featureUnsupported) }
            usleep(20_000)
        }
        return Date()
    }

    func enableMFA(_ drill: Drill, user: String, device: String) throws -> String {
        let serial = try drill.aws("iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", device,
                                   "--outfile", drill.folder.appendingPathComponent("\(device).png").path, "--bootstrap-method", "QRCodePNG",
                                   "--query", "VirtualMFADevice.SerialNumber")
        try drill.aws("iam", "enable-mfa-device", "--user-name", user, "--serial-number", serial,
                      "--authentication-code1", "123456", "--authentication-code2", "234567")
        return serial
    }

    @Test func containUserDeactivatesEveryKeyRemovesTheConsoleDeniesOlderCredentialsAndNewMFAAndUndoSaysWhatItCannotRestore() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let user = "mallory-\(suffix)"
        try drill.aws("iam", "create-user", "--user-name", user)
        let first = try drill.aws("iam", "create-access-key", "--user-name", user, "--query", "AccessKey.AccessKeyId")
        let second = try drill.aws("iam", "create-access-key", "--user-name", user, "--query", "AccessKey.AccessKeyId")
        try drill.aws("iam", "create-login-profile", "--user-name", user, "--password", "Correct-Horse-9-Battery!")
        // The user's own device, enabled before the window; then the attacker's, enabled inside it.
        let own = try enableMFA(drill, user: user, device: "own-\(suffix)")
        let since = Self.seconds.string(from: try nextSecond(after: Date()))
        _ = try nextSecond(after: Self.seconds.date(from: since)!)
        let attackers = try enableMFA(drill, user: user, device: "attacker-\(suffix)")
        try drill.firebreakOK("resource", "add", "INC-1", user, "--kind", "iam-user", "--state", "compromised")

        let plan = try drill.firebreakOK("action", "plan", "INC-1", "iam.contain-user", user, "--param", "mfa-since=\(since)")
        #expect(plan.contains("Undo cannot bring the console password back"), "\(plan)")
        #expect(plan.contains(first) && plan.contains(second) && plan.contains("password created"), "\(plan)")

        let before = Date()
        try drill.firebreakOK("action", "run", "INC-1", "iam.contain-user", user, "--yes", "--param", "mfa-since=\(since)")
        let after = Date()
        #expect(try drill.aws("iam", "list-access-keys", "--user-name", user, "--query", "sort(AccessKeyMetadata[].Status)") == "Inactive\tInactive")
        let noProfile = try TestAWSCLI.run(["iam", "get-login-profile", "--user-name", user], environment: drill.server.environment)
        #expect(noProfile.status != 0 && noProfile.stderr.contains("NoSuchEntity"))
        let recorded = try drill.recorded("run-1", user)
        // Credentials issued before the plan was made are denied: the time is the plan's, to the second.
        let cutoff = try drill.aws("iam", "get-user-policy", "--user-name", user, "--policy-name", "firebreak-revoke-older-sessions",
                                   "--query", "PolicyDocument.Statement[0].Condition.DateLessThan.\"aws:TokenIssueTime\"")
        let cutoffDate = try #require(Self.seconds.date(from: cutoff), "\(cutoff)")
        #expect(cutoffDate >= before.addingTimeInterval(-1) && cutoffDate <= after)
        #expect(try drill.aws("iam", "list-mfa-devices", "--user-name", user, "--query", "MFADevices[].SerialNumber") == own)
        #expect(recorded["new-mfa-devices"] as? [String] == [attackers])
        #expect(Set(recorded["active-keys"] as? [String] ?? []) == [first, second])
        #expect((recorded["login-profile"] as? [String: Any])?["CreateDate"] != nil)
        #expect(try drill.resourceState(user) == "contained")

        // Undo lifts the deny only: the password, the attacker's MFA device and the keys stay as the run left them.
        let undo = try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(undo.contains("cannot restore the console password"), "\(undo)")
        #expect(try drill.aws("iam", "list-user-policies", "--user-name", user, "--query", "length(PolicyNames)") == "0")
        #expect(try drill.aws("iam", "list-access-keys", "--user-name", user, "--query", "sort(AccessKeyMetadata[].Status)") == "Inactive\tInactive")
        #expect(try TestAWSCLI.run(["iam", "get-login-profile", "--user-name", user], environment: drill.server.environment).status != 0)
        #expect(try drill.aws("iam", "list-mfa-devices", "--user-name", user, "--query", "MFADevices[].SerialNumber") == own)
        #expect(try drill.resourceState(user) == "contained")
    }

    @Test func containUserReactivatesTheKeysOnlyWhenAskedAndToleratesAUserWithoutPassword() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let user = "trent-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("iam", "create-user", "--user-name", user)
        let key = try drill.aws("iam", "create-access-key", "--user-name", user, "--query", "AccessKey.AccessKeyId")
        try drill.firebreakOK("resource", "add", "INC-1", user, "--kind", "iam-user", "--state", "compromised")
        try drill.firebreakOK("action", "run", "INC-1", "iam.contain-user", user, "--yes")
        let steps = (try drill.run("run-1")["steps"] as! [[String: Any]]).map { $0["step"] as! String }
        #expect(!steps.contains("remove-console-access") && !steps.contains("deactivate-new-mfa-devices"), "\(steps)")
        #expect(try drill.aws("iam", "list-access-keys", "--user-name", user, "--query", "AccessKeyMetadata[0].Status") == "Inactive")
        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes", "--reactivate")
        #expect(try drill.aws("iam", "list-access-keys", "--user-name", user, "--query", "AccessKeyMetadata[?AccessKeyId=='\(key)'].Status | [0]") == "Active")
        #expect(try drill.resourceState(user) == "recovered")
    }

    @Test func restrictTrustLeavesOnlyTheNamedPrincipalAndUndoPutsTheOriginalBack() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let role = "shared-\(suffix)", responders = "responders-\(suffix)"
        let original = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"sts:AssumeRole"}]}"#
        try drill.aws("iam", "create-role", "--role-name", role, "--assume-role-policy-document", original)
        let respondersARN = try drill.aws("iam", "create-role", "--role-name", responders, "--assume-role-policy-document", original, "--query", "Role.Arn")
        try drill.firebreakOK("resource", "add", "INC-1", role, "--kind", "iam-role", "--state", "compromised")
        let trust = ["iam", "get-role", "--role-name", role, "--query", "sort(Role.AssumeRolePolicyDocument.Statement[].Principal.[AWS, Service][] | [?@])"]

        let plan = try drill.firebreakOK("action", "plan", "INC-1", "iam.restrict-trust", role, "--param", "allow-principal=\(respondersARN)")
        #expect(plan.contains("ec2.amazonaws.com") && plan.contains("arn:aws:iam::210987654321:root"), "\(plan)")
        let missing = try drill.firebreak("action", "run", "INC-1", "iam.restrict-trust", role, "--yes")
        #expect(missing.status != 0 && missing.stderr.contains("allow-principal"), "\(missing.stderr)")

        try drill.firebreakOK("action", "run", "INC-1", "iam.restrict-trust", role, "--yes", "--param", "allow-principal=\(respondersARN)")
        #expect(try drill.aws(trust) == respondersARN)
        let recorded = try drill.recorded("run-1", role)["original-trust"] as? [String: Any]
        #expect((recorded?["Statement"] as? [Any])?.count == 2)

        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try drill.aws(trust) == "arn:aws:iam::210987654321:root\tec2.amazonaws.com")
    }

    @Test func denySessionDeniesOnlyTheNamedSessionEachInItsOwnPolicyAndUndoRemovesJustThatOne() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let role = "web-\(UUID().uuidString.prefix(8).lowercased())"
        let roleID = try drill.aws("iam", "create-role", "--role-name", role, "--assume-role-policy-document",
                                   #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#,
                                   "--query", "Role.RoleId")
        try drill.firebreakOK("resource", "add", "INC-1", role, "--kind", "iam-role", "--state", "compromised")
        try drill.firebreakOK("action", "run", "INC-1", "iam.deny-session", role, "--yes", "--param", "session-name=i-0123456789abcdef0")
        try drill.firebreakOK("action", "run", "INC-1", "iam.deny-session", role, "--yes", "--param", "source-identity=mallory@example.com")
        #expect(try drill.aws("iam", "get-role-policy", "--role-name", role, "--policy-name", "firebreak-deny-session-i-0123456789abcdef0",
                              "--query", "PolicyDocument.Statement[0].Condition.StringEquals.\"aws:userid\"") == "\(roleID):i-0123456789abcdef0")
        #expect(try drill.aws("iam", "get-role-policy", "--role-name", role, "--policy-name", "firebreak-deny-source-identity-mallory@example.com",
                              "--query", "PolicyDocument.Statement[0].Condition.StringEquals.\"aws:SourceIdentity\"") == "mallory@example.com")

        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try drill.aws("iam", "list-role-policies", "--role-name", role, "--query", "PolicyNames") == "firebreak-deny-source-identity-mallory@example.com")

        // Without a session to name, or with a name STS would not take: one line, nothing written.
        let refused = try drill.firebreak("action", "run", "INC-1", "iam.deny-session", role, "--yes")
        #expect(refused.status != 0 && refused.stderr.contains("name the session"), "\(refused.stderr)")
        let bad = try drill.firebreak("action", "run", "INC-1", "iam.deny-session", role, "--yes", "--param", "session-name=a b")
        #expect(bad.status != 0 && bad.stderr.contains("expected a role session name"), "\(bad.stderr)")

        #expect(try drill.aws("iam", "list-role-policies", "--role-name", role, "--query", "length(PolicyNames)") == "1")
    }
}
