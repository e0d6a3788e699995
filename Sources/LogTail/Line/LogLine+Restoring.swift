import Foundation

extension LogLine {
    /// A line read back from where it was kept (the incident database), so a
    /// replay shows it as it was shown live.
    ///
    /// `raw` is what was kept (possibly only the start of a long line);
    /// `rawLength` and `sha256Hex` describe the whole line as it was read, so
    /// the restored line hashes like the original. A `sha256Hex` that is not
    /// 64 hex digits is ignored and the kept bytes are hashed instead.
    public init(restoring raw: [UInt8], sourceID: LogSourceID, sequence: UInt64, rawLength: Int, sha256Hex: String,
                time: Date, level: LogLevel, arrivedAt: Date, limits: LogLineLimits = .default) {
        let digest = LineDigest(hex: sha256Hex) ?? LineDigest(hashing: raw)
        let kept = raw.count > limits.rawBytes ? Array(raw[0..<limits.rawBytes]) : raw
        self.init(sourceID: sourceID, sequence: sequence, kept: ArraySlice(kept), rawLength: max(rawLength, kept.count), digest: digest,
                  time: time, level: level, arrivedAt: arrivedAt, limits: limits)
    }
}
