import Foundation
import IncidentModel

extension ReadinessAudit {
    /// Every instance not terminated requires IMDSv2 tokens with a PUT
    /// response hop limit of 1 (or has the metadata endpoint off), so neither
    /// an SSRF nor a container behind an extra hop reads the role's credentials.
    func instanceMetadata(_ probe: ReadinessProbe) -> ReadinessResult {
        let check = ReadinessCheck.instanceMetadata
        let answer = probe.call(["ec2", "describe-instances", "--filters", "Name=instance-state-name,Values=pending,running,stopping,stopped"])
        guard let object = answer.object else { return probe.unknown(check, answer) }
        let list = object.objects("Reservations").flatMap { $0.objects("Instances") }
        if list.isEmpty { return probe.result(check, .pass, "no instances") }
        var failing: [String] = []
        for instance in list {
            let id = instance.string("InstanceId") ?? "?"
            let options = instance.object("MetadataOptions") ?? [:]
            if options.string("HttpEndpoint") == "disabled" { continue }
            let tokens = options.string("HttpTokens") ?? "optional"
            let hops = (options["HttpPutResponseHopLimit"] as? Int) ?? 1
            if tokens != "required" { failing.append("\(id) (tokens \(tokens))") }
            else if hops != 1 { failing.append("\(id) (hop limit \(hops))") }
        }
        if failing.isEmpty { return probe.result(check, .pass, "all \(list.count) instances") }
        return probe.result(check, .fail, "\(failing.count) of \(list.count) instances without IMDSv2 and hop limit 1: \(listed(failing))")
    }
}
