import Foundation
import IncidentModel

extension ReadinessAudit {
    func ebsEncryption(_ probe: ReadinessProbe) -> ReadinessResult {
        let check = ReadinessCheck.ebsEncryption
        let answer = probe.call(["ec2", "get-ebs-encryption-by-default"])
        guard let object = answer.object else { return probe.unknown(check, answer) }
        if (object["EbsEncryptionByDefault"] as? Bool) == true { return probe.result(check, .pass, "on") }
        return probe.result(check, .fail, "off: new volumes are not encrypted unless asked")
    }

    func bucketEncryption(_ probe: ReadinessProbe) -> ReadinessResult {
        let check = ReadinessCheck.bucketEncryption
        return eachBucket(probe, check: check, call: { ["s3api", "get-bucket-encryption", "--bucket", $0] },
                          missingCode: "ServerSideEncryptionConfigurationNotFoundError",
                          holds: { !$0.isEmpty },
                          failing: "without a default encryption configuration (S3 has encrypted every new object with SSE-S3 since January 2023, so this is not a gap on its own)")
    }

    func publicAccess(_ probe: ReadinessProbe) -> ReadinessResult {
        let check = ReadinessCheck.publicAccess
        return eachBucket(probe, check: check, call: { ["s3api", "get-public-access-block", "--bucket", $0] },
                          missingCode: "NoSuchPublicAccessBlockConfiguration",
                          holds: { object in
                              let settings = object.object("PublicAccessBlockConfiguration") ?? [:]
                              return ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"]
                                  .allSatisfy { settings[$0] as? Bool == true }
                          }, failing: "without a full public access block")
    }

    /// Account-level Block Public Access (S3 Control): all four settings on
    /// cover every bucket, present and future, whatever each bucket says.
    func accountPublicAccess(_ probe: ReadinessProbe) -> ReadinessResult {
        let check = ReadinessCheck.accountPublicAccess
        var account = self.account
        if account == nil {
            let identity = probe.call(["sts", "get-caller-identity"])
            guard let object = identity.object, let id = object.string("Account") else { return probe.unknown(check, identity) }
            account = id
        }
        let answer = probe.call(["s3control", "get-public-access-block", "--account-id", account!])
        if answer.errorCode == "NoSuchPublicAccessBlockConfiguration" {
            return probe.result(check, .fail, "account \(account!) has no public access block (s3.account-block-public-access sets one)")
        }
        guard let object = answer.object else { return probe.unknown(check, answer) }
        let settings = object.object("PublicAccessBlockConfiguration") ?? [:]
        let off = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"].filter { settings[$0] as? Bool != true }
        if off.isEmpty { return probe.result(check, .pass, "account \(account!): all four settings on") }
        return probe.result(check, .fail, "account \(account!): \(off.joined(separator: ", ")) off")
    }

    /// One call per bucket; the bucket fails when AWS answers `missingCode` or
    /// the answer does not hold.
    private func eachBucket(_ probe: ReadinessProbe, check: ReadinessCheck, call: (String) -> [String], missingCode: String,
                            holds: ([String: Any]) -> Bool, failing: String) -> ReadinessResult {
        let list = probe.call(["s3api", "list-buckets"])
        guard let object = list.object else { return probe.unknown(check, list) }
        let buckets = object.objects("Buckets").compactMap { $0.string("Name") }
        if buckets.isEmpty { return probe.result(check, .pass, "no buckets") }
        var failed: [String] = []
        for bucket in buckets {
            let answer = probe.call(call(bucket))
            if answer.errorCode == missingCode {
                failed.append(bucket)
            } else if let object = answer.object {
                if !holds(object) { failed.append(bucket) }
            } else {
                return probe.unknown(check, answer)
            }
        }
        if failed.isEmpty { return probe.result(check, .pass, "all \(buckets.count) buckets") }
        return probe.result(check, .fail, "\(failed.count) of \(buckets.count) buckets \(failing): \(listed(failed))")
    }
}
