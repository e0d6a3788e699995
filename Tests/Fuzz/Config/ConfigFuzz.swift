import FuzzSupport
import IncidentModel

// `FirebreakConfig.swift` here is a link to the parser's own source in
// FirebreakCLI: compiling it into this target fuzzes the very code without
// building (and instrumenting) everything FirebreakCLI imports.

/// The settings file is read at every console start: whatever it holds, the
/// parser does not crash; each line it ignores is reported as
/// `file:LINE: reason` on one line naming a line the file has; an account's
/// profile is kept only for a 12-digit account and a plain profile name.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = FuzzProperty.text(data, size)
    let config = FirebreakConfig.parse(text, file: "fuzz/config")
    let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
    for problem in config.problems {
        FuzzProperty.require(FuzzProperty.isOneClearLine(problem) && FuzzProperty.startsWith(problem, "fuzz/config:"),
                             "unclear problem \(problem.debugDescription)")
        let number = problem.utf8.dropFirst("fuzz/config:".utf8.count).prefix { $0 >= 48 && $0 <= 57 }
        FuzzProperty.require(Int(String(decoding: number, as: UTF8.self)).map { (1...lineCount).contains($0) } ?? false,
                             "problem names no line of the \(lineCount)-line file: \(problem.debugDescription)")
    }
    for (account, profile) in config.accountProfiles {
        FuzzProperty.require(account.utf8.count == 12 && account.utf8.allSatisfy { $0 >= 48 && $0 <= 57 },
                             "kept a profile for account \(account.debugDescription)")
        FuzzProperty.require(!profile.isEmpty && profile.utf8.allSatisfy { byte in
            (65...90).contains(byte) || (97...122).contains(byte) || (48...57).contains(byte) || "-_.".utf8.contains(byte)
        }, "kept the profile name \(profile.debugDescription)")
    }
    return 0
}

/// libFuzzer, trying `fuzzConfig`.
@main
enum FuzzConfigMain {
    static func main() { FuzzMain.run(fuzzConfig) }
}
