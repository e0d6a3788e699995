/// How much of its followed sources' lines an incident keeps: at most `lines`
/// lines and `bytes` raw bytes, the oldest dropped first (and counted).
public struct KeptLinesCap: Sendable, Equatable {
    public var lines: Int
    public var bytes: Int64

    /// 100,000 lines and 256 MiB: a day of a busy service's log, and a bound on
    /// the database however long its lines are (each keeps at most 64 KiB raw).
    public static let `default` = KeptLinesCap(lines: 100_000, bytes: 256 << 20)

    public init(lines: Int = KeptLinesCap.default.lines, bytes: Int64 = KeptLinesCap.default.bytes) {
        self.lines = lines
        self.bytes = bytes
    }
}
