import Foundation
import IncidentModel

/// The readiness audit: read-only calls through the one runner that answer,
/// for each region given and once for the account, whether the account is
/// ready for an incident (CloudTrail, GuardDuty, flow logs, encryption,
/// public access, owner tags, access-key hygiene). Every answer is pass, fail
/// or could-not-check, with the calls that decided it.
///
/// ```swift
/// let results = ReadinessAudit(runner: runner, regions: ["eu-west-1"]).run()
/// ```
public struct ReadinessAudit: Sendable {
    public var runner: AWSCLIRunner
    public var regions: [String]
    public var ownerTags: OwnerTags
    /// Keys older than this, or unused for this long, fail `iam.access-keys`.
    public var keyAgeLimitDays: Int
    public var now: Date
    /// The account `runner` reaches, stamped on every result (nil: the default credentials').
    public var account: String?

    public init(runner: AWSCLIRunner, regions: [String], ownerTags: OwnerTags = OwnerTags(), keyAgeLimitDays: Int = 90, now: Date = Date(),
                account: String? = nil) {
        self.runner = runner
        self.regions = regions
        self.account = account
        self.ownerTags = ownerTags
        self.keyAgeLimitDays = keyAgeLimitDays
        self.now = now
    }

    /// Runs every check (independent ones at once: each `aws` start is about
    /// half a second) and returns the results in `ReadinessCheck.all` order,
    /// regions in the order given.
    public func run(checks: [ReadinessCheck] = ReadinessCheck.all) -> [ReadinessResult] {
        let jobs: [(check: ReadinessCheck, region: String?)] = checks.flatMap { check in
            check.perRegion ? regions.map { (check, Optional($0)) } : [(check, regions.first)]
        }
        let slots = ResultSlots(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            slots.set(index, run(jobs[index].check, region: jobs[index].region))
        }
        return slots.values
    }

    func run(_ check: ReadinessCheck, region: String?) -> ReadinessResult {
        let probe = ReadinessProbe(runner: runner, region: region)
        var result: ReadinessResult
        switch check.id {
        case ReadinessCheck.trails.id: result = trails(probe, region: region ?? "")
        case ReadinessCheck.guardDuty.id: result = guardDuty(probe)
        case ReadinessCheck.flowLogs.id: result = flowLogs(probe)
        case ReadinessCheck.ebsEncryption.id: result = ebsEncryption(probe)
        case ReadinessCheck.bucketEncryption.id: result = bucketEncryption(probe)
        case ReadinessCheck.publicAccess.id: result = publicAccess(probe)
        case ReadinessCheck.ownerTags.id: result = ownership(probe)
        case ReadinessCheck.accessKeys.id: result = accessKeys(probe)
        case ReadinessCheck.logFileValidation.id: result = logFileValidation(probe, region: region ?? "")
        case ReadinessCheck.instanceMetadata.id: result = instanceMetadata(probe)
        case ReadinessCheck.accountPublicAccess.id: result = accountPublicAccess(probe)
        default: result = probe.result(check, .unknown, "no such check")
        }
        // Account-wide checks are not about one region.
        if !check.perRegion { result.region = nil }
        // What an informational check finds is said, and never fails the audit.
        if check.informational && result.status == .fail {
            result.status = .pass
            result.detail = "informational: " + result.detail
        }
        result.account = account
        return result
    }
}

/// Results written from concurrent checks, each to its own slot.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [ReadinessResult?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: ReadinessResult) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    var values: [ReadinessResult] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
