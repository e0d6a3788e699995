import Crypto
import Foundation
import FuzzSupport
@testable import LogTail
import TerminalUI

/// A log line is written by the attacker. The input is a stretch of a log
/// file: its first byte sets how much of each line is kept and how the bytes
/// arrive in reads, the rest is the file.
///
/// - Line assembly cuts exactly where a model split at `\n` does, keeps each
///   line's start, counts its whole length and hashes all of it, whatever the
///   reads' boundaries (a line may span many reads and outgrow what is kept),
///   whether lines are copied out of each read or kept as slices of it.
/// - A filtered source's way (`dropping`, when the control byte's top bit is
///   set, with the query "ab"): a line dropped unmade is one the filter
///   refuses once made, and the lines made are the model's others, in order.
/// - Each line's display text holds nothing a terminal acts on, its kept raw
///   bytes are the line's own, and a time read from the line is read again
///   the same from its bytes.
/// - Drawn into a cell grid at any width: no cell holds a control, nothing is
///   drawn past the width, a wide character's continuation cell follows it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLogLines(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzProperty.bytes(data, size)
    guard let control = input.first else { return 0 }
    let stream = Array(input.dropFirst())
    let keepLimit = 1 + Int(control & 0x3F)
    let limits = LogLineLimits(rawBytes: keepLimit, displayBytes: max(1, keepLimit / 2))

    // The model: every `\n` ends a line; what follows the last one is a partial line.
    var expected = stream.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    let partial = expected.removeLast()

    var assembler = LineAssembler(keepLimit: keepLimit)
    var assembled: [LineAssembler.Assembled] = []
    // Lines the filtered way dropped unmade, by their number among all lines.
    var droppedLines: Set<Int> = []
    var filter: LogFilter?
    if control & 0x80 != 0 { filter = try? LogFilter(query: "ab") }
    var state = UInt32(control) | 0x100
    var offset = 0
    stream.withUnsafeBytes { all in
        while offset < all.count {
            // Read sizes from 1 to 16 bytes, from a small xorshift seeded by the control byte.
            state ^= state << 13; state ^= state >> 17; state ^= state << 5
            let count = min(all.count - offset, 1 + Int(state % 16))
            if let filter {
                assembler.feed(sharing: Array(all[offset..<(offset + count)]),
                               dropping: { filter.surelyRejects(wholeLine: $0, limits: limits) },
                               line: { assembled.append($0) },
                               dropped: { _ = droppedLines.insert(assembled.count + droppedLines.count) })
            } else if control & 0x40 != 0 {
                // The file source's way: lines that lie whole in a read are slices of it.
                assembler.feed(sharing: Array(all[offset..<(offset + count)])) { assembled.append($0) }
            } else {
                assembler.feed(UnsafeRawBufferPointer(rebasing: all[offset..<(offset + count)])) { assembled.append($0) }
            }
            offset += count
        }
    }
    FuzzProperty.require(assembler.pendingLength == partial.count, "holds \(assembler.pendingLength) bytes of a \(partial.count)-byte partial line")
    if let last = assembler.flush() { assembled.append(last) }
    if !partial.isEmpty { expected.append(partial) }
    FuzzProperty.require(assembled.count + droppedLines.count == expected.count,
                         "assembled \(assembled.count) lines and dropped \(droppedLines.count) where the model has \(expected.count)")
    if let filter {
        for index in droppedLines {
            let made = LogLine(sourceID: "fuzz", sequence: UInt64(index), bytes: expected[index], limits: limits)
            FuzzProperty.require(!filter.admits(made), "line \(index): dropped unmade, yet the filter admits it: \(made.text.debugDescription)")
        }
        expected = expected.indices.filter { !droppedLines.contains($0) }.map { expected[$0] }
    }

    for (index, (line, bytes)) in zip(assembled, expected).enumerated() {
        FuzzProperty.require(line.length == bytes.count, "line \(index): length \(line.length), the model's \(bytes.count)")
        FuzzProperty.require(Array(line.kept) == Array(bytes.prefix(keepLimit)), "line \(index): kept bytes are not the line's start")
        FuzzProperty.require(line.digest.bytes == Array(SHA256.hash(data: bytes)), "line \(index): the hash is not the whole line's")

        let logLine = LogLine(sourceID: "fuzz", sequence: UInt64(index), kept: line.kept, rawLength: line.length,
                              digest: line.digest, time: nil, level: nil, arrivedAt: Date(timeIntervalSince1970: 0), limits: limits)
        check(logLine, raw: Array(line.kept), whole: bytes, index: index)
    }

    // The whole input as one line through the public initialiser, with the default limits.
    let whole = LogLine(sourceID: "fuzz", sequence: 0, bytes: stream, arrivedAt: Date(timeIntervalSince1970: 0))
    check(whole, raw: Array(stream.prefix(LogLineLimits.default.rawBytes)), whole: stream, index: -1)
    return 0
}

private func check(_ line: LogLine, raw: [UInt8], whole: [UInt8], index: Int) {
    FuzzProperty.require(FuzzProperty.isSafeToDraw(line.text), "line \(index): display text keeps a control: \(line.text.debugDescription)")
    FuzzProperty.require(line.raw == raw, "line \(index): kept raw bytes are not the line's")
    FuzzProperty.require(line.rawLength == whole.count && line.isRawComplete == (raw.count == whole.count),
                         "line \(index): length \(line.rawLength) of \(whole.count), complete \(line.isRawComplete)")
    FuzzProperty.require(line.sha256 == Array(SHA256.hash(data: whole)), "line \(index): sha256 is not the whole line's")
    if line.timeOrigin == .line {
        FuzzProperty.require(LogTimestampParser.parse(raw) == line.time && line.time.timeIntervalSince1970.isFinite,
                             "line \(index): time \(line.time) not read again from its bytes")
    }
    for width in [1, 7, 40] {
        var canvas = Canvas(width: 44, height: 1)
        let used = canvas.put(line.text, x: 2, y: 0, maxWidth: width)
        FuzzProperty.require(used <= width, "line \(index): drew \(used) columns into \(width)")
        for x in 0..<canvas.width {
            let cell = canvas[x, 0]
            FuzzProperty.require(FuzzProperty.isSafeToDraw(cell.text), "line \(index): cell \(x) holds \(cell.text.debugDescription)")
            FuzzProperty.require(!cell.isContinuation || (x > 0 && canvas[x - 1, 0].width == 2),
                                 "line \(index): a continuation cell without its wide cell at \(x)")
        }
    }
}

/// libFuzzer, trying `fuzzLogLines`.
@main
enum FuzzLogLinesMain {
    static func main() { FuzzMain.run(fuzzLogLines) }
}
