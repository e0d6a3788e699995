import Foundation
import Testing

/// The `aws` child of a running `firebreak action run` holds descriptors 0–2
/// and nothing else: not the database firebreak has open, not a file
/// firebreak itself inherited without close-on-exec.
@Suite("What the aws child inherits", .serialized)
struct DescriptorInheritanceTests {
    @Test(.timeLimit(.minutes(10)))
    func theAWSChildOfARunHoldsOnlyTheStandardDescriptors() throws {
        let folder = try ScratchFolder()
        let fb = Firebreak(database: folder.path("firebreak.db"))
        try fb.ok("open", "--title", "descriptors", "--region", "us-east-1")
        try fb.ok("resource", "add", "INC-1", "i-0123456789abcdef0", "--state", "compromised")
        let listing = folder.path("fds.txt")
        // Lists its own descriptors (the one listdir opens is closed again, so readlink fails on it).
        let aws = try folder.script("listing-aws", """
            python3 -c '
            import os
            for fd in sorted(os.listdir("/proc/self/fd"), key=int):
                try: print(fd, os.readlink("/proc/self/fd/" + fd))
                except OSError: pass
            ' >> '\(listing)'
            echo '{}'
            """)
        let held = folder.path("held-open")
        FileManager.default.createFile(atPath: held, contents: Data("x".utf8))
        // firebreak starts with descriptor 7 open (not close-on-exec), as a careless parent would leave it.
        let run = try Spawned.shell("exec 7<\"$1\"; shift; exec \"$@\"",
                                    [held, Firebreak.binary, "action", "run", "INC-1", "ec2.stop", "i-0123456789abcdef0", "--yes", "--dry-run",
                                     "--aws-cli", aws], environment: fb.environment)
        let text = try String(contentsOfFile: listing, encoding: .utf8)
        #expect(!text.isEmpty, "the stand-in never ran: \(run.stderr)")
        // The stand-in's own shell keeps its script open; python's listing is what the child passed on.
        let descriptors = text.split(separator: "\n").map { $0.split(separator: " ", maxSplits: 1).map(String.init) }
        let inherited = descriptors.filter { Int($0[0])! > 2 && !($0.count > 1 && $0[1] == aws) }
        #expect(inherited.isEmpty, "the aws child inherited \(inherited)")
        #expect(!text.contains(fb.database) && !text.contains(held), "\(text)")
    }
}
