/// The indicators of compromise in a GuardDuty finding's `Service`: the
/// remote addresses, domains, user agents and accounts of its action, and the
/// executable of a runtime finding's process.
enum GuardDutyIndicators {
    static func read(_ service: FindingFields, into harvest: inout FindingHarvest) {
        if let action = service.child("Action") {
            if let call = action.child("AwsApiCallAction") {
                remoteIP(call.child("RemoteIpDetails"), into: &harvest)
                if let domain = call.child("DomainDetails") { harvest.indicator(.domain, domain.text("Domain"), field: domain.name("Domain")) }
                harvest.indicator(.userAgent, call.text("UserAgent"), field: call.name("UserAgent"))
                if let remote = call.child("RemoteAccountDetails") {
                    harvest.indicator(.account, remote.text("AccountId"), field: remote.name("AccountId"))
                }
            }
            if let connection = action.child("NetworkConnectionAction") { remoteIP(connection.child("RemoteIpDetails"), into: &harvest) }
            if let probe = action.child("PortProbeAction") {
                for detail in probe.children("PortProbeDetails") { remoteIP(detail.child("RemoteIpDetails"), into: &harvest) }
            }
            if let dns = action.child("DnsRequestAction") { harvest.indicator(.domain, dns.text("Domain"), field: dns.name("Domain")) }
            if let kubernetes = action.child("KubernetesApiCallAction") {
                remoteIP(kubernetes.child("RemoteIpDetails"), into: &harvest)
                for address in kubernetes.texts("SourceIps") { harvest.indicator(.ipAddress, address, field: kubernetes.name("SourceIps")) }
                harvest.indicator(.userAgent, kubernetes.text("UserAgent"), field: kubernetes.name("UserAgent"))
            }
            if let login = action.child("RdsLoginAttemptAction") { remoteIP(login.child("RemoteIpDetails"), into: &harvest) }
        }
        if let runtime = service.child("RuntimeDetails"), let process = runtime.child("Process") {
            harvest.indicator(.fileHash, process.text("ExecutableSha256"), field: process.name("ExecutableSha256"))
        }
    }

    static func remoteIP(_ details: FindingFields?, into harvest: inout FindingHarvest) {
        guard let details else { return }
        harvest.indicator(.ipAddress, details.text("IpAddressV4"), field: details.name("IpAddressV4"))
        harvest.indicator(.ipAddress, details.text("IpAddressV6"), field: details.name("IpAddressV6"))
    }
}
