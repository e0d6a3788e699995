import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// TCP ports on 127.0.0.1, for the emulators started for drills, the benchmark and the tests.
public enum LocalPort {
    /// A port nothing listens on now (the kernel's choice).
    public static func free() throws(EmulatorError) -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw .noFreePort }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// True when something accepts connections on `port`.
    public static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}

/// The environment an `aws` call against a local emulator needs: `base` with
/// dummy credentials, one attempt, the emulator's endpoint and no user configuration.
public func emulatorEnvironment(endpoint: String, base: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
    var environment = base
    environment["AWS_ACCESS_KEY_ID"] = "testing"
    environment["AWS_SECRET_ACCESS_KEY"] = "testing"
    environment["AWS_SESSION_TOKEN"] = nil
    environment["AWS_PROFILE"] = nil
    environment["AWS_DEFAULT_REGION"] = "us-east-1"
    environment["AWS_MAX_ATTEMPTS"] = "1"
    environment["AWS_ENDPOINT_URL"] = endpoint
    environment["AWS_CONFIG_FILE"] = "/dev/null"
    environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
    return environment
}
