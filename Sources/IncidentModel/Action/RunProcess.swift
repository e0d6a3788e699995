/// The process that ran an action run, recorded when it started, so a run
/// whose process died before its finish event can be told apart from one
/// still going and recorded as interrupted.
public struct RunProcess: Codable, Sendable, Equatable {
    /// The machine's name.
    public var host: String
    public var pid: Int32
    /// The kernel's boot id, so a pid from before a reboot is never mistaken for a live one.
    public var bootID: String?

    public init(host: String, pid: Int32, bootID: String?) {
        self.host = host
        self.pid = pid
        self.bootID = bootID
    }
}
