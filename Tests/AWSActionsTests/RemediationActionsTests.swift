import Foundation
import Testing

/// Remediation and recovery actions against moto: destructive ones need the
/// typed text, each result read back through the CLI, undone where undoable.
@Suite("Remediation and recovery against moto", .motoServer)
struct RemediationActionsTests {
    @Test func spilledDataLosesEveryVersionAndTheBucketGetsEncryption() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let bucket = "spill-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("s3api", "create-bucket", "--bucket", bucket)
        try drill.aws("s3api", "put-bucket-versioning", "--bucket", bucket, "--versioning-configuration", "Status=Enabled")
        let body = drill.folder.appendingPathComponent("body").path
        try "customer data".write(toFile: body, atomically: true, encoding: .utf8)
        for key in ["exports/a.csv", "exports/a.csv", "exports/b.csv", "keep/c.csv", "single.txt", "single.txt"] {
            try drill.aws("s3api", "put-object", "--bucket", bucket, "--key", key, "--body", body)
        }
        // A delete without a version id only adds a marker: the data is still there.
        try drill.aws("s3api", "delete-object", "--bucket", bucket, "--key", "exports/b.csv")
        try drill.firebreakOK("resource", "add", "INC-1", bucket, "--kind", "s3-bucket", "--state", "compromised")
        try drill.firebreakOK("resource", "add", "INC-1", "\(bucket)/single.txt", "--kind", "s3-object", "--state", "compromised")
        let count = { (prefix: String) in
            try drill.aws("s3api", "list-object-versions", "--bucket", bucket, "--prefix", prefix, "--query", "length([Versions[].Key, DeleteMarkers[].Key][])")
        }

        let refused = try drill.firebreak("action", "run", "INC-1", "s3.delete-spilled", bucket, "--yes", "--param", "prefix=exports/")
        #expect(refused.status != 0 && refused.stderr.contains("--confirm 'delete 4 versions and delete markers in \(bucket)/exports/'"))
        try drill.firebreakOK("action", "run", "INC-1", "s3.delete-spilled", bucket, "--yes", "--param", "prefix=exports/",
                              "--confirm", "delete 4 versions and delete markers in \(bucket)/exports/")
        #expect(try count("exports/") == "0")
        #expect(try count("keep/") == "1")
        #expect((try drill.recorded("run-1", bucket)["doomed"] as? [Any])?.count == 4)
        #expect(try drill.resourceState(bucket) == "eradicated")
        #expect(try drill.checklistState("remediation.spilled-files") == "done")

        try drill.firebreakOK("action", "run", "INC-1", "s3.delete-spilled", "\(bucket)/single.txt", "--yes",
                              "--confirm", "delete 2 versions and delete markers in \(bucket)/single.txt")
        #expect(try count("single") == "0")
        // Nothing left to delete is said before anything runs.
        let empty = try drill.firebreak("action", "run", "INC-1", "s3.delete-spilled", "\(bucket)/single.txt", "--yes",
                                        "--confirm", "delete 0 versions and delete markers in \(bucket)/single.txt")
        #expect(empty.status != 0 && empty.stderr.contains("nothing to delete"))

        try drill.firebreakOK("action", "run", "INC-1", "s3.enable-encryption", bucket, "--yes")
        let algorithm = ["s3api", "get-bucket-encryption", "--bucket", bucket, "--query",
                         "ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm"]
        #expect(try drill.aws(algorithm) == "AES256")
        try drill.firebreakOK("action", "undo", "INC-1", "run-4", "--yes")
        #expect(throws: (any Error).self) { try drill.aws(algorithm) }
    }

    /// An object named by ARN is its bucket up to the first '/' and the whole
    /// rest as its key: the bucket named after the key's first segment, holding
    /// the same names, loses nothing.
    @Test func anObjectNamedByARNLosesEveryVersionAndNothingElseDoes() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let spill = "spill-\(suffix)", other = "prod-backups-\(suffix)"
        let body = drill.folder.appendingPathComponent("body").path
        try "customer data".write(toFile: body, atomically: true, encoding: .utf8)
        for bucket in [spill, other] {
            try drill.aws("s3api", "create-bucket", "--bucket", bucket)
            try drill.aws("s3api", "put-bucket-versioning", "--bucket", bucket, "--versioning-configuration", "Status=Enabled")
        }
        let spilled = "\(other)/db.sql.gz"
        for key in [spilled, spilled, "\(spilled).bak", "\(other)/keep.csv", "single.txt", "single.txt"] {
            try drill.aws("s3api", "put-object", "--bucket", spill, "--key", key, "--body", body)
        }
        for key in ["db.sql.gz", "db.sql.gz", spilled, "\(spilled).bak"] {
            try drill.aws("s3api", "put-object", "--bucket", other, "--key", key, "--body", body)
        }
        let versions = { (bucket: String) in
            try drill.aws("s3api", "list-object-versions", "--bucket", bucket, "--query",
                          "sort([Versions[].Key, DeleteMarkers[].Key][])").split(whereSeparator: \.isWhitespace).map(String.init)
        }
        let otherBefore = try versions(other)
        #expect(otherBefore.count == 4)

        let arn = "arn:aws:s3:::\(spill)/\(spilled)"
        try drill.firebreakOK("resource", "add", "INC-1", arn, "--state", "compromised")
        let plan = try drill.firebreakOK("action", "plan", "INC-1", "s3.delete-spilled", arn)
        #expect(plan.contains("--bucket \(spill) "))
        #expect(!plan.contains("--bucket \(other)"))
        try drill.firebreakOK("action", "run", "INC-1", "s3.delete-spilled", arn, "--yes",
                              "--confirm", "delete 2 versions and delete markers in \(spill)/\(spilled)")
        #expect((try drill.recorded("run-1", arn)["doomed"] as? [Any])?.count == 2)
        #expect(try versions(spill) == ["\(other)/keep.csv", spilled + ".bak", "single.txt", "single.txt"].sorted())
        #expect(try versions(other) == otherBefore)
        #expect(try drill.resourceState(arn) == "eradicated")

        // A key without a '/' named by ARN works too.
        let single = "arn:aws:s3:::\(spill)/single.txt"
        try drill.firebreakOK("resource", "add", "INC-1", single, "--state", "compromised")
        try drill.firebreakOK("action", "run", "INC-1", "s3.delete-spilled", single, "--yes",
                              "--confirm", "delete 2 versions and delete markers in \(spill)/single.txt")
        #expect(try versions(spill) == ["\(other)/keep.csv", spilled + ".bak"].sorted())
        #expect(try versions(other) == otherBefore)
    }

    @Test func aKeyScheduledForDeletionIsCancelledByUndoAndANewKeyRotates() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let key = try drill.aws("kms", "create-key", "--query", "KeyMetadata.KeyId")
        try drill.firebreakOK("resource", "add", "INC-1", key, "--state", "compromised")
        let state = ["kms", "describe-key", "--key-id", key, "--query", "KeyMetadata.KeyState"]
        let plan = try drill.firebreakOK("action", "plan", "INC-1", "kms.schedule-deletion", key, "--param", "pending-days=7")
        #expect(plan.contains("--pending-window-in-days 7"))
        #expect(try drill.firebreak("action", "run", "INC-1", "kms.schedule-deletion", key, "--yes", "--param", "pending-days=3").stderr.contains("7-30"))
        try drill.firebreakOK("action", "run", "INC-1", "kms.schedule-deletion", key, "--yes", "--param", "pending-days=7",
                              "--confirm", "schedule deletion of \(key)")
        #expect(try drill.aws(state) == "PendingDeletion")
        try drill.firebreakOK("action", "undo", "INC-1", "run-1", "--yes")
        #expect(try drill.aws(state) == "Enabled")

        try drill.firebreakOK("action", "run", "INC-1", "kms.create-key", key, "--yes")
        let newKey = try #require(drill.recorded("run-3", key)["new-key"] as? String)
        #expect(newKey != key)
        #expect(try drill.aws("kms", "get-key-rotation-status", "--key-id", newKey, "--query", "KeyRotationEnabled") == "True")
        #expect(try drill.checklistState("recovery.new-keys") == "done")
    }

    @Test func restoreAVolumeDeleteTheSnapshotAndDeleteALeakedKey() throws {
        let drill = try Drill()
        defer { drill.cleanUp() }
        let volume = try drill.aws("ec2", "create-volume", "--size", "8", "--availability-zone", "us-east-1a", "--query", "VolumeId")
        let snapshot = try drill.aws("ec2", "create-snapshot", "--volume-id", volume, "--query", "SnapshotId")
        let user = "leaked-\(UUID().uuidString.prefix(8).lowercased())"
        try drill.aws("iam", "create-user", "--user-name", user)
        let key = try drill.aws("iam", "create-access-key", "--user-name", user, "--query", "AccessKey.AccessKeyId")
        try drill.firebreakOK("resource", "add", "INC-1", snapshot, "--kind", "ebs-snapshot")
        try drill.firebreakOK("resource", "add", "INC-1", key, "--kind", "iam-access-key", "--state", "compromised")

        try drill.firebreakOK("action", "run", "INC-1", "ec2.restore-volume", snapshot, "--yes", "--param", "availability-zone=us-east-1a")
        let restored = try #require(drill.recorded("run-1", snapshot)["restored-volume"] as? String)
        #expect(try drill.aws("ec2", "describe-volumes", "--volume-ids", restored, "--query", "Volumes[0].[SnapshotId, Tags[?Key=='firebreak-incident'] | [0].Value]") == "\(snapshot)\tINC-1")
        #expect(try drill.checklistState("remediation.restore-backup") == "done")

        try drill.firebreakOK("action", "run", "INC-1", "ebs.delete-snapshot", snapshot, "--yes", "--confirm", "delete \(snapshot)")
        #expect(try drill.aws("ec2", "describe-snapshots", "--filters", "Name=snapshot-id,Values=\(snapshot)", "--query", "length(Snapshots)") == "0")

        try drill.firebreakOK("action", "run", "INC-1", "iam.delete-key", key, "--yes", "--confirm", "delete \(key)")
        #expect(try drill.aws("iam", "list-access-keys", "--user-name", user, "--query", "length(AccessKeyMetadata)") == "0")
        #expect(try drill.resourceState(key) == "eradicated")
        let undo = try drill.firebreak("action", "undo", "INC-1", "run-3", "--yes")
        #expect(undo.status != 0)
    }
}
