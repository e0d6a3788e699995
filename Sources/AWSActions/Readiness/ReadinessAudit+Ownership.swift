import Foundation
import IncidentModel

extension ReadinessAudit {
    /// Instances (in every region audited) and buckets without an owner tag.
    func ownership(_ probe: ReadinessProbe) -> ReadinessResult {
        let check = ReadinessCheck.ownerTags
        var unowned: [String] = []
        var total = 0
        for region in regions {
            let answer = probe.call(["ec2", "describe-instances"], region: region)
            guard let object = answer.object else { return probe.unknown(check, answer) }
            for instance in object.objects("Reservations").flatMap({ $0.objects("Instances") }) {
                guard let id = instance.string("InstanceId"), instance.object("State")?.string("Name") != "terminated" else { continue }
                total += 1
                if ownerTags.owner(in: OwnerTags.dictionary(instance["Tags"])) == nil { unowned.append(id) }
            }
        }
        let list = probe.call(["s3api", "list-buckets"])
        guard let buckets = list.object else { return probe.unknown(check, list) }
        for bucket in buckets.objects("Buckets").compactMap({ $0.string("Name") }) {
            total += 1
            let tagging = probe.call(["s3api", "get-bucket-tagging", "--bucket", bucket])
            if tagging.errorCode == "NoSuchTagSet" {
                unowned.append(bucket)
            } else if let object = tagging.object {
                if ownerTags.owner(in: OwnerTags.dictionary(object["TagSet"])) == nil { unowned.append(bucket) }
            } else {
                return probe.unknown(check, tagging)
            }
        }
        let names = ownerTags.names.joined(separator: "/")
        if unowned.isEmpty { return probe.result(check, .pass, total == 0 ? "no instances or buckets" : "all \(total) have an owner tag (\(names))") }
        return probe.result(check, .fail, "\(unowned.count) of \(total) without an owner tag (\(names)): \(listed(unowned))")
    }
}
