/// The attacker's apparent purpose, read from a finding type's threat purpose
/// and nothing else: never from an ARN, a generator id or free text (a
/// generator `arn:aws:securityhub:::ruleset/…` once read as the intent `arn`).
enum FindingIntent {
    /// GuardDuty's threat purposes, the first part of `ThreatPurpose:ResourceType/ThreatFamilyName`.
    static let threatPurposes: Set<String> = [
        "Backdoor", "Behavior", "CredentialAccess", "CryptoCurrency", "DefenseEvasion", "Discovery", "Execution",
        "Exfiltration", "Impact", "InitialAccess", "Pentest", "Persistence", "Policy", "PrivilegeEscalation", "Recon",
        "Stealth", "Trojan", "UnauthorizedAccess",
    ]

    /// The categories of ASFF's `TTPs/` namespace (MITRE ATT&CK tactics).
    static let ttpCategories: Set<String> = [
        "Initial Access", "Execution", "Persistence", "Privilege Escalation", "Defense Evasion", "Credential Access",
        "Discovery", "Lateral Movement", "Collection", "Command and Control", "Exfiltration", "Impact",
    ]

    /// `UnauthorizedAccess` from `UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS`
    /// (or the `-` form Security Hub gives GuardDuty types: `UnauthorizedAccess:EC2-SSHBruteForce`).
    static func threatPurpose(_ type: String) -> String? {
        guard let colon = type.firstIndex(of: ":") else { return nil }
        let purpose = String(type[..<colon])
        return threatPurposes.contains(purpose) ? purpose : nil
    }

    /// An ASFF finding's intent: the GuardDuty threat purpose in the last part
    /// of a `TTPs/…` type, else the TTP category itself.
    static func asff(types: [String]) -> String? {
        for type in types {
            if let last = type.split(separator: "/").last, let purpose = threatPurpose(String(last)) { return purpose }
        }
        for type in types {
            let parts = type.split(separator: "/").map(String.init)
            if parts.count >= 2, parts[0] == "TTPs", ttpCategories.contains(parts[1]) { return parts[1] }
        }
        return nil
    }
}
