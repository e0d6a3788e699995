import Foundation
import Testing

/// The disk fills between an AWS call and its record: the change was made,
/// so the one line must say AWS may have been changed and by which call —
/// never "nothing was written".
@Suite("A call that could not be recorded", .serialized)
struct UnrecordedCallTests {
    @Test(.timeLimit(.minutes(10)))
    func aStepThatCannotBeRecordedAfterItsCallSaysWhatMayHaveChanged() throws {
        let moto = try Moto()
        defer { withExtendedLifetime(moto) {} }
        let folder = try ScratchFolder()
        var fb = Firebreak(database: folder.path("firebreak.db"))
        fb.environment = moto.environment(base: fb.environment)
        let user = "full-\(UUID().uuidString.prefix(8).lowercased())"
        _ = try moto.aws("iam", "create-user", "--user-name", user, base: fb.environment)
        let key = try moto.aws("iam", "create-access-key", "--user-name", user, "--query", "AccessKey.AccessKeyId", "--output", "text",
                               base: fb.environment).trimmingCharacters(in: .whitespacesAndNewlines)
        try fb.ok("open", "--title", "full disk", "--region", "us-east-1")
        try fb.ok("resource", "add", "INC-1", key, "--kind", "iam-access-key", "--state", "compromised")
        // The deactivation really happens; then firebreak may not grow the WAL by a byte (RLIMIT_FSIZE
        // stands in for a full disk, as in StorageFaultTests), so its record of the step fails.
        let aws = try folder.script("filling-aws", """
            case "$*" in *update-access-key*Inactive*)
                aws "$@"; status=$?
                prlimit --pid $PPID --fsize=$(stat -c %s '\(fb.database)-wal')
                exit $status;;
            esac
            exec aws "$@"
            """)
        let before = try fb.events().count

        let run = try Spawned.shell("trap '' XFSZ; exec \"$@\"",
                                    [Firebreak.binary, "action", "run", "INC-1", "iam.deactivate-key", key, "--yes", "--aws-cli", aws],
                                    environment: fb.environment)
        #expect(run.status != 0)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("AWS may have been changed") && run.stderr.contains("update-access-key") && run.stderr.contains(key),
                "\(run.stderr)")
        #expect(!run.stderr.contains("nothing was written"), "\(run.stderr)")
        // It was changed, and the record has the start and the first step only: the line is the one place that says so.
        let status = try moto.aws("iam", "list-access-keys", "--user-name", user, "--query", "AccessKeyMetadata[0].Status", "--output", "text",
                                  base: fb.environment).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(status == "Inactive")
        #expect(try fb.events().count == before + 2)
        #expect(try fb.run("verify").status == 0)
    }
}
