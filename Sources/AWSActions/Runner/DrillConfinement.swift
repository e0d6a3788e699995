import Foundation
import IncidentModel
#if canImport(Glibc)
import Glibc
#endif

/// Where a drill's AWS calls go: its emulator on the loopback, with dummy
/// credentials, and nowhere else.
///
/// A runner confined to a drill (`AWSCLIRunner.confined(for:)`) passes the
/// recorded endpoint as `--endpoint-url` on every call, never a profile, and
/// starts the CLI with an environment that holds none of the responder's AWS
/// settings: every `AWS_*` variable and proxy variable is dropped, the config
/// and credentials files are `/dev/null`, and the credentials are the dummy
/// `testing` pair the emulator accepts. A call whose own arguments name an
/// endpoint or a profile is refused, and so is every call while the emulator
/// does not accept connections.
///
/// ```swift
/// let runner = try base.confined(for: state.incident)   // the same runner for a real incident
/// try runner.run(["sts", "get-caller-identity"])        // to http://127.0.0.1:PORT with AWS_ACCESS_KEY_ID=testing
/// ```
public struct DrillConfinement: Sendable, Equatable {
    /// The drill, for messages (`INC-3`).
    public var incident: String
    public var endpoint: DrillEndpoint
    /// The region when neither the call nor the configuration names one (the drill's first).
    public var region: String

    /// The credentials every drill call carries (moto takes any; these are the ones its docs use).
    public static let dummyCredentials = ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"]

    public init(incident: String, endpoint: DrillEndpoint, region: String) {
        self.incident = incident
        self.endpoint = endpoint
        self.region = region
    }

    /// The CLI's environment for a drill call: `base` without any AWS setting, proxy or
    /// credential of the responder's, with the dummy credentials and the emulator instead.
    public func environment(from base: [String: String]) -> [String: String] {
        var environment = base.filter { name, _ in
            let upper = name.uppercased()
            return !upper.hasPrefix("AWS_") && !upper.hasSuffix("_PROXY") && !upper.hasPrefix("BOTO")
        }
        environment.merge(Self.dummyCredentials) { $1 }
        environment["AWS_ENDPOINT_URL"] = endpoint.url
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        environment["AWS_DEFAULT_REGION"] = region
        // Kept from the responder's: how often to retry is theirs to choose (tests use 1).
        environment["AWS_MAX_ATTEMPTS"] = base["AWS_MAX_ATTEMPTS"] ?? "1"
        return environment
    }

    /// Why operation `arguments` may not go out for a drill: one that names its own endpoint or profile.
    public func refusal(of arguments: [String]) -> AWSCLIFailure? {
        for argument in arguments {
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            if ["--endpoint-url", "--profile"].contains(name) {
                return .refused("\(incident) is a drill: its calls go to its emulator at \(endpoint.url) only, and this one names its own \(name)")
            }
        }
        return nil
    }

    /// The one line when the emulator does not accept connections, else nil.
    public func emulatorRefusal() -> AWSCLIFailure? {
        if Self.accepts(host: endpoint.host, port: endpoint.port) { return nil }
        return .refused("\(incident) is a drill and its emulator at \(endpoint.url) is not running "
            + "(it stops when its `firebreak drill` ends; `firebreak drill --resume \(incident)` starts it again); nothing was sent")
    }

    /// Whether something listens on the loopback `host`:`port` (a connect with a 2 s limit).
    static func accepts(host: String, port: Int) -> Bool {
        let addresses = host == "localhost" ? ["127.0.0.1", "::1"] : [host]
        return addresses.contains { connects(to: $0, port: port) }
    }

    private static func connects(to address: String, port: Int) -> Bool {
        let v6 = address.contains(":")
        let fd = socket(v6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var result: Int32
        if v6 {
            var socketAddress = sockaddr_in6()
            socketAddress.sin6_family = sa_family_t(AF_INET6)
            socketAddress.sin6_port = UInt16(port).bigEndian
            guard inet_pton(AF_INET6, address, &socketAddress.sin6_addr) == 1 else { return false }
            result = withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        } else {
            var socketAddress = sockaddr_in()
            socketAddress.sin_family = sa_family_t(AF_INET)
            socketAddress.sin_port = UInt16(port).bigEndian
            guard inet_pton(AF_INET, address, &socketAddress.sin_addr) == 1 else { return false }
            result = withUnsafePointer(to: &socketAddress) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        if result == 0 { return true }
        guard errno == EINPROGRESS else { return false }
        var entry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        guard poll(&entry, 1, 2000) == 1 else { return false }
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error == 0
    }
}

extension AWSCLIRunner {
    /// The runner for calls made for `incident`: this one for a real incident; for a
    /// drill, the same confined to its recorded emulator (`DrillConfinement`). Refused
    /// with one line when a drill has no endpoint recorded, or one off the loopback (an
    /// edited record), or when `--endpoint-url` names another endpoint or `--profile` is given.
    public func confined(for incident: Incident) throws(AWSCLIFailure) -> AWSCLIRunner {
        guard incident.isDrill else { return self }
        let id = incident.id.description
        guard let recorded = incident.drillEndpoint else {
            throw .refused("\(id) is a drill with no emulator recorded (opened with `open --drill`, or by an older Firebreak): "
                + "its AWS calls are refused; `firebreak drill` opens a drill with its own emulator")
        }
        let endpoint: DrillEndpoint
        do { endpoint = try DrillEndpoint(validating: recorded) } catch {
            throw .refused("\(id) is a drill, but \(error.description): nothing is sent")
        }
        if let given = configuration.endpointURL, given != endpoint.url {
            throw .refused("\(id) is a drill: its AWS calls go to its emulator at \(endpoint.url) only, not to --endpoint-url \(given.terminalSafe)")
        }
        if configuration.profile != nil {
            throw .refused("\(id) is a drill: its AWS calls use the emulator's dummy credentials, never --profile")
        }
        var confined = self
        confined.configuration.confinement = DrillConfinement(incident: id, endpoint: endpoint, region: incident.regions.first ?? "us-east-1")
        return confined
    }
}
