import Foundation
import IncidentModel

extension ReadinessAudit {
    /// A trail that records this region (multi-region, or homed here) and is logging.
    func trails(_ probe: ReadinessProbe, region: String) -> ReadinessResult {
        let check = ReadinessCheck.trails
        let answer = probe.call(["cloudtrail", "describe-trails"])
        guard let object = answer.object else { return probe.unknown(check, answer) }
        let covering = object.objects("trailList").filter { ($0["IsMultiRegionTrail"] as? Bool) == true || $0.string("HomeRegion") == region }
        if covering.isEmpty { return probe.result(check, .fail, "no trail records \(region)") }
        var stopped: [String] = []
        for trail in covering {
            let name = trail.string("TrailARN") ?? trail.string("Name") ?? "?"
            let status = probe.call(["cloudtrail", "get-trail-status", "--name", name])
            guard let logging = status.object else { return probe.unknown(check, status) }
            if (logging["IsLogging"] as? Bool) == true {
                let scope = (trail["IsMultiRegionTrail"] as? Bool) == true ? "every region" : region
                return probe.result(check, .pass, "trail \(trail.string("Name") ?? name) is logging \(scope)")
            }
            stopped.append(trail.string("Name") ?? name)
        }
        return probe.result(check, .fail, "trails exist but are not logging: \(listed(stopped))")
    }

    func guardDuty(_ probe: ReadinessProbe) -> ReadinessResult {
        let check = ReadinessCheck.guardDuty
        let answer = probe.call(["guardduty", "list-detectors"])
        guard let object = answer.object else { return probe.unknown(check, answer) }
        let detectors = object["DetectorIds"] as? [String] ?? []
        guard let detector = detectors.first else { return probe.result(check, .fail, "no GuardDuty detector") }
        let status = probe.call(["guardduty", "get-detector", "--detector-id", detector])
        guard let state = status.object else { return probe.unknown(check, status) }
        if state.string("Status") == "ENABLED" { return probe.result(check, .pass, "detector \(detector) is enabled") }
        return probe.result(check, .fail, "detector \(detector) is \(state.string("Status") ?? "not enabled")")
    }

    func flowLogs(_ probe: ReadinessProbe) -> ReadinessResult {
        let check = ReadinessCheck.flowLogs
        let vpcs = probe.call(["ec2", "describe-vpcs"])
        guard let vpcList = vpcs.object else { return probe.unknown(check, vpcs) }
        let ids = vpcList.objects("Vpcs").compactMap { $0.string("VpcId") }
        if ids.isEmpty { return probe.result(check, .pass, "no VPCs") }
        let logs = probe.call(["ec2", "describe-flow-logs"])
        guard let logList = logs.object else { return probe.unknown(check, logs) }
        let covered = Set(logList.objects("FlowLogs").filter { ($0.string("FlowLogStatus") ?? "ACTIVE") == "ACTIVE" }.compactMap { $0.string("ResourceId") })
        let missing = ids.filter { !covered.contains($0) }
        if missing.isEmpty { return probe.result(check, .pass, "all \(ids.count) VPCs have flow logs") }
        return probe.result(check, .fail, "\(missing.count) of \(ids.count) VPCs without flow logs: \(listed(missing))")
    }

    /// Every trail recording this region has log file validation on, so a
    /// deleted or edited log file shows in its digest files.
    func logFileValidation(_ probe: ReadinessProbe, region: String) -> ReadinessResult {
        let check = ReadinessCheck.logFileValidation
        let answer = probe.call(["cloudtrail", "describe-trails"])
        guard let object = answer.object else { return probe.unknown(check, answer) }
        let covering = object.objects("trailList").filter { ($0["IsMultiRegionTrail"] as? Bool) == true || $0.string("HomeRegion") == region }
        if covering.isEmpty { return probe.result(check, .fail, "no trail records \(region)") }
        let without = covering.filter { ($0["LogFileValidationEnabled"] as? Bool) != true }.map { $0.string("Name") ?? $0.string("TrailARN") ?? "?" }
        if without.isEmpty { return probe.result(check, .pass, "all \(covering.count) trails recording \(region) validate their log files") }
        return probe.result(check, .fail, "\(without.count) of \(covering.count) trails without log file validation: \(listed(without))")
    }
}
