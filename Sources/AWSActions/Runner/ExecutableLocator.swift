import Foundation

/// Finds the AWS CLI binary: a path is taken as given, a bare name is looked up on `PATH`.
enum ExecutableLocator {
    static func locate(_ name: String?, environment: [String: String]) throws(AWSCLIFailure) -> String {
        let wanted = (name?.isEmpty == false ? name! : "aws")
        let fileManager = FileManager.default
        if wanted.contains("/") {
            guard fileManager.isExecutableFile(atPath: wanted) else {
                throw .notFound("'\(wanted)' is not an executable file (check --aws-cli)")
            }
            return wanted
        }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(wanted)"
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
               fileManager.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        throw .notFound("no '\(wanted)' on PATH (install awscli, or pass --aws-cli PATH)")
    }
}
