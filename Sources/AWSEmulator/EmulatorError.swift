/// Why the local emulator could not be started, as one line; each user says
/// it in its own words where it needs to (the drill names itself).
public enum EmulatorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `moto_server` is on no folder of `PATH`.
    case notInstalled
    /// The kernel gave no port on 127.0.0.1.
    case noFreePort
    /// moto was started but did not accept connections before the deadline (or exited).
    case didNotStart(port: Int, seconds: Int)

    /// What installs moto's server.
    public static let installHint = "python3 -m pip install 'moto[server]' (or run scripts/setup)"

    public var description: String {
        switch self {
        case .notInstalled: "moto_server (the local AWS emulator) is not installed: \(Self.installHint)"
        case .noFreePort: "no free port on 127.0.0.1 for the emulator"
        case .didNotStart(let port, let seconds):
            "moto_server did not start on 127.0.0.1:\(port) within \(seconds) s; is its server extra installed? \(Self.installHint)"
        }
    }
}
