import FuzzSupport
import TerminalUI

/// Theme files are user files: whatever the text, the loader does not crash,
/// and a refusal is `fuzz.theme:LINE: message` on one line, naming a line the
/// file has.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzThemes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = FuzzProperty.text(data, size)
    do {
        _ = try Theme.parse(text, name: "fuzz", file: "fuzz.theme")
    } catch {
        let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
        FuzzProperty.require(FuzzProperty.isOneClearLine(error.description) && FuzzProperty.startsWith(error.description, "fuzz.theme:"),
                             "unclear refusal \(error.description.debugDescription)")
        FuzzProperty.require(error.line.map { (1...lineCount).contains($0) } ?? true,
                             "refusal names line \(error.line ?? 0) of a \(lineCount)-line file: \(error.description.debugDescription)")
    }
    return 0
}

/// libFuzzer, trying `fuzzThemes`.
@main
enum FuzzThemesMain {
    static func main() { FuzzMain.run(fuzzThemes) }
}
