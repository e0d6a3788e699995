import AWSActions
@testable import FirebreakCLI
import Foundation
import IncidentModel
import IncidentStore
import Testing

/// Undo must not re-arm the attacker, and denying a role says first what it
/// cuts: through the real binary and CLI against moto, read back.
@Suite("Identity containment against moto", .motoServer)
struct IdentityContainmentTests {
    func seedKey(_ drill: Drill) throws -> (user: String, key: String) {
        let user = "leaky-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("iam", "create-user", "--user-name", user)
        let key = try drill.aws("iam", "create-access-key", "--user-name", user, "--query", "AccessKey.AccessKeyId")
        try drill.firebreakOK("resource", "add", "INC-1", key, "--state", "compromised")
        return (user, key)
    }

    func status(_ drill: Drill, _ user: String) throws -> String {
        try drill.aws("iam", "list-access-keys", "--user-name", user, "--query", "AccessKeyMetadata[0].Status")
    }

    @Test func undoingADeactivationKeepsTheKeyInactiveUnlessAskedToReactivate() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let (user, key) = try seedKey(drill)
        try drill.firebreakOK("action", "run", "INC-1", "iam.deactivate-key", key, "--yes")
        #expect(try status(drill, user) == "Inactive")

        // The default undo reads the key back, records that it was kept inactive, and says so.
        let undo = try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(undo.contains("the key stays Inactive"), "\(undo)")
        #expect(try status(drill, user) == "Inactive")
        #expect(try drill.recorded("run-2", key)["kept-status"] as? String == "Inactive")
        let steps = try drill.run("run-2")["steps"] as! [[String: Any]]
        #expect(steps.map { $0["step"] as! String } == ["keep-inactive"])
        #expect(try drill.resourceState(key) == "contained")

        // Asked explicitly, it reactivates, and the run records that it was asked.
        try drill.firebreakOK("action", "run", "INC-1", "iam.deactivate-key", key, "--yes")
        try drill.firebreakOK("action", "undo", "INC-1", "run-3", "--yes", "--reactivate")
        #expect(try status(drill, user) == "Active")
        #expect((try drill.run("run-4")["parameters"] as? [String: Any])?["reactivate"] as? String == "yes")
        #expect(try drill.resourceState(key) == "recovered")
    }

    @Test func reactivateIsRefusedForAnUndoThatReactivatesNothing() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let user = "bob-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("iam", "create-user", "--user-name", user)
        try drill.firebreakOK("resource", "add", "INC-1", user, "--kind", "iam-user", "--state", "compromised")
        try drill.firebreakOK("action", "run", "INC-1", "iam.deny-all", user, "--yes")
        let refused = try drill.firebreak("action", "undo", "INC-1", "run-1", "--yes", "--reactivate")
        #expect(refused.status != 0 && refused.stderr.split(separator: "\n").count == 1
                && refused.stderr.contains("--reactivate: undoing iam.deny-all reactivates nothing"), "\(refused.stderr)")
        #expect(try drill.aws("iam", "list-user-policies", "--user-name", user, "--query", "length(PolicyNames)") == "1")
    }

    @Test func denyingARoleNamesItsInstanceProfilesAndWhenItWasLastUsedFirst() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let role = "web-\(suffix)", profile = "web-profile-\(suffix)", user = "carol-\(suffix)"
        try drill.aws("iam", "create-role", "--role-name", role, "--assume-role-policy-document",
                      #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#)
        try drill.aws("iam", "create-instance-profile", "--instance-profile-name", profile)
        try drill.aws("iam", "add-role-to-instance-profile", "--instance-profile-name", profile, "--role-name", role)
        try drill.aws("iam", "create-user", "--user-name", user)
        try drill.firebreakOK("resource", "add", "INC-1", role, "--kind", "iam-role", "--state", "compromised")
        try drill.firebreakOK("resource", "add", "INC-1", user, "--kind", "iam-user", "--state", "compromised")

        let plan = try drill.firebreakOK("action", "plan", "INC-1", "iam.deny-all", role)
        #expect(plan.contains("warning: \(role): everything that uses role \(role) loses every permission"), "\(plan)")
        #expect(plan.contains("instance profiles \(profile)") && plan.contains("last used:"), "\(plan)")
        let json = try JSONSerialization.jsonObject(with: Data(drill.firebreakOK("action", "plan", "INC-1", "iam.deny-all", role, "--json").utf8)) as! [String: Any]
        #expect((json["warning"] as? String)?.contains(profile) == true)
        // A user has no instance profiles: no such warning, no such reads.
        let userPlan = try drill.firebreakOK("action", "plan", "INC-1", "iam.deny-all", user)
        #expect(!userPlan.contains("instance profiles") && !userPlan.contains("list-instance-profiles-for-role"), "\(userPlan)")

        // The console's plan overlay says the same, and names the caller.
        let runner = AWSCLIRunner(configuration: AWSCLIConfiguration(region: "us-east-1", environment: drill.server.environment))
        let service = CatalogActionService(catalog: try ActionCatalog.load(locator: ActionCatalogLocator(searchDirectories: [])), runner: runner)
        let state = try SQLiteIncidentStore(path: drill.database).state(of: IncidentID(rawValue: 1))
        let lines = try service.preview(action: "iam.deny-all", resources: [role], parameters: [:], in: state).lines
        #expect(lines.contains { $0.contains("instance profiles \(profile)") }, "\(lines)")
        #expect(lines.contains { $0.trimmingCharacters(in: .whitespaces) == "acting as arn:aws:sts::123456789012:user/moto" }, "\(lines)")
    }
}
