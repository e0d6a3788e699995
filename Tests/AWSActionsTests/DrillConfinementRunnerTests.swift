@testable import AWSActions
import AWSEmulator
import Foundation
import IncidentModel
import Testing
import FirebreakTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The runner confined to a drill: whatever it was configured with, every call
/// goes to the recorded loopback endpoint with dummy credentials, or not at all.
@Suite("A drill's runner")
struct DrillConfinementRunnerTests {
    /// A listener standing in for the emulator, so the runner finds it running.
    final class Listener {
        let fd: Int32
        let port: Int
        init() throws {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            self.fd = fd
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, $0, &length) == 0 }
            }
            guard bound else { throw CocoaError(.fileWriteUnknown) }
            port = Int(UInt16(bigEndian: address.sin_port))
        }
        deinit { close(fd) }
    }

    static func drill(endpoint: String?) -> Incident {
        Incident(id: IncidentID(rawValue: 4), title: "DRILL", severity: Severity(rawValue: 2)!, regions: ["us-west-2"], openedAt: Date(),
                 openedBy: "t", isDrill: true, drillEndpoint: endpoint)
    }

    static let responder = ["AWS_ACCESS_KEY_ID": "AKIAREALRESPONDER002", "AWS_SECRET_ACCESS_KEY": "realSecret", "AWS_SESSION_TOKEN": "realSession",
                            "AWS_PROFILE": "prod", "AWS_CONFIG_FILE": "/root/.aws/config", "AWS_ENDPOINT_URL": "https://iam.amazonaws.com",
                            "AWS_ENDPOINT_URL_IAM": "https://iam.amazonaws.com", "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://169.254.170.2/creds",
                            "HTTPS_PROXY": "http://192.0.2.1:3128", "all_proxy": "socks5://192.0.2.1", "PATH": "/usr/bin:/bin"]

    @Test func aConfinedCallCarriesTheEmulatorAndDummyCredentialsOnly() throws {
        let listener = try Listener()
        let endpoint = "http://127.0.0.1:\(listener.port)"
        // Written to a file: the runner redacts what the CLI prints, the secret key's value among it.
        let seen = FileManager.default.temporaryDirectory.appendingPathComponent("firebreak-confined-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: seen) }
        let fake = try FakeCLI(script: #"{ printf '%s\n' "$@"; echo ---; env; } > '"# + seen + "'")
        let base = AWSCLIRunner(configuration: AWSCLIConfiguration(executable: fake.path, environment: Self.responder))
        let runner = try base.confined(for: Self.drill(endpoint: endpoint))
        // A profile picked later (an account's, from the config file) is not used either.
        var withProfile = runner
        withProfile.configuration.profile = "prod"
        let result = try withProfile.run(["iam", "put-role-policy", "--role-name", "web"])
        #expect(result.exitCode == 0)
        let parts = try String(contentsOfFile: seen, encoding: .utf8).components(separatedBy: "---\n")
        let argv = parts[0].split(separator: "\n").map(String.init)
        #expect(argv.suffix(4) == ["--region", "us-west-2", "--endpoint-url", endpoint])
        #expect(!argv.contains("--profile"))
        let environment = Dictionary(parts[1].split(separator: "\n").compactMap { line -> (String, String)? in
            guard let equals = line.firstIndex(of: "=") else { return nil }
            return (String(line[..<equals]), String(line[line.index(after: equals)...]))
        }) { $1 }
        #expect(environment["AWS_ACCESS_KEY_ID"] == "testing" && environment["AWS_SECRET_ACCESS_KEY"] == "testing")
        #expect(environment["AWS_CONFIG_FILE"] == "/dev/null" && environment["AWS_SHARED_CREDENTIALS_FILE"] == "/dev/null")
        #expect(environment["AWS_ENDPOINT_URL"] == endpoint)
        for name in ["AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_ENDPOINT_URL_IAM", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "HTTPS_PROXY", "all_proxy"] {
            #expect(environment[name] == nil, "\(name) reached the CLI")
        }
        #expect(environment["PATH"] == "/usr/bin:/bin")
        // A real incident's runner is left as it was.
        let real = Incident(id: IncidentID(rawValue: 5), title: "real", severity: Severity(rawValue: 2)!, openedAt: Date(), openedBy: "t")
        #expect(try base.confined(for: real).configuration == base.configuration)
    }

    @Test func aCallThatCannotGoToTheEmulatorStartsNothing() throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("firebreak-confined-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: marker) }
        let fake = try FakeCLI(script: "touch '\(marker)'")
        let base = AWSCLIRunner(configuration: AWSCLIConfiguration(executable: fake.path, environment: Self.responder))
        let listener = try Listener()
        let running = try base.confined(for: Self.drill(endpoint: "http://127.0.0.1:\(listener.port)"))
        for arguments in [["iam", "get-role", "--endpoint-url", "https://iam.amazonaws.com"], ["iam", "get-role", "--endpoint-url=https://x"],
                          ["iam", "get-role", "--profile", "prod"]] {
            #expect(throws: AWSCLIFailure.self) { try running.run(arguments) }
        }
        let stopped = try LocalPort.free()
        let down = try base.confined(for: Self.drill(endpoint: "http://127.0.0.1:\(stopped)"))
        do {
            _ = try down.run(["sts", "get-caller-identity"])
            Issue.record("a call to a stopped emulator ran")
        } catch {
            #expect(error.description.contains("emulator at http://127.0.0.1:\(stopped) is not running"))
        }
        for endpoint in [nil, "https://iam.amazonaws.com"] {
            #expect(throws: AWSCLIFailure.self) { try base.confined(for: Self.drill(endpoint: endpoint)) }
        }
        var given = base
        given.configuration.endpointURL = "https://iam.amazonaws.com"
        #expect(throws: AWSCLIFailure.self) { try given.confined(for: Self.drill(endpoint: "http://127.0.0.1:\(listener.port)")) }
        #expect(!FileManager.default.fileExists(atPath: marker), "the CLI was started")
    }
}

