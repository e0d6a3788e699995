#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What every fuzz target checks beyond "no crash", in the terms of the
/// seeded property tests (`Tests/ReliabilityTests/Support/FuzzInputs.swift`).
///
/// A broken property prints one `FUZZ PROPERTY BROKEN` line and aborts, so
/// libFuzzer keeps the input as a `crash-…` file that replays it.
public enum FuzzProperty {
    /// Stops the run when `condition` is false, saying which property broke.
    public static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        guard !condition() else { return }
        var line = "FUZZ PROPERTY BROKEN: \(message())\n"
        line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
        abort()
    }

    /// A scalar a terminal may act on rather than print: C0, DEL, C1, bidi
    /// marks, embeddings, overrides and isolates, line and paragraph separators.
    public static func isTerminalDangerous(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
        default: false
        }
    }

    /// True when `text` holds no scalar a terminal may act on.
    public static func isSafeToDraw(_ text: String) -> Bool {
        !text.unicodeScalars.contains(where: isTerminalDangerous)
    }

    /// True when `text` holds no C0 control or DEL (what the loaders promise of the text they accept).
    public static func hasNoC0(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }

    /// A refusal a person can read: one line, nothing a terminal acts on, not
    /// empty, not a dump of a Swift or Foundation error.
    public static func isOneClearLine(_ message: String) -> Bool {
        message.unicodeScalars.contains { $0 != " " && $0 != "\t" }
            && isSafeToDraw(message)
            && !message.contains("Swift.") && !message.contains("Error Domain=")
    }

    /// Whether `text` starts with `prefix`, byte for byte (a combining mark in
    /// the input could join the prefix's last character under `hasPrefix`).
    public static func startsWith(_ text: String, _ prefix: String) -> Bool {
        text.utf8.starts(with: prefix.utf8)
    }

    /// The input as text, invalid UTF-8 replaced (as a file read as UTF-8 would be by most readers).
    public static func text(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    }

    /// The input's bytes.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: data, count: size))
    }
}
