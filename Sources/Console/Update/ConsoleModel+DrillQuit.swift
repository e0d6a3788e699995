import TerminalUI

extension ConsoleModel {
    /// The answer to "Quit the drill?": `y` quits (stopping any running aws call), anything else stays.
    mutating func answerDrillQuit(_ key: Key) -> [ConsoleEffect] {
        overlay = nil
        if key == .character("y") || key == .character("Y") {
            shouldQuit = true
            abandonsAWSWork = pendingWrites > 0
        }
        return []
    }
}
