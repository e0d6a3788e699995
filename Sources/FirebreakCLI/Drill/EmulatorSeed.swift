import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Seeds moto's random source (`POST /moto-api/seed`) so the ids it makes are
/// the same each time a scenario is seeded in the same order: a resumed drill's
/// new emulator holds the resources its incident records.
///
/// One fixed HTTP/1.0 request on the loopback, written on a socket: linking
/// FoundationNetworking (and libcurl with it) into every run of the binary for
/// this one call would cost each process's start.
enum EmulatorSeed {
    /// The seed every drill uses: fixed, so a drill started by any version that seeds resumes with the same ids.
    static let value = 1_912

    static func makeDeterministic(port: Int) throws {
        let failure = CLIError("the emulator on 127.0.0.1:\(port) did not take its random seed (POST /moto-api/seed)")
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw failure }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else { throw failure }
        let request = Array("POST /moto-api/seed?a=\(value) HTTP/1.0\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: 0\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == request.count else { throw failure }
        var reply = [UInt8](repeating: 0, count: 64)
        let count = reply.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0, String(decoding: reply.prefix(count), as: UTF8.self).hasPrefix("HTTP/1.") else { throw failure }
        let status = String(decoding: reply.prefix(count), as: UTF8.self).split(separator: " ").dropFirst().first
        guard status == "200" else { throw failure }
    }
}
