import Foundation

/// A stand-in `aws` written as a small shell script in a temporary folder:
/// the tests use it for behaviour a real CLI cannot be made to show on demand
/// (hanging, flooding output, printing a secret).
final class FakeCLI {
    let folder: URL
    let path: String

    init(script body: String) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("firebreak-fake-aws-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("aws").path
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}
