import Foundation
import Testing

/// Evidence snapshots kept out of the attacker's reach: shared with a
/// forensic account (`ec2.share-snapshot`) and locked in compliance mode
/// (`ec2.lock-snapshot`), against moto, and with recorded real-format
/// responses where moto lacks the API (lock-snapshot, describe-locked-snapshots)
/// or the state (a snapshot under the AWS managed key).
@Suite("Snapshot custody against moto", .motoServer)
struct SnapshotCustodyTests {
    func seedSnapshot(_ drill: Drill, kmsKey: String? = nil) throws -> String {
        var create = ["ec2", "create-volume", "--size", "8", "--availability-zone", "us-east-1a", "--query", "VolumeId"]
        if let kmsKey { create += ["--encrypted", "--kms-key-id", kmsKey] }
        let volume = try drill.aws(create)
        return try drill.aws("ec2", "create-snapshot", "--volume-id", volume, "--query", "SnapshotId")
    }

    @Test func shareSnapshotGrantsTheForensicAccountOnlyAndUndoTakesItBack() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let snapshot = try seedSnapshot(drill)
        try drill.firebreakOK("resource", "add", "INC-1", snapshot, "--state", "compromised")
        let shared = ["ec2", "describe-snapshot-attribute", "--snapshot-id", snapshot, "--attribute", "createVolumePermission",
                      "--query", "CreateVolumePermissions[].UserId"]
        let bad = try drill.firebreak("action", "run", "INC-1", "ec2.share-snapshot", snapshot, "--yes", "--param", "forensic-account=1234")
        #expect(bad.status != 0 && bad.stderr.contains("expected a 12-digit AWS account id"), "\(bad.stderr)")

        try drill.firebreakOK("action", "run", "INC-1", "ec2.share-snapshot", snapshot, "--yes", "--param", "forensic-account=111122223333")
        #expect(try drill.aws(shared) == "111122223333")
        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try drill.aws(shared) == "")
    }

    @Test func shareSnapshotSaysWhenTheForensicAccountCannotUseTheKey() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let snapshot = try seedSnapshot(drill)
        try drill.firebreakOK("resource", "add", "INC-1", snapshot, "--state", "compromised")
        // moto's snapshots of encrypted volumes carry no key, and it has no AWS managed EBS key:
        // recorded real-format answers go through the same definition, queries and executor.
        let encrypted = RecordedResponsesCLI.fixture("ec2-describe-snapshots-aws-managed-key.json")
        let customer = try RecordedResponsesCLI([
            "ec2 describe-snapshots": [encrypted],
            "kms describe-key": [RecordedResponsesCLI.fixture("kms-describe-key-customer-managed.json")],
            "kms get-key-policy": [RecordedResponsesCLI.fixture("kms-get-key-policy-own-account.json")],
        ])
        // A customer managed key whose policy names only its own account: said before anyone confirms.
        let plan = try drill.firebreakOK("action", "plan", "INC-1", "ec2.share-snapshot", snapshot, "--param", "forensic-account=111122223333",
                                         "--aws-cli", customer.path)
        #expect(plan.contains("encrypted with KMS key: arn:aws:kms:us-east-1:123456789012:key/0d3a8f5e"), "\(plan)")
        #expect(plan.contains("does not name the forensic account"), "\(plan)")

        // Under the AWS managed key the run refuses, even forced, and shares nothing.
        let managed = try RecordedResponsesCLI([
            "ec2 describe-snapshots": [encrypted],
            "kms describe-key": [RecordedResponsesCLI.fixture("kms-describe-key-aws-managed.json")],
            "ec2 modify-snapshot-attribute": [.error(code: "UnauthorizedOperation", operation: "ModifySnapshotAttribute", message: "must not be called")],
        ])
        let refused = try drill.firebreak("action", "run", "INC-1", "ec2.share-snapshot", snapshot, "--yes", "--force",
                                          "--param", "forensic-account=111122223333", "--aws-cli", managed.path)
        #expect(refused.status != 0 && refused.stderr.contains("encrypted with the AWS managed key"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        #expect(managed.calls("ec2 modify-snapshot-attribute").isEmpty)
        #expect(try drill.aws("ec2", "describe-snapshot-attribute", "--snapshot-id", snapshot, "--attribute", "createVolumePermission",
                              "--query", "length(CreateVolumePermissions)") == "0")
    }

    @Test func lockSnapshotNeedsTheTypedConfirmationLocksInComplianceModeAndCannotBeUndone() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let snapshot = try seedSnapshot(drill)
        try drill.firebreakOK("resource", "add", "INC-1", snapshot, "--state", "compromised")
        let plan = try drill.firebreakOK("action", "plan", "INC-1", "ec2.lock-snapshot", snapshot, "--param", "lock-days=30")
        #expect(plan.contains("Irreversible") && plan.contains("lock \(snapshot) in compliance mode"), "\(plan)")

        // moto has no snapshot lock: recorded real-format responses through the same definition and executor.
        let cli = try RecordedResponsesCLI([
            "ec2 describe-locked-snapshots": [RecordedResponsesCLI.fixture("ec2-describe-locked-snapshots-none.json"),
                                              RecordedResponsesCLI.fixture("ec2-describe-locked-snapshots-compliance.json")],
            "ec2 lock-snapshot": [RecordedResponsesCLI.fixture("ec2-lock-snapshot-compliance.json")],
        ])
        let unconfirmed = try drill.firebreak("action", "run", "INC-1", "ec2.lock-snapshot", snapshot, "--yes", "--param", "lock-days=30", "--aws-cli", cli.path)
        #expect(unconfirmed.status != 0 && unconfirmed.stderr.contains("--confirm 'lock \(snapshot) in compliance mode'"), "\(unconfirmed.stderr)")
        #expect(cli.calls("ec2 lock-snapshot").isEmpty)

        try drill.firebreakOK("action", "run", "INC-1", "ec2.lock-snapshot", snapshot, "--yes", "--param", "lock-days=30",
                              "--confirm", "lock \(snapshot) in compliance mode", "--aws-cli", cli.path)
        let call = try #require(cli.calls("ec2 lock-snapshot").first)
        #expect(call.contains("compliance") && call.contains("30") && !call.contains("--cool-off-period"), "\(call)")
        let previous = try drill.recorded("run-1", snapshot)["previous-lock"]
        #expect(previous == nil || previous is NSNull, "\(String(describing: previous))")
        let undo = try drill.firebreak("action", "undo", "INC-1", "run-1", "--yes")
        #expect(undo.status != 0, "\(undo.stdout)")
    }
}
