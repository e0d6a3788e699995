import Foundation
import FirebreakTestSupport

/// How many inputs each fuzz test tries: `FIREBREAK_FUZZ_ITERATIONS`
/// (`scripts/reliability` sets a million), else a CI-sized default.
enum FuzzBudget {
    static func iterations(default ciCount: Int) -> Int {
        ProcessInfo.processInfo.environment["FIREBREAK_FUZZ_ITERATIONS"].flatMap(Int.init) ?? ciCount
    }

    /// The seed: `FIREBREAK_FUZZ_SEED` to replay a failure, else a fixed one so CI is repeatable.
    static var seed: UInt64 {
        ProcessInfo.processInfo.environment["FIREBREAK_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0xF12E_B2EA_C0DE
    }

    /// Prints one line that `scripts/reliability` collects.
    static func report(_ target: String, inputs: Int, rejected: Int) {
        print("RELIABILITY fuzz \(target): \(inputs) inputs, \(rejected) rejected with a message, 0 crashes")
    }
}

/// Building hostile inputs: mutations of valid seeds, with the characters
/// that break parsers and terminals over-represented.
struct Mutator {
    var random: SeededGenerator

    /// Scalars attackers and accidents put into text.
    static let nasty: [Unicode.Scalar] = [
        "\u{0}", "\u{7}", "\u{8}", "\u{9}", "\u{A}", "\u{D}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9B}", "\u{9D}",
        "\u{200B}", "\u{200D}", "\u{200E}", "\u{202E}", "\u{2066}", "\u{2069}", "\u{2028}", "\u{FEFF}", "\u{FFFD}",
        "\u{301}", "\u{FE0F}", "\u{65E5}", "\u{1F525}", "\u{E000}", "\u{10FFFF}",
        ":", "/", "-", "*", "\"", "\\", "'", "$", "{", "}", "[", "]", "=", "#", " ", ",", "%", "a", "0", "9", "Z",
    ]

    /// Escape sequences whole, so they survive long enough to reach the sanitiser.
    static let sequences = ["\u{1B}[2J", "\u{1B}]0;owned\u{7}", "\u{1B}]8;;http://x\u{1B}\\", "\u{1B}[31m", "\u{1B}P+q\u{1B}\\",
                            "\u{9B}6n", "\u{1B}[?1049l", "\u{1B}c", "\r\n", "%n%s", "${jndi:x}", "\u{1B}[200~"]

    mutating func int(_ bound: Int) -> Int { Int(random.next() % UInt64(max(bound, 1))) }
    mutating func chance(_ oneIn: Int) -> Bool { int(oneIn) == 0 }

    mutating func scalar() -> Unicode.Scalar {
        switch int(4) {
        case 0: return Self.nasty[int(Self.nasty.count)]
        case 1: return Unicode.Scalar(UInt8(int(128)))
        default:
            while true {
                if let scalar = Unicode.Scalar(UInt32(random.next() % 0x11_0000)) { return scalar }
            }
        }
    }

    /// A mutated copy of `seed`: characters replaced, inserted, deleted,
    /// duplicated, sequences spliced, or the whole thing cut.
    mutating func mutate(_ seed: String) -> String {
        var scalars = Array(seed.unicodeScalars)
        for _ in 0..<(1 + int(4)) {
            switch int(7) {
            case 0 where !scalars.isEmpty: scalars[int(scalars.count)] = scalar()
            case 1: scalars.insert(scalar(), at: int(scalars.count + 1))
            case 2 where !scalars.isEmpty: scalars.remove(at: int(scalars.count))
            case 3: scalars.insert(contentsOf: Self.sequences[int(Self.sequences.count)].unicodeScalars, at: int(scalars.count + 1))
            case 4 where !scalars.isEmpty:
                let start = int(scalars.count)
                let end = min(scalars.count, start + 1 + int(8))
                scalars.insert(contentsOf: scalars[start..<end], at: int(scalars.count + 1))
            case 5 where !scalars.isEmpty: scalars.removeLast(int(scalars.count))
            default: scalars.append(scalar())
            }
        }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars)
        return String(text)
    }

    /// Random bytes, with a bias to bytes that are not valid UTF-8 on their own.
    mutating func bytes(maxCount: Int) -> [UInt8] {
        (0..<int(maxCount + 1)).map { _ in chance(3) ? UInt8(0x80 + int(0x80)) : UInt8(truncatingIfNeeded: random.next()) }
    }

    /// One line of text, one of: a mutated seed, random scalars, or random bytes decoded leniently.
    mutating func text(seeds: [String]) -> String {
        switch int(3) {
        case 0: return mutate(seeds[int(seeds.count)])
        case 1:
            var text = String.UnicodeScalarView()
            for _ in 0..<int(40) { text.append(scalar()) }
            return String(text)
        default: return String(decoding: bytes(maxCount: 40), as: UTF8.self)
        }
    }
}

/// What a terminal could act on instead of print: C0, DEL, C1, bidi
/// controls and the line/paragraph separators.
func isTerminalDangerous(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: true
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
    default: false
    }
}

/// Whether `text` starts with `prefix`, byte for byte (`hasPrefix` compares
/// characters, and a combining mark in the input joins the prefix's last space).
func startsWith(_ text: String, _ prefix: String) -> Bool { text.utf8.starts(with: prefix.utf8) }

/// A rejection a person can read: one line, no control characters, not empty, not a dump.
func isOneClearLine(_ message: String) -> Bool {
    !message.trimmingCharacters(in: .whitespaces).isEmpty
        && !message.unicodeScalars.contains(where: isTerminalDangerous)
        && !message.contains("Swift.") && !message.contains("Error Domain=")
}
