extension Playbook {
    /// The framework's seven phases with every item of the design brief.
    /// `backedBy` names what does the item: a catalog action (`ec2.isolate`,
    /// see `actions/`), whose successful run ticks the item, or one of
    /// Firebreak's own operations (`ChecklistOperation`).
    public static let `default` = Playbook(name: "default", items: [
        .init(id: "readiness.identify-risks", phase: .readiness, text: "Identify risk areas", backedBy: .operation(.readinessAudit)),
        .init(id: "readiness.owner-tags", phase: .readiness, text: "Tag resources so owners are known (report resources without an owner tag)", backedBy: .operation(.readinessAudit)),
        .init(id: "readiness.least-privilege", phase: .readiness, text: "Reduce unnecessary permissions (list unused and old access keys)", backedBy: .operation(.readinessAudit)),
        .init(id: "readiness.regions-accounts", phase: .readiness, text: "Use several regions and accounts to reduce the blast radius", backedBy: .operation(.accountsAndRegions)),
        .init(id: "readiness.central-logging", phase: .readiness, text: "Centralized logging: CloudTrail trails, VPC Flow Logs, GuardDuty", backedBy: .operation(.readinessAudit)),
        .init(id: "readiness.encryption", phase: .readiness, text: "Encryption at rest, server and client side: EBS default encryption, S3 bucket encryption, KMS keys", backedBy: .operation(.readinessAudit)),

        .init(id: "detection.intent", phase: .detection, text: "Identify the intent of the attack"),
        .init(id: "detection.compromised-resources", phase: .detection, text: "Identify the compromised resources (import GuardDuty / Security Hub findings)", backedBy: .operation(.importFindings)),
        .init(id: "detection.blast-radius", phase: .detection, text: "Map the blast radius (discover related volumes, interfaces, security groups, roles, users, policies)", backedBy: .operation(.discovery)),

        .init(id: "containment.automate", phase: .containment, text: "Automate containment with scripts"),
        .init(id: "containment.isolation-security-group", phase: .containment, text: "Isolate instances with a security group that denies egress and allows only management ports", backedBy: .action("ec2.isolate")),
        .init(id: "containment.restrictive-nacl", phase: .containment, text: "Quarantine the subnet with a restrictive network ACL", backedBy: .action("ec2.quarantine-subnet")),
        .init(id: "containment.deny-iam", phase: .containment, text: "Attach an explicit-deny IAM policy; deactivate keys; revoke role sessions", backedBy: .action("iam.deny-all")),
        .init(id: "containment.route53", phase: .containment, text: "Change Route 53 record sets", backedBy: .action("route53.upsert")),
        .init(id: "containment.disable-kms", phase: .containment, text: "Disable compromised KMS keys", backedBy: .action("kms.disable")),
        .init(id: "containment.contain-buckets", phase: .containment, text: "Contain exposed buckets: deny all but the responders in the bucket policy", backedBy: .action("s3.contain-bucket")),
        .init(id: "containment.contain-functions", phase: .containment, text: "Contain compromised Lambda functions: throttle, remove public permissions, disable triggers", backedBy: .action("lambda.contain")),
        .init(id: "containment.rotate-secrets", phase: .containment, text: "Rotate exposed secrets and overwrite exposed parameters", backedBy: .action("secrets.rotate")),
        .init(id: "containment.restart-logging", phase: .containment, text: "Restart CloudTrail logging the attacker stopped", backedBy: .action("cloudtrail.restart-logging")),
        .init(id: "containment.preserve-evidence", phase: .containment, text: "Keep instances and their disks from deletion: termination protection, volumes kept on termination, stop on shutdown", backedBy: .action("ec2.preserve-evidence")),
        .init(id: "containment.stop-instances", phase: .containment, text: "Snapshot volumes, then stop compromised instances (never terminate)", backedBy: .action("ec2.stop")),

        .init(id: "troubleshooting.what-when", phase: .troubleshooting, text: "Establish what happened and when"),
        .init(id: "troubleshooting.threat-viable", phase: .troubleshooting, text: "Is the threat still viable? Verify containment holds", backedBy: .operation(.verification)),
        .init(id: "troubleshooting.flow-logs", phase: .troubleshooting, text: "Review VPC Flow Logs", backedBy: .action("flowlogs.query")),
        .init(id: "troubleshooting.cloudtrail", phase: .troubleshooting, text: "Review CloudTrail activity", backedBy: .action("cloudtrail.lookup")),
        .init(id: "troubleshooting.cloudwatch-logs", phase: .troubleshooting, text: "Review CloudWatch Logs", backedBy: .action("logs.search")),

        .init(id: "remediation.remove-infections", phase: .remediation, text: "Remove infections and compromises"),
        .init(id: "remediation.kms-keys", phase: .remediation, text: "Delete or disable compromised KMS keys", backedBy: .action("kms.schedule-deletion")),
        .init(id: "remediation.spilled-files", phase: .remediation, text: "Delete spilled files: EBS snapshots and volumes, S3 objects (every version)", backedBy: .action("s3.delete-spilled")),
        .init(id: "remediation.restore-backup", phase: .remediation, text: "Restore from the last known good backup", backedBy: .action("ec2.restore-volume")),

        .init(id: "recovery.verify-eradication", phase: .recovery, text: "Verify eradication"),
        .init(id: "recovery.restore-one-at-a-time", phase: .recovery, text: "Restore resources to their previous state, one at a time (undo containment)", backedBy: .operation(.undoContainment)),
        .init(id: "recovery.new-keys", phase: .recovery, text: "Create new encryption keys", backedBy: .action("kms.create-key")),
        .init(id: "recovery.restore-network", phase: .recovery, text: "Restore network access", backedBy: .operation(.restoreNetwork)),
        .init(id: "recovery.keep-monitoring", phase: .recovery, text: "Keep monitoring and containment tools ready"),

        .init(id: "follow-up.evaluate", phase: .followUp, text: "Evaluate what happened: lessons learned"),
        .init(id: "follow-up.decide-policies", phase: .followUp, text: "Decide policy changes"),
        .init(id: "follow-up.report", phase: .followUp, text: "Write the post-incident report with metrics", backedBy: .operation(.report)),
        .init(id: "follow-up.drills", phase: .followUp, text: "Test and simulate: schedule drills", backedBy: .operation(.drill)),
    ])
}
