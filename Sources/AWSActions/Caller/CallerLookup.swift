import Foundation
import IncidentModel

/// Learns the caller once per plan or run, through the run's own runner (so
/// the same profile, region and endpoint as every call of the run).
///
/// The caller is `sts get-caller-identity`. The access key in use is not in
/// its answer, so it is found the way the CLI v1 (botocore) chooses
/// credentials: with `--profile` given, the profile's own key (environment
/// keys are ignored then); otherwise `AWS_ACCESS_KEY_ID` when it and
/// `AWS_SECRET_ACCESS_KEY` are set; otherwise the profile's key from the
/// shared files (`aws configure get aws_access_key_id`). A profile that gets
/// its key elsewhere (`credential_process`, SSO, a role) yields none; for an
/// IAM user caller every key of that user is then guarded instead
/// (`iam list-access-keys`).
public struct CallerLookup: Sendable {
    public var runner: AWSCLIRunner

    public init(runner: AWSCLIRunner) {
        self.runner = runner
    }

    /// The caller; `keys` also learns the access key in use (only IAM key
    /// actions need it). Throws one line when STS does not answer.
    public func learn(keys: Bool) throws -> CallerIdentity {
        let answer: AWSCallResult
        do {
            answer = try runner.run(["sts", "get-caller-identity"])
        } catch {
            throw IncidentError.invalidInput("cannot learn who Firebreak acts as (sts get-caller-identity: \(error.description))")
        }
        if let failure = answer.failure {
            throw IncidentError.invalidInput("cannot learn who Firebreak acts as (sts get-caller-identity: \(failure.description))")
        }
        let object = ActionExecutor.parse(answer.stdout) as? [String: Any]
        guard let arn = object?["Arn"] as? String else {
            throw IncidentError.invalidInput("cannot learn who Firebreak acts as: sts get-caller-identity gave no Arn")
        }
        var caller = try CallerIdentity(arn: arn, account: object?["Account"] as? String ?? "", userID: object?["UserId"] as? String ?? "")
        guard keys, case .user(let name) = caller.principal else { return caller }
        caller.accessKey = keyInUse()
        if caller.accessKey == nil {
            // Unknown key: guard every key the caller's user has.
            let listed = try? runner.run(["iam", "list-access-keys", "--user-name", name, "--query", "AccessKeyMetadata[].AccessKeyId"])
            if let listed, listed.succeeded, let ids = ActionExecutor.parse(listed.stdout) as? [String] {
                caller.userKeys = ids.filter(Self.isKeyID)
            }
        }
        return caller
    }

    /// The access key id the CLI signs with, as botocore picks it; nil when not a static key.
    func keyInUse() -> String? {
        let environment = runner.configuration.environment
        if runner.configuration.profile == nil, let key = environment["AWS_ACCESS_KEY_ID"], !key.isEmpty,
           !(environment["AWS_SECRET_ACCESS_KEY"] ?? "").isEmpty {
            return Self.isKeyID(key) ? key : nil
        }
        guard let result = try? runner.run(["configure", "get", "aws_access_key_id"]), result.succeeded else { return nil }
        let key = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return Self.isKeyID(key) ? key : nil
    }

    /// An access key id's shape: letters and digits (AWS's are 16-128 long;
    /// an emulator's dummy `testing` is still the key the CLI signs with).
    static func isKeyID(_ text: String) -> Bool {
        (1...128).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
}
