import Foundation
import IncidentModel
@testable import Console
import TerminalUI
import Testing

/// The whole screen drawn headless at the sizes people use, compared with
/// reviewed text snapshots in Snapshots/. To re-record after a deliberate
/// change: FIREBREAK_RECORD_SNAPSHOTS=1 swift test --filter ScreenSnapshotTests,
/// then read every changed file before committing it.
@Suite("Screen snapshots")
struct ScreenSnapshotTests {
    static let sizes = [Size(width: 200, height: 60), Size(width: 120, height: 40), Size(width: 80, height: 24), Size(width: 40, height: 12)]

    static func snapshotURL(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/\(name).txt")
    }

    static func assertSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = snapshotURL(name)
        if ProcessInfo.processInfo.environment["FIREBREAK_RECORD_SNAPSHOTS"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "screen differs from Snapshots/\(name).txt", sourceLocation: sourceLocation)
    }

    @Test(arguments: sizes)
    func wholeScreen(_ size: Size) throws {
        let model = try ConsoleFixtures.model(size: size)
        try Self.assertSnapshot(model.screenText, named: "screen-\(size.width)x\(size.height)")
    }

    @Test(arguments: [Size(width: 120, height: 40), Size(width: 80, height: 24)])
    func helpOverlay(_ size: Size) throws {
        var model = try ConsoleFixtures.model(size: size)
        _ = model.press("?")
        try Self.assertSnapshot(model.screenText, named: "help-\(size.width)x\(size.height)")
    }

    @Test func readOnlyScreen() throws {
        let model = try ConsoleFixtures.model(size: Size(width: 120, height: 40), mode: .readOnly)
        try Self.assertSnapshot(model.screenText, named: "readonly-120x40")
    }

    @Test func everySizeDrawsWithoutCrashingAndFitsTheCanvas() throws {
        for width in [0, 1, 2, 10, 29, 30, 31, 45, 79, 80, 81, 150, 300] {
            for height in [0, 1, 2, 7, 8, 12, 21, 22, 24, 60] {
                var model = try ConsoleFixtures.model(size: Size(width: width, height: height))
                let canvas = ConsoleView.render(model)
                #expect(canvas.width == width && canvas.height == height)
                _ = model.press("?")
                _ = ConsoleView.render(model)
            }
        }
        var tiny = try ConsoleFixtures.model(size: Size(width: 20, height: 5))
        #expect(tiny.screenText.contains("Terminal too small"))
        _ = tiny.update(.resize(Size(width: 120, height: 40)))
        #expect(tiny.screenText.contains("Instance role credentials"))
    }
}
