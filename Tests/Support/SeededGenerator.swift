/// SplitMix64: a small, fast, seedable generator, so a failing random test
/// (a fuzz input, an event sequence, a seek) replays exactly from its seed.
///
/// ```swift
/// var random = SeededGenerator(seed: 42)
/// let n = Int.random(in: 0..<10, using: &random)
/// ```
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`, straight from the next value (bias below 2^-40 for the bounds tests use).
    public mutating func next(upTo bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
